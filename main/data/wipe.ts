/**
 * Wipes, three scopes:
 *  - one conversation: its messages and search entries go (its consent record stays, marked
 *    withdrawn, as the chat service does: consent must stay provable and holds no content);
 *  - end of day: every conversation, message, consent record and search entry, in ONE transaction
 *    with its audit event; then a rotation to a fresh data key through a compact copy (VACUUM INTO:
 *    no free pages, no WAL), swapped in (crypto-erase: remnants anywhere on disk were encrypted
 *    under a key that no longer exists). All of that SQLite work runs in a worker thread.
 *    KB versions, settings, notices, meta and the audit log stay;
 *  - everything: database, key file, caches, logs and set-aside copies: back to a first start.
 *
 * Crash safety (SIGKILL anywhere):
 *  - end of day: the delete transaction also sets meta `wipe.pending`; a kill before it commits
 *    leaves the old state, after it the rows are gone and `resumeEndOfDayWipe` (run at start-up,
 *    see startup.ts) finishes the rotation. The rekey itself is crash-safe (key file `pending`).
 *  - everything: a marker file is written first; `recoverWipeAll` (run at start-up, before the
 *    store is opened) finishes an interrupted erase, so the next open is a clean first start.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as crypto from 'node:crypto';
import type { WipeCounts, WipePreview, WipeScope, WipeStay } from '../../shared/domain';
import { AppFailure } from '../../shared/result';
import { deleteConversation, deleteMeta, getMeta, isStoreInUse, setMeta, storePaths, transaction, withdrawConsent, type Db, type Store } from '../store';
import type { ConnectOptions } from '../store/db';
import { rekeyWith } from '../store/rekey';
import { runInWorker } from '../workers/run-in-worker';
import type { WipeJob } from './wipe-worker';
import { fsyncDir, writeFileAtomic } from '../store/keys/keyfile';
import { fsFailure } from '../store/io-errors';
import { EXPORT_TEMPS_DIR, removeStaleExportTemps } from './export/temp-registry';
import { activeConsentIds, conversationDataCounts, countKbVersions, deleteAllConversationData } from '../store/queries/wipe';
import { appendAudit, countAudit } from './audit';
import { wipeMissesForDay } from '../knowledge/miss-settings';

/** The end-of-day wipe's steps, in the order they are reached (hooks.step; the progress bar counts them). */
export const END_OF_DAY_STEPS = ['deleted', 'optimized', 'vacuumed', 'checkpointed', 'rekeyed', 'finished'] as const;
/** Erase everything's steps, in order. */
export const ERASE_ALL_STEPS = ['marker_written', 'key_destroyed', 'database_removed', 'files_removed'] as const;

export type WipeStep = (typeof END_OF_DAY_STEPS)[number] | (typeof ERASE_ALL_STEPS)[number];

/** Who asked: staff in the app, the schedule (or its catch-up at start), the CLI. */
export type WipeTrigger = 'staff' | 'scheduled' | 'cli';

/** Test seam: called after each named step (the crash tests kill the process there). */
export interface WipeHooks {
  step?(name: WipeStep): void;
}

const META_PENDING = 'wipe.pending';
const META_LAST = 'wipe.last';
/** Marker of an erase-everything in progress (inside the data folder). */
export const ERASE_MARKER = '.hushdesk-erasing';
/**
 * Names inside the data folder that belong to Hushdesk besides the store files. `exports` is the
 * default export folder of the CLI and preview host (plain-text transcripts): "erase everything"
 * keeps only exports saved outside the data folder, as its confirmation says.
 */
const OWNED_DIRS = ['logs', 'cache', 'exports', EXPORT_TEMPS_DIR];
const OWNED_PREFIXES = ['set-aside-'];

export interface LastWipe {
  at: number;
  scope: 'day';
  counts: WipeCounts;
}


