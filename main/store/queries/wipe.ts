/** What wipes count and delete (the wipe's steps and their order live in main/data/wipe.ts). */
import type { WipeCounts } from '../../../shared/domain';
import type { Db } from '../db';
import { stmt } from './stmt';

/** Conversations, messages and consent records stored (consents: 0 for one conversation, whose record stays). */
export function conversationDataCounts(db: Db, conversationId?: string): WipeCounts {
  if (conversationId !== undefined) {
    const c = stmt(db, 'SELECT count(*) AS n FROM conversations WHERE id = ?').get(conversationId) as { n: number };
    const m = stmt(db, 'SELECT count(*) AS n FROM messages WHERE conversation_id = ?').get(conversationId) as { n: number };
    return { conversations: c.n, messages: m.n, consents: 0 };
  }
  return stmt(
    db,
    'SELECT (SELECT count(*) FROM conversations) AS conversations, (SELECT count(*) FROM messages) AS messages, (SELECT count(*) FROM consents) AS consents',
  ).get() as WipeCounts;
}

export function countKbVersions(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM kb_versions').get() as { n: number }).n;
}

/** Consent records of a conversation that are not withdrawn yet. */
export function activeConsentIds(db: Db, conversationId: string): string[] {
  return (stmt(db, 'SELECT id FROM consents WHERE conversation_id = ? AND withdrawn_at IS NULL').all(conversationId) as { id: string }[]).map((r) => r.id);
}

/**
 * Deletes all rows of the tables that hold conversation data, fast: the FTS delete trigger would
 * otherwise run once per message. Trigger DDL is transactional, so dropping it, clearing the index
 * with 'delete-all' and recreating it from its own stored SQL is all-or-nothing with the deletes
 * (call inside a transaction).
 */
export function deleteAllConversationData(db: Db): void {
  const trigger = stmt(db, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'messages_fts_delete'").get() as { sql: string } | undefined;
  if (trigger) db.exec('DROP TRIGGER messages_fts_delete');
  db.exec('DELETE FROM messages');
  if (trigger) {
    db.exec(`INSERT INTO messages_fts (messages_fts) VALUES ('delete-all')`);
    db.exec(trigger.sql);
  }
  db.exec('DELETE FROM conversations');
  db.exec('DELETE FROM consents');
}
