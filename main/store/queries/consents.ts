/** Consent records: who chose what, under which notice version, when. Never conversation content. */
import type { Db } from '../db';
import { stmt } from './stmt';

export interface ConsentRecord {
  id: string;
  conversationId: string | null;
  at: number;
  noticeVersion: number;
  choice: 'granted' | 'declined';
  withdrawnAt: number | null;
}

interface ConsentRow {
  id: string;
  conversation_id: string | null;
  at: number;
  notice_version: number;
  choice: 'granted' | 'declined';
  withdrawn_at: number | null;
}

const toConsent = (r: ConsentRow): ConsentRecord => ({
  id: r.id,
  conversationId: r.conversation_id,
  at: r.at,
  noticeVersion: r.notice_version,
  choice: r.choice,
  withdrawnAt: r.withdrawn_at,
});

export function recordConsent(db: Db, c: Omit<ConsentRecord, 'withdrawnAt'>): void {
  stmt(db, 'INSERT INTO consents (id, conversation_id, at, notice_version, choice, withdrawn_at) VALUES (?, ?, ?, ?, ?, NULL)').run(
    c.id,
    c.conversationId,
    c.at,
    c.noticeVersion,
    c.choice,
  );
}

export function withdrawConsent(db: Db, id: string, at: number): boolean {
  return stmt(db, 'UPDATE consents SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL').run(at, id).changes > 0;
}

export function getConsent(db: Db, id: string): ConsentRecord | null {
  const row = stmt(db, 'SELECT * FROM consents WHERE id = ?').get(id) as ConsentRow | undefined;
  return row ? toConsent(row) : null;
}

export function consentsForConversation(db: Db, conversationId: string): ConsentRecord[] {
  return (stmt(db, 'SELECT * FROM consents WHERE conversation_id = ? ORDER BY at').all(conversationId) as ConsentRow[]).map(toConsent);
}
