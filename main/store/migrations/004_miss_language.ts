/**
 * 004: a missed question keeps the language it was asked in, so the inbox groups per language and
 * "add to intent" teaches that language's examples (languages.<code>.intents.<id>.examples).
 *
 * Rows stored before this step were all taught to the default language, so they get the live
 * knowledge base's default language: the latest stored import's settings.language, else the
 * built-in knowledge base's ('en', main/kb/default-kb.json), which is what the knowledge service
 * answers with when nothing was imported.
 */
import type { Migration } from './types';

export const migration004: Migration = {
  version: 4,
  name: 'miss_language',
  up(db) {
    db.exec(`
      ALTER TABLE missed_questions ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language GLOB '[a-z][a-z]');
      UPDATE missed_questions SET language = coalesce((
        SELECT CASE WHEN source = 'imported' AND json_valid(content) AND json_extract(content, '$.settings.language') GLOB '[a-z][a-z]'
                    THEN json_extract(content, '$.settings.language') END
        FROM kb_versions ORDER BY id DESC LIMIT 1
      ), 'en');
    `);
  },
};
