/**
 * The one place every writer of a key file goes through. A key file is read, changed and written
 * back (rotation records `pending`, then commits it; a passphrase change or protector switch
 * rewraps `current`), and each of those spans awaits (scrypt, the OS keychain). Two of them
 * interleaved on one file lose the data key: a passphrase change that read the file before a
 * rotation committed would write back the old key, wrapped by the new passphrase, over the new one.
 * So writers queue per key file, in arrival order, and each reads the file only once it holds it.
 *
 * In-process only: a second process cannot open the store at all (SQLite EXCLUSIVE lock), so it
 * never writes this key file while this one holds the store.
 */
import * as path from 'node:path';

const tails = new Map<string, Promise<void>>();

/** Runs `fn` when every earlier writer of `keyFile` has finished (succeeded or failed). */
export async function withKeyFileLock<T>(keyFile: string, fn: () => Promise<T>): Promise<T> {
  const id = path.resolve(keyFile);
  const previous = tails.get(id) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => mine);
  tails.set(id, tail);
  await previous;
  try {
    return await fn();
  } finally {
    release();
    if (tails.get(id) === tail) tails.delete(id);
  }
}
