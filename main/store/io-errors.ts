/**
 * File-system failures in plain words. A full disk, a quota or a read-only folder is something a
 * person can act on (free space, move the data folder), so it gets the typed `io_error` with a
 * sentence, never `internal`. Messages name what failed by its role ("the database", an export's
 * file name), never an absolute path: they reach the renderer.
 */
import { AppFailure } from '../../shared/result';
import { sqliteCode } from './db';

const PLAIN: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EMFILE: 'too many files are open',
  EIO: 'the disk reported an input/output error',
};

/** The errno code of a Node file-system error, or null. */
export function errnoCode(e: unknown): string | null {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : null;
}

/** `<what>: <reason in words>` as an io_error. */
export function fsFailure(what: string, e: unknown): AppFailure {
  const code = errnoCode(e) ?? 'error';
  return new AppFailure('io_error', `${what}: ${PLAIN[code] ?? code}`);
}

/**
 * Maps an error nobody expected to a typed failure when it is a disk condition a person can fix
 * (full, quota, read-only), else null. No data is lost in these cases: every write that failed was
 * a transaction or an atomic rename that did not happen.
 */
export function diskFailure(e: unknown): AppFailure | null {
  const errno = errnoCode(e);
  if (errno === 'ENOSPC' || errno === 'EDQUOT' || errno === 'EROFS') {
    return new AppFailure('io_error', `Hushdesk could not save: ${PLAIN[errno]}. Nothing already stored was lost; free some space (or make the folder writable) and try again.`);
  }
  const sql = sqliteCode(e) ?? '';
  if (sql.startsWith('SQLITE_FULL')) return new AppFailure('io_error', 'Hushdesk could not save: the disk is full. Nothing already stored was lost; free some space and try again.');
  if (sql.startsWith('SQLITE_READONLY')) return new AppFailure('io_error', 'Hushdesk could not save: the data folder is read-only. Nothing already stored was lost.');
  return null;
}
