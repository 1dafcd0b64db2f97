/**
 * The key file (`hushdesk.key`): a small versioned JSON document beside the database holding the
 * data key only in wrapped form. `pending` exists only during a key rotation: the new key is
 * recorded (wrapped) before the database is rekeyed, so a crash between "database rekeyed" and
 * "key file updated" still leaves a key that opens the file.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { AppFailure } from '../../../shared/result';

export const KEY_FILE_FORMAT = 'hushdesk-key';
export const KEY_FILE_VERSION = 1;
/** Key files are tiny; a big one is not ours (and must not be read into memory blindly). */
const MAX_KEY_FILE_BYTES = 64 * 1024;

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64').max(8192);

const scryptParams = z.strictObject({
  kind: z.literal('passphrase'),
  kdf: z.literal('scrypt'),
  // Bounds keep a hostile key file from making us allocate gigabytes.
  N: z.number().int().min(1024).max(2 ** 20).refine((n) => (n & (n - 1)) === 0, 'must be a power of two'),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: b64,
});

const deviceParams = z.strictObject({
  kind: z.literal('device'),
  /** safeStorage backend on Linux (gnome_libsecret, kwallet*, basic_text), else the platform store. */
  backend: z.string().max(64).nullable(),
  platform: z.string().max(32),
});

export const protectorParamsSchema = z.discriminatedUnion('kind', [scryptParams, deviceParams]);
export type ProtectorParams = z.infer<typeof protectorParamsSchema>;
export type PassphraseParams = z.infer<typeof scryptParams>;
export type DeviceParams = z.infer<typeof deviceParams>;

export const wrappedKeySchema = z.discriminatedUnion('alg', [
  z.strictObject({ alg: z.literal('aes-256-gcm'), iv: b64, tag: b64, ct: b64 }),
  z.strictObject({ alg: z.literal('safe-storage'), blob: b64 }),
]);
export type WrappedKey = z.infer<typeof wrappedKeySchema>;

const entrySchema = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{16}$/),
  createdAt: z.number().int().min(0),
  wrapped: wrappedKeySchema,
});
export type KeyEntry = z.infer<typeof entrySchema>;

export const keyFileSchema = z.strictObject({
  format: z.literal(KEY_FILE_FORMAT),
  version: z.number().int(),
  protector: protectorParamsSchema,
  current: entrySchema,
  pending: entrySchema.nullable(),
});
export type KeyFile = z.infer<typeof keyFileSchema>;

export function newKeyId(): string {
  return crypto.randomBytes(8).toString('hex');
}

/** Associated data for wrapping: ties a wrapped key to its entry id so entries cannot be swapped. */
export function entryAad(id: string): string {
  return `${KEY_FILE_FORMAT}/v${KEY_FILE_VERSION}/${id}`;
}

/** Reads and validates the key file; `null` when it does not exist. */
export function readKeyFile(file: string): KeyFile | null {
  let raw: Buffer;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw new AppFailure('key_file_invalid', 'the key file is not a regular file');
    if (st.size > MAX_KEY_FILE_BYTES) throw new AppFailure('key_file_invalid', 'the key file is too large to be a key file');
    raw = fs.readFileSync(file);
  } catch (e) {
    if (isNodeError(e) && e.code === 'ENOENT') return null;
    if (e instanceof AppFailure) throw e;
    throw new AppFailure('io_error', `cannot read the key file: ${describe(e)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AppFailure('key_file_invalid', 'the key file is not valid JSON');
  }
  if (typeof json === 'object' && json !== null && (json as { version?: unknown }).version !== undefined) {
    const v = (json as { version?: unknown }).version;
    if (typeof v === 'number' && v > KEY_FILE_VERSION) {
      throw new AppFailure('future_schema', `the key file was written by a newer Hushdesk (format ${v})`);
    }
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid';
    throw new AppFailure('key_file_invalid', `the key file is malformed (${where})`);
  }
  return parsed.data;
}

/**
 * Replaces the key file atomically: write a temp file, fsync it, rename over the old one, fsync the
 * folder. A crash leaves either the old or the new file, never a half-written one.
 */
export function writeKeyFileAtomic(file: string, keyFile: KeyFile): void {
  const body = Buffer.from(`${JSON.stringify(keyFile, null, 2)}\n`, 'utf8');
  writeFileAtomic(file, body);
}

export function writeFileAtomic(file: string, body: Buffer): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      fs.writeSync(fd, body);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    fsyncDir(dir);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new AppFailure('io_error', `cannot write ${path.basename(file)}: ${describe(e)}`);
  }
}

/** Makes a rename durable. Windows cannot open folders; there the rename is already journaled. */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function isNodeError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string';
}

function describe(e: unknown): string {
  if (isNodeError(e)) return e.code ?? e.message;
  return e instanceof Error ? e.message.split('\n')[0] ?? 'error' : String(e);
}
