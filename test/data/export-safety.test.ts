/**
 * An export never destroys what it exports, and leaves nothing in clear behind (issue 14, items 1
 * and 6). Real encrypted stores on disk, the real CLI, a real SIGKILL in a child process.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../main/backend';
import { createExport, EXPORT_TEMPS_DIR, wipeAll } from '../../main/data';
import { listConversations } from '../../main/store';
import { checksums, cleanupTempDirs, tempDir } from '../store/helpers';
import { canary, cli, openAt, PASS, scanFor, seededDir } from './helpers';

afterEach(cleanupTempDirs);

const CHILD = path.join(__dirname, 'fixtures', 'export-child.ts');

async function conversationsIn(dir: string): Promise<number> {
  const s = await openAt(dir);
  try {
    return listConversations(s.db, { limit: 1000, offset: 0 }).length;
  } finally {
    s.close();
  }
}

describe('an export never writes over the store', () => {
  it('refuses every file of the data folder, through .., a symlinked folder, or the folder itself; the store is untouched', async () => {
    const dir = await seededDir(5);
    const link = path.join(tempDir('hushdesk-link-'), 'data');
    fs.symlinkSync(dir, link);
    fs.mkdirSync(path.join(dir, 'cache'), { recursive: true });
    const before = checksums(dir);
    const targets = [
      path.join(dir, 'hushdesk.db'),
      path.join(dir, 'hushdesk.db-wal'),
      path.join(dir, 'hushdesk.key'),
      path.join(dir, 'cache', 'model.json'),
      path.join(dir, 'new-file.json'),
      path.join(dir, 'cache', '..', 'hushdesk.db'),
      path.join(link, 'hushdesk.db'),
      dir,
      link,
    ];
    for (const out of targets) {
      const r = await cli(['export', '--data-dir', dir, '--format', 'json', '--out', out, '--force']);
      expect(r.code, out).toBe(1);
      expect(r.err, out).toMatch(/inside Hushdesk's data folder/);
    }
    // The audit log's export follows the same rules.
    for (const out of [path.join(dir, 'hushdesk.db'), path.join(link, 'hushdesk.key')]) {
      const r = await cli(['audit', 'export', '--data-dir', dir, '--out', out, '--force']);
      expect(r.code, out).toBe(1);
      expect(r.err, out).toMatch(/inside Hushdesk's data folder/);
    }
    expect(checksums(dir)).toEqual(before);
    expect(await conversationsIn(dir)).toBe(5);
  });

  it('never replaces a device, a folder or a link; an existing file only with --force', async () => {
    const dir = await seededDir(2);
    const out = tempDir('hushdesk-out-');
    // A character device (the issue's /dev/full; /dev/null is as good a device and harmless).
    const dev = await cli(['export', '--data-dir', dir, '--format', 'json', '--out', '/dev/null', '--force']);
    expect(dev.code).toBe(1);
    expect(dev.err).toMatch(/not a regular file/);
    expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true);

    const victim = path.join(out, 'notes.txt');
    fs.writeFileSync(victim, 'keep me');
    const viaLink = path.join(out, 'link.json');
    fs.symlinkSync(victim, viaLink);
    const l = await cli(['export', '--data-dir', dir, '--format', 'json', '--out', viaLink, '--force']);
    expect(l.code).toBe(1);
    expect(l.err).toMatch(/is a link/);
    expect(fs.lstatSync(viaLink).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(victim, 'utf8')).toBe('keep me');

    const taken = path.join(out, 'old.json');
    fs.writeFileSync(taken, 'an earlier export');
    const refused = await cli(['export', '--data-dir', dir, '--format', 'json', '--out', taken]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/already exists; replace it with --force/);
    expect(fs.readFileSync(taken, 'utf8')).toBe('an earlier export');
    const forced = await cli(['export', '--data-dir', dir, '--format', 'json', '--out', taken, '--force']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(taken, 'utf8'))).toMatchObject({ totals: { conversations: 2 } });
  });

  it('the app refuses an export folder inside the data folder', async () => {
    const dir = tempDir('hushdesk-data-');
    const b = await createBackend({ dataDir: dir, host: 'node', passphrase: PASS, exportDir: path.join(dir, 'cache') });
    try {
      expect(await b.handle('export.create', { format: 'json' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      await b.close();
    }
  });
});

describe('plaintext remnants of an interrupted export', () => {
  function killedExport(dir: string): { out: string; temp: string } {
    const outDir = tempDir('hushdesk-downloads-');
    const out = path.join(outDir, 'take-away.json');
    const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, dir, out], { env: { ...process.env, HUSHDESK_PASSPHRASE: PASS }, encoding: 'utf8' });
    expect(r.signal).toBe('SIGKILL');
    expect(r.stdout).toMatch(/^killed /);
    const temps = fs.readdirSync(outDir).filter((f) => f.endsWith('.tmp'));
    expect(temps).toHaveLength(1);
    const temp = path.join(outDir, temps[0] as string);
    // The remnant really holds the conversations in clear: this is what must not survive.
    expect(scanFor(outDir, [canary(1, 'q')])).toHaveLength(1);
    expect(fs.existsSync(out)).toBe(false);
    return { out, temp };
  }

  it('is removed at the next start', async () => {
    const dir = await seededDir(3);
    const { temp } = killedExport(dir);
    const b = await createBackend({ dataDir: dir, host: 'node', passphrase: PASS });
    await b.close();
    expect(fs.existsSync(temp)).toBe(false);
    expect(fs.readdirSync(path.join(dir, EXPORT_TEMPS_DIR))).toEqual([]);
  });

  it('is removed by "erase everything" (store closed, no passphrase)', async () => {
    const dir = await seededDir(3);
    const { temp } = killedExport(dir);
    const removed = wipeAll(dir);
    expect(removed).toContain(temp);
    expect(fs.existsSync(temp)).toBe(false);
    expect(fs.existsSync(path.join(dir, EXPORT_TEMPS_DIR))).toBe(false);
  });

  it('a finished export leaves no marker behind, and a marker never removes a file that is not an export temp', async () => {
    const dir = await seededDir(1);
    const s = await openAt(dir);
    const out = tempDir('hushdesk-out-');
    try {
      createExport(s.db, { format: 'json', scope: { kind: 'all' }, dataDir: dir, now: Date.now() }, { kind: 'dir', dir: out });
    } finally {
      s.close();
    }
    expect(fs.readdirSync(path.join(dir, EXPORT_TEMPS_DIR))).toEqual([]);
    // A forged marker naming a precious file: ignored.
    const precious = path.join(out, 'thesis.docx');
    fs.writeFileSync(precious, 'years of work');
    fs.writeFileSync(path.join(dir, EXPORT_TEMPS_DIR, 'forged.json'), JSON.stringify({ path: precious }));
    wipeAll(dir);
    expect(fs.readFileSync(precious, 'utf8')).toBe('years of work');
  });
});
