/** A per-connection cache of prepared statements: preparing costs more than running a small query. */
import type { Db } from '../db';
import type Database from 'better-sqlite3-multiple-ciphers';

type Stmt = Database.Statement<unknown[], unknown>;
const caches = new WeakMap<Db, Map<string, Stmt>>();

export function stmt(db: Db, sql: string): Stmt {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let s = cache.get(sql);
  if (!s) {
    s = db.prepare(sql) as Stmt;
    cache.set(sql, s);
  }
  return s;
}
