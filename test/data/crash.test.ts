/**
 * Wipes killed with SIGKILL at named steps and at random moments (real child processes, real files):
 * the store always opens afterwards, in either the old state or the wiped state, and the start-up
 * recovery finishes an interrupted wipe (crypto-erase included).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listAudit, recoverWipeAll, runDataTasks, verifyAudit } from '../../main/data';
import { openStore, storeHealth, tableCounts, type Store } from '../../main/store';
import { cleanupTempDirs, currentDataKey, protector, tempDir } from '../store/helpers';
import { canary, openAt, PASS, scanFor, seed, tryRawKey } from './helpers';

const CHILD = path.join(__dirname, 'fixtures', 'wipe-child.ts');
const open: Store[] = [];
afterEach(() => {
  for (const s of open.splice(0)) if (s.isOpen) s.close();
  cleanupTempDirs();
});

interface ChildResult {
  lines: string[];
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}

/** Runs the child; with `killAfterMs`, SIGKILLs it that long after it prints "start". */
function runChild(mode: 'day' | 'all', dir: string, env: Record<string, string> = {}, killAfterMs?: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode, dir], {
      env: { ...process.env, HUSHDESK_PASSPHRASE: PASS, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let buf = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child timed out: ${lines.join(' | ')} ${stderr}`));
    }, 60_000);
    child.stdout.on('data', (d: Buffer) => {
      const parts = (buf + d.toString('utf8')).split('\n');
      buf = parts.pop() ?? '';
      for (const l of parts) {
        lines.push(l);
        if (l === 'start' && killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ lines, signal, code, stderr });
    });
  });
}

const N = 400;
const CANARIES = Array.from({ length: N }, (_, i) => canary(i, 'q'));

async function seeded(): Promise<{ dir: string; oldKey: Buffer }> {
  const dir = tempDir('hushdesk-crash-');
  const s = await openAt(dir);
  seed(s, N);
  s.close();
  return { dir, oldKey: await currentDataKey(dir) };
}

/**
 * After a killed end-of-day wipe: the store opens; it holds either everything (no wipe recorded)
 * or nothing (wipe recorded with the right counts); start-up tasks finish the crypto-erase.
 */
async function checkDayOutcome(dir: string, oldKey: Buffer): Promise<'old' | 'wiped'> {
  const s = await openStore({ dataDir: dir, protector: protector(), create: false });
  open.push(s);
  expect(storeHealth(s)).toMatchObject({ integrity: ['ok'], searchIndexOk: true });
  expect(verifyAudit(s.db).ok).toBe(true);
  const c = tableCounts(s.db);
  const wipes = listAudit(s.db).filter((e) => e.kind === 'wipe');
  let state: 'old' | 'wiped';
  if (c.conversations === N) {
    expect(c).toMatchObject({ messages: 2 * N, consents: Math.ceil(N / 3) });
    expect(wipes).toHaveLength(0);
    state = 'old';
  } else {
    expect(c).toMatchObject({ conversations: 0, messages: 0, consents: 0 });
    expect(wipes).toHaveLength(1);
    expect(wipes[0]?.detail).toMatchObject({ scope: 'day', conversations: N, messages: 2 * N, consents: Math.ceil(N / 3) });
    state = 'wiped';
  }
  const report = await runDataTasks(s, { settings: { endOfDayWipeAt: null, retention: { kind: 'days', days: 30 } }, now: Date.now() });
  s.close();
  if (state === 'wiped') {
    // Whatever step it died at, the old key is gone once start-up has run.
    expect(tryRawKey(path.join(dir, 'hushdesk.db'), oldKey)).toBe('SQLITE_NOTADB');
    expect(scanFor(dir, CANARIES)).toEqual([]);
    void report;
  } else {
    expect(report.resumedWipe).toBe(false);
  }
  const again = await openStore({ dataDir: dir, protector: protector(), create: false });
  open.push(again);
  expect(tableCounts(again.db).conversations).toBe(state === 'old' ? N : 0);
  again.close();
  return state;
}

describe('end-of-day wipe killed by SIGKILL', () => {
  for (const step of ['deleted', 'optimized', 'vacuumed', 'checkpointed', 'rekeyed', 'finished']) {
    it(`at "${step}": opens, wiped, and start-up finishes the crypto-erase`, async () => {
      const { dir, oldKey } = await seeded();
      const r = await runChild('day', dir, { HUSHDESK_KILL_AT: step });
      expect(r.signal, r.stderr + r.lines.join('|')).toBe('SIGKILL');
      expect(r.lines).toContain(`step ${step}`);
      expect(await checkDayOutcome(dir, oldKey)).toBe('wiped');
    });
  }

  it('at random moments: always old or wiped, never unopenable', async () => {
    const seen: string[] = [];
    for (const ms of [0, 4, 8, 12, 16, 20, 25, 30, 40, 60, 90, 120]) {
      const { dir, oldKey } = await seeded();
      const r = await runChild('day', dir, {}, ms);
      const state = await checkDayOutcome(dir, oldKey);
      seen.push(`${ms}ms:${r.signal ?? 'exit'}:${r.lines.filter((l) => l.startsWith('step')).pop() ?? 'none'}:${state}`);
    }
    // Each case was fully checked above (old or wiped, and it opens); `seen` shows where the kills
    // landed (e.g. mid-VACUUM, mid-rekey). The early kills really killed the wipe: a run where every
    // child exited on its own would prove nothing about crashes.
    expect(seen.filter((s) => s.includes(':SIGKILL:')).length, seen.join('\n')).toBeGreaterThanOrEqual(3);
  });
});

describe('erase everything killed by SIGKILL', () => {
  for (const step of ['marker_written', 'key_destroyed', 'database_removed', 'files_removed']) {
    it(`at "${step}": recovery finishes the erase and the next open is a first start`, async () => {
      const { dir } = await seeded();
      fs.mkdirSync(path.join(dir, 'cache'));
      fs.writeFileSync(path.join(dir, 'cache', 'intent-model.bin'), 'model');
      const r = await runChild('all', dir, { HUSHDESK_KILL_AT: step });
      expect(r.signal, r.stderr + r.lines.join('|')).toBe('SIGKILL');
      expect(recoverWipeAll(dir)).toBe(true);
      expect(fs.readdirSync(dir)).toEqual([]);
      const fresh = await openStore({ dataDir: dir, protector: protector('another passphrase'), create: true });
      open.push(fresh);
      expect(fresh.created).toBe(true);
      expect(tableCounts(fresh.db)).toMatchObject({ conversations: 0, auditEntries: 0 });
    });
  }

  it('killed before the marker exists: the old store is intact', async () => {
    const { dir } = await seeded();
    const r = await runChild('all', dir, {}, 0);
    if (!r.lines.includes('step marker_written')) {
      expect(recoverWipeAll(dir)).toBe(false);
      const s = await openAt(dir);
      open.push(s);
      expect(tableCounts(s.db).conversations).toBe(N);
    } else {
      // The kill landed later: then it must be recoverable to a first start.
      recoverWipeAll(dir);
      const s = await openStore({ dataDir: dir, protector: protector('x y z w v'), create: true });
      open.push(s);
      expect(s.created).toBe(true);
    }
  });
});
