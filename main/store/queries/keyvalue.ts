/** Settings (JSON values) and meta (plain strings: last wipe, install id...). */
import type { Db } from '../db';
import { stmt } from './stmt';

export function getSetting<T = unknown>(db: Db, key: string): T | undefined {
  const row = stmt(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export function setSetting(db: Db, key: string, value: unknown): void {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`setting ${key} is not JSON-serialisable`);
  stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, json);
}

export function allSettings(db: Db): Record<string, unknown> {
  const rows = stmt(db, 'SELECT key, value FROM settings ORDER BY key').all() as { key: string; value: string }[];
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
}

export function getMeta(db: Db, key: string): string | undefined {
  const row = stmt(db, 'SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  stmt(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function deleteMeta(db: Db, key: string): boolean {
  return stmt(db, 'DELETE FROM meta WHERE key = ?').run(key).changes > 0;
}
