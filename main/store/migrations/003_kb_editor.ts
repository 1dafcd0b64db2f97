/**
 * 003: the knowledge-base editor's loop. Published versions record who published (a role, never a
 * person), a summary of the changes and the publish report; one working draft; missed questions.
 *
 * Missed questions are stored detached from their conversation on purpose: no conversation id, no
 * time finer than the day, redacted text only. They have their own retention (see
 * main/knowledge/misses.ts), and the end-of-day wipe takes them unless the owner chose to keep them.
 */
import type { Migration } from './types';

export const migration003: Migration = {
  version: 3,
  name: 'kb_editor',
  up(db) {
    db.exec(`
      ALTER TABLE kb_versions ADD COLUMN author TEXT NOT NULL DEFAULT 'owner' CHECK (author IN ('owner', 'staff', 'cli', 'system'));
      ALTER TABLE kb_versions ADD COLUMN summary TEXT NOT NULL DEFAULT '';
      ALTER TABLE kb_versions ADD COLUMN report TEXT CHECK (report IS NULL OR json_valid(report));

      CREATE TABLE kb_draft (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        content TEXT NOT NULL CHECK (json_valid(content)),
        base_version INTEGER,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE missed_questions (
        id INTEGER PRIMARY KEY,
        text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
        norm TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('out_of_scope', 'suggestion_ignored', 'before_handoff', 'unhelpful')),
        day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        suggested TEXT NOT NULL CHECK (json_valid(suggested)),
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dismissed', 'assigned')),
        intent TEXT
      ) STRICT;
      CREATE INDEX missed_questions_day ON missed_questions (day);
    `);
  },
};
