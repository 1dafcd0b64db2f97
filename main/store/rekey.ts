/**
 * Key rotation and protector changes.
 *
 * rekey: SQLite3MultipleCiphers refuses to rekey in WAL mode (older versions corrupted the file), so:
 * checkpoint the WAL away, switch to a rollback journal, rekey, switch back to WAL. Crash safety
 * between "database rekeyed" and "key file updated": the new key is first written to the key file
 * as `pending`; openStore tries `current`, then `pending`, and settles the file either way.
 *
 * changeKeyProtector: rewraps the same data key (new passphrase, or device <-> passphrase); the
 * database file is not touched.
 */
import { AppFailure } from '../../shared/result';
import { toAppFailure } from './db';
import { newDataKey, rawKeyLiteral, zero } from './keys/datakey';
import { entryAad, readKeyFile, writeKeyFileAtomic } from './keys/keyfile';
import type { KeyProtector } from './keys/protector';
import { newKeyEntry, replaceSession, sessionOf, type Store } from './store';

export async function rekey(store: Store): Promise<void> {
  const session = sessionOf(store);
  const { db, paths } = store;
  if (db.inTransaction) throw new AppFailure('conflict', 'cannot rotate the key inside a transaction');
  const keyFile = readKeyFile(paths.key);
  if (!keyFile) throw new AppFailure('key_file_missing', `the key file ${paths.key} disappeared`);

  const next = newDataKey();
  try {
    const pending = await newKeyEntry(session, next);
    // 1. Record the new key before the database uses it.
    writeKeyFileAtomic(paths.key, { ...keyFile, pending });
    // 2. Rekey with a rollback journal (WAL content first folded into the main file).
    const literal = rawKeyLiteral(next);
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.pragma('journal_mode = DELETE');
      db.rekey(literal);
    } catch (e) {
      throw toAppFailure(e, paths.db);
    } finally {
      zero(literal);
      // Back to WAL even if the rekey failed: the connection stays usable with whichever key holds.
      db.pragma('journal_mode = WAL');
    }
    // 3. Commit: the pending key becomes current; the old wrapped key is gone from disk.
    writeKeyFileAtomic(paths.key, { ...keyFile, current: pending, pending: null });
  } finally {
    zero(next);
  }
}

/**
 * Rewraps the data key with another protector. `current` must unlock the key file (a wrong current
 * passphrase gives `wrong_key` and nothing changes). Instant: the database is not rewritten.
 */
export async function changeKeyProtector(store: Store, current: KeyProtector, next: KeyProtector): Promise<void> {
  sessionOf(store);
  const { paths } = store;
  const keyFile = readKeyFile(paths.key);
  if (!keyFile) throw new AppFailure('key_file_missing', `the key file ${paths.key} disappeared`);
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
