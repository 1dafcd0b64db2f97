/**
 * 001: the base schema. STRICT tables so a wrong type is an error, not silent coercion.
 * Consents hold the choice and the notice version, never conversation content.
 */
import type { Migration } from './types';

export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE conversations (
        id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        channel TEXT NOT NULL CHECK (channel IN ('kiosk', 'desktop')),
        locale TEXT NOT NULL,
        consent_id TEXT,
        kept_by TEXT NOT NULL CHECK (kept_by IN ('consent', 'policy')),
        expires_at INTEGER
      ) STRICT;
      CREATE INDEX conversations_started ON conversations (started_at);
      CREATE INDEX conversations_expires ON conversations (expires_at) WHERE expires_at IS NOT NULL;

      CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('user', 'bot')),
        text TEXT NOT NULL,
        intent TEXT,
        confidence REAL,
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX messages_conversation ON messages (conversation_id, id);

      CREATE TABLE consents (
        id TEXT PRIMARY KEY NOT NULL,
        conversation_id TEXT,
        at INTEGER NOT NULL,
        notice_version INTEGER NOT NULL,
        choice TEXT NOT NULL CHECK (choice IN ('granted', 'declined')),
        withdrawn_at INTEGER
      ) STRICT;
      CREATE INDEX consents_conversation ON consents (conversation_id);

      CREATE TABLE settings (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;

      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        detail TEXT NOT NULL CHECK (json_valid(detail)),
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;

      CREATE TABLE kb_versions (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL,
        name TEXT NOT NULL,
        version TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('default', 'imported')),
        imported_at INTEGER NOT NULL,
        content TEXT NOT NULL
      ) STRICT;

      CREATE TABLE privacy_notices (
        version INTEGER PRIMARY KEY,
        text TEXT NOT NULL,
        at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE meta (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
