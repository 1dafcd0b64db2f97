import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSafeStorage } from '../support/fake-safe-storage';
import { BASIC_TEXT_WARNING, DeviceProtector, changeKeyProtector, listConversations, createConversation, openStore, readKeyFile } from '../../main/store';
import { rawKeyLiteral } from '../../main/store/keys/datakey';
import { checksums, cleanupTempDirs, failureCode, protector, tempDir } from './helpers';

afterEach(() => cleanupTempDirs());

describe('raw key literal', () => {
  it("is x'<64 lowercase hex>'", () => {
    const key = crypto.randomBytes(32);
    expect(rawKeyLiteral(key).toString('latin1')).toBe(`x'${key.toString('hex')}'`);
  });
});

describe('passphrase protector', () => {
  it('records scrypt parameters and an AES-GCM wrap; the key file holds no raw key', async () => {
    const dir = tempDir();
    const s = await openStore({ dataDir: dir, protector: protector(), create: true });
    s.close();
    const kf = readKeyFile(path.join(dir, 'hushdesk.key'));
    expect(kf?.protector).toMatchObject({ kind: 'passphrase', kdf: 'scrypt', N: 4096, r: 8, p: 1 });
    expect(kf?.current.wrapped.alg).toBe('aes-256-gcm');
    expect(fs.statSync(path.join(dir, 'hushdesk.key')).mode & 0o777).toBe(0o600);
  });

  it('a tampered wrap (swapped entry id) is rejected as wrong_key, not silently accepted', async () => {
    const dir = tempDir();
    (await openStore({ dataDir: dir, protector: protector(), create: true })).close();
    const keyPath = path.join(dir, 'hushdesk.key');
    const kf = JSON.parse(fs.readFileSync(keyPath, 'utf8')) as { current: { id: string } };
    kf.current.id = '0123456789abcdef';
    fs.writeFileSync(keyPath, JSON.stringify(kf));
    expect(await failureCode(openStore({ dataDir: dir, protector: protector(), create: false }))).toBe('wrong_key');
  });

  it('the passphrase protector cannot open a device-protected store (protector_unavailable)', async () => {
    const dir = tempDir();
    (await openStore({ dataDir: dir, protector: new DeviceProtector(new FakeSafeStorage('gnome_libsecret'), 'linux'), create: true })).close();
    expect(await failureCode(openStore({ dataDir: dir, protector: protector(), create: false }))).toBe('protector_unavailable');
  });
});

describe('device protector', () => {
  it('wraps with the OS keychain and records the backend; protectedByOs with a real keyring', async () => {
    const dir = tempDir();
    const safe = new FakeSafeStorage('gnome_libsecret');
    const s = await openStore({ dataDir: dir, protector: new DeviceProtector(safe, 'linux'), create: true });
    expect(s.keyProtector).toEqual({ kind: 'device', backend: 'gnome_libsecret', protectedByOs: true, warning: null });
    createConversation(s.db, { id: 'k', startedAt: 1, channel: 'kiosk', locale: 'en', keptBy: 'policy' });
    s.close();
    const kf = readKeyFile(path.join(dir, 'hushdesk.key'));
    expect(kf?.protector).toEqual({ kind: 'device', backend: 'gnome_libsecret', platform: 'linux' });
    expect(kf?.current.wrapped.alg).toBe('safe-storage');
    const again = await openStore({ dataDir: dir, protector: new DeviceProtector(safe, 'linux'), create: false });
    expect(listConversations(again.db)).toHaveLength(1);
    again.close();
  });

  it('Linux basic_text counts as unprotected, with a plain warning', async () => {
    const s = await openStore({ dataDir: tempDir(), protector: new DeviceProtector(new FakeSafeStorage('basic_text'), 'linux'), create: true });
    expect(s.keyProtector.protectedByOs).toBe(false);
    expect(s.keyProtector.backend).toBe('basic_text');
    expect(s.keyProtector.warning).toBe(BASIC_TEXT_WARNING);
    s.close();
  });

  it('a changed backend is detected: unreadable -> protector_unavailable naming the change; readable -> rewrapped and reported', async () => {
    const dir = tempDir();
    const safe = new FakeSafeStorage('gnome_libsecret');
    (await openStore({ dataDir: dir, protector: new DeviceProtector(safe, 'linux'), create: true })).close();
    const before = checksums(dir);
    // The keyring vanished: Electron fell back to basic_text with a different secret.
    const fallback = new FakeSafeStorage('basic_text');
    const failed = openStore({ dataDir: dir, protector: new DeviceProtector(fallback, 'linux'), create: false });
    await expect(failed).rejects.toThrow(/gnome_libsecret -> basic_text/);
    expect(checksums(dir)).toEqual(before);
    // Same secret, new backend name (e.g. kwallet5 -> kwallet6 migration): opens, rewraps, records it.
    const moved = new FakeSafeStorage('kwallet6', safe.withSecret());
    const s = await openStore({ dataDir: dir, protector: new DeviceProtector(moved, 'linux'), create: false });
    expect(s.keyProtector.backend).toBe('kwallet6');
    s.close();
    expect(readKeyFile(path.join(dir, 'hushdesk.key'))?.protector).toMatchObject({ backend: 'kwallet6' });
  });

  it('keychain unavailable -> protector_unavailable, nothing created', async () => {
    const dir = tempDir();
    const safe = new FakeSafeStorage('gnome_libsecret');
    safe.available = false;
    expect(await failureCode(openStore({ dataDir: dir, protector: new DeviceProtector(safe, 'linux'), create: true }))).toBe('protector_unavailable');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('switching from device (basic_text) to a passphrase rewraps without touching the database', async () => {
    const dir = tempDir();
    const device = new DeviceProtector(new FakeSafeStorage('basic_text'), 'linux');
    const s = await openStore({ dataDir: dir, protector: device, create: true });
    const db = checksums(dir)['hushdesk.db'];
    await changeKeyProtector(s, device, protector('now a passphrase'));
    expect(s.keyProtector).toMatchObject({ kind: 'passphrase', protectedByOs: false, warning: null });
    expect(checksums(dir)['hushdesk.db']).toBe(db);
    s.close();
    expect(readKeyFile(path.join(dir, 'hushdesk.key'))?.protector.kind).toBe('passphrase');
    const again = await openStore({ dataDir: dir, protector: protector('now a passphrase'), create: false });
    again.close();
  });
});
