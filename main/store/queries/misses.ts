/**
 * Missed questions: redacted text, its normalised form (for grouping), why it was caught, the day
 * (never a finer time), the language it was asked in and the engine's suggestions. No conversation
 * id, by design.
 */
import type { Db } from '../db';
import { stmt } from './stmt';

export type MissReason = 'out_of_scope' | 'suggestion_ignored' | 'before_handoff' | 'unhelpful';
export type MissStatus = 'open' | 'dismissed' | 'assigned';

export interface MissRow {
  id: number;
  text: string;
  norm: string;
  reason: MissReason;
  day: string;
  /** The language the customer asked in (the turn's reply language), a knowledge-base language code. */
  language: string;
  suggested: string[];
  status: MissStatus;
  intent: string | null;
}

interface MissDbRow {
  id: number;
  text: string;
  norm: string;
  reason: MissReason;
  day: string;
  language: string;
  suggested: string;
  status: MissStatus;
  intent: string | null;
}

const toMiss = (r: MissDbRow): MissRow => ({ ...r, suggested: JSON.parse(r.suggested) as string[] });

export function insertMiss(db: Db, m: Omit<MissRow, 'id' | 'status' | 'intent'> & { status?: MissStatus }): number {
  const r = stmt(db, 'INSERT INTO missed_questions (text, norm, reason, day, language, suggested, status) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    m.text,
    m.norm,
    m.reason,
    m.day,
    m.language,
    JSON.stringify(m.suggested),
    m.status ?? 'open',
  );
  return Number(r.lastInsertRowid);
}

export function listMisses(db: Db, status?: MissStatus): MissRow[] {
  const rows = (status
    ? stmt(db, 'SELECT id, text, norm, reason, day, language, suggested, status, intent FROM missed_questions WHERE status = ? ORDER BY id').all(status)
    : stmt(db, 'SELECT id, text, norm, reason, day, language, suggested, status, intent FROM missed_questions ORDER BY id').all()) as MissDbRow[];
  return rows.map(toMiss);
}

export function setMissStatus(db: Db, ids: readonly number[], status: MissStatus, intent: string | null): number {
  const s = stmt(db, 'UPDATE missed_questions SET status = ?, intent = ? WHERE id = ?');
  let n = 0;
  for (const id of ids) n += s.run(status, intent, id).changes;
  return n;
}

/** Drops missed questions seen before `day` (YYYY-MM-DD); returns how many went. */
export function pruneMissesBefore(db: Db, day: string): number {
  return stmt(db, 'DELETE FROM missed_questions WHERE day < ?').run(day).changes;
}

export function deleteAllMisses(db: Db): number {
  return stmt(db, 'DELETE FROM missed_questions').run().changes;
}

export function countMisses(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM missed_questions').get() as { n: number }).n;
}
