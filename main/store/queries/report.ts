/** Reads for the audit report (main/data/report): the audit log's rows of one period. */
import type { Db } from '../db';
import type { AuditRow } from './audit';
import { stmt } from './stmt';

/** Rows with `startMs <= at < endMs`, oldest first. */
export function auditRowsBetween(db: Db, startMs: number, endMs: number): AuditRow[] {
  return stmt(db, 'SELECT * FROM audit_log WHERE at >= ? AND at < ? ORDER BY seq').all(startMs, endMs) as AuditRow[];
}
