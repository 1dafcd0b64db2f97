import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/backend';
import { enableIpc, isTrustedSender, type BackendLike } from '../../main/electron/ipc';
import { CHANNELS, IPC_PREFIX } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { APP_FRAME, createFakeElectron } from './fake-electron';

let dataDir: string;
let backend: Backend;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'hushdesk-ipc-'));
  backend = await createBackend({ dataDir, host: 'electron' });
});

afterAll(async () => {
  await backend.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Wraps a backend and records what reached it. */
function spy(inner: BackendLike) {
  const seen: Array<{ channel: string; payload: unknown }> = [];
  return {
    seen,
    backend: {
      handle: (channel: string, payload: unknown) => {
        seen.push({ channel, payload });
        return inner.handle(channel, payload);
      },
    },
  };
}

describe('ipc', () => {
  it('registers exactly one handler per contract channel, with the prefix', () => {
    const fake = createFakeElectron();
    enableIpc(fake.electron.ipcMain, backend);
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(CHANNELS.map((c) => IPC_PREFIX + c).sort());
  });

  it('the dispose function removes every handler again', () => {
    const fake = createFakeElectron();
    const dispose = enableIpc(fake.electron.ipcMain, backend);
    dispose();
    expect(fake.ipcHandlers.size).toBe(0);
  });

  it('passes an app frame request to the backend and returns its Result', async () => {
    const fake = createFakeElectron();
    const s = spy(backend);
    enableIpc(fake.electron.ipcMain, s.backend);
    const r = (await fake.invoke('hushdesk:app.info', APP_FRAME, undefined)) as Result<{ name: string; host: string }>;
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toMatchObject({ name: 'Hushdesk', host: 'electron' });
    expect(s.seen).toEqual([{ channel: 'app.info', payload: undefined }]);
  });

  it.each([
    ['a foreign web page', { url: 'https://evil.example/', parent: null }],
    ['a file:// page', { url: 'file:///tmp/x.html', parent: null }],
    ['another app:// host', { url: 'app://evil/index.html', parent: null }],
    ['a sub-frame of the app', { url: 'app://hushdesk/frame.html', parent: { url: 'app://hushdesk/index.html' } }],
    ['a destroyed frame', null],
  ])('refuses %s with forbidden, without reaching the backend', async (_label, frame) => {
    const fake = createFakeElectron();
    const s = spy(backend);
    enableIpc(fake.electron.ipcMain, s.backend);
    const r = (await fake.invoke('hushdesk:app.info', frame, undefined)) as Result<unknown>;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('forbidden');
    expect(s.seen).toEqual([]);
  });

  it('refuses a sender whose frame cannot be read', () => {
    const event = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(isTrustedSender(event)).toBe(false);
  });

  it('hands malformed payloads to the backend and returns its typed error as a value', async () => {
    const fake = createFakeElectron();
    enableIpc(fake.electron.ipcMain, backend);
    const cases: unknown[] = [42, 'text', null, { conversationId: 7, text: 'hi' }, { conversationId: 'c1' }, { conversationId: 'c1', text: 'x'.repeat(100_000) }, { conversationId: 'c1', text: 'hi', extra: true }];
    for (const payload of cases) {
      const r = (await fake.invoke('hushdesk:chat.send', APP_FRAME, payload)) as Result<unknown>;
      const oversized = typeof payload === 'object' && payload !== null && typeof (payload as { text?: unknown }).text === 'string' && (payload as { text: string }).text.length > 4000;
      // Over the 4,000-character cap is its own code (too_large); every other malformed payload is invalid_input.
      expect(r, JSON.stringify(payload).slice(0, 60)).toMatchObject({ ok: false, error: { code: oversized ? 'too_large' : 'invalid_input' } });
    }
  });

  it('ignores extra arguments beyond the one request', async () => {
    const fake = createFakeElectron();
    const s = spy(backend);
    enableIpc(fake.electron.ipcMain, s.backend);
    await fake.invoke('hushdesk:app.info', APP_FRAME, undefined, 'extra', { evil: true });
    expect(s.seen).toEqual([{ channel: 'app.info', payload: undefined }]);
  });

  it('never throws, even if the backend breaks its promise', async () => {
    const fake = createFakeElectron();
    enableIpc(fake.electron.ipcMain, {
      handle: () => Promise.reject(new Error('boom at /home/user/secret/path')),
    });
    const r = (await fake.invoke('hushdesk:app.info', APP_FRAME, undefined)) as Result<unknown>;
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('internal');
      expect(r.error.message).not.toContain('/home/user');
    }
  });

  it('has no handler for a channel outside the contract', async () => {
    const fake = createFakeElectron();
    enableIpc(fake.electron.ipcMain, backend);
    await expect(fake.invoke('hushdesk:fs.readFile', APP_FRAME, { path: '/etc/passwd' })).rejects.toThrow(/No handler/);
  });
});
