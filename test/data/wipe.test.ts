/**
 * Wipes on real encrypted stores: end of day (crypto-erase), one conversation, everything; the
 * `hushdesk wipe` command's confirmation rules.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { rawKeyLiteral } from '../../main/store/keys/datakey';
import { createExport, listAudit, previewWipe, recoverWipeAll, verifyAudit, wipeAll, wipeConversation, wipeEndOfDay, lastWipe } from '../../main/data';
import {
  addNotice,
  appendTurn,
  consentsForConversation,
  createConversation,
  getSetting,
  insertKbVersion,
  latestKbVersion,
  openStore,
  readKeyFile,
  setSetting,
  storeHealth,
  tableCounts,
  type Store,
} from '../../main/store';
import { checksums, cleanupTempDirs, currentDataKey, protector, tempDir } from '../store/helpers';
import { canary, cli, filesUnder, openAt, PASS, scanFor, seed, T0, tryRawKey } from './helpers';

const N = 60;

/** Copies a database, removes its encryption in place (SQLite3MC rekey to ''), and scans the bytes. */
function decryptedCopyHas(file: string, key: Buffer, needles: string[]): boolean {
  const copy = path.join(tempDir('hushdesk-plain-'), 'plain.db');
  fs.copyFileSync(file, copy);
  const db = new Database(copy, { fileMustExist: true });
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.key(rawKeyLiteral(key));
  db.pragma('journal_mode = DELETE');
  db.rekey(Buffer.from(''));
  db.close();
  const bytes = fs.readFileSync(copy);
  if (!bytes.subarray(0, 16).equals(Buffer.from('SQLite format 3\0', 'latin1'))) throw new Error('copy was not decrypted');
  return needles.some((n) => bytes.includes(Buffer.from(n, 'utf8')));
}
const CANARIES = Array.from({ length: N }, (_, i) => [canary(i, 'q'), canary(i, 'a')]).flat();
const open: Store[] = [];
afterEach(() => {
  for (const s of open.splice(0)) if (s.isOpen) s.close();
  cleanupTempDirs();
});
async function seededStore(): Promise<{ s: Store; dir: string }> {
  const dir = tempDir('hushdesk-wipe-');
  const s = await openAt(dir);
  open.push(s);
  seed(s, N);
  insertKbVersion(s.db, { hash: 'h1', name: 'Shop KB', version: '1', source: 'default', importedAt: T0, content: '{"intents":[]}' });
  setSetting(s.db, 'app.settings', { locale: 'es' });
  addNotice(s.db, { version: 1, text: 'We keep chats for 30 days.', at: T0 });
  return { s, dir };
}

describe('end-of-day wipe', () => {
  it('deletes every conversation, message, consent and search entry; keeps KB, settings, notices, audit; crypto-erases', async () => {
    const { s, dir } = await seededStore();
    const consents = tableCounts(s.db).consents;
    expect(consents).toBe(20);
    // Before: the canaries are searchable, and a pre-wipe copy of the (checkpointed) database is kept aside.
    expect(s.db.prepare(`SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH '"${canary(7, 'q')}"'`).get()).toEqual({ n: 1 });
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    const aside = tempDir('hushdesk-aside-');
    fs.copyFileSync(path.join(dir, 'hushdesk.db'), path.join(aside, 'before.db'));
    const oldKey = await currentDataKey(dir);
    expect(tryRawKey(path.join(aside, 'before.db'), oldKey)).toBe('ok');

    const preview = previewWipe(s.db, { kind: 'day' }, { dataDir: dir });
    expect(preview.goes).toEqual({ conversations: N, messages: 2 * N, consents });
    expect(preview.stays.join(' ')).toMatch(/knowledge base \(1 version\).*settings.*privacy notices.*audit log/);
    // The same as codes for the screens (which word them per language), with the same counts.
    expect(preview.stay.map((x) => x.what)).toEqual(['knowledge_base', 'settings', 'privacy_notices', 'audit_log']);
    expect(preview.stay[0]).toEqual({ what: 'knowledge_base', versions: 1 });
    expect(preview.stays[3]).toContain(`audit log (${(preview.stay[3] as { entries: number }).entries} entries`);

    const deleted = await wipeEndOfDay(s, T0 + 86_400_000);
    expect(deleted).toEqual(preview.goes);

    // The export is empty; the audit log shows the wipe with the right counts and still verifies.
    const out = tempDir('hushdesk-out-');
    const r = createExport(s.db, { dataDir: s.paths.dataDir, format: 'json', scope: { kind: 'all' }, now: T0 }, { kind: 'dir', dir: out });
    expect(r).toMatchObject({ conversations: 0, messages: 0 });
    const wipe = listAudit(s.db).find((e) => e.kind === 'wipe');
    expect(wipe?.detail).toEqual({ scope: 'day', conversations: N, messages: 2 * N, consents, rotatedKey: true, trigger: 'staff' });
    expect(verifyAudit(s.db).ok).toBe(true);
    expect(lastWipe(s.db)).toMatchObject({ at: T0 + 86_400_000, scope: 'day', counts: deleted });

    // What stays, stays; the search index is empty and consistent; the same Store keeps working.
    expect(latestKbVersion(s.db)?.name).toBe('Shop KB');
    expect(getSetting(s.db, 'app.settings')).toEqual({ locale: 'es' });
    expect(tableCounts(s.db)).toMatchObject({ conversations: 0, messages: 0, consents: 0, privacyNotices: 1, knowledgeBaseVersions: 1 });
    expect(s.db.prepare(`SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH '"${canary(7, 'q')}"'`).get()).toEqual({ n: 0 });
    expect(storeHealth(s)).toMatchObject({ integrity: ['ok'], searchIndexOk: true, journalMode: 'wal', rotationPending: false });
    createConversation(s.db, { id: 'after', startedAt: T0, channel: 'kiosk', locale: 'en', keptBy: 'policy' });
    appendTurn(s.db, 'after', { text: 'new day', at: T0 }, []);

    // Byte scan of every file in the data folder, while open and after close: no canary anywhere.
    expect(scanFor(dir, CANARIES)).toEqual([]);
    s.close();
    expect(scanFor(dir, CANARIES)).toEqual([]);
    expect(filesUnder(dir).map((f) => path.basename(f)).sort()).toEqual(['hushdesk.db', 'hushdesk.key']);

    // The old data key opens no file any more; the key file no longer holds it.
    for (const f of filesUnder(dir)) expect(tryRawKey(f, oldKey), f).not.toBe('ok');
    const newKey = await currentDataKey(dir);
    expect(newKey.equals(oldKey)).toBe(false);
    expect(readKeyFile(path.join(dir, 'hushdesk.key'))?.pending).toBeNull();
    // Even under the new key no remnant is left: a copy decrypted in place (every page, free ones
    // included) holds no canary, while the same decryption of the pre-wipe copy does.
    expect(decryptedCopyHas(path.join(dir, 'hushdesk.db'), newKey, CANARIES)).toBe(false);
    expect(decryptedCopyHas(path.join(aside, 'before.db'), oldKey, CANARIES)).toBe(true);
    // The pre-wipe copy cannot be opened with any key the app still holds.
    expect(tryRawKey(path.join(aside, 'before.db'), newKey)).toBe('SQLITE_NOTADB');

    const again = await openAt(dir);
    open.push(again);
    expect(tableCounts(again.db)).toMatchObject({ conversations: 1, messages: 1 });
  });
});

