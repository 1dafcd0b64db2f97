/**
 * Every file of the data folder is the owner's alone (issue 10 item 8): the database used to be
 * created 0644 beside a 0600 key file. Checked after a real session (store, WAL, key file, model
 * cache, logs, PIN mirror), and an old world-readable store is tightened when it opens.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../main/backend';
import type { ChatStart } from '../../shared/domain';
import { PASS } from '../data/helpers';
import { cleanupTempDirs, tempDir } from './helpers';
import { value } from '../support/result';

afterAll(cleanupTempDirs);

function walk(dir: string): { file: string; mode: number; dir: boolean }[] {
  const out: { file: string; mode: number; dir: boolean }[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    out.push({ file: path.relative(dir, p), mode: fs.statSync(p).mode & 0o777, dir: e.isDirectory() });
    if (e.isDirectory()) out.push(...walk(p).map((x) => ({ ...x, file: path.join(e.name, x.file) })));
  }
  return out;
}


describe('file modes', () => {
  it('folders 0700 and files 0600 after a session, even with a permissive umask', async () => {
    const old = process.umask(0o022);
    const dir = path.join(tempDir('hushdesk-modes-'), 'data');
    try {
      const b = await createBackend({ dataDir: dir, host: 'node', passphrase: PASS, kiosk: true });
      value(await b.handle('kiosk.setPin', { pin: '4321' }));
      const c = value<ChatStart>(await b.handle('chat.start', {}));
      if (c.consentRequired) value(await b.handle('chat.consent', { conversationId: c.conversationId, choice: 'save' }));
      value(await b.handle('chat.send', { conversationId: c.conversationId, text: 'what are your opening hours' }));
      b.log.event('test.mode_check');
      await b.close();
    } finally {
      process.umask(old);
    }
    const entries = walk(dir);
    expect(entries.map((e) => e.file)).toEqual(expect.arrayContaining(['hushdesk.db', 'hushdesk.key', 'staff-pin.json', path.join('logs', 'hushdesk.log')]));
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    for (const e of entries) expect(e.mode, e.file).toBe(e.dir ? 0o700 : 0o600);
  }, 60_000);

  it('an older store with a world-readable database is made private when it opens', async () => {
    const dir = tempDir('hushdesk-modes-');
    const b = await createBackend({ dataDir: dir, host: 'node', passphrase: PASS });
    await b.close();
    fs.chmodSync(path.join(dir, 'hushdesk.db'), 0o644);
    fs.chmodSync(dir, 0o755);
    const again = await createBackend({ dataDir: dir, host: 'node', passphrase: PASS });
    await again.close();
    expect(fs.statSync(path.join(dir, 'hushdesk.db')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  }, 60_000);
});
