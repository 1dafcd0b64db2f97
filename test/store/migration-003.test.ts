/** 003_kb_editor: versions written at schema 2 keep their rows and gain author/summary/report; new tables are STRICT with checks. */
import { afterEach, describe, expect, it } from 'vitest';
import { insertKbVersion, latestKbVersion, listPublishedVersions, schemaVersion } from '../../main/store';
import { cleanupTempDirs, openStoreAt, tempDir } from './helpers';

afterEach(cleanupTempDirs);

describe('migration 003_kb_editor', () => {
  it('keeps versions stored at schema 2 (author owner, no summary) and refuses bad rows in the new tables', async () => {
    const dir = tempDir();
    const v2 = await openStoreAt(dir, { targetSchemaVersion: 2 });
    insertKbVersion(v2.db, { hash: 'h1', name: 'Shop', version: '1', source: 'imported', importedAt: 5, content: '{"x":1}' });
    expect(() => v2.db.prepare('select count(*) from missed_questions').get()).toThrow(/no such table/);
    v2.close();

    const v3 = await openStoreAt(dir, { targetSchemaVersion: 3 });
    expect(schemaVersion(v3.db)).toBe(3);
    expect(latestKbVersion(v3.db)).toMatchObject({ hash: 'h1', content: '{"x":1}', source: 'imported' });
    expect(listPublishedVersions(v3.db)).toEqual([{ id: 1, hash: 'h1', name: 'Shop', version: '1', source: 'imported', at: 5, author: 'owner', summary: '', report: null }]);
    expect(() => v3.db.prepare("update kb_versions set author = 'alice'").run()).toThrow(/CHECK/);
    expect(() => v3.db.prepare("update kb_versions set report = '{bad'").run()).toThrow(/CHECK/);
    const ins = v3.db.prepare('insert into missed_questions (text, norm, reason, day, suggested) values (?, ?, ?, ?, ?)');
    expect(() => ins.run('hi', 'hi', 'out_of_scope', '2026-11-20', '[]')).not.toThrow();
    // The day only, never a time; a known reason; JSON suggestions.
    expect(() => ins.run('hi', 'hi', 'out_of_scope', '2026-11-20T10:00', '[]')).toThrow(/CHECK/);
    expect(() => ins.run('hi', 'hi', 'because', '2026-11-20', '[]')).toThrow(/CHECK/);
    expect(() => ins.run('hi', 'hi', 'unhelpful', '2026-11-20', 'nope')).toThrow(/CHECK/);
    expect(() => v3.db.prepare("insert into kb_draft (id, content, updated_at) values (2, '{}', 1)").run()).toThrow(/CHECK/);
  });
});
