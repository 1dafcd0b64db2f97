/**
 * Exports: JSON / CSV / Markdown of all conversations, a date range or one conversation, optionally
 * encrypted in the age format (a passphrase or X25519 public keys: export/age.ts), streamed from
 * SQLite to an atomic file (or any byte sink, e.g. stdout).
 *
 * An export reads slices of conversations (source.ts): `createExport` runs them at once (CLI, tests);
 * `createExportInSlices` gives the event loop a turn between slices, so the app's UI keeps answering
 * during a large export (the bench measures the longest stall). The app holds the store gate for the
 * export, so no chat turn is written between slices and the file is one consistent snapshot. Memory
 * stays bounded (one row + one ~64 KiB chunk at a time).
 * Encryption's one async step (the age header: scrypt, X25519) is done before, by `prepareAgeSeal`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ExportFormat, ExportResult } from '../../../shared/domain';
import { AppFailure } from '../../../shared/result';
import type { Db } from '../../store';
import { appendAudit } from '../audit';
import { AtomicFile, TextBuffer, uniquePath, type ByteSink } from './atomic';
import { AGE_EXTENSION, AgeSink, prepareAgeSeal, type AgeSeal } from './age';
import { FORMAT_EXTENSION, writerFor, type MarkdownLabels } from './formats';
import { runSteps, runStepsYielding, streamScopeSteps, validateScope, type ExportScope } from './source';
import { assertExportDir, checkExportFile } from './target';
import { listMisses } from '../../store/queries/misses';

export type { ExportScope } from './source';
export { prepareAgeSeal, checkRecipients, loadAge, looksLikeAge, AGE_EXTENSION, AGE_SCRYPT_LOG_N, type AgeSeal, type AgeSealOptions } from './age';
export { EXPORT_FORMAT_NAME, EXPORT_FORMAT_VERSION, CSV_COLUMNS, csvCell, markdownLabels, mdEscape, type MarkdownLabels } from './formats';
export { exportQr, QR_MAX_CHARS, qrText, qrOfMessages, type QrMessage } from './qr';
export type { ByteSink } from './atomic';
export { removeStaleExportTemps, EXPORT_TEMPS_DIR } from './temp-registry';
export { assertExportDir, checkExportFile, defaultExportDir, exportFolderProblem } from './target';

export interface ExportOptions {
  format: ExportFormat;
  /** The store's data folder: exports are never written inside it, and their temps are recorded there. */
  dataDir: string;
  scope: ExportScope;
  /** Encrypts the file in the age format with this prepared header (`prepareAgeSeal`; docs/EXPORT.md). */
  seal?: AgeSeal;
  /** Gone with the old envelope: a passphrase goes through `exportSeal` (typed `never` so no caller passes one that would be ignored). */
  passphrase?: never;
  now: number;
  appVersion?: string;
  /** The Markdown transcript's bot name and topic titles (markdownLabels); without them: "Hushdesk" and intent ids. */
  labels?: MarkdownLabels;
}

export type ExportTarget =
  /** A new file with a generated name in this folder (never replaces an earlier export). */
  | { kind: 'dir'; dir: string }
  /** Exactly this path; an existing regular file is replaced (atomically) only with `force`. */
  | { kind: 'file'; path: string; force?: boolean }
  /** Any byte sink (stdout); nothing atomic about it. */
  | { kind: 'sink'; sink: ByteSink };

/**
 * The encryption one export gets: a passphrase given for it, else the public keys set in settings
 * (an IT department's `age1…` keys), else none. An age file is either passphrase-encrypted or
 * encrypted to keys, never both, so a passphrase while keys are set is refused, not dropped.
 * Async (scrypt on the thread pool, X25519): await it before `createExport`.
 */
export async function exportSeal(o: { passphrase?: string | undefined; recipients?: readonly string[] | undefined; scryptLogN?: number }): Promise<AgeSeal | undefined> {
  const keys = o.recipients ?? [];
  if (o.passphrase !== undefined && keys.length > 0) {
    throw new AppFailure(
      'invalid_input',
      'Exports here are encrypted to the public keys set in Settings › Export and wipe; age cannot add a passphrase to them. Leave the passphrase empty.',
    );
  }
  if (o.passphrase !== undefined) return prepareAgeSeal({ passphrase: o.passphrase, ...(o.scryptLogN !== undefined ? { scryptLogN: o.scryptLogN } : {}) });
  if (keys.length > 0) return prepareAgeSeal({ recipients: keys });
  return undefined;
}

