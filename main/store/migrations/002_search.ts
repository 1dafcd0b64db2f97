/**
 * 002: full-text search over message text, inside the same encrypted file. An external-content FTS5
 * table (the text is not stored twice) kept in sync by triggers, deletes included (cascading deletes
 * from conversations fire them too). `secure-delete` makes FTS5 remove a deleted message's tokens
 * from the index at once instead of leaving them in old segments until a merge.
 * Also indexes intents per conversation (topics in the conversation list).
 */
import type { Migration } from './types';

export const migration002: Migration = {
  version: 2,
  name: 'search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE messages_fts USING fts5(
        text,
        content = 'messages',
        content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      INSERT INTO messages_fts (messages_fts, rank) VALUES ('secure-delete', 1);

      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
      END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
      END;
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
      END;

      -- Rows written before this migration become searchable.
      INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');

      CREATE INDEX messages_intent ON messages (conversation_id, intent) WHERE intent IS NOT NULL;
    `);
  },
};
