import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import {
  appendTurn,
  changeKeyProtector,
  createConversation,
  getTranscript,
  listConversations,
  openStore,
  readKeyFile,
  rekey,
  storeHealth,
  type Store,
} from '../../main/store';
import { rawKeyLiteral } from '../../main/store/keys/datakey';
import { entryAad, newKeyId, writeKeyFileAtomic } from '../../main/store/keys/keyfile';
import { checksums, cleanupTempDirs, currentDataKey, failureCode, openStoreAt, protector, tempDir, tryRawKey } from './helpers';

afterEach(cleanupTempDirs);
const openAt = (dir: string, pass?: string): Promise<Store> => openStoreAt(dir, pass !== undefined ? { passphrase: pass } : {});
function seed(s: Store, n: number): void {
  for (let i = 0; i < n; i++) {
    createConversation(s.db, { id: `c${i}`, startedAt: i, channel: 'kiosk', locale: 'en', keptBy: 'policy' });
    appendTurn(s.db, `c${i}`, { text: `question ${i}`, at: i }, [{ text: `answer ${i}`, intent: 'faq', confidence: 1, at: i }]);
  }
}
const tryRawKeyIn = (dir: string, key: Buffer): string => tryRawKey(path.join(dir, 'hushdesk.db'), key);

describe('rekey', () => {
  it('rotates to a fresh data key: reopen works, the old key fails with NOTADB', async () => {
    const dir = tempDir();
    const s = await openAt(dir);
    seed(s, 20);
    const oldKey = await currentDataKey(dir);
    const oldId = readKeyFile(path.join(dir, 'hushdesk.key'))?.current.id;
    await rekey(s);
    // Same connection keeps working, in WAL again.
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
    seed2(s);
    const kf = readKeyFile(path.join(dir, 'hushdesk.key'));
    expect(kf?.pending).toBeNull();
    expect(kf?.current.id).not.toBe(oldId);
    s.close();

    const newKey = await currentDataKey(dir);
    expect(newKey.equals(oldKey)).toBe(false);
    expect(tryRawKeyIn(dir, oldKey)).toBe('SQLITE_NOTADB');
    expect(tryRawKeyIn(dir, newKey)).toBe('ok');
    const again = await openAt(dir);
    expect(listConversations(again.db)).toHaveLength(21);
    expect(storeHealth(again).integrity).toEqual(['ok']);
  });

  it('a crash after the database was rekeyed but before the key file commit still opens (pending key)', async () => {
    const dir = tempDir();
    const s = await openAt(dir);
    seed(s, 5);
    s.close();
    // Simulate steps 1-2 of rekey by hand, then "crash" before step 3.
    const keyPath = path.join(dir, 'hushdesk.key');
    const kf = readKeyFile(keyPath)!;
    const oldKey = await currentDataKey(dir);
    const newKey = Buffer.alloc(32, 7);
    const session = await protector().attach(kf.protector);
    const id = newKeyId();
    const pending = { id, createdAt: 1, wrapped: await session.wrap(newKey, entryAad(id)) };
    writeKeyFileAtomic(keyPath, { ...kf, pending });
    const raw = new Database(path.join(dir, 'hushdesk.db'));
    raw.pragma("cipher = 'sqlcipher'");
    raw.pragma('legacy = 4');
    raw.key(rawKeyLiteral(oldKey));
    raw.pragma('journal_mode = DELETE');
    raw.rekey(rawKeyLiteral(newKey));
    raw.close();

    const again = await openAt(dir);
    expect(listConversations(again.db)).toHaveLength(5);
    const settled = readKeyFile(keyPath)!;
    expect(settled.pending).toBeNull();
    expect(settled.current.id).toBe(id);
  });

  it('a crash before the database was rekeyed drops the pending key', async () => {
    const dir = tempDir();
    const s = await openAt(dir);
    seed(s, 2);
    s.close();
    const keyPath = path.join(dir, 'hushdesk.key');
    const kf = readKeyFile(keyPath)!;
    const session = await protector().attach(kf.protector);
    const id = newKeyId();
    writeKeyFileAtomic(keyPath, { ...kf, pending: { id, createdAt: 1, wrapped: await session.wrap(Buffer.alloc(32, 9), entryAad(id)) } });
    const again = await openAt(dir);
    expect(listConversations(again.db)).toHaveLength(2);
    expect(readKeyFile(keyPath)?.pending).toBeNull();
    expect(readKeyFile(keyPath)?.current.id).toBe(kf.current.id);
  });
});

function seed2(s: Store): void {
  createConversation(s.db, { id: 'after-rekey', startedAt: 99, channel: 'desktop', locale: 'en', keptBy: 'policy' });
  appendTurn(s.db, 'after-rekey', { text: 'post rotation', at: 99 }, []);
}

describe('change passphrase', () => {
  it('rewraps only: old passphrase fails, new works, database bytes unchanged', async () => {
    const dir = tempDir();
    const s = await openAt(dir, 'old passphrase');
    seed(s, 3);
    s.close();
    const s2 = await openAt(dir, 'old passphrase');
    const dbBefore = checksums(dir)['hushdesk.db'];
    const keyBefore = checksums(dir)['hushdesk.key'];
    // Wrong current passphrase: refused, nothing changes.
    expect(await failureCode(changeKeyProtector(s2, protector('guess'), protector('new passphrase')))).toBe('wrong_key');
    expect(checksums(dir)['hushdesk.key']).toBe(keyBefore);
    await changeKeyProtector(s2, protector('old passphrase'), protector('new passphrase'));
    expect(checksums(dir)['hushdesk.db']).toBe(dbBefore);
    expect(checksums(dir)['hushdesk.key']).not.toBe(keyBefore);
    // The open store can still rotate with the new wrapping.
    s2.close();
    expect(checksums(dir)['hushdesk.db']).toBe(dbBefore);
    expect(await failureCode(openStore({ dataDir: dir, protector: protector('old passphrase'), create: false }))).toBe('wrong_key');
    const s3 = await openAt(dir, 'new passphrase');
    expect(getTranscript(s3.db, 'c1')?.messages.map((m) => m.text)).toEqual(['question 1', 'answer 1']);
    await rekey(s3);
    s3.close();
    const s4 = await openAt(dir, 'new passphrase');
    expect(listConversations(s4.db)).toHaveLength(3);
    expect(fs.existsSync(path.join(dir, 'hushdesk.key'))).toBe(true);
  });
});
