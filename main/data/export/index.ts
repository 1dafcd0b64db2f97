/**
 * Exports: JSON / CSV / Markdown of all conversations, a date range or one conversation, optionally
 * passphrase-encrypted, streamed from SQLite to an atomic file (or any byte sink, e.g. stdout).
 *
 * The whole export runs synchronously: better-sqlite3 forbids other statements on the connection
 * while an iterator is open, so an await in the middle would make every other handler fail with
 * "connection is busy". Memory stays bounded (one row + one ~64 KiB chunk at a time); the cost is
 * that the main process is busy for the duration (about a second per 100k messages, see the bench).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ExportFormat, ExportResult } from '../../../shared/domain';
import { AppFailure } from '../../../shared/result';
import type { Db } from '../../store';
import { appendAudit } from '../audit';
import { AtomicFile, TextBuffer, uniquePath, type ByteSink } from './atomic';
import { DEFAULT_ENVELOPE_COST, EncryptingSink, ENVELOPE_EXTENSION, type EnvelopeCost } from './envelope';
import { FORMAT_EXTENSION, writerFor } from './formats';
import { streamScope, validateScope, type ExportScope } from './source';
import { assertExportDir, checkExportFile } from './target';

export type { ExportScope } from './source';
export { decryptExport, isEncryptedExport, ENVELOPE_EXTENSION, DEFAULT_ENVELOPE_COST, type EnvelopeCost } from './envelope';
export { EXPORT_FORMAT_NAME, EXPORT_FORMAT_VERSION, CSV_COLUMNS, csvCell, mdEscape } from './formats';
export { exportQr, QR_MAX_CHARS, qrText, qrOfMessages, type QrMessage } from './qr';
export type { ByteSink } from './atomic';
export { removeStaleExportTemps, EXPORT_TEMPS_DIR } from './temp-registry';
export { assertExportDir, checkExportFile, defaultExportDir } from './target';

export interface ExportOptions {
  format: ExportFormat;
  /** The store's data folder: exports are never written inside it, and their temps are recorded there. */
  dataDir: string;
  scope: ExportScope;
  /** Encrypts the file with this passphrase (docs/EXPORT.md). */
  passphrase?: string;
  now: number;
  appVersion?: string;
  /** scrypt cost of the envelope (tests use a cheap one). */
  envelopeCost?: EnvelopeCost;
}

export type ExportTarget =
  /** A new file with a generated name in this folder (never replaces an earlier export). */
  | { kind: 'dir'; dir: string }
  /** Exactly this path; an existing regular file is replaced (atomically) only with `force`. */
  | { kind: 'file'; path: string; force?: boolean }
  /** Any byte sink (stdout); nothing atomic about it. */
  | { kind: 'sink'; sink: ByteSink };

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

export function exportFileName(o: Pick<ExportOptions, 'format' | 'scope' | 'now' | 'passphrase'>): { base: string; ext: string } {
  const what = o.scope.kind === 'conversation' ? `-${o.scope.conversationId}` : '';
  return { base: `hushdesk-export-${stamp(o.now)}${what}`, ext: `${FORMAT_EXTENSION[o.format]}${o.passphrase ? ENVELOPE_EXTENSION : ''}` };
}

/**
 * Writes one export and appends its audit event (what, how many, format, encrypted; never content).
 * On any failure the temp file is removed and nothing appears under the final name.
 */
export function createExport(db: Db, o: ExportOptions, target: ExportTarget): ExportResult {
  validateScope(db, o.scope);
  if (o.passphrase !== undefined && o.passphrase.length < 8) throw new AppFailure('invalid_input', 'the export passphrase must be at least 8 characters');
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
    const enc = o.passphrase !== undefined ? new EncryptingSink(sink, o.passphrase, o.envelopeCost ?? DEFAULT_ENVELOPE_COST) : null;
    const text = new TextBuffer(enc ?? sink);
    const w = writerFor(o.format, text);
    w.begin({ exportedAt: o.now, scope: o.scope, appVersion: o.appVersion ?? '0.1.0' });
    const totals = streamScope(db, o.scope, w);
    w.end(totals);
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
      { what: 'conversations', scope: o.scope.kind, format: o.format, conversations: totals.conversations, messages: totals.messages, encrypted: enc !== null },
      o.now,
    );
    return result;
  } catch (e) {
    file?.abort();
    throw e;
  }
}
