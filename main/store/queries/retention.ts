/** Conversation expiries: what retention reads and deletes (the policy lives in main/data/retention.ts). */
import type { WipeCounts } from '../../../shared/domain';
import type { Db } from '../db';
import { stmt } from './stmt';

export interface ConversationExpiry {
  id: string;
  started_at: number;
  expires_at: number | null;
}

export function conversationExpiries(db: Db): ConversationExpiry[] {
  return stmt(db, 'SELECT id, started_at, expires_at FROM conversations').all() as ConversationExpiry[];
}

export function setConversationExpiry(db: Db, id: string, expiresAt: number): void {
  stmt(db, 'UPDATE conversations SET expires_at = ? WHERE id = ?').run(expiresAt, id);
}

/** What has expired at `now`: conversations, their messages and their consent records. */
export function countExpired(db: Db, now: number): WipeCounts {
  return stmt(
    db,
    `SELECT count(*) AS conversations,
      (SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.expires_at IS NOT NULL AND c.expires_at <= @now) AS messages,
      (SELECT count(*) FROM consents k JOIN conversations c ON c.id = k.conversation_id WHERE c.expires_at IS NOT NULL AND c.expires_at <= @now) AS consents
     FROM conversations WHERE expires_at IS NOT NULL AND expires_at <= @now`,
  ).get({ now }) as WipeCounts;
}

/** Deletes expired conversations (messages and search entries by cascade) and their consent records. */
export function deleteExpired(db: Db, now: number): void {
  stmt(db, 'DELETE FROM consents WHERE conversation_id IN (SELECT id FROM conversations WHERE expires_at IS NOT NULL AND expires_at <= ?)').run(now);
  stmt(db, 'DELETE FROM conversations WHERE expires_at IS NOT NULL AND expires_at <= ?').run(now);
}
