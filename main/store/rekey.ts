/**
 * Key rotation and protector changes.
 *
 * rekey: rotating the key in place is not crash-safe (a SIGKILL in the middle of SQLite's rekey
 * leaves pages under both keys, and its rollback journal cannot repair that), so the rotation
 * builds a complete new file instead and swaps it in with one atomic rename:
 *   1. the new key is recorded in the key file as `pending` (before any file uses it);
 *   2. `VACUUM INTO` writes a compact copy (no free pages, no WAL) under the old key;
 *   3. that copy, which nothing else uses, is rekeyed to the new key and synced;
 *   4. the connection is closed, the copy renamed over the database, the directory synced;
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

export async function rekey(store: Store): Promise<void> {
  sessionOf(store);
  await withKeyFileLock(store.paths.key, () => rekeyLocked(store));
}

async function rekeyLocked(store: Store): Promise<void> {
  const session = sessionOf(store);
  const { db, paths } = store;
  const { connectOptions, swapConnection } = internalsOf(store);
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
    try {
      // 2. A complete, compact copy under the old key.
      fs.rmSync(copyPath, { force: true });
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.prepare('VACUUM INTO ?').run(copyPath);
      // 3. Rekey the copy (rollback journal: SQLite3MC refuses to rekey in WAL mode).
      let copy: Db | null = connect(copyPath, connectOptions);
      try {
        applyKey(copy, old);
        copy.pragma('journal_mode = DELETE');
        const literal = rawKeyLiteral(next);
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
      fsyncPath(copyPath);
    } catch (e) {
      fs.rmSync(copyPath, { force: true });
      throw toAppFailure(e, 'the database');
    }
    // 4. Swap the files: closing folds and removes the WAL; the rename is atomic.
    db.close();
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
