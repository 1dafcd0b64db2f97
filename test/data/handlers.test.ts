/**
 * The data-control IPC handlers through the real router, on a real encrypted store, with the
 * context the app itself uses (createBackendContext: real settings, staff PIN, session, gate).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listAudit, verifyAudit } from '../../main/data';
import { createBackendContext } from '../../main/backend';
import { dataHandlers } from '../../main/backend/handlers/data';
import { createRouter, type Handlers } from '../../main/backend/router';
import { NO_LOG } from '../../main/logging/log';
import { createConversation, tableCounts } from '../../main/store';
import { cleanupTempDirs, currentDataKey, tempDir } from '../store/helpers';
import { canary, PASS, seed, T0, tryRawKey } from './helpers';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  cleanupTempDirs();
});

async function backend(o: { kiosk?: boolean; n?: number } = {}) {
  const dir = tempDir('hushdesk-handlers-');
  let clock = T0 + 10 * 86_400_000;
  const now = (): number => clock++;
  const exportDir = tempDir('hushdesk-exports-');
  const { ctx, close } = await createBackendContext({ dataDir: dir, host: 'node', passphrase: PASS, kiosk: o.kiosk ?? false, now, exportDir, log: NO_LOG, version: '9.9.9' });
  closers.push(close);
  const forgotten: (string | undefined)[] = [];
  const forget = ctx.forgetConversations.bind(ctx);
  ctx.forgetConversations = (id) => {
    forgotten.push(id);
    forget(id);
  };
  const session = ctx.session;
  seed(session.require(), o.n ?? 12);
  const call = createRouter(dataHandlers(ctx) as unknown as Handlers);
  return { dir, session, call, forgotten, exportDir, pin: ctx.pin(), settings: ctx.settings() };
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
    // Newest first; below these, the start-up events (app_start, unlock_success).
    expect(listAudit(db).filter((e) => e.kind === 'data_viewed').map((e) => e.detail)).toEqual([
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
    fs.mkdirSync(path.join(b.dir, 'cache'), { recursive: true });
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
    await b.pin.setPin('4321');
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