/** Hushdesk's own files and folders in the data folder (and the given cache folders), that exist. */
export function ownedFiles(dataDir: string, extraDirs: string[] = []): string[] {
  const p = storePaths(dataDir);
  const out = [p.db, p.wal, p.shm, p.journal, p.key].filter((f) => fs.existsSync(f));
  let names: string[] = [];
  try {
    names = fs.readdirSync(p.dataDir);
  } catch {
    names = [];
  }
  for (const name of names) {
    const full = path.join(p.dataDir, name);
    const ours =
      OWNED_DIRS.includes(name) ||
      OWNED_PREFIXES.some((x) => name.startsWith(x)) ||
      // temp files of atomic writes (key file, exports) left by a crash
      (name.startsWith('.hushdesk') && name.endsWith('.tmp'));
    if (ours && !out.includes(full)) out.push(full);
  }
  for (const d of extraDirs) {
    const full = path.resolve(d);
    if (fs.existsSync(full) && !out.some((f) => full === f || full.startsWith(f + path.sep))) out.push(full);
  }
  return out;
}

export interface PreviewOptions {
  dataDir: string;
  /** Caches erased with "everything" (the trained model cache). */
  cacheDirs?: string[];
}

/** What stays, in the CLI's English, from its code and counts (the screens word the same codes). */
function stayText(s: WipeStay): string {
  switch (s.what) {
    case 'other_conversations':
      return 'other conversations';
    case 'consent_record':
      return 'its consent record (time, notice version and choice; no content), marked withdrawn';
    case 'knowledge_base':
      return s.versions === undefined ? 'knowledge base' : `knowledge base (${s.versions} version${s.versions === 1 ? '' : 's'})`;
    case 'settings':
      return 'settings';
    case 'privacy_notices':
      return 'privacy notices';
    case 'audit_log':
      return s.entries === undefined ? 'audit log' : `audit log (${s.entries} entries, plus this wipe)`;
    case 'exports_outside':
      return 'exports you saved outside the data folder';
  }
}

const staying = (stay: WipeStay[]): Pick<WipePreview, 'stays' | 'stay'> => ({ stays: stay.map(stayText), stay });

/** Exactly what a wipe would remove (counts) and what stays. */
export function previewWipe(db: Db, scope: WipeScope, o: PreviewOptions): WipePreview {
  if (scope.kind === 'conversation') {
    const c = conversationDataCounts(db, scope.conversationId);
    if (c.conversations === 0) throw new AppFailure('not_found', `no conversation ${scope.conversationId}`);
    return {
      scope: 'conversation',
      goes: c,
      ...staying([{ what: 'other_conversations' }, { what: 'consent_record' }, { what: 'knowledge_base' }, { what: 'settings' }, { what: 'audit_log' }]),
    };
  }
  const c = conversationDataCounts(db);
  if (scope.kind === 'day') {
    return {
      scope: 'day',
      goes: c,
      ...staying([{ what: 'knowledge_base', versions: countKbVersions(db) }, { what: 'settings' }, { what: 'privacy_notices' }, { what: 'audit_log', entries: countAudit(db) }]),
    };
  }
  return {
    scope: 'all',
    goes: { ...c, files: ownedFiles(o.dataDir, o.cacheDirs) },
    ...staying([{ what: 'exports_outside' }]),
  };
}

/** Deletes one conversation (messages and search entries by cascade) with its audit event. */
export function wipeConversation(db: Db, conversationId: string, now: number): WipeCounts {
  const c = transaction(db, () => {
    const c = conversationDataCounts(db, conversationId);
    if (c.conversations === 0) throw new AppFailure('not_found', `no conversation ${conversationId}`);
    for (const id of activeConsentIds(db, conversationId)) withdrawConsent(db, id, now);
    deleteConversation(db, conversationId);
    appendAudit(db, 'wipe', { scope: 'conversation', ...c }, now);
    return c;
  });
  // Older WAL frames can still hold the deleted rows' pages; fold them into the file now.
  db.pragma('wal_checkpoint(TRUNCATE)');
  return c;
}


