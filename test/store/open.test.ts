import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import {
  appendTurn,
  createConversation,
  eraseStoreFiles,
  getTranscript,
  isStoreInUse,
  LATEST_SCHEMA_VERSION,
  listConversations,
  openStore,
  readKeyFile,
  setAsideStore,
  storeHealth,
  type Store,
} from '../../main/store';
import { allFiles, checksums, cleanupTempDirs, failureCode, protector, tempDir } from './helpers';

const open: Store[] = [];
async function create(dir: string, pass?: string): Promise<Store> {
  const s = await openStore({ dataDir: dir, protector: protector(pass), create: true });
  open.push(s);
  return s;
}
async function reopen(dir: string, pass?: string): Promise<Store> {
  const s = await openStore({ dataDir: dir, protector: protector(pass), create: false });
  open.push(s);
  return s;
}
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  cleanupTempDirs();
});

function writeConversation(s: Store, id: string, text: string): void {
  createConversation(s.db, { id, startedAt: 1_700_000_000_000, channel: 'desktop', locale: 'en', keptBy: 'policy' });
  appendTurn(s.db, id, { text, intent: 'orders.track', confidence: 0.9, at: 1_700_000_000_100 }, [
    { text: `Reply about ${text}`, intent: 'orders.track', confidence: 0.9, at: 1_700_000_000_200 },
  ]);
}

