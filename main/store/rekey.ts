/**
 * Key rotation and protector changes.
 *
 * rekey: rotating the key in place is not crash-safe (a SIGKILL in the middle of SQLite's rekey
 * leaves pages under both keys, and its rollback journal cannot repair that), so the rotation
 * builds a complete new file instead and swaps it in with one atomic rename:
 *   1. the new key is recorded in the key file as `pending` (before any file uses it);
 *   2. `VACUUM INTO` writes a compact copy (no free pages, no WAL) under the old key;
 *   3. that copy, which nothing else uses, is rekeyed to the new key and synced;
 *      (2 and 3 run with the store's connection closed, on a connection of their own, so a caller
 *      may build the copy on another thread: the end-of-day wipe does, see main/data/wipe.ts);
 *   4. the copy is renamed over the database, the directory synced;
 *   5. the connection is reopened with the new key, and the key file commits it (the old wrapped
 *      key is gone from the file: crypto-erase of everything written under it).
 * A crash before 4 leaves the old file (and a stray copy that openStore removes); after 4 the new
 * file, which the `pending` key opens. openStore tries `current`, then `pending`, and settles.
 *
 * changeKeyProtector: rewraps the same data key (new passphrase, or device <-> passphrase); the
 * database file is not touched.
 *
 * Both read-modify-write the key file across awaits, so both run under keys/key-lock.ts (one queue
 * per key file): a passphrase change during an end-of-day wipe's rotation waits for it, then reads
 * the committed key.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppFailure } from '../../shared/result';
import { connect, toAppFailure, type ConnectOptions, type Db } from './db';
import { fsFailure } from './io-errors';
import { newDataKey, rawKeyLiteral, zero } from './keys/datakey';
import { entryAad, readKeyFile, writeKeyFileAtomic } from './keys/keyfile';
import { withKeyFileLock } from './keys/key-lock';
import type { KeyProtector } from './keys/protector';
import { applyKey, configure, internalsOf, newKeyEntry, openWithKey, replaceSession, rotationCopyPath, sessionOf, type Store } from './store';

function fsyncPath(p: string): void {
  const fd = fs.openSync(p, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function reopenConfigured(file: string, key: Buffer, options: ConnectOptions): Db {
  const db = openWithKey(file, key, options);
  configure(db);
  return db;
}

/** What a copy builder gets: the database to copy, where to write the copy, and both keys. */
export interface RotationCopyJob {
  file: string;
  copyPath: string;
  oldKey: Buffer;
  newKey: Buffer;
  connectOptions: ConnectOptions;
}

/**
 * Builds the rotated copy (steps 2 and 3). rekey() calls it after closing the store's connection,
 * so it may open the file itself, on another thread (the end-of-day wipe does, in a worker); it must
 * leave the copy complete under `newKey` and the database file untouched but for its own commits.
 */
export type RotationCopyBuilder<T> = (job: RotationCopyJob) => Promise<T>;

export async function rekey(store: Store): Promise<void> {
  sessionOf(store);
  await withKeyFileLock(store.paths.key, () => rekeyLocked(store, async (job) => buildRotationCopy(job)));
}

/** rekey() with the copy built by `build` (the store's connection is closed while it runs). */
export async function rekeyWith<T>(store: Store, build: RotationCopyBuilder<T>): Promise<T> {
  sessionOf(store);
  return withKeyFileLock(store.paths.key, () => rekeyLocked(store, build));
}

/** Steps 2 and 3 on a connection of its own: a compact copy under the old key, rekeyed to the new one. */
export function buildRotationCopy(job: RotationCopyJob, db?: Db): void {
  const own = db ?? reopenConfigured(job.file, job.oldKey, job.connectOptions);
  try {
    own.pragma('wal_checkpoint(TRUNCATE)');
    own.prepare('VACUUM INTO ?').run(job.copyPath);
  } finally {
    if (!db) own.close();
  }
  // Rekey the copy (rollback journal: SQLite3MC refuses to rekey in WAL mode).
  let copy: Db | null = connect(job.copyPath, job.connectOptions);
  try {
    applyKey(copy, job.oldKey);
    copy.pragma('journal_mode = DELETE');
    const literal = rawKeyLiteral(job.newKey);
    try {
      copy.rekey(literal);
    } finally {
      zero(literal);
    }
    copy.prepare('SELECT count(*) FROM sqlite_master').get();
    copy.close();
    copy = null;
  } finally {
    copy?.close();
  }
  fsyncPath(job.copyPath);
}