/** What the end-of-day delete records with its rows (the worker runs it on its own connection). */
export interface DayWipe {
  now: number;
  trigger: WipeTrigger;
  /** A scheduled wipe: the time it was due (later than that, it was missed while the app was closed). */
  dueAt?: number;
}

/**
 * The end-of-day delete: every conversation, message, consent and search entry, the day's missed
 * questions, the pending mark and the audit event, in ONE transaction. Returns what went.
 */
export function deleteDay(db: Db, day: DayWipe): WipeCounts {
  return transaction(db, () => {
    const c = conversationDataCounts(db);
    deleteAllConversationData(db);
    // Missed questions go with the day's conversations unless the owner chose to keep them (anonymised).
    wipeMissesForDay(db);
    setMeta(db, META_PENDING, JSON.stringify({ at: day.now, scope: 'day' }));
    setMeta(db, META_LAST, JSON.stringify({ at: day.now, scope: 'day', counts: c } satisfies LastWipe));
    appendAudit(db, 'wipe', { scope: 'day', ...c, rotatedKey: true, trigger: day.trigger, ...(day.dueAt !== undefined ? { dueAt: day.dueAt } : {}) }, day.now);
    return c;
  });
}

/**
 * The delete (when `day` is given), the index merge and the rotated copy, all in a worker thread on
 * a connection of its own (rekeyWith closes the store's while it runs): on 100,000 messages this is
 * over a second of SQLite work that would otherwise freeze every window. Then the swap to the copy
 * under a fresh data key, and `wipe.pending` cleared last. Steps are reported as the worker reaches
 * them (the crash tests kill the process there).
 */
async function cryptoEraseOffThread(store: Store, hooks: WipeHooks, day: DayWipe | null): Promise<WipeCounts | null> {
  const counts = await rekeyWith(store, (copy) => {
    const job: WipeJob = { copy: { ...copy, connectOptions: workerSafe(copy.connectOptions) }, day };
    return runInWorker<WipeCounts | null>(__dirname, 'wipe-worker', job, [], (step) => hooks.step?.(step as WipeStep));
  });
  hooks.step?.('rekeyed');
  // The rotation swapped in a rewritten file: use the store's new connection from here on.
  deleteMeta(store.db, META_PENDING);
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  hooks.step?.('finished');
  return counts;
}

/** Connect options a worker can receive (a statement trace is a function: it stays on this side). */
function workerSafe(o: ConnectOptions): ConnectOptions {
  const out: ConnectOptions = {};
  if (o.nativeBinding !== undefined) out.nativeBinding = o.nativeBinding;
  if (o.busyTimeoutMs !== undefined) out.busyTimeoutMs = o.busyTimeoutMs;
  return out;
}

/**
 * The end-of-day wipe. The open Store stays usable afterwards (`store.db` is a new connection to the
 * rewritten file under the new key: callers must not hold on to the old one).
 * Returns what was deleted.
 */
export async function wipeEndOfDay(store: Store, now: number, o: { hooks?: WipeHooks; trigger?: WipeTrigger; dueAt?: number } = {}): Promise<WipeCounts> {
  const counts = await cryptoEraseOffThread(store, o.hooks ?? {}, { now, trigger: o.trigger ?? 'staff', ...(o.dueAt !== undefined ? { dueAt: o.dueAt } : {}) });
  if (!counts) throw new AppFailure('internal', 'the wipe did not report what it deleted');
  return counts;
}

/** Finishes an end-of-day wipe a crash interrupted (rows already gone). True when there was one. */
export async function resumeEndOfDayWipe(store: Store, hooks: WipeHooks = {}): Promise<boolean> {
  if (getMeta(store.db, META_PENDING) === undefined) return false;
  await cryptoEraseOffThread(store, hooks, null);
  return true;
}

