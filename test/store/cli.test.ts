import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../main/cli/index';
import type { CliIo } from '../../main/cli/command';
import { resolveDataDir } from '../../main/cli/store-access';
import { parseArgs } from '../../main/cli/args';
import { appendTurn, createConversation, defaultDataDir, openStore } from '../../main/store';
import { checksums, cleanupTempDirs, protector, tempDir } from './helpers';

const PASS = 'correct horse battery staple';
const ROOT = path.resolve(__dirname, '..', '..');
afterEach(() => cleanupTempDirs());

async function run(argv: string[], env: NodeJS.ProcessEnv = { HUSHDESK_PASSPHRASE: PASS }): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), stdinIsTty: false, stdin: new PassThrough(), env };
  const code = await main(argv, io);
  return { code, out, err };
}

async function seededStore(): Promise<string> {
  const dir = tempDir();
  const s = await openStore({ dataDir: dir, protector: protector(PASS), create: true });
  createConversation(s.db, { id: 'a', startedAt: 1, channel: 'desktop', locale: 'en', keptBy: 'policy' });
  appendTurn(s.db, 'a', { text: 'hi', at: 1 }, [{ text: 'hello', at: 2 }]);
  s.close();
  return dir;
}

describe('hushdesk stats / doctor (in-process)', () => {
  it('stats reports counts, sizes, cipher and the key protector', async () => {
    const dir = await seededStore();
    const r = await run(['stats', '--data-dir', dir, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { counts: { conversations: number; messages: number }; cipher: string; keyProtector: { kind: string }; files: { databaseBytes: number } };
    expect(report.counts).toMatchObject({ conversations: 1, messages: 2 });
    expect(report.cipher).toContain('sqlcipher');
    expect(report.keyProtector.kind).toBe('passphrase');
    expect(report.files.databaseBytes).toBeGreaterThan(0);
    const human = await run(['stats', `--data-dir=${dir}`]);
    expect(human.code).toBe(0);
    expect(human.out).toMatch(/cipher\s+sqlcipher/);
    expect(human.out).toMatch(/messages\s+2/);
  });

  it('doctor: healthy store exits 0; damaged store exits 1 naming the problem', async () => {
    const dir = await seededStore();
    const ok = await run(['doctor', '--data-dir', dir]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('store is healthy');
    expect(ok.out).toMatch(/ok\s+integrity/);
    const db = path.join(dir, 'hushdesk.db');
    fs.truncateSync(db, fs.statSync(db).size - 10);
    const before = checksums(dir);
    const bad = await run(['doctor', '--data-dir', dir, '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out)).toMatchObject({ ok: false, checks: [{ name: 'open', ok: false }] });
    expect(bad.out).toContain('corrupt');
    expect(checksums(dir)).toEqual(before);
  });

  it('wrong passphrase: one line, exit 1, files unchanged', async () => {
    const dir = await seededStore();
    const before = checksums(dir);
    const r = await run(['stats', '--data-dir', dir], { HUSHDESK_PASSPHRASE: 'nope' });
    expect(r.code).toBe(1);
    expect(r.err).toBe(`hushdesk stats: wrong passphrase for ${dir}\n`);
    expect(checksums(dir)).toEqual(before);
  });

  it('no passphrase and no TTY: exit 2 with one line; no store: exit 1 and nothing created', async () => {
    const dir = tempDir();
    const r = await run(['stats', '--data-dir', dir], {});
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('HUSHDESK_PASSPHRASE');
    const none = await run(['doctor', '--data-dir', dir]);
    expect(none.code).toBe(1);
    expect(none.err).toBe(`hushdesk doctor: no Hushdesk store in ${dir}\n`);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('a store in use: locked, one line', async () => {
    const dir = await seededStore();
    const s = await openStore({ dataDir: dir, protector: protector(PASS), create: false });
    try {
      const r = await run(['stats', '--data-dir', dir]);
      expect(r.code).toBe(1);
      expect(r.err).toBe(`hushdesk stats: ${dir} is in use by another Hushdesk process (close the app first)\n`);
    } finally {
      s.close();
    }
  });

  it('--data-dir defaults to the Electron userData folder for "Hushdesk"', () => {
    const none = parseArgs([], { options: ['data-dir'] });
    expect(resolveDataDir(none, { env: { XDG_CONFIG_HOME: '/x/cfg' } })).toBe(process.platform === 'linux' ? '/x/cfg/Hushdesk' : defaultDataDir({ XDG_CONFIG_HOME: '/x/cfg' }));
    expect(defaultDataDir({}, 'linux', '/home/u')).toBe('/home/u/.config/Hushdesk');
    expect(defaultDataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/Hushdesk');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toBe('C:\\Users\\u\\AppData\\Roaming\\Hushdesk');
  });
});

describe('no command creates a store by accident', () => {
  it('stats, doctor, audit and export on an empty folder: not_found, exit 1, the folder stays empty', async () => {
    const dir = tempDir();
    for (const argv of [['stats'], ['doctor'], ['audit', 'verify'], ['export', '--format', 'json', '--out', '-']]) {
      const r = await run([...argv, '--data-dir', dir]);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`no Hushdesk store in ${dir}`);
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('hushdesk as a real child process', () => {
  it('exits 2 with one line when there is no passphrase and no TTY', () => {
    const dir = tempDir();
    const env = { ...process.env };
    delete env.HUSHDESK_PASSPHRASE;
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'main/cli/index.ts'), 'stats', '--data-dir', dir], {
      env,
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('hushdesk stats: no passphrase: set HUSHDESK_PASSPHRASE or run in a terminal\n');
  });

  it('stats works end to end with the passphrase from the environment', async () => {
    const dir = await seededStore();
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'main/cli/index.ts'), 'stats', '--data-dir', dir, '--json'], {
      env: { ...process.env, HUSHDESK_PASSPHRASE: PASS },
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ counts: { messages: 2 } });
  });
});
