/** Key protectors through the backend: device key at start, switching to a passphrase, locked start, unlock. */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../main/backend';
import { DeviceProtector } from '../../main/store';
import type { AuditEntry, SecurityStatus } from '../../shared/domain';
import { checksums, cleanupTempDirs, tempDir } from '../store/helpers';
import { FakeSafeStorage } from '../support/fake-safe-storage';
import { filesContaining } from '../support/canary';
import { value } from '../support/result';

afterAll(cleanupTempDirs);


describe('security through the backend', () => {
  it('opens unattended with the device key, says plainly when the OS does not protect it', async () => {
    const dir = tempDir('hushdesk-sec-');
    const b = await createBackend({ dataDir: dir, host: 'node', protector: new DeviceProtector(new FakeSafeStorage('basic_text'), 'linux') });
    const s = value<SecurityStatus>(await b.handle('security.status', undefined));
    expect(s.unlocked).toBe(true);
    expect(s.keyProtector).toMatchObject({ kind: 'device', backend: 'basic_text', protectedByOs: false });
    expect(s.keyProtector?.warning).toMatch(/passphrase/i);
    await b.close();
  });

  it('switches to a passphrase; the next start stays locked until it is typed; wrong tries are audited', async () => {
    const dir = tempDir('hushdesk-sec-');
    const safe = new FakeSafeStorage('gnome_libsecret');
    const device = () => new DeviceProtector(safe, 'linux');
    const b1 = await createBackend({ dataDir: dir, host: 'node', protector: device() });
    value(await b1.handle('security.usePassphrase', { passphrase: 'a long enough secret' }));
    await b1.close();

    const b2 = await createBackend({ dataDir: dir, host: 'node', protector: device() });
    expect(value<SecurityStatus>(await b2.handle('security.status', undefined)).unlocked).toBe(false);
    expect(await b2.handle('chat.start', {})).toMatchObject({ ok: false, error: { code: 'store_locked' } });
    expect(await b2.handle('security.unlock', { passphrase: 'wrong one' })).toMatchObject({ ok: false, error: { code: 'wrong_key' } });
    const ok = value<SecurityStatus>(await b2.handle('security.unlock', { passphrase: 'a long enough secret' }));
    expect(ok).toMatchObject({ unlocked: true, keyProtector: { kind: 'passphrase' } });
    const { entries } = value<{ entries: AuditEntry[] }>(await b2.handle('audit.list', { limit: 50 }));
    const kinds = entries.map((e) => e.kind);
    expect(kinds).toContain('unlock_failed');
    expect(kinds).toContain('unlock_success');
    expect(kinds).toContain('protector_changed');
    // And back to the device keychain.
    value(await b2.handle('security.useDevice', { passphrase: 'a long enough secret' }));
    await b2.close();
    const b3 = await createBackend({ dataDir: dir, host: 'node', protector: device() });
    expect(value<SecurityStatus>(await b3.handle('security.status', undefined)).unlocked).toBe(true);
    await b3.close();
  });
});