describe('openStore: encryption at rest', () => {
  it('creates an encrypted store whose files never contain the plaintext, in any encoding', async () => {
    const dir = tempDir();
    const canary = `CANARY-${Date.now().toString(36)}-zebra-quokka`;
    const s = await create(dir);
    expect(s.created).toBe(true);
    expect(s.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    for (let i = 0; i < 30; i++) writeConversation(s, `c${i}`, `my order ${canary} number ${i}`);
    // Check while open (WAL holds recent pages) and after close (checkpointed into the main file).
    const encodings = (c: string): Buffer[] => [
      Buffer.from(c, 'utf8'),
      Buffer.from(c, 'utf16le'),
      Buffer.from(c, 'utf16le').swap16(), // UTF-16BE
      Buffer.from(Buffer.from(c, 'utf8').toString('hex'), 'latin1'),
      Buffer.from(Buffer.from(c, 'utf8').toString('hex').toUpperCase(), 'latin1'),
      Buffer.from(Buffer.from(c, 'utf8').toString('base64').slice(0, 20), 'latin1'),
      Buffer.from('zebra', 'utf8'), // a single token of it (the FTS index stores tokens)
      Buffer.from('quokka', 'utf8'),
    ];
    const scan = (): void => {
      const files = allFiles(dir);
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) {
        const bytes = fs.readFileSync(f);
        for (const needle of encodings(canary)) expect(bytes.includes(needle), `${path.basename(f)} contains ${needle.toString('latin1')}`).toBe(false);
      }
    };
    scan();
    expect(fs.existsSync(s.paths.wal)).toBe(true);
    s.close();
    scan();
    const head = fs.readFileSync(path.join(dir, 'hushdesk.db')).subarray(0, 16);
    expect(head.toString('latin1')).not.toBe('SQLite format 3\0');

    // Readable again with the key, and SQLCipher 4 compatible (opens in the library with cipher settings only).
    const again = await reopen(dir);
    expect(again.created).toBe(false);
    expect(listConversations(again.db)).toHaveLength(30);
    expect(getTranscript(again.db, 'c3')?.messages[0]?.text).toContain(canary);
  });

  it('a plain SQLite library without the key cannot read it', async () => {
    const dir = tempDir();
    const s = await create(dir);
    writeConversation(s, 'a', 'hello');
    s.close();
    const plain = new Database(path.join(dir, 'hushdesk.db'));
    expect(() => plain.prepare('select count(*) from sqlite_master').get()).toThrow(/not a database/);
    plain.close();
  });

  it('sets the documented pragmas', async () => {
    const s = await create(tempDir());
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(s.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(s.db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(s.db.pragma('temp_store', { simple: true })).toBe(2); // MEMORY
    expect(s.db.pragma('cipher', { simple: true })).toBe('sqlcipher');
    expect(s.keyProtector).toEqual({ kind: 'passphrase', backend: null, protectedByOs: false, warning: null });
    const h = storeHealth(s);
    expect(h.integrity).toEqual(['ok']);
    expect(h.searchIndexOk).toBe(true);
  });
});

describe('openStore: typed failures that never touch the files', () => {
  it('wrong passphrase -> wrong_key, every byte unchanged', async () => {
    const dir = tempDir();
    const s = await create(dir);
    writeConversation(s, 'a', 'secret stuff');
    s.close();
    const before = checksums(dir);
    expect(await failureCode(openStore({ dataDir: dir, protector: protector('not the passphrase'), create: true }))).toBe('wrong_key');
    expect(await failureCode(openStore({ dataDir: dir, protector: protector('not the passphrase'), create: false }))).toBe('wrong_key');
    expect(checksums(dir)).toEqual(before);
    // And the right one still works.
    const ok = await reopen(dir);
    expect(listConversations(ok.db)).toHaveLength(1);
  });

  it('wrong passphrase while the store is open elsewhere is still wrong_key and changes nothing', async () => {
    const dir = tempDir();
    const s = await create(dir);
    writeConversation(s, 'a', 'x');
    const before = checksums(dir);
    expect(await failureCode(openStore({ dataDir: dir, protector: protector('nope'), create: false }))).toBe('wrong_key');
    expect(checksums(dir)).toEqual(before);
  });

  it('truncated database -> corrupt, original bytes still there', async () => {
    const dir = tempDir();
    const s = await create(dir);
    for (let i = 0; i < 50; i++) writeConversation(s, `c${i}`, `message number ${i} `.repeat(20));
    s.close();
    const db = path.join(dir, 'hushdesk.db');
    const size = fs.statSync(db).size;
    // Cut mid-page.
    fs.truncateSync(db, size - 1000);
    let before = checksums(dir);
    expect(await failureCode(openStore({ dataDir: dir, protector: protector(), create: true }))).toBe('corrupt');
    expect(checksums(dir)).toEqual(before);
    // Cut on a page boundary (the header promises more pages than exist).
    fs.truncateSync(db, Math.floor(size / 2 / 4096) * 4096);
    before = checksums(dir);
    expect(await failureCode(openStore({ dataDir: dir, protector: protector(), create: true }))).toBe('corrupt');
    expect(checksums(dir)).toEqual(before);
  });

  it('garbage database -> corrupt; an unencrypted SQLite file -> not_a_database; bytes unchanged', async () => {
    const dir = tempDir();
    (await create(dir)).close();
    const db = path.join(dir, 'hushdesk.db');
    fs.writeFileSync(db, Buffer.alloc(8192, 0x5a));
    let before = checksums(dir);
    expect(await failureCode(openStore({ dataDir: dir, protector: protector(), create: true }))).toBe('corrupt');
    expect(checksums(dir)).toEqual(before);

    fs.rmSync(db);
    const plain = new Database(db);
    plain.exec('create table t(x); insert into t values (1)');
    plain.close();
    before = checksums(dir);
    expect(await failureCode(openStore({ dataDir: dir, protector: protector(), create: true }))).toBe('not_a_database');
    expect(checksums(dir)).toEqual(before);
  });

  it('database without its key file -> key_file_missing, never a new empty store over it', async () => {
    const dir = tempDir();
    const s = await create(dir);
    writeConversation(s, 'a', 'keep me');
    s.close();
    fs.rmSync(path.join(dir, 'hushdesk.key'));
    const before = checksums(dir);
    expect(await failureCode(openStore({ dataDir: dir, protector: protector(), create: true }))).toBe('key_file_missing');
    expect(checksums(dir)).toEqual(before);
    expect(fs.existsSync(path.join(dir, 'hushdesk.key'))).toBe(false);
  });

  it('malformed or future key file -> key_file_invalid / future_schema', async () => {
    const dir = tempDir();
    (await create(dir)).close();
    const keyPath = path.join(dir, 'hushdesk.key');
    const good = fs.readFileSync(keyPath, 'utf8');
    fs.writeFileSync(keyPath, '{not json');
    expect(await failureCode(openStore({ dataDir: dir, protector: protector(), create: true }))).toBe('key_file_invalid');
    const kf = JSON.parse(good) as { current: { wrapped: { iv: string } } };
    kf.current.wrapped.iv = '!!';
    fs.writeFileSync(keyPath, JSON.stringify(kf));
    expect(await failureCode(openStore({ dataDir: dir, protector: protector(), create: true }))).toBe('key_file_invalid');
    fs.writeFileSync(keyPath, JSON.stringify({ ...JSON.parse(good), version: 9 }));
    expect(await failureCode(openStore({ dataDir: dir, protector: protector(), create: true }))).toBe('future_schema');
    fs.writeFileSync(keyPath, good);
    (await reopen(dir)).close();
  });

  it('a database from a newer app -> future_schema, file unchanged', async () => {
    const dir = tempDir();
    const s = await create(dir);
    s.db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    s.close();
    const before = checksums(dir);
    expect(await failureCode(openStore({ dataDir: dir, protector: protector(), create: true }))).toBe('future_schema');
    expect(checksums(dir)).toEqual(before);
  });

  it('no store and create=false -> not_found, nothing written', async () => {
    const dir = tempDir();
    expect(await failureCode(openStore({ dataDir: dir, protector: protector(), create: false }))).toBe('not_found');
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(await failureCode(openStore({ dataDir: path.join(dir, 'nope'), protector: protector(), create: false }))).toBe('not_found');
    expect(fs.existsSync(path.join(dir, 'nope'))).toBe(false);
  });

  it('a second open of the same folder in this process -> locked; the first keeps working', async () => {
    const dir = tempDir();
    const s = await create(dir);
    expect(isStoreInUse(dir)).toBe(true);
    expect(await failureCode(openStore({ dataDir: dir, protector: protector(), create: true }))).toBe('locked');
    writeConversation(s, 'after', 'still writable');
    expect(listConversations(s.db)).toHaveLength(1);
    s.close();
    expect(isStoreInUse(dir)).toBe(false);
    const again = await reopen(dir);
    expect(listConversations(again.db)).toHaveLength(1);
  });
});

describe('setting aside and erasing', () => {
  it('setAsideStore copies a damaged store aside without touching it; move empties the folder for a fresh start', async () => {
    const dir = tempDir();
    (await create(dir)).close();
    fs.writeFileSync(path.join(dir, 'hushdesk.db'), Buffer.alloc(4096, 1));
    const before = checksums(dir);
    const copy = setAsideStore(dir, { now: 1 });
    expect(copy.files.map((f) => path.basename(f)).sort()).toEqual(['hushdesk.db', 'hushdesk.key']);
    for (const [rel, sum] of Object.entries(before)) expect(checksums(dir)[rel]).toBe(sum);
    expect(checksums(copy.folder)['hushdesk.db']).toBe(before['hushdesk.db']);

    const moved = setAsideStore(dir, { move: true, now: 2 });
    expect(fs.existsSync(path.join(dir, 'hushdesk.db'))).toBe(false);
    expect(checksums(moved.folder)['hushdesk.db']).toBe(before['hushdesk.db']);
    const fresh = await create(dir);
    expect(fresh.created).toBe(true);
  });

  it('eraseStoreFiles refuses while open, then removes db and key (key overwritten first)', async () => {
    const dir = tempDir();
    const s = await create(dir);
    writeConversation(s, 'a', 'bye');
    expect(() => eraseStoreFiles(dir)).toThrow(/in use/);
    s.close();
    const removed = eraseStoreFiles(dir).map((f) => path.basename(f));
    expect(removed).toContain('hushdesk.db');
    expect(removed).toContain('hushdesk.key');
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(readKeyFile(path.join(dir, 'hushdesk.key'))).toBeNull();
  });
});