describe('one conversation', () => {
  it('deletes its messages and search entries; its consent stays, withdrawn; audited; unknown id is not_found', async () => {
    const { s, dir } = await seededStore();
    expect(previewWipe(s.db, { kind: 'conversation', conversationId: 'c3' }, { dataDir: dir }).goes).toEqual({ conversations: 1, messages: 2, consents: 0 });
    expect(wipeConversation(s.db, 'c3', T0 + 5)).toEqual({ conversations: 1, messages: 2, consents: 0 });
    expect(tableCounts(s.db)).toMatchObject({ conversations: N - 1, messages: 2 * N - 2 });
    expect(s.db.prepare(`SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH '"${canary(3, 'q')}"'`).get()).toEqual({ n: 0 });
    expect(consentsForConversation(s.db, 'c3')).toMatchObject([{ choice: 'granted', withdrawnAt: T0 + 5 }]);
    expect(listAudit(s.db)[0]).toMatchObject({ kind: 'wipe', detail: { scope: 'conversation', conversations: 1, messages: 2, consents: 0 } });
    expect(() => wipeConversation(s.db, 'c3', T0)).toThrow(expect.objectContaining({ error: expect.objectContaining({ code: 'not_found' }) }));
    expect(() => previewWipe(s.db, { kind: 'conversation', conversationId: 'zz' }, { dataDir: dir })).toThrow(/no conversation/);
    // Other conversations are untouched and still found.
    expect(s.db.prepare(`SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH '"${canary(4, 'q')}"'`).get()).toEqual({ n: 1 });
    s.close();
    expect(scanFor(dir, [canary(3, 'q'), canary(3, 'a')])).toEqual([]);
  });
});

describe('erase everything', () => {
  it('removes database, key, caches, logs and set-aside copies; the next open is a first start', async () => {
    const { s, dir } = await seededStore();
    const cache = path.join(dir, 'cache');
    fs.mkdirSync(path.join(dir, 'logs'));
    fs.writeFileSync(path.join(dir, 'logs', 'app.log'), 'started\n');
    fs.mkdirSync(cache);
    fs.writeFileSync(path.join(cache, 'intent-model.bin'), 'model');
    const outside = tempDir('hushdesk-userexports-');
    fs.writeFileSync(path.join(outside, 'mine.json'), '{}');

    const preview = previewWipe(s.db, { kind: 'all' }, { dataDir: dir, cacheDirs: [cache] });
    expect(preview.goes).toMatchObject({ conversations: N, messages: 2 * N });
    expect(preview.goes.files?.map((f) => path.relative(dir, f)).sort()).toEqual(['cache', 'hushdesk.db', 'hushdesk.db-wal', 'hushdesk.key', 'logs'].sort());

    // Refused while the store is open (any connection holds the lock).
    expect(() => wipeAll(dir, { cacheDirs: [cache] })).toThrow(expect.objectContaining({ error: expect.objectContaining({ code: 'locked' }) }));
    expect(fs.existsSync(path.join(dir, 'hushdesk.key'))).toBe(true);
    s.close();

    const removed = wipeAll(dir, { cacheDirs: [cache] });
    expect(removed.length).toBeGreaterThanOrEqual(4);
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(fs.readdirSync(outside)).toEqual(['mine.json']);
    expect(recoverWipeAll(dir)).toBe(false);

    // A first start: any passphrase creates a new, empty store.
    const fresh = await openStore({ dataDir: dir, protector: protector('a brand new passphrase'), create: true });
    open.push(fresh);
    expect(fresh.created).toBe(true);
    expect(tableCounts(fresh.db)).toMatchObject({ conversations: 0, messages: 0, auditEntries: 0, knowledgeBaseVersions: 0, settings: 0 });
  });
});

