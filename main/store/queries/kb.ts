/** Knowledge-base versions (the shop owner's imports) and privacy notice versions. */
import type { Db } from '../db';
import { stmt } from './stmt';

export interface KbVersionRow {
  id: number;
  hash: string;
  name: string;
  version: string;
  source: 'default' | 'imported';
  importedAt: number;
  content: string;
}

interface KbDbRow {
  id: number;
  hash: string;
  name: string;
  version: string;
  source: 'default' | 'imported';
  imported_at: number;
  content: string;
}

const toKb = (r: KbDbRow): KbVersionRow => ({
  id: r.id,
  hash: r.hash,
  name: r.name,
  version: r.version,
  source: r.source,
  importedAt: r.imported_at,
  content: r.content,
});

export function insertKbVersion(db: Db, v: Omit<KbVersionRow, 'id'>): number {
  const r = stmt(db, 'INSERT INTO kb_versions (hash, name, version, source, imported_at, content) VALUES (?, ?, ?, ?, ?, ?)').run(
    v.hash,
    v.name,
    v.version,
    v.source,
    v.importedAt,
    v.content,
  );
  return Number(r.lastInsertRowid);
}

export function latestKbVersion(db: Db): KbVersionRow | null {
  const row = stmt(db, 'SELECT * FROM kb_versions ORDER BY id DESC LIMIT 1').get() as KbDbRow | undefined;
  return row ? toKb(row) : null;
}

/** History without contents (the list can be long, contents large). */
export function listKbVersions(db: Db): Omit<KbVersionRow, 'content'>[] {
  const rows = stmt(db, 'SELECT id, hash, name, version, source, imported_at, \'\' AS content FROM kb_versions ORDER BY id DESC').all() as KbDbRow[];
  return rows.map((r) => {
    const { content: _content, ...rest } = toKb(r);
    return rest;
  });
}

export interface PrivacyNotice {
  version: number;
  text: string;
  at: number;
}

export function addNotice(db: Db, n: PrivacyNotice): void {
  stmt(db, 'INSERT INTO privacy_notices (version, text, at) VALUES (?, ?, ?)').run(n.version, n.text, n.at);
}

export function latestNotice(db: Db): PrivacyNotice | null {
  return (stmt(db, 'SELECT version, text, at FROM privacy_notices ORDER BY version DESC LIMIT 1').get() as PrivacyNotice | undefined) ?? null;
}

export function getNotice(db: Db, version: number): PrivacyNotice | null {
  return (stmt(db, 'SELECT version, text, at FROM privacy_notices WHERE version = ?').get(version) as PrivacyNotice | undefined) ?? null;
}
