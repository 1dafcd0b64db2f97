/**
 * File-level operations on a store folder that is NOT open: setting a damaged store aside (never
 * deleting it silently) and erasing a store for "forgot passphrase: erase and start fresh".
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppFailure } from '../../shared/result';
import { Database, sqliteCode } from './db';
import { fsyncDir } from './keys/keyfile';
import { fsFailure } from './io-errors';
import { storePaths } from './paths';

function storeFiles(dataDir: string): string[] {
  const p = storePaths(dataDir);
  return [p.db, p.wal, p.shm, p.journal, p.key].filter((f) => fs.existsSync(f));
}

/**
 * Whether another connection (this process or another) holds the store's lock. Probes with a
 * read-only connection and no key: a held EXCLUSIVE lock answers SQLITE_BUSY before any page is read.
 */
export function isStoreInUse(dataDir: string, options: { nativeBinding?: string } = {}): boolean {
  const p = storePaths(dataDir);
  if (!fs.existsSync(p.db)) return false;
  let db: Database.Database | null = null;
  try {
    const opts: Database.Options = { readonly: true, fileMustExist: true, timeout: 0 };
    if (options.nativeBinding) opts.nativeBinding = options.nativeBinding;
    db = new Database(p.db, opts);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return false;
  } catch (e) {
    const code = sqliteCode(e) ?? '';
    return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
  } finally {
    db?.close();
  }
}

function assertNotInUse(dataDir: string): void {
  if (isStoreInUse(dataDir)) {
    throw new AppFailure('locked', 'the data folder is in use by another Hushdesk process; close it first');
  }
}

export interface SetAsideResult {
  folder: string;
  files: string[];
}

/**
 * Copies (or, with `move`, moves) the database, its side files and the key file into a new
 * `set-aside-<time>` folder inside the data folder, so a damaged store can be kept for recovery
 * while a fresh one is started. With `move: false` the originals stay exactly where they are.
 */
export function setAsideStore(dataDir: string, options: { move?: boolean; now?: number } = {}): SetAsideResult {
  if (options.move) assertNotInUse(dataDir);
  const files = storeFiles(dataDir);
  const stamp = new Date(options.now ?? Date.now()).toISOString().replace(/[:.]/g, '-');
  const folder = path.join(storePaths(dataDir).dataDir, `set-aside-${stamp}`);
  try {
    fs.mkdirSync(folder, { recursive: false, mode: 0o700 });
    const out: string[] = [];
    for (const f of files) {
      const dest = path.join(folder, path.basename(f));
      if (options.move) fs.renameSync(f, dest);
      else fs.copyFileSync(f, dest, fs.constants.COPYFILE_EXCL);
      out.push(dest);
    }
    fsyncDir(folder);
    return { folder, files: out };
  } catch (e) {
    throw fsFailure('cannot set the store aside', e);
  }
}

/**
 * Erases a store that is not open (e.g. forgotten passphrase): the key file is overwritten with
 * random bytes and synced before anything is removed, so even if the database bytes survive on the
 * disk (SSDs do not reliably overwrite) they can no longer be decrypted (cryptographic erase).
 * Returns the removed paths.
 */
export function eraseStoreFiles(dataDir: string): string[] {
  assertNotInUse(dataDir);
  const p = storePaths(dataDir);
  const files = storeFiles(dataDir);
  try {
    if (fs.existsSync(p.key)) {
      const size = Math.max(fs.statSync(p.key).size, 1024);
      const fd = fs.openSync(p.key, 'r+');
      try {
        fs.writeSync(fd, crypto.randomBytes(size), 0, size, 0);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    }
    for (const f of files) fs.rmSync(f, { force: true });
    fsyncDir(p.dataDir);
  } catch (e) {
    throw fsFailure('cannot erase the store', e);
  }
  return files;
}
