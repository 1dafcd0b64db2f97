/**
 * The one way errors travel: as values. Every IPC response, every service call that can fail in a way
 * the user should hear about, returns a Result. Stack traces never cross a process boundary.
 */

/** Stable error codes. The renderer and the CLI switch on these; never rename one. */
export const ERROR_CODES = [
  'invalid_input', // payload failed its schema
  'unknown_channel', // no such IPC channel
  'forbidden', // sender not allowed, or action needs the staff PIN
  'not_found', // an id that does not exist
  'locked', // the store is held by another process
  'store_locked', // the store is not unlocked yet (needs a passphrase)
  'wrong_key', // wrong passphrase or key
  'not_a_database', // a file that is not an (encrypted) SQLite database
  'corrupt', // the database is damaged
  'future_schema', // the file was written by a newer app
  'key_file_missing', // a database without its key file
  'key_file_invalid', // the key file is malformed
  'protector_unavailable', // the device keychain cannot be used
  'kb_invalid', // a knowledge-base file failed validation
  'too_large', // input or output over a size cap
  'pin_locked_out', // too many wrong staff PINs
  'wrong_pin', // a wrong staff PIN
  'conflict', // the action does not fit the current state
  'io_error', // a file system failure
  'internal', // anything else (message kept generic)
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
  /** Optional machine-readable detail (field paths of a validation error, seconds to wait...). */
  details?: ErrorDetail[];
  retryAfterMs?: number;
}

export interface ErrorDetail {
  path: string;
  /** English developer text (logs, the CLI); screens word the detail from `code` and `params`. */
  message: string;
  /**
   * What is wrong, as a stable code: a zod issue code (too_small, too_big, invalid_format,
   * invalid_type, invalid_value, unrecognized_keys, custom) or a rule's own (duplicate_id,
   * unknown_entity, no_visible_text...). Absent: the screen says the value is not valid.
   */
  code?: string;
  /** The code's values: minimum, maximum, origin ("string", "array", "number"), a name or an id. */
  params?: Record<string, string | number>;
}

export type Ok<T> = { ok: true; value: T };
export type Err = { ok: false; error: AppError };
export type Result<T> = Ok<T> | Err;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function err(code: ErrorCode, message: string, extra?: Omit<AppError, 'code' | 'message'>): Err {
  return { ok: false, error: { code, message, ...extra } };
}

/** A thrown error that carries an AppError; services throw it, the IPC router turns it into a value. */
export class AppFailure extends Error {
  readonly error: AppError;
  constructor(code: ErrorCode, message: string, extra?: Omit<AppError, 'code' | 'message'>) {
    super(message);
    this.name = 'AppFailure';
    this.error = { code, message, ...extra };
  }
}

export function isAppFailure(e: unknown): e is AppFailure {
  return e instanceof AppFailure;
}

/** Unwraps a Result or throws its error as an AppFailure (for code that prefers exceptions). */
export function unwrap<T>(r: Result<T>): T {
  if (r.ok) return r.value;
  throw new AppFailure(r.error.code, r.error.message, r.error);
}