describe('forgotten passphrase', () => {
  it('erase everything works while locked, and the next unlock starts a fresh store', async () => {
    const dir = tempDir('hushdesk-sec-');
    const b1 = await createBackend({ dataDir: dir, host: 'node', passphrase: 'the old passphrase' });
    const start = value<{ conversationId: string }>(await b1.handle('chat.start', {}));
    value(await b1.handle('chat.consent', { conversationId: start.conversationId, choice: 'save' }));
    value(await b1.handle('chat.send', { conversationId: start.conversationId, text: 'Forgotten-canary-8841 where is my order' }));
    await b1.close();

    const b2 = await createBackend({ dataDir: dir, host: 'node' });
    expect(value<SecurityStatus>(await b2.handle('security.status', undefined))).toMatchObject({ unlocked: false, storeExists: true });
    value(await b2.handle('wipe.run', { scope: { kind: 'all' } }));
    expect(value<SecurityStatus>(await b2.handle('security.status', undefined))).toMatchObject({ unlocked: false, storeExists: false });
    value(await b2.handle('security.unlock', { passphrase: 'a brand new passphrase' }));
    const facts = value<{ counts: { conversations: number; messages: number } }>(await b2.handle('privacy.facts', undefined));
    expect(facts.counts).toMatchObject({ conversations: 0, messages: 0 });
    await b2.close();
    expect(filesContaining(dir, 'Forgotten-canary-8841')).toEqual([]);
  });

  it('a kiosk on the device key comes straight back with a fresh store after erase everything', async () => {
    const dir = tempDir('hushdesk-sec-');
    const device = new DeviceProtector(new FakeSafeStorage('gnome_libsecret'), 'linux');
    const b = await createBackend({ dataDir: dir, host: 'node', protector: device });
    value(await b.handle('settings.set', { patch: { conversationPolicy: 'save' } }));
    const { conversationId } = value<{ conversationId: string }>(await b.handle('chat.start', {}));
    value(await b.handle('chat.send', { conversationId, text: 'hello there' }));
    value(await b.handle('wipe.run', { scope: { kind: 'all' } }));
    expect(value<SecurityStatus>(await b.handle('security.status', undefined)).unlocked).toBe(true);
    const facts = value<{ counts: { conversations: number; settings: number } }>(await b.handle('privacy.facts', undefined));
    expect(facts.counts).toMatchObject({ conversations: 0, settings: 0 });
    await b.close();
  });
});

describe('a store that cannot be opened', () => {
  it('keeps the backend up, says why, changes nothing, and can set the files aside for a fresh start', async () => {
    const dir = tempDir('hushdesk-sec-');
    const safe = new FakeSafeStorage('gnome_libsecret');
    const b1 = await createBackend({ dataDir: dir, host: 'node', protector: new DeviceProtector(safe, 'linux') });
    await b1.close();
    // A keychain that lost its secret (OS account reset) is reported, not a crash.
    const other = await createBackend({ dataDir: dir, host: 'node', protector: new DeviceProtector(new FakeSafeStorage('gnome_libsecret'), 'linux') });
    expect(value<SecurityStatus>(await other.handle('security.status', undefined)).openError?.code).toBe('protector_unavailable');
    await other.close();
    // Damage the database: garbage over the middle of the file (whole pages, so the size check passes).
    const db = path.join(dir, 'hushdesk.db');
    const bytes = fs.readFileSync(db);
    crypto.randomFillSync(bytes, 0, Math.min(bytes.length, 8192));
    fs.writeFileSync(db, bytes);
    const before = checksums(dir);

    const b2 = await createBackend({ dataDir: dir, host: 'node', protector: new DeviceProtector(safe, 'linux') });
    const status = value<SecurityStatus>(await b2.handle('security.status', undefined));
    expect(status.unlocked).toBe(false);
    // Garbage over page 1 under a key the key file authenticates: the database itself is damaged.
    expect(status.openError?.code).toBe('corrupt');
    expect(checksums(dir)).toEqual(before);
    // Every other channel says the same real reason (not "locked: enter the passphrase").
    expect(await b2.handle('chat.start', {})).toMatchObject({ ok: false, error: { code: status.openError?.code } });

    const fresh = value<SecurityStatus & { setAside: string }>(await b2.handle('security.startFresh', undefined));
    expect(fresh).toMatchObject({ unlocked: true, openError: null });
    // The damaged files were moved, byte for byte, into the set-aside folder.
    const moved = checksums(fresh.setAside);
    const storeFilesBefore = Object.entries(before).filter(([name]) => name.startsWith('hushdesk.'));
    expect(Object.keys(moved).sort()).toEqual(['hushdesk.db', 'hushdesk.key']);
    expect(Object.values(moved).sort()).toEqual(storeFilesBefore.map(([, sum]) => sum).sort());
    await b2.close();
  });
});
