/**
 * Real disk conditions on real (small) file systems (issue 14 items 9 and 10): a full disk, a
 * read-only data folder and a half-truncated database. Each gets a typed error that says what is
 * wrong, and nothing already stored is lost. Needs root for `mount -t tmpfs` (CI and these machines
 * run as root); elsewhere the disk tests say so and skip.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../main/backend';
import type { ChatStart } from '../../shared/domain';
import type { Result } from '../../shared/result';
import { cli, PASS, seededDir } from '../data/helpers';
import { canMount, cleanupTempDirs, tmpfs, unmountAll } from './helpers';
import { value } from '../support/result';

afterAll(() => {
  unmountAll();
  cleanupTempDirs();
});


describe.skipIf(!canMount)('a full disk and a read-only data folder (tmpfs)', () => {
  it('a full disk gives io_error in plain words, and every earlier message is still there', async () => {
    const dir = path.join(tmpfs(2048), 'data');
    const b = await createBackend({ dataDir: dir, host: 'node', passphrase: PASS });
    let stored = 0;
    let failure: Result<unknown> | null = null;
    try {
      value(await b.handle('settings.set', { patch: { conversationPolicy: 'save', redactPii: false } }));
      const c = value<ChatStart>(await b.handle('chat.start', {}));
      for (let i = 0; i < 3; i++) {
        value(await b.handle('chat.send', { conversationId: c.conversationId, text: `early message ${i}` }));
        stored++;
      }
      // Fill what is left of the disk, then keep talking until a write no longer fits.
      const filler = path.join(path.dirname(dir), 'filler');
      try {
        fs.writeFileSync(filler, Buffer.alloc(4 * 1024 * 1024));
      } catch {
        // ENOSPC: the filler took every free block, as intended
      }
      for (let i = 0; i < 400 && failure === null; i++) {
        const r = await b.handle('chat.send', { conversationId: c.conversationId, text: `message ${i} ${'x'.repeat(3500)}` });
        if (r.ok) stored++;
        else failure = r;
      }
      fs.rmSync(filler, { force: true });
    } finally {
      await b.close();
    }
    expect(failure).toMatchObject({ ok: false, error: { code: 'io_error', message: expect.stringMatching(/disk is full.*Nothing already stored was lost/) } });
    // Reopen with room to spare: every message that was answered ok is there.
    const again = await createBackend({ dataDir: dir, host: 'node', passphrase: PASS });
    try {
      const list = value<{ conversations: { messageCount?: number }[]; total: number }>(await again.handle('conversations.list', {}));
      expect(list.total).toBe(1);
      const hits = value<{ hits: unknown[] }>(await again.handle('conversations.search', { query: 'message', limit: 200 }));
      expect(hits.hits.length).toBeGreaterThanOrEqual(stored);
    } finally {
      await again.close();
    }
  }, 120_000);

  it('hushdesk chat in a read-only data folder says so, not "locked: enter the passphrase"', async () => {
    const mnt = tmpfs(4096);
    const src = await seededDir(2);
    fs.cpSync(src, path.join(mnt, 'data'), { recursive: true });
    expect(spawnSync('mount', ['-o', 'remount,ro', mnt]).status).toBe(0);
    const r = await cli(['chat', '--data-dir', path.join(mnt, 'data')], { HUSHDESK_PASSPHRASE: PASS }, { tty: false, input: 'hello\n' });
    expect(r.code).toBe(1);
    expect(r.err).not.toMatch(/enter the passphrase/);
    expect(r.err).toMatch(/read-only|cannot read or write/);
  }, 60_000);
});

describe('a damaged database', () => {
  it('hushdesk chat names the damage instead of asking for the passphrase it was given', async () => {
    const dir = await seededDir(3);
    const db = path.join(dir, 'hushdesk.db');
    fs.truncateSync(db, Math.floor(fs.statSync(db).size / 2) + 100);
    const r = await cli(['chat', '--data-dir', dir], { HUSHDESK_PASSPHRASE: PASS }, { tty: false, input: 'hello\n' });
    expect(r.code).toBe(1);
    expect(r.err).not.toMatch(/enter the passphrase/);
    expect(r.err).toMatch(/damaged/);
  }, 60_000);
});
