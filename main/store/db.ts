/**
 * The typed connection every query takes, and the one place the SQLite library is loaded.
 * Only better-sqlite3-multiple-ciphers: a second SQLite copy in the process would turn
 * `pragma key` into a silent no-op.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { AppFailure } from '../../shared/result';

export type Db = Database.Database;
export { Database };

export interface ConnectOptions {
  /** Path of an alternative build of the native addon (the Electron ABI build lives elsewhere). */
  nativeBinding?: string;
  /** How long to wait for another connection's lock before failing with `locked`. */
  busyTimeoutMs?: number;
  /**
   * Sees the text of every SQL statement run (tests count statements per chat turn). Keys never pass
   * through it: they are set with the native key/rekey calls, and a `PRAGMA key` would be filtered.
   */
  trace?: (sql: string) => void;
}

export function connect(file: string, options: ConnectOptions = {}): Db {
  const opts: Database.Options = { timeout: options.busyTimeoutMs ?? 0 };
  if (options.nativeBinding) opts.nativeBinding = options.nativeBinding;
  const trace = options.trace;
  if (trace) opts.verbose = (sql: unknown) => void (/^\s*pragma\s+(re)?key\b/i.test(String(sql)) ? undefined : trace(String(sql)));
  return new Database(file, opts);
}

/** The SQLite result code of a library error (`SQLITE_BUSY`, `SQLITE_NOTADB`...), or null. */
export function sqliteCode(e: unknown): string | null {
  if (e instanceof Error && typeof (e as { code?: unknown }).code === 'string') {
    const code = (e as unknown as { code: string }).code;
    return code.startsWith('SQLITE_') ? code : null;
  }
  return null;
}

/** Maps a library error from a read or write to the typed failure the app shows. */
export function toAppFailure(e: unknown, what: string): AppFailure {
  if (e instanceof AppFailure) return e;
  const code = sqliteCode(e) ?? '';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AppFailure('locked', `${what} is in use by another Hushdesk process`);
  }
  if (code.startsWith('SQLITE_NOTADB')) return new AppFailure('not_a_database', `${what} is not a Hushdesk database`);
  if (code.startsWith('SQLITE_CORRUPT')) return new AppFailure('corrupt', `${what} is damaged`);
  if (code.startsWith('SQLITE_FULL')) return new AppFailure('io_error', `the disk holding ${what} is full`);
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM')) {
    return new AppFailure('io_error', `cannot read or write ${what} (${code})`);
  }
  const message = e instanceof Error ? (e.message.split('\n')[0] ?? 'error') : String(e);
  return new AppFailure('internal', `${what}: ${message}`);
}