async function rekeyLocked<T>(store: Store, build: RotationCopyBuilder<T>): Promise<T> {
  const session = sessionOf(store);
  const { db, paths } = store;
  const { connectOptions, swapConnection, handOff } = internalsOf(store);
  if (db.inTransaction) throw new AppFailure('conflict', 'cannot rotate the key inside a transaction');
  const keyFile = readKeyFile(paths.key);
  if (!keyFile) throw new AppFailure('key_file_missing', 'the key file disappeared');

  const copyPath = rotationCopyPath(paths);
  const next = newDataKey();
  let old: Buffer | null = null;
  try {
    const pending = await newKeyEntry(session, next);
    old = (await session.unwrap(keyFile.current.wrapped, entryAad(keyFile.current.id))).key;
    // 1. Record the new key before any file uses it.
    writeKeyFileAtomic(paths.key, { ...keyFile, pending });
    // 2-3. The copy, built with the connection closed (the builder opens its own; closing folds
    // and removes the WAL, so the file is complete on its own).
    fs.rmSync(copyPath, { force: true });
    handOff();
    let built: T;
    try {
      built = await build({ file: paths.db, copyPath, oldKey: old, newKey: next, connectOptions });
    } catch (e) {
      fs.rmSync(copyPath, { force: true });
      swapConnection(reopenConfigured(paths.db, old, connectOptions));
      throw toAppFailure(e, 'the database');
    }
    // 4. Swap the files: the rename is atomic.
    try {
      fs.renameSync(copyPath, paths.db);
    } catch (e) {
      // Nothing changed on disk: carry on under the old key.
      swapConnection(reopenConfigured(paths.db, old, connectOptions));
      fs.rmSync(copyPath, { force: true });
      throw fsFailure('cannot replace the database', e);
    }
    fsyncPath(path.dirname(paths.db));
    // 5. Reconnect under the new key, then commit it in the key file.
    swapConnection(reopenConfigured(paths.db, next, connectOptions));
    writeKeyFileAtomic(paths.key, { ...keyFile, current: pending, pending: null });
    return built;
  } finally {
    zero(next);
    if (old) zero(old);
  }
}

/**
 * Rewraps the data key with another protector. `current` must unlock the key file (a wrong current
 * passphrase gives `wrong_key` and nothing changes). Instant: the database is not rewritten.
 */
export async function changeKeyProtector(store: Store, current: KeyProtector, next: KeyProtector): Promise<void> {
  sessionOf(store);
  await withKeyFileLock(store.paths.key, () => changeKeyProtectorLocked(store, current, next));
}

async function changeKeyProtectorLocked(store: Store, current: KeyProtector, next: KeyProtector): Promise<void> {
  const { paths } = store;
  const keyFile = readKeyFile(paths.key);
  if (!keyFile) throw new AppFailure('key_file_missing', 'the key file disappeared');
  if (keyFile.pending) throw new AppFailure('conflict', 'a key rotation is unfinished; reopen the store first');
  const check = await current.attach(keyFile.protector);
  let key: Buffer | null = null;
  try {
    key = (await check.unwrap(keyFile.current.wrapped, entryAad(keyFile.current.id))).key;
  } finally {
    check.dispose();
  }
  const fresh = await next.create();
  try {
    const entry = await newKeyEntry(fresh, key);
    writeKeyFileAtomic(paths.key, { ...keyFile, protector: fresh.params, current: entry, pending: null });
  } catch (e) {
    fresh.dispose();
    throw e;
  } finally {
    zero(key);
  }
  replaceSession(store, fresh);
}