export function lastWipe(db: Db): LastWipe | null {
  const v = getMeta(db, META_LAST);
  if (!v) return null;
  try {
    return JSON.parse(v) as LastWipe;
  } catch {
    return null;
  }
}

function destroyKeyFile(file: string): void {
  if (!fs.existsSync(file)) return;
  // Overwrite in place and sync before unlinking, so the wrapped key is gone even where the
  // directory entry is (on SSDs this is best effort; the wrap itself needs the passphrase/OS key).
  const size = Math.max(fs.statSync(file).size, 1024);
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, crypto.randomBytes(size), 0, size, 0);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.rmSync(file, { force: true });
}

function eraseSteps(dataDir: string, cacheDirs: string[], hooks: WipeHooks): string[] {
  const p = storePaths(dataDir);
  const removed = ownedFiles(dataDir, cacheDirs);
  // Plaintext temps of exports a crash cut short live beside their targets (outside this folder):
  // the markers in export-temps/ name them.
  removed.push(...removeStaleExportTemps(p.dataDir));
  destroyKeyFile(p.key);
  fsyncDir(p.dataDir);
  hooks.step?.('key_destroyed');
  for (const f of [p.db, p.wal, p.shm, p.journal]) fs.rmSync(f, { force: true });
  fsyncDir(p.dataDir);
  hooks.step?.('database_removed');
  for (const f of ownedFiles(dataDir, cacheDirs)) fs.rmSync(f, { recursive: true, force: true });
  fsyncDir(p.dataDir);
  hooks.step?.('files_removed');
  fs.rmSync(path.join(p.dataDir, ERASE_MARKER), { force: true });
  fsyncDir(p.dataDir);
  hooks.step?.('finished');
  return removed;
}

export interface WipeAllOptions {
  /** Further folders of derived data to remove (the model cache). */
  cacheDirs?: string[];
  hooks?: WipeHooks;
}

/**
 * Erase everything: the store must be closed (by this process: ctx.closeStoreFor); refuses with
 * `locked` when any process holds it. Works without the passphrase. Returns the removed paths.
 */
export function wipeAll(dataDir: string, o: WipeAllOptions = {}): string[] {
  const p = storePaths(dataDir);
  if (!fs.existsSync(p.dataDir)) return [];
  if (isStoreInUse(p.dataDir)) throw new AppFailure('locked', 'the data folder is in use by a Hushdesk process; close it first');
  const cacheDirs = o.cacheDirs ?? [];
  const hooks = o.hooks ?? {};
  try {
    writeFileAtomic(path.join(p.dataDir, ERASE_MARKER), Buffer.from(`${JSON.stringify({ startedAt: Date.now(), cacheDirs })}\n`, 'utf8'));
    hooks.step?.('marker_written');
    return eraseSteps(p.dataDir, cacheDirs, hooks);
  } catch (e) {
    if (e instanceof AppFailure) throw e;
    throw fsFailure('cannot erase the data folder', e);
  }
}

/**
 * Finishes an erase-everything a crash interrupted. Call at start-up before opening the store.
 * True when there was one to finish.
 */
export function recoverWipeAll(dataDir: string, o: { cacheDirs?: string[] } = {}): boolean {
  const p = storePaths(dataDir);
  const marker = path.join(p.dataDir, ERASE_MARKER);
  if (!fs.existsSync(marker)) return false;
  let recorded: string[] = [];
  try {
    const parsed = JSON.parse(fs.readFileSync(marker, 'utf8')) as { cacheDirs?: unknown };
    if (Array.isArray(parsed.cacheDirs)) recorded = parsed.cacheDirs.filter((d): d is string => typeof d === 'string');
  } catch {
    recorded = [];
  }
  eraseSteps(p.dataDir, [...new Set([...recorded, ...(o.cacheDirs ?? [])])], {});
  return true;
}
