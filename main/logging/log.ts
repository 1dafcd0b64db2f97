/**
 * One small, content-free log: what went wrong, never what anyone typed. Files under `<data>/logs`
 * (0600, folder 0700), one JSON object per line, rotated by size (`hushdesk.log`, `.1`, `.2`), so a
 * failure leaves a trace an owner or IT person can read without opening the database.
 *
 * What may be written is narrow on purpose:
 *   - an event name (`duty.failed`, `ipc.unexpected`...) and fields that are numbers, booleans or
 *     short codes (letters, digits and `_ . : -`, up to 64 characters) — anything else is dropped;
 *   - for an error: its class name, errno / SQLite / app code, and the stack frames below the message
 *     line (function names and file positions of our code). Never `error.message`: messages can carry
 *     user input (a failed parse quotes the text it choked on).
 * "Erase everything" removes the folder with the rest of the data folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type LogValue = string | number | boolean | null;
export type LogFields = Record<string, LogValue>;

export interface Logger {
  event(name: string, fields?: LogFields): void;
  error(name: string, error: unknown, fields?: LogFields): void;
}

export const LOG_DIR = 'logs';
export const LOG_FILE = 'hushdesk.log';
const DEFAULT_MAX_BYTES = 256 * 1024;
const KEPT_FILES = 3;
const MAX_FRAMES = 8;
const NAME = /^[a-z][a-z0-9_.]{0,63}$/;
const KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;
const CODE = /^[A-Za-z0-9_.:\-]{0,64}$/;
/** A stack frame of our own code: "at fn (file:line:col)" or "at file:line:col", nothing else. */
const FRAME = /^\s*at (?:[\w$.<>[\] ]{1,80} \()?(?:file:\/\/)?[\w./\\:@-]{1,200}:\d+:\d+\)?$/;

/** Keeps only values that cannot carry free text. */
export function safeFields(fields: LogFields = {}): LogFields {
  const out: LogFields = {};
  for (const [k, v] of Object.entries(fields)) {
    if (!KEY.test(k)) continue;
    if (typeof v === 'number') out[k] = Number.isFinite(v) ? v : null;
    else if (typeof v === 'boolean' || v === null) out[k] = v;
    else if (typeof v === 'string' && CODE.test(v)) out[k] = v;
  }
  return out;
}

/** What of an error may be logged: class, codes, our stack frames. */
export function errorFields(e: unknown): LogFields & { frames?: string } {
  if (typeof e !== 'object' || e === null) return { errorType: typeof e };
  const o = e as { name?: unknown; code?: unknown; error?: { code?: unknown }; stack?: unknown };
  const fields: LogFields = {};
  if (typeof o.name === 'string' && CODE.test(o.name)) fields.errorName = o.name;
  const code = typeof o.code === 'string' ? o.code : typeof o.error?.code === 'string' ? o.error.code : null;
  if (code !== null && CODE.test(code)) fields.errorCode = code;
  const frames =
    typeof o.stack === 'string'
      ? o.stack
          .split('\n')
          .filter((l) => FRAME.test(l))
          .slice(0, MAX_FRAMES)
          .map((l) => l.trim().slice(3))
      : [];
  return frames.length > 0 ? { ...fields, frames: frames.join(' | ') } : fields;
}

export interface FileLoggerOptions {
  maxBytes?: number;
  now?: () => number;
}

/** A logger writing to `<dataDir>/logs`. Never throws: a log that cannot be written is skipped. */
export function createFileLogger(dataDir: string, o: FileLoggerOptions = {}): Logger {
  const dir = path.join(dataDir, LOG_DIR);
  const file = path.join(dir, LOG_FILE);
  const maxBytes = o.maxBytes ?? DEFAULT_MAX_BYTES;
  const now = o.now ?? Date.now;

  function rotate(): void {
    for (let i = KEPT_FILES - 1; i >= 1; i--) {
      const from = i === 1 ? file : `${file}.${i - 1}`;
      if (fs.existsSync(from)) fs.renameSync(from, `${file}.${i}`);
    }
  }

  function write(record: Record<string, unknown>): void {
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const line = `${JSON.stringify(record)}\n`;
      let size = 0;
      try {
        size = fs.statSync(file).size;
      } catch {
        size = 0;
      }
      if (size + line.length > maxBytes) rotate();
      fs.appendFileSync(file, line, { mode: 0o600 });
    } catch {
      // Logging must never take the app down (a full disk is already reported to the person).
    }
  }

  return {
    event(name, fields) {
      write({ at: new Date(now()).toISOString(), event: NAME.test(name) ? name : 'invalid_event', ...safeFields(fields) });
    },
    error(name, error, fields) {
      write({ at: new Date(now()).toISOString(), event: NAME.test(name) ? name : 'invalid_event', level: 'error', ...safeFields(fields), ...errorFields(error) });
    },
  };
}

/** For hosts and tests that keep no log. */
export const NO_LOG: Logger = { event: () => undefined, error: () => undefined };
