import { afterEach, describe, expect, it } from 'vitest';
import {
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
  migrate,
  schemaVersion,
  searchMessages,
  type Migration,
  type Store,
} from '../../main/store';
import { cleanupTempDirs, openStoreAt, tempDir } from './helpers';

afterEach(cleanupTempDirs);

const storeAt = (dir: string, target?: number): Promise<Store> => openStoreAt(dir, target !== undefined ? { targetSchemaVersion: target } : {});

function tables(s: Store): string[] {
  return (s.db.prepare("select name from sqlite_master where type in ('table') order by name").pluck().all() as string[]).filter(
    (n) => !n.startsWith('sqlite_'),
  );
}

describe('migrations', () => {
  it('are numbered 1..N with no gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
  });

  it('001_initial creates the base tables', async () => {
    const s = await storeAt(tempDir(), 1);
    expect(schemaVersion(s.db)).toBe(1);
    expect(tables(s)).toEqual(['audit_log', 'consents', 'conversations', 'kb_versions', 'messages', 'meta', 'privacy_notices', 'settings']);
    // STRICT + CHECK constraints reject bad rows.
    expect(() =>
      s.db.prepare("insert into conversations (id, started_at, channel, locale, kept_by) values ('x', 1, 'phone', 'en', 'policy')").run(),
    ).toThrow(/CHECK/);
    expect(() => s.db.prepare("insert into settings (key, value) values ('a', '{bad')").run()).toThrow(/CHECK/);
  });

  it('002_search: rows written at version 1 become searchable at version 2, and triggers keep the index in sync', async () => {
    const dir = tempDir();
    const v1 = await storeAt(dir, 1);
    v1.db.prepare("insert into conversations (id, started_at, channel, locale, kept_by) values ('old', 1, 'kiosk', 'es', 'consent')").run();
    v1.db
      .prepare("insert into messages (conversation_id, role, text, intent, confidence, at) values ('old', 'user', '¿Dónde está mi pedido?', 'orders.track', 0.8, 2)")
      .run();
    expect(v1.db.prepare("select count(*) from sqlite_master where name = 'messages_fts'").pluck().get()).toBe(0);
    v1.close();

    const v2 = await storeAt(dir, 2);
    expect(schemaVersion(v2.db)).toBe(2);
    const hits = searchMessages(v2.db, 'donde pedido');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ conversationId: 'old', role: 'user' });
    expect(hits[0]?.snippet).toContain('«pedido»');
    // New rows are indexed by the insert trigger; deleting the conversation cascades into the index.
    v2.db.prepare("insert into messages (conversation_id, role, text, at) values ('old', 'bot', 'Tu pedido llega mañana', 3)").run();
    expect(searchMessages(v2.db, 'manana')).toHaveLength(1);
    v2.db.prepare("update messages set text = 'cambiado' where text like 'Tu pedido%'").run();
    expect(searchMessages(v2.db, 'manana')).toHaveLength(0);
    expect(searchMessages(v2.db, 'cambiado')).toHaveLength(1);
    v2.db.prepare("delete from conversations where id = 'old'").run();
    expect(v2.db.prepare('select count(*) from messages').pluck().get()).toBe(0);
    expect(searchMessages(v2.db, 'pedido')).toHaveLength(0);
    expect(() => v2.db.prepare("insert into messages_fts (messages_fts, rank) values ('integrity-check', 1)").run()).not.toThrow();
  });

  it("004_miss_language: missed questions stored before it get the live knowledge base's default language", async () => {
    const insert = "insert into missed_questions (text, norm, reason, day, suggested) values ('do you rent kayaks', 'do you rent kayaks', 'out_of_scope', '2026-11-20', '[]')";
    // Nothing imported: the built-in knowledge base (English) answered them.
    const dirA = tempDir();
    const a3 = await storeAt(dirA, 3);
    a3.db.prepare(insert).run();
    a3.close();
    const a4 = await storeAt(dirA, 4);
    expect(a4.db.prepare('select language from missed_questions').pluck().all()).toEqual(['en']);
    expect(() => a4.db.prepare("update missed_questions set language = 'spanish'").run()).toThrow(/CHECK/);
    a4.close();
    // The latest version is an imported knowledge base whose default language is Spanish.
    const dirB = tempDir();
    const b3 = await storeAt(dirB, 3);
    const kb = (language: string): string => JSON.stringify({ schemaVersion: 2, name: 'x', version: '1', settings: { language } });
    b3.db.prepare("insert into kb_versions (hash, name, version, source, imported_at, content) values ('h1', 'x', '1', 'imported', 1, ?)").run(kb('en'));
    b3.db.prepare("insert into kb_versions (hash, name, version, source, imported_at, content) values ('h2', 'x', '2', 'imported', 2, ?)").run(kb('es'));
    b3.db.prepare(insert).run();
    b3.close();
    const b4 = await storeAt(dirB, 4);
    expect(b4.db.prepare('select language from missed_questions').pluck().all()).toEqual(['es']);
  });

  it('the runner refuses a file newer than the app and a gap in the list', async () => {
    const s = await storeAt(tempDir());
    s.db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 3}`);
    expect(() => migrate(s.db)).toThrow(/newer/);
    s.db.pragma(`user_version = ${LATEST_SCHEMA_VERSION}`);
    const gap: Migration[] = [{ version: 2, name: 'x', up: () => undefined }];
    expect(() => migrate(s.db, { migrations: gap })).toThrow(/contiguous/);
  });

  it('a failing migration rolls back entirely, leaving the previous version', async () => {
    const s = await storeAt(tempDir());
    const broken: Migration[] = [
      ...MIGRATIONS,
      {
        version: LATEST_SCHEMA_VERSION + 1,
        name: 'broken',
        up: (db) => {
          db.exec('create table half_done (x)');
          db.exec('this is not sql');
        },
      },
    ];
    expect(() => migrate(s.db, { migrations: broken })).toThrow();
    expect(schemaVersion(s.db)).toBe(LATEST_SCHEMA_VERSION);
    expect(s.db.prepare("select count(*) from sqlite_master where name = 'half_done'").pluck().get()).toBe(0);
  });

  it('opening at an older target then at latest upgrades in place', async () => {
    const dir = tempDir();
    const s = await storeAt(dir, 1);
    s.close();
    const s2 = await storeAt(dir);
    expect(s2.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
  });
});
