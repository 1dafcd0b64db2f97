/** Facts about an open store for `hushdesk stats` / `doctor` and the "Your data" panel. */
import * as fs from 'node:fs';
import type { Db } from './db';
import { readKeyFile } from './keys/keyfile';
import { LATEST_SCHEMA_VERSION, schemaVersion } from './migrations';
import { CIPHER_LEGACY, type Store } from './store';

export interface StoreFiles {
  databaseBytes: number;
  walBytes: number;
  keyFileBytes: number;
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

export function storeFiles(store: Store): StoreFiles {
  return { databaseBytes: sizeOf(store.paths.db), walBytes: sizeOf(store.paths.wal), keyFileBytes: sizeOf(store.paths.key) };
}

/** `PRAGMA integrity_check`: ['ok'] when healthy, else the problems SQLite found (max `limit`). */
export function integrityCheck(db: Db, limit = 20): string[] {
  return (db.pragma(`integrity_check(${Math.max(1, Math.floor(limit))})`) as { integrity_check: string }[]).map((r) => r.integrity_check);
}

export interface StoreHealth {
  integrity: string[];
  schemaVersion: number;
  latestSchemaVersion: number;
  cipher: string;
  legacy: number;
  journalMode: string;
  keyFileVersion: number | null;
  rotationPending: boolean;
  searchIndexOk: boolean;
}

export function storeHealth(store: Store): StoreHealth {
  const { db } = store;
  const keyFile = readKeyFile(store.paths.key);
  let searchIndexOk = true;
  try {
    // Checks the FTS index against the messages table (external content).
    db.prepare(`INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)`).run();
  } catch {
    searchIndexOk = false;
  }
  return {
    integrity: integrityCheck(db),
    schemaVersion: schemaVersion(db),
    latestSchemaVersion: LATEST_SCHEMA_VERSION,
    cipher: String(db.pragma('cipher', { simple: true })),
    legacy: CIPHER_LEGACY,
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    keyFileVersion: keyFile?.version ?? null,
    rotationPending: Boolean(keyFile?.pending),
    searchIndexOk,
  };
}
