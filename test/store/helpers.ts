/** Shared helpers for store tests: temp folders, a fast passphrase protector, file checksums. */
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { openStore, PassphraseProtector, type Store } from '../../main/store';
import { rawKeyLiteral } from '../../main/store/keys/datakey';
import { entryAad, readKeyFile } from '../../main/store/keys/keyfile';
import type { AppFailure } from '../../shared/result';

/** Small scrypt cost so tests stay quick; the recorded parameters are still honoured on open. */
export const FAST = { N: 2 ** 12, r: 8, p: 1 };

export function protector(passphrase = 'correct horse battery staple'): PassphraseProtector {
  return new PassphraseProtector(passphrase, { cost: FAST });
}

const made: string[] = [];
export function tempDir(prefix = 'hushdesk-store-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
}
const opened: Store[] = [];

/** Opens (creating if needed) a store in `dir` with the fast test passphrase; cleanupTempDirs() closes it. */
export async function openStoreAt(dir: string, o: { passphrase?: string; targetSchemaVersion?: number } = {}): Promise<Store> {
  const s = await openStore({
    dataDir: dir,
    protector: protector(o.passphrase),
    create: true,
    ...(o.targetSchemaVersion !== undefined ? { targetSchemaVersion: o.targetSchemaVersion } : {}),
  });
  opened.push(s);
  return s;
}

/** Closes the stores opened with openStoreAt and removes every temp folder made with tempDir. */
export function cleanupTempDirs(): void {
  for (const s of opened.splice(0)) if (s.isOpen) s.close();
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** sha256 of every file under `dir` (recursive), keyed by relative path. */
export function checksums(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

export function allFiles(dir: string): string[] {
  return Object.keys(checksums(dir)).map((f) => path.join(dir, f));
}

/** Catches the AppFailure code of a promise that must fail. */
export async function failureCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as AppFailure).error?.code ?? `not an AppFailure: ${String(e)}`;
  }
  return 'no error';
}

/** The data key currently in the key file (to prove an old key stops working after rekey). */
export async function currentDataKey(dataDir: string, passphrase = 'correct horse battery staple'): Promise<Buffer> {
  const kf = readKeyFile(path.join(dataDir, 'hushdesk.key'));
  if (!kf) throw new Error('no key file');
  const session = await protector(passphrase).attach(kf.protector);
  const { key } = await session.unwrap(kf.current.wrapped, entryAad(kf.current.id));
  session.dispose();
  return key;
}

/** Opens a database file with one raw data key, as any SQLCipher 4 tool would: 'ok' or the error code. */
export function tryRawKey(file: string, key: Buffer): string {
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('legacy = 4');
    db.key(rawKeyLiteral(key));
    db.prepare('select count(*) from sqlite_master').get();
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code ?? 'error';
  } finally {
    db.close();
  }
}

/**
 * A real tmpfs of `sizeKb` (root only: `canMount`), for full-disk and read-only tests; unmounted by
 * `unmountAll()` in the file's afterAll.
 */
const mounts: string[] = [];
export const canMount = process.getuid?.() === 0 && spawnSync('mount', ['--version']).status === 0;
export function tmpfs(sizeKb: number, prefix = 'hushdesk-tmpfs-'): string {
  const dir = tempDir(prefix);
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0700`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mount failed: ${r.stderr}`);
  mounts.push(dir);
  return dir;
}
export function unmountAll(): void {
  for (const m of mounts.splice(0)) spawnSync('umount', ['-l', m]);
}
