/** The audit_log table: rows of the hash chain (the chain's rules live in main/data/audit.ts). */
import type { Db } from '../db';
import { stmt } from './stmt';

export interface AuditRow {
  seq: number;
  at: number;
  kind: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface AuditLink {
  seq: number;
  hash: string;
}

/** The newest entry's link, or undefined on an empty log. */
export function newestAuditLink(db: Db): AuditLink | undefined {
  return stmt(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as AuditLink | undefined;
}

export function insertAuditRow(db: Db, r: AuditRow): void {
  stmt(db, 'INSERT INTO audit_log (seq, at, kind, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)').run(r.seq, r.at, r.kind, r.detail, r.prev_hash, r.hash);
}

/** Newest first, below `beforeSeq`, of one kind or all. */
export function auditRowsBefore(db: Db, beforeSeq: number, kind: string | null, limit: number): AuditRow[] {
  return stmt(db, 'SELECT * FROM audit_log WHERE seq < ? AND (? IS NULL OR kind = ?) ORDER BY seq DESC LIMIT ?').all(beforeSeq, kind, kind, limit) as AuditRow[];
}

/**
 * Every row, oldest first, one at a time. No other statement may run on the connection until the
 * iteration ends (better-sqlite3), so callers count or read what they need before.
 */
export function iterateAuditRows(db: Db): IterableIterator<AuditRow> {
  return db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>;
}

export function countAuditRows(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
}

/** The newest entry older than `cutoff`, never the newest entry of all (the head stays provable). */
export function lastAuditLinkBefore(db: Db, cutoff: number): AuditLink | undefined {
  const newest = stmt(db, 'SELECT max(seq) AS s FROM audit_log').get() as { s: number | null };
  if (newest.s === null) return undefined;
  return stmt(db, 'SELECT seq, hash FROM audit_log WHERE at < ? AND seq < ? ORDER BY seq DESC LIMIT 1').get(cutoff, newest.s) as AuditLink | undefined;
}

/** Removes entries up to and including `seq`; returns how many. */
export function deleteAuditUpTo(db: Db, seq: number): number {
  return stmt(db, 'DELETE FROM audit_log WHERE seq <= ?').run(seq).changes;
}
