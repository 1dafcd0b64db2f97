/**
 * The data-control IPC handlers through the real router, on a real encrypted store, with the real
 * settings / staff-PIN services in a BackendContext built the way the backend builds it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, dataHandlers, listAudit, verifyAudit } from '../../main/data';
import type { BackendContext } from '../../main/backend/context';
import { createRouter, type Handlers } from '../../main/backend/router';
import { createStoreSession, type StoreSession } from '../../main/backend/session';
import { createKioskPin } from '../../main/services/kiosk-pin';
import type { AuditSink, KeyValue } from '../../main/services/ports';
import { createSettingsService } from '../../main/services/settings';
import { createConversation, getSetting, setSetting, tableCounts } from '../../main/store';
import { AppFailure } from '../../shared/result';
import { cleanupTempDirs, currentDataKey, protector, tempDir } from '../store/helpers';
import { canary, seed, T0, tryRawKey } from './helpers';

const sessions: StoreSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
  cleanupTempDirs();
});

async function backend(o: { kiosk?: boolean; n?: number } = {}) {
  const dir = tempDir('hushdesk-handlers-');
  const session = createStoreSession(dir, [path.join(dir, 'cache')]);
  sessions.push(session);
  await session.open(protector());
  let clock = T0 + 10 * 86_400_000;
  const now = (): number => clock++;
  const kv: KeyValue = { get: (k) => getSetting(session.require().db, k), set: (k, v) => setSetting(session.require().db, k, v) };
  const audit: AuditSink = (kind, detail = {}) => {
    if (session.isOpen()) appendAudit(session.require().db, kind, detail, now());
  };
  const pin = createKioskPin(kv, audit, now);
  const settings = createSettingsService(kv, pin, audit, o.kiosk ?? false);
  const forgotten: (string | undefined)[] = [];
  const exportDir = tempDir('hushdesk-exports-');
  const ctx: BackendContext = {
    dataDir: dir,
    session,
    now,
    audit,
    settings: () => settings,
    pin: () => pin,
    // As the backend's guard: a no-op outside kiosk mode; the PIN, or an open staff session.
    staffGuard(p) {
      if (!settings.kiosk()) return;
      if (p !== undefined) return pin.unlock(p);
      if (!pin.isUnlocked()) throw new AppFailure('forbidden', 'This needs the staff PIN.');
    },
    forgetConversations: (id) => forgotten.push(id),
    exportDir,
    cacheDir: path.join(dir, 'cache'),
    async closeStoreFor(fn) {
      session.close();
      return fn();
    },
    async reopen() {},
    networkBlockedCount: () => 0,
  };
  seed(session.require(), o.n ?? 12);
  const handlers = dataHandlers(ctx, { appVersion: '9.9.9' }) as unknown as Handlers;
  const call = createRouter(handlers);
  return { dir, session, call, forgotten, exportDir, pin, settings };
}

describe('data handlers (desktop)', () => {
  it('list / get / search return data and audit data_viewed with counts only', async () => {
    const b = await backend();
    const list = await b.call('conversations.list', { limit: 5 });
    expect(list).toMatchObject({ ok: true, value: { total: 12 } });
    expect((list as { value: { conversations: { id: string }[] } }).value.conversations.map((c) => c.id)).toEqual(['c11', 'c10', 'c9', 'c8', 'c7']);
    const get = await b.call('conversations.get', { conversationId: 'c4' });
    expect(get).toMatchObject({ ok: true, value: { conversation: { id: 'c4', messageCount: 2 }, messages: [{ text: `my order ${canary(4, 'q')} is late` }, {}] } });
    const search = await b.call('conversations.search', { query: canary(6, 'q') });
    expect(search).toMatchObject({ ok: true, value: { hits: [{ conversationId: 'c6', role: 'user' }] } });
    expect(await b.call('conversations.get', { conversationId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const db = b.session.require().db;
    expect(listAudit(db).map((e) => e.detail)).toEqual([
      { view: 'search', hits: 1 },
      { view: 'transcript', messages: 2 },
      { view: 'list', count: 5 },
    ]);
    expect(JSON.stringify(listAudit(db))).not.toContain('CANARY');
  });

  it('delete one conversation forgets it in memory; export writes to the export folder', async () => {
    const b = await backend();
    expect(await b.call('conversations.delete', { conversationId: 'c1' })).toEqual({ ok: true, value: { deleted: { conversations: 1, messages: 2, consents: 0 } } });
    expect(b.forgotten).toEqual(['c1']);
    const ex = await b.call('export.create', { format: 'json', from: T0, to: T0 + 5 * 60_000 });
    expect(ex).toMatchObject({ ok: true, value: { conversations: 4, messages: 8, encrypted: false } });
    const file = (ex as { value: { path: string } }).value.path;
    expect(path.dirname(file)).toBe(b.exportDir);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ generator: { version: '9.9.9' } });
    expect(await b.call('export.create', { format: 'json', conversationId: 'c2', from: T0 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await b.call('export.create', { format: 'csv', passphrase: 'short' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('wipe.preview then wipe.run day: counts match, key rotated, the same store keeps serving', async () => {
    const b = await backend();
    const oldKey = await currentDataKey(b.dir);
    const preview = await b.call('wipe.preview', { scope: { kind: 'day' } });
    expect(preview).toMatchObject({ ok: true, value: { scope: 'day', goes: { conversations: 12, messages: 24, consents: 4 } } });
    const run = await b.call('wipe.run', { scope: { kind: 'day' } });
    expect(run).toEqual({ ok: true, value: { deleted: { conversations: 12, messages: 24, consents: 4 }, rotatedKey: true } });
    expect(b.forgotten).toEqual([undefined]);
    expect((await currentDataKey(b.dir)).equals(oldKey)).toBe(false);
    expect(await b.call('conversations.list', {})).toMatchObject({ ok: true, value: { total: 0, conversations: [] } });
    createConversation(b.session.require().db, { id: 'new', startedAt: T0, channel: 'kiosk', locale: 'en', keptBy: 'policy' });
    expect(await b.call('audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
    const audit = await b.call('audit.list', { limit: 3 });
    expect((audit as { value: { entries: { kind: string }[] } }).value.entries.map((e) => e.kind)).toContain('wipe');
    b.session.close();
    expect(tryRawKey(path.join(b.dir, 'hushdesk.db'), oldKey)).toBe('SQLITE_NOTADB');
  });

  it('wipe.run all: closes the store and erases the folder', async () => {
    const b = await backend();
    fs.mkdirSync(path.join(b.dir, 'cache'));
    fs.writeFileSync(path.join(b.dir, 'cache', 'intent-model.bin'), 'x');
    const run = await b.call('wipe.run', { scope: { kind: 'all' } });
    expect(run).toEqual({ ok: true, value: { deleted: { conversations: 12, messages: 24, consents: 4 }, rotatedKey: true } });
    expect(b.session.isOpen()).toBe(false);
    expect(fs.readdirSync(b.dir)).toEqual([]);
    expect(await b.call('conversations.list', {})).toMatchObject({ ok: false, error: { code: 'store_locked' } });
  });
});

describe('data handlers (kiosk)', () => {
  it('viewing, deleting, exporting, wiping and the audit log need staff; the customer may QR the newest conversation only', async () => {
    const b = await backend({ kiosk: true, n: 3 });
    b.pin.setPin('4321');
    b.pin.lock();
    for (const [channel, payload] of [
      ['conversations.list', {}],
      ['conversations.get', { conversationId: 'c0' }],
      ['conversations.search', { query: 'order' }],
      ['conversations.delete', { conversationId: 'c0' }],
      ['export.create', { format: 'json' }],
      ['wipe.preview', { scope: { kind: 'day' } }],
      ['wipe.run', { scope: { kind: 'day' } }],
      ['audit.list', {}],
      ['export.qr', { conversationId: 'c0' }],
    ] as const) {
      expect(await b.call(channel, payload), channel).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(tableCounts(b.session.require().db).conversations).toBe(3);
    // The customer on screen (newest conversation) can take their transcript as a QR code.
    const qr = await b.call('export.qr', { conversationId: 'c2' });
    expect(qr).toMatchObject({ ok: true, value: { svg: expect.stringContaining('<svg') } });
    // Wrong PIN on wipe.run: nothing deleted. Right PIN: the wipe runs.
    expect(await b.call('wipe.run', { scope: { kind: 'day' }, pin: '0000' })).toMatchObject({ ok: false, error: { code: 'wrong_pin' } });
    expect(tableCounts(b.session.require().db).conversations).toBe(3);
    expect(await b.call('wipe.run', { scope: { kind: 'day' }, pin: '4321' })).toMatchObject({ ok: true, value: { deleted: { conversations: 3 } } });
    // The staff session is now open: listing works.
    expect(await b.call('conversations.list', {})).toMatchObject({ ok: true, value: { total: 0 } });
    expect(listAudit(b.session.require().db).some((e) => e.kind === 'staff_pin_failed')).toBe(true);
    expect(verifyAudit(b.session.require().db).ok).toBe(true);
  });
});
