/**
 * No absolute file path in an error message that reaches the renderer (issue 14 item 8). It used
 * to read "/…/hushdesk.key is not valid JSON" in `security.status.openError.message`: the folder
 * names the person's account, and the UI shows the data folder where it means to. Each way a store
 * can fail to open is made real on disk, then every message the backend answers with is read.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../main/backend';
import type { SecurityStatus } from '../../shared/domain';
import { PASS, seededDir } from '../data/helpers';
import { cleanupTempDirs, tempDir } from '../store/helpers';
import { value } from '../support/result';

afterAll(cleanupTempDirs);

/** Breaks the store in `dir` in one of the ways a disk, a person or another program does. */
const damages: Record<string, [code: string, damage: (dir: string) => void]> = {
  'key file not JSON': ['key_file_invalid', (dir) => fs.writeFileSync(path.join(dir, 'hushdesk.key'), '{ not json')],
  'key file malformed': ['key_file_invalid', (dir) => fs.writeFileSync(path.join(dir, 'hushdesk.key'), JSON.stringify({ version: 1, protector: 'nonsense' }))],
  'key file from a newer app': ['future_schema', (dir) => fs.writeFileSync(path.join(dir, 'hushdesk.key'), JSON.stringify({ version: 99 }))],
  'key file is a folder': ['key_file_invalid', (dir) => {
    fs.rmSync(path.join(dir, 'hushdesk.key'));
    fs.mkdirSync(path.join(dir, 'hushdesk.key'));
  }],
  'key file gone': ['key_file_missing', (dir) => fs.rmSync(path.join(dir, 'hushdesk.key'))],
  'database truncated': ['corrupt', (dir) => {
    const db = path.join(dir, 'hushdesk.db');
    fs.truncateSync(db, Math.floor(fs.statSync(db).size / 2) + 100);
  }],
  'database overwritten with noise': ['corrupt', (dir) => {
    const db = path.join(dir, 'hushdesk.db');
    const bytes = fs.readFileSync(db);
    crypto.randomFillSync(bytes, 0, Math.min(bytes.length, 8192));
    fs.writeFileSync(db, bytes);
  }],
  'database is plain SQLite': ['not_a_database', (dir) => {
    const db = path.join(dir, 'hushdesk.db');
    fs.rmSync(db);
    for (const f of fs.readdirSync(dir)) if (f.startsWith('hushdesk.db-')) fs.rmSync(path.join(dir, f));
    const plain = new Database(db);
    plain.exec('create table t (x)');
    plain.close();
  }],
};

/** Every path-like piece of `dir` that must not be in a message (the folder, its parent, the temp root). */
function pathPieces(dir: string): string[] {
  return [dir, path.basename(dir), path.dirname(dir), fs.realpathSync(dir)].filter((p) => p.length > 1);
}

describe('error messages carry no file paths', () => {
  for (const [name, [code, damage]] of Object.entries(damages)) {
    it(`${name}: the open error in security.status and on every channel names no path`, async () => {
      const dir = await seededDir(1);
      damage(dir);
      const b = await createBackend({ dataDir: dir, host: 'node', passphrase: PASS });
      try {
        const status = value<SecurityStatus>(await b.handle('security.status', undefined));
        const messages: string[] = [];
        if (status.openError) messages.push(status.openError.message);
        for (const r of [await b.handle('chat.start', {}), await b.handle('conversations.list', {}), await b.handle('security.unlock', { passphrase: PASS })]) {
          if (!r.ok) messages.push(r.error.message);
        }
        // The store really failed to open, for the reason made on disk, so there is a message to read.
        expect(status.unlocked, name).toBe(false);
        expect(status.openError?.code, name).toBe(code);
        expect(messages.length, name).toBeGreaterThan(0);
        for (const m of messages) {
          for (const piece of pathPieces(dir)) expect(m, `${name}: "${m}"`).not.toContain(piece);
          expect(m, `${name}: "${m}"`).not.toMatch(/\/(tmp|home|root|Users|var|private)\//);
        }
      } finally {
        await b.close();
      }
    });
  }

  it('a damaged key file leaves the backend up, locked with the reason, and the files can be set aside (it used to throw at start)', async () => {
    const dir = await seededDir(1);
    fs.writeFileSync(path.join(dir, 'hushdesk.key'), '{ not json');
    const b = await createBackend({ dataDir: dir, host: 'node', passphrase: PASS });
    try {
      expect(await b.handle('chat.start', {})).toMatchObject({ ok: false, error: { code: 'key_file_invalid' } });
      const fresh = value<SecurityStatus & { setAside: string }>(await b.handle('security.startFresh', undefined));
      expect(fresh).toMatchObject({ unlocked: true, openError: null });
      expect(fs.readFileSync(path.join(fresh.setAside, 'hushdesk.key'), 'utf8')).toBe('{ not json');
    } finally {
      await b.close();
    }
  });

  it('a wrong passphrase is refused in words without a path', async () => {
    const dir = await seededDir(1);
    const b = await createBackend({ dataDir: dir, host: 'node' });
    try {
      const r = await b.handle('security.unlock', { passphrase: 'not the passphrase at all' });
      expect(r).toMatchObject({ ok: false, error: { code: 'wrong_key' } });
      if (!r.ok) for (const piece of pathPieces(dir)) expect(r.error.message).not.toContain(piece);
    } finally {
      await b.close();
    }
  });

  it('an export the app cannot write names no folder', async () => {
    const dir = tempDir('hushdesk-paths-');
    const b = await createBackend({ dataDir: dir, host: 'node', passphrase: PASS, exportDir: path.join(dir, 'cache') });
    try {
      const r = await b.handle('export.create', { format: 'json' });
      expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      if (!r.ok) for (const piece of pathPieces(dir)) expect(r.error.message).not.toContain(piece);
    } finally {
      await b.close();
    }
  });
});
