/**
 * The content-free log (issue 10 item 1): unexpected failures reach it with codes and our own stack
 * frames, and no message text ever does — not a customer's words in a chat, a search, a failed
 * import or an error message that quotes them. Also: composing the handler map refuses a channel
 * defined twice.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../main/backend';
import { composeHandlers } from '../../main/backend/compose';
import { createRouter, type Handlers } from '../../main/backend/router';
import { createFileLogger, LOG_DIR, LOG_FILE } from '../../main/logging/log';
import type { ChatStart } from '../../shared/domain';
import { PASS, scanFor } from '../data/helpers';
import { cleanupTempDirs, tempDir } from '../store/helpers';
import { value } from '../support/result';

afterAll(cleanupTempDirs);

const CANARY = 'LOGCANARY-7f3a';


describe('content-free log', () => {
  it('an unexpected error is logged with its class, code and frames, never its message', async () => {
    const dir = tempDir('hushdesk-log-');
    const log = createFileLogger(dir);
    const boom: Partial<Handlers> = {
      'kb.try': () => {
        throw new SyntaxError(`Unexpected token in "${CANARY} my card is 4111 1111 1111 1111"`);
      },
    };
    const call = createRouter(boom as Handlers, (channel, e) => log.error('ipc.unexpected', e, { channel }));
    expect(await call('kb.try', { text: CANARY })).toMatchObject({ ok: false, error: { code: 'internal' } });
    log.event('test.fields', { ok: true, n: 3, code: 'io_error', text: `free text ${CANARY}`, 'bad key': 1 });
    const text = fs.readFileSync(path.join(dir, LOG_DIR, LOG_FILE), 'utf8');
    const [first, second] = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first).toMatchObject({ event: 'ipc.unexpected', channel: 'kb.try', errorName: 'SyntaxError', level: 'error' });
    expect(String(first?.frames)).toMatch(/logging\.test\.ts:\d+:\d+/);
    expect(second).toEqual({ at: expect.any(String), event: 'test.fields', ok: true, n: 3, code: 'io_error' });
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain('4111');
    expect(fs.statSync(path.join(dir, LOG_DIR, LOG_FILE)).mode & 0o777).toBe(0o600);
  });

  it('rotates by size and keeps three files', () => {
    const dir = tempDir('hushdesk-log-');
    const log = createFileLogger(dir, { maxBytes: 2000 });
    for (let i = 0; i < 200; i++) log.event('test.rotate', { i });
    const files = fs.readdirSync(path.join(dir, LOG_DIR)).sort();
    expect(files).toEqual([LOG_FILE, `${LOG_FILE}.1`, `${LOG_FILE}.2`]);
    for (const f of files) expect(fs.statSync(path.join(dir, LOG_DIR, f)).size).toBeLessThanOrEqual(2000);
  });

  it('a whole session of canary messages, bad input and failures leaves no canary in any log file; erase removes the logs', async () => {
    const dir = tempDir('hushdesk-log-');
    const b = await createBackend({ dataDir: dir, host: 'node', passphrase: PASS });
    try {
      value(await b.handle('settings.set', { patch: { conversationPolicy: 'save' } }));
      const c = value<ChatStart>(await b.handle('chat.start', {}));
      value(await b.handle('chat.send', { conversationId: c.conversationId, text: `hello ${CANARY} my email is jo@example.com` }));
      await b.handle('chat.send', { conversationId: 'nope', text: CANARY });
      await b.handle('conversations.search', { query: CANARY });
      await b.handle('kb.import', { fileName: `${CANARY}.json`, content: `{"broken": "${CANARY}` });
      await b.handle('settings.set', { patch: { customPiiPatterns: [{ name: 'x', pattern: `(${CANARY}+)+$` }] } });
      await b.handle(`no.such.${CANARY}`, { text: CANARY });
      b.log.error('test.synthetic', new Error(CANARY));
    } finally {
      await b.close();
    }
    expect(fs.existsSync(path.join(dir, LOG_DIR, LOG_FILE))).toBe(true);
    expect(scanFor(path.join(dir, LOG_DIR), [CANARY, 'jo@example.com'])).toEqual([]);
    const again = await createBackend({ dataDir: dir, host: 'node', passphrase: PASS });
    value(await again.handle('wipe.run', { scope: { kind: 'all' } }));
    await again.close();
    expect(fs.existsSync(path.join(dir, LOG_DIR))).toBe(false);
  });
});

describe('composing the handlers', () => {
  it('refuses a channel defined by two domains, and a channel no domain defines', () => {
    const info = () => ({ name: 'Hushdesk', version: '1', kiosk: false, locale: 'en' as const, platform: 'linux', host: 'node' as const, defaultExportDir: '/tmp' });
    expect(() => composeHandlers({ app: { 'app.info': info }, other: { 'app.info': info } })).toThrow('channel app.info is defined twice (by app and other)');
    expect(() => composeHandlers({ app: { 'app.info': info } })).toThrow(/^no handler for /);
  });
});
