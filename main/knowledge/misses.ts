/**
 * Missed questions, the learning loop's inbox. The chat hands over (already redacted) text of a
 * SAVED conversation only; what is stored is detached from it (no conversation id, the day only).
 * Rules that hold here, whoever calls:
 *   - nothing is captured while the owner switched the inbox off;
 *   - a question like one the staff dismissed is stored as dismissed (it does not come back);
 *   - questions older than the inbox's own retention (default 30 days) are deleted.
 * Grouping is computed when read: token Jaccard over the engine's normalised text, greedy, in order
 * of arrival, so a group's id (its first row) is stable while its rows exist. Each question keeps the
 * language it was asked in (the turn's reply language): groups never mix languages, and a group's
 * suggestions come from that language's model.
 */
import type { MissGroup, MissSettings } from '../../shared/kb-editor';
import { AppFailure } from '../../shared/result';
import { normalizeText } from '../engine';
import { deleteAllMisses, insertMiss, listMisses, pruneMissesBefore, setMissStatus, transaction, type Db, type MissReason, type MissRow } from '../store';
import { missSettings, saveMissSettings } from './miss-settings';

export { DEFAULT_MISS_SETTINGS, missSettings, wipeMissesForDay } from './miss-settings';

/** Two questions whose word sets overlap this much are one group ("near-duplicates"). */
export const SIMILARITY = 0.5;
const DAY_MS = 86_400_000;

/** The calendar day (UTC) of an instant: the finest time a missed question keeps. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function tokens(norm: string): Set<string> {
  return new Set(norm.split(' ').filter((t) => t.length > 0));
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  return inter / (a.size + b.size - inter);
}

interface Cluster {
  rows: MissRow[];
  tokens: Set<string>;
}

/** Greedy grouping: each question joins the first group of its language whose first question is similar enough. */
export function groupMisses(rows: readonly MissRow[]): Cluster[] {
  const out: Cluster[] = [];
  for (const r of rows) {
    const t = tokens(r.norm);
    const home = out.find((c) => (c.rows[0] as MissRow).language === r.language && (r.norm === (c.rows[0] as MissRow).norm || jaccard(c.tokens, t) >= SIMILARITY));
    if (home) home.rows.push(r);
    else out.push({ rows: [r], tokens: t });
  }
  return out;
}

const notFound = (id: string): AppFailure => new AppFailure('not_found', `No open group of missed questions with id ${id}.`);

export const groupId = (c: Cluster): string => `m${(c.rows[0] as MissRow).id}`;

export interface MissInbox {
  /** The chat's hook: a redacted question from a saved conversation, asked in `language`. */
  capture(text: string, reason: MissReason, suggested: string[], language: string): boolean;
  groups(): MissGroup[];
  /** The open rows of one group (throws not_found). */
  rowsOf(id: string): MissRow[];
  mark(id: string, status: 'dismissed' | 'assigned', intent: string | null): number;
  prune(): number;
  settings(): MissSettings;
  setSettings(patch: Partial<MissSettings>): MissSettings;
  eraseAll(): number;
}

export function createMissInbox(deps: { db: () => Db; now: () => number; rank: (text: string, language: string) => { intent: string; confidence: number }[] }): MissInbox {
  const cutoff = (s: MissSettings): string => dayOf(deps.now() - s.retentionDays * DAY_MS);

  function openGroups(): { cluster: Cluster; id: string }[] {
    return groupMisses(listMisses(deps.db(), 'open')).map((cluster) => ({ cluster, id: groupId(cluster) }));
  }

  return {
    capture(text, reason, suggested, language) {
      const db = deps.db();
      const s = missSettings(db);
      if (!s.enabled) return false;
      const norm = normalizeText(text, language);
      if (norm.length === 0) return false;
      const t = tokens(norm);
      const dismissed = listMisses(db, 'dismissed').some((r) => r.language === language && (r.norm === norm || jaccard(tokens(r.norm), t) >= SIMILARITY));
      transaction(db, () => {
        pruneMissesBefore(db, cutoff(s));
        insertMiss(db, { text: text.slice(0, 4000), norm, reason, day: dayOf(deps.now()), language, suggested: suggested.slice(0, 3), status: dismissed ? 'dismissed' : 'open' });
      });
      return !dismissed;
    },
    groups() {
      return openGroups()
        .map(({ cluster, id }) => {
          const texts = [...new Set(cluster.rows.map((r) => r.text))];
          const language = (cluster.rows[0] as MissRow).language;
          return {
            id,
            language,
            texts,
            count: cluster.rows.length,
            lastDay: cluster.rows.reduce((d, r) => (r.day > d ? r.day : d), ''),
            reasons: [...new Set(cluster.rows.map((r) => r.reason))],
            suggested: deps.rank(texts[0] as string, language).slice(0, 3),
          };
        })
        .sort((a, b) => b.count - a.count || (a.lastDay < b.lastDay ? 1 : a.lastDay > b.lastDay ? -1 : 0));
    },
    rowsOf(id) {
      const g = openGroups().find((x) => x.id === id);
      if (!g) throw notFound(id);
      return g.cluster.rows;
    },
    mark(id, status, intent) {
      const g = openGroups().find((x) => x.id === id);
      if (!g) throw notFound(id);
      return setMissStatus(deps.db(), g.cluster.rows.map((r) => r.id), status, intent);
    },
    prune: () => pruneMissesBefore(deps.db(), cutoff(missSettings(deps.db()))),
    settings: () => missSettings(deps.db()),
    setSettings(patch) {
      const db = deps.db();
      const next = saveMissSettings(db, patch);
      // Switching the inbox off forgets what it holds: "off" must mean nothing kept.
      if (!next.enabled) deleteAllMisses(db);
      else pruneMissesBefore(db, cutoff(next));
      return next;
    },
    eraseAll: () => deleteAllMisses(deps.db()),
  };
}
