/**
 * The export's one read: a slice of conversations (+ consent) left-joined with their messages, in
 * export order, after a (started_at, id) key. The streaming and the slicing live in
 * main/data/export/source.ts.
 */
import type { Channel, Role } from '../../../shared/domain';
import type { Db } from '../db';

export type ExportScope =
  | { kind: 'all' }
  /** Conversations started in [from, to) (epoch ms; either end open). */
  | { kind: 'range'; from?: number; to?: number }
  | { kind: 'conversation'; conversationId: string };

export interface ExportRow {
  cid: string;
  started_at: number;
  ended_at: number | null;
  channel: Channel;
  locale: string;
  kept_by: 'consent' | 'policy';
  expires_at: number | null;
  consent_choice: 'granted' | 'declined' | null;
  notice_version: number | null;
  consent_at: number | null;
  withdrawn_at: number | null;
  mid: number | null;
  role: Role | null;
  text: string | null;
  intent: string | null;
  confidence: number | null;
  mat: number | null;
}

function where(scope: ExportScope): { sql: string; params: unknown[] } {
  switch (scope.kind) {
    case 'all':
      return { sql: '', params: [] };
    case 'range':
      return { sql: 'WHERE c.started_at >= ? AND c.started_at < ?', params: [scope.from ?? 0, scope.to ?? Number.MAX_SAFE_INTEGER] };
    case 'conversation':
      return { sql: 'WHERE c.id = ?', params: [scope.conversationId] };
  }
}

/** A reader of slices: `read(after, limit)` walks one slice (close the iterator before the next statement). */
export function exportSlices(db: Db, scope: ExportScope): (after: [number, string], limit: number) => IterableIterator<ExportRow> {
  const { sql, params } = where(scope);
  const scoped = sql ? `${sql} AND` : 'WHERE';
  const query = db.prepare(`
    SELECT c.id AS cid, c.started_at, c.ended_at, c.channel, c.locale, c.kept_by, c.expires_at,
      k.choice AS consent_choice, k.notice_version, k.at AS consent_at, k.withdrawn_at,
      m.id AS mid, m.role, m.text, m.intent, m.confidence, m.at AS mat
    FROM conversations c
    LEFT JOIN consents k ON k.id = c.consent_id
    LEFT JOIN messages m ON m.conversation_id = c.id
    WHERE c.id IN (SELECT c.id FROM conversations c ${scoped} (c.started_at, c.id) > (?, ?) ORDER BY c.started_at, c.id LIMIT ?)
    ORDER BY c.started_at, c.id, m.id`);
  return (after, limit) => query.iterate(...params, after[0], after[1], limit) as IterableIterator<ExportRow>;
}