/** The scope an IPC/CLI request describes. */
export function scopeOf(r: { conversationId?: string | undefined; from?: number | undefined; to?: number | undefined }): ExportScope {
  if (r.conversationId !== undefined) {
    if (r.from !== undefined || r.to !== undefined) throw new AppFailure('invalid_input', 'export one conversation or a date range, not both');
    return { kind: 'conversation', conversationId: r.conversationId };
  }
  if (r.from !== undefined || r.to !== undefined) {
    const s: ExportScope = { kind: 'range' };
    if (r.from !== undefined) s.from = r.from;
    if (r.to !== undefined) s.to = r.to;
    return s;
  }
  return { kind: 'all' };
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

export function exportFileName(o: Pick<ExportOptions, 'format' | 'scope' | 'now' | 'seal'>): { base: string; ext: string } {
  const what = o.scope.kind === 'conversation' ? `-${o.scope.conversationId}` : '';
  return { base: `hushdesk-export-${stamp(o.now)}${what}`, ext: `${FORMAT_EXTENSION[o.format]}${o.seal ? AGE_EXTENSION : ''}` };
}

/**
 * Writes one export and appends its audit event (what, how many, format, encrypted; never content).
 * On any failure the temp file is removed and nothing appears under the final name.
 */
export function createExport(db: Db, o: ExportOptions, target: ExportTarget): ExportResult {
  return runSteps(exportSteps(db, o, target));
}

/** The same export, yielding to the event loop between slices of conversations. */
/** `onProgress`: conversations written so far, after each slice (the app's progress bar). */
export function createExportInSlices(db: Db, o: ExportOptions, target: ExportTarget, onProgress?: (conversations: number) => void): Promise<ExportResult> {
  return runStepsYielding(exportSteps(db, o, target), onProgress);
}

function* exportSteps(db: Db, o: ExportOptions, target: ExportTarget): Generator<number, ExportResult> {
  validateScope(db, o.scope);
  let file: AtomicFile | null = null;
  let sink: ByteSink;
  if (target.kind === 'sink') sink = target.sink;
  else {
    const rules = { dataDir: o.dataDir, ...(target.kind === 'file' && target.force ? { force: true } : {}) };
    const dest = target.kind === 'file' ? checkExportFile(target.path, rules) : (() => {
      assertExportDir(target.dir, rules);
      // The export folder (Downloads by default) may not exist yet.
      fs.mkdirSync(target.dir, { recursive: true });
      const n = exportFileName(o);
      return uniquePath(target.dir, n.base, n.ext);
    })();
    file = new AtomicFile(dest, o.dataDir);
    sink = file;
  }
  try {
    const enc = o.seal ? new AgeSink(sink, o.seal) : null;
    const text = new TextBuffer(enc ?? sink);
    const w = writerFor(o.format, text, o.labels);
    w.begin({ exportedAt: o.now, scope: o.scope, appVersion: o.appVersion ?? '0.1.0' });
    const totals = yield* streamScopeSteps(db, o.scope, w);
    // Missed questions belong to no conversation: they go in whole-store exports (JSON, Markdown),
    // each writer taking the fields it exports (never the grouping key or the suggestions).
    w.end(o.scope.kind === 'all' ? { ...totals, missed: listMisses(db) } : totals);
    text.flush();
    enc?.end();
    const bytes = file ? file.commit() : text.bytes;
    const result: ExportResult = {
      path: file ? file.file : '',
      fileName: file ? path.basename(file.file) : '',
      conversations: totals.conversations,
      messages: totals.messages,
      bytes,
      encrypted: enc !== null,
    };
    appendAudit(
      db,
      'export',
      {
        what: 'conversations',
        scope: o.scope.kind,
        format: o.format,
        conversations: totals.conversations,
        messages: totals.messages,
        encrypted: enc !== null,
        // How, never to whom: the number of public keys, not the keys.
        ...(o.seal ? { encryptedTo: o.seal.mode, ...(o.seal.mode === 'recipients' ? { recipients: o.seal.recipients } : {}) } : {}),
      },
      o.now,
    );
    return result;
  } catch (e) {
    file?.abort();
    throw e;
  }
}