describe('hushdesk wipe', () => {
  it('without --yes and without a TTY: exit 2, nothing opened or deleted', async () => {
    const { s, dir } = await seededStore();
    s.close();
    const before = checksums(dir);
    for (const scope of ['day', 'all', 'conversation:c1']) {
      const r = await cli(['wipe', '--scope', scope, '--data-dir', dir]);
      expect(r.code).toBe(2);
      expect(r.err).toContain('--yes');
    }
    expect(checksums(dir)).toEqual(before);
    expect((await cli(['wipe', '--scope', 'week', '--data-dir', dir, '--yes'])).code).toBe(2);
  });

  it('with a TTY: shows the counts and needs "wipe" typed (not confirmed: nothing deleted, the unlock audited)', async () => {
    const { s, dir } = await seededStore();
    const countsBefore = tableCounts(s.db);
    const auditBefore = listAudit(s.db, { limit: 1000 }).length;
    s.close();
    const no = await cli(['wipe', '--scope', 'day', '--data-dir', dir], { HUSHDESK_PASSPHRASE: PASS }, { tty: true, input: 'nope\n' });
    expect(no.code).toBe(2);
    expect(no.err).toContain(`This deletes ${N} conversations, ${2 * N} messages, 20 consent records.`);
    expect(no.err).toContain('not confirmed');
    // The CLI opens the store through the app's backend: the terminal's unlock is in the audit log
    // like an unlock in the app, the start-up duties record their run (meta), and no data changed.
    const after = await openAt(dir);
    const { auditEntries: _a, meta: _m, ...kept } = tableCounts(after.db);
    const { auditEntries: _b, meta: _n, ...keptBefore } = countsBefore;
    expect(kept).toEqual(keptBefore);
    const added = listAudit(after.db, { limit: 1000 }).slice(0, -auditBefore || undefined);
    expect(added.map((e) => [e.kind, e.detail.via])).toEqual([
      ['unlock_success', 'cli'],
      ['app_start', 'cli'],
    ]);
    after.close();
    const yes = await cli(['wipe', '--scope', 'day', '--data-dir', dir], { HUSHDESK_PASSPHRASE: PASS }, { tty: true, input: 'wipe\n' });
    expect(yes.code).toBe(0);
    expect(yes.out).toContain(`deleted ${N} conversations, ${2 * N} messages, 20 consent records; the database was compacted and re-encrypted under a new key`);
  });

  it('--yes: conversation, day (audited as cli), then all without any passphrase', async () => {
    const { s, dir } = await seededStore();
    s.close();
    const one = await cli(['wipe', '--scope', 'conversation:c2', '--yes', '--data-dir', dir]);
    expect(one).toMatchObject({ code: 0, out: 'deleted 1 conversation, 2 messages, 0 consent records\n' });
    expect((await cli(['wipe', '--scope', 'conversation:c2', '--yes', '--data-dir', dir])).code).toBe(1);
    const day = await cli(['wipe', '--scope', 'day', '--yes', '--data-dir', dir]);
    expect(day.code).toBe(0);
    const check = await openAt(dir);
    expect(listAudit(check.db)[0]).toMatchObject({ kind: 'wipe', detail: { scope: 'day', conversations: N - 1, trigger: 'cli' } });
    check.close();

    const all = await cli(['wipe', '--scope', 'all', '--yes', '--data-dir', dir], {});
    expect(all.err).toBe('');
    expect(all.code).toBe(0);
    expect(all.out).toContain('erased');
    expect(fs.readdirSync(dir)).toEqual([]);
    const nothing = await cli(['wipe', '--scope', 'all', '--yes', '--data-dir', dir], {});
    expect(nothing).toMatchObject({ code: 0, out: expect.stringContaining('nothing to erase') });
  });

  it('--scope all refuses while the store is open: locked, exit 1, files untouched', async () => {
    const { s, dir } = await seededStore();
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = checksums(dir);
    const r = await cli(['wipe', '--scope', 'all', '--yes', '--data-dir', dir], {});
    expect(r.code).toBe(1);
    expect(r.err).toContain('in use');
    expect(checksums(dir)).toEqual(before);
  });
});
