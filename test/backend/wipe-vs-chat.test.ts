/**
 * A chat turn sent while an end-of-day wipe runs (issue 14 item 3). It used to be written between
 * the wipe's steps, copied into the rewritten file under the new key, and survive a wipe that
 * reported success. Chat turns now wait for the wipe (main/backend/store-gate.ts): the held turn
 * finds its conversation gone (`not_found`) and nothing of it reaches the disk.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../main/backend';
import type { ChatStart } from '../../shared/domain';
import { cleanupTempDirs, tempDir } from '../store/helpers';
import { PASS, scanFor } from '../data/helpers';
import { value } from '../support/result';

afterAll(cleanupTempDirs);


describe('chat during an end-of-day wipe', () => {
  it('a turn sent while the wipe runs is held until it is done and never stored', async () => {
    const dir = tempDir('hushdesk-wipe-chat-');
    const b = await createBackend({ dataDir: dir, host: 'node', passphrase: PASS });
    try {
      value(await b.handle('settings.set', { patch: { conversationPolicy: 'save' } }));
      const earlier = value<ChatStart>(await b.handle('chat.start', {}));
      value(await b.handle('chat.send', { conversationId: earlier.conversationId, text: 'what are your opening hours BEFOREWIPE7731' }));
      // A customer who walked up just before the wipe: the first message (which writes the
      // conversation) arrives while the wipe runs.
      const c = value<ChatStart>(await b.handle('chat.start', {}));
      const [wipe, late] = await Promise.all([
        b.handle('wipe.run', { scope: { kind: 'day' } }),
        b.handle('chat.send', { conversationId: c.conversationId, text: 'my order is late DURINGWIPE4412' }),
      ]);
      expect(value<{ deleted: { messages: number } }>(wipe).deleted.messages).toBeGreaterThanOrEqual(2);
      expect(late).toMatchObject({ ok: false, error: { code: 'not_found' } });
      const hits = value<{ hits: unknown[] }>(await b.handle('conversations.search', { query: 'DURINGWIPE4412' }));
      expect(hits.hits).toEqual([]);
      expect(value<{ total: number }>(await b.handle('conversations.list', {})).total).toBe(0);
      // And a turn after the wipe is stored as usual, in a new conversation.
      const c2 = value<ChatStart>(await b.handle('chat.start', {}));
      value(await b.handle('chat.send', { conversationId: c2.conversationId, text: 'hello AFTERWIPE5520' }));
      expect(value<{ hits: unknown[] }>(await b.handle('conversations.search', { query: 'AFTERWIPE5520' })).hits).toHaveLength(1);
    } finally {
      await b.close();
    }
    expect(scanFor(dir, ['DURINGWIPE4412', 'BEFOREWIPE7731'])).toEqual([]);
  });

  it('the wipe SQLite work runs in a worker: reads sent meanwhile wait for it and answer, and this thread keeps turning', async () => {
    const dir = tempDir('hushdesk-wipe-reads-');
    const b = await createBackend({ dataDir: dir, host: 'node', passphrase: PASS });
    try {
      value(await b.handle('settings.set', { patch: { conversationPolicy: 'save' } }));
      for (let i = 0; i < 3; i++) {
        const c = value<ChatStart>(await b.handle('chat.start', {}));
        value(await b.handle('chat.send', { conversationId: c.conversationId, text: `where is my order ${i}` }));
      }
      // Reads sent every few milliseconds while the wipe runs: those that land while the store is
      // handed to the worker wait for it; none finds no database, and this thread keeps turning
      // (a synchronous wipe would hold it, and these timers, from start to end).
      const wipe = b.handle('wipe.run', { scope: { kind: 'day' } });
      let done = false;
      void wipe.then(() => (done = true));
      const reads: ReturnType<typeof b.handle>[] = [];
      while (!done) {
        reads.push(b.handle('conversations.list', {}), b.handle('privacy.facts', {}));
        await new Promise((r) => setTimeout(r, 2));
      }
      expect(value<{ deleted: { conversations: number } }>(await wipe).deleted.conversations).toBe(3);
      const answers = await Promise.all(reads);
      for (const r of answers) expect(r.ok, JSON.stringify(r)).toBe(true);
      expect(reads.length).toBeGreaterThan(10);
      expect(value<{ total: number }>(answers[answers.length - 2] as Awaited<ReturnType<typeof b.handle>>).total).toBe(0);
    } finally {
      await b.close();
    }
  });
});
