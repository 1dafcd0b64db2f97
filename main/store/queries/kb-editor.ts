/** The editor's working draft and the published versions' own fields (author role, summary, report). */
import type { Db } from '../db';
import { stmt } from './stmt';

export type KbAuthor = 'owner' | 'staff' | 'cli' | 'system';

export interface KbDraftRow {
  content: string;
  baseVersion: number | null;
  updatedAt: number;
}

export function readKbDraft(db: Db): KbDraftRow | null {
  const r = stmt(db, 'SELECT content, base_version, updated_at FROM kb_draft WHERE id = 1').get() as
    | { content: string; base_version: number | null; updated_at: number }
    | undefined;
  return r ? { content: r.content, baseVersion: r.base_version, updatedAt: r.updated_at } : null;
}

export function writeKbDraft(db: Db, d: KbDraftRow): void {
  stmt(db, 'INSERT INTO kb_draft (id, content, base_version, updated_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET content = excluded.content, base_version = excluded.base_version, updated_at = excluded.updated_at').run(
    d.content,
    d.baseVersion,
    d.updatedAt,
  );
}

export function deleteKbDraft(db: Db): void {
  stmt(db, 'DELETE FROM kb_draft WHERE id = 1').run();
}

export interface PublishedVersionRow {
  id: number;
  hash: string;
  name: string;
  version: string;
  source: 'default' | 'imported';
  at: number;
  author: KbAuthor;
  summary: string;
  /** JSON of the publish report, when there was one. */
  report: string | null;
}

interface VersionDbRow {
  id: number;
  hash: string;
  name: string;
  version: string;
  source: 'default' | 'imported';
  imported_at: number;
  author: KbAuthor;
  summary: string;
  report: string | null;
}

const toRow = (r: VersionDbRow): PublishedVersionRow => ({
  id: r.id,
  hash: r.hash,
  name: r.name,
  version: r.version,
  source: r.source,
  at: r.imported_at,
  author: r.author,
  summary: r.summary,
  report: r.report,
});

/** Every version, newest first, without contents. */
export function listPublishedVersions(db: Db): PublishedVersionRow[] {
  const rows = stmt(db, 'SELECT id, hash, name, version, source, imported_at, author, summary, report FROM kb_versions ORDER BY id DESC').all() as VersionDbRow[];
  return rows.map(toRow);
}

export function getKbVersionContent(db: Db, id: number): (PublishedVersionRow & { content: string }) | null {
  const r = stmt(db, 'SELECT id, hash, name, version, source, imported_at, author, summary, report, content FROM kb_versions WHERE id = ?').get(id) as
    | (VersionDbRow & { content: string })
    | undefined;
  return r ? { ...toRow(r), content: r.content } : null;
}

/** Records who published a version, what changed and the publish report (the row the knowledge service just wrote). */
export function annotateKbVersion(db: Db, id: number, a: { author: KbAuthor; summary: string; report: string | null }): void {
  stmt(db, 'UPDATE kb_versions SET author = ?, summary = ?, report = ? WHERE id = ?').run(a.author, a.summary, a.report, id);
}

/** The newest version's number, without reading its content (null: none stored). */
export function latestKbVersionId(db: Db): number | null {
  const r = stmt(db, 'SELECT max(id) AS id FROM kb_versions').get() as { id: number | null };
  return r.id;
}
