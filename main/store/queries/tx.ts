/**
 * Writes that belong together run in one transaction: all or nothing, one fsync. Nested calls become
 * savepoints (better-sqlite3 semantics), so query functions can use it freely and callers can group
 * several of them (e.g. a wipe and its audit event).
 */
import type { Db } from '../db';

export function transaction<T>(db: Db, fn: () => T): T {
  if (db.inTransaction) return db.transaction(fn)();
  // IMMEDIATE: take the write lock up front instead of upgrading mid-transaction.
  return db.transaction(fn).immediate();
}
