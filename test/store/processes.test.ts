/**
 * Real processes on real files: crash safety under SIGKILL and the folder lock between processes.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listConversations, openStore, storeHealth, type Store } from '../../main/store';
import { cleanupTempDirs, failureCode, protector, tempDir } from './helpers';

const CHILD = path.join(__dirname, 'fixtures', 'store-child.ts');
const PASS = 'correct horse battery staple';
const children: ChildProcessWithoutNullStreams[] = [];
const open: Store[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const s of open.splice(0)) s.close();
  cleanupTempDirs();
});

function startChild(mode: string, dir: string): { child: ChildProcessWithoutNullStreams; lines: string[]; waitFor: (pred: (lines: string[]) => boolean) => Promise<void>; closed: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode, dir], {
    env: { ...process.env, HUSHDESK_PASSPHRASE: PASS },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  const lines: string[] = [];
  let partial = '';
  const waiters: (() => void)[] = [];
  child.stdout.on('data', (d: Buffer) => {
    const parts = (partial + d.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const w of waiters.splice(0)) w();
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const waitFor = (pred: (l: string[]) => boolean): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`child timed out; stdout: ${lines.slice(-3).join(' | ')} stderr: ${stderr}`)), 30_000);
      const check = (): void => {
        if (pred(lines)) {
          clearTimeout(timer);
          resolve();
        } else if (child.exitCode !== null || child.signalCode !== null) {
          clearTimeout(timer);
          reject(new Error(`child exited; stdout: ${lines.join(' | ')} stderr: ${stderr}`));
        } else waiters.push(check);
      };
      check();
    });
  return { child, lines, waitFor, closed };
}

describe('crash safety', () => {
  it('SIGKILL mid-burst: every acknowledged turn is on disk and integrity_check is ok', async () => {
    const dir = tempDir();
    const { child, lines, waitFor, closed } = startChild('burst', dir);
    await waitFor((l) => l.filter((x) => x.startsWith('turn ')).length >= 150);
    child.kill('SIGKILL');
    await closed;
    expect(child.signalCode).toBe('SIGKILL');

    const acked = lines.filter((l) => l.startsWith('turn ')).map((l) => {
      const [, user, bots] = l.split(' ');
      return { user: Number(user), bot: Number(bots) };
    });
    expect(acked.length).toBeGreaterThanOrEqual(150);

    const s = await openStore({ dataDir: dir, protector: protector(PASS), create: false });
    open.push(s);
    expect(storeHealth(s).integrity).toEqual(['ok']);
    const ids = new Set(s.db.prepare('select id from messages').pluck().all() as number[]);
    const missing = acked.filter((t) => !ids.has(t.user) || !ids.has(t.bot));
    expect(missing).toEqual([]);
    // Turns are atomic: never a user message without its reply.
    const orphans = s.db
      .prepare("select count(*) from messages u where u.role = 'user' and not exists (select 1 from messages b where b.id = u.id + 1 and b.role = 'bot')")
      .pluck()
      .get();
    expect(orphans).toBe(0);
    expect(listConversations(s.db)).toHaveLength(1);
  });
});

describe('folder lock between processes', () => {
  it('the second process gets locked; the first keeps working, and the folder opens after it exits', async () => {
    const dir = tempDir();
    const holder = startChild('hold', dir);
    await holder.waitFor((l) => l.includes('open'));

    // Another process...
    const other = startChild('try', dir);
    await other.waitFor((l) => l.some((x) => x.startsWith('{')));
    await other.closed;
    expect(JSON.parse(other.lines.find((x) => x.startsWith('{')) ?? '{}')).toMatchObject({ code: 'locked' });
    // ...and this one (in-process) are both refused.
    expect(await failureCode(openStore({ dataDir: dir, protector: protector(PASS), create: true }))).toBe('locked');

    // The holder still writes.
    holder.child.stdin.write('one\n');
    holder.child.stdin.write('two\n');
    await holder.waitFor((l) => l.filter((x) => x.startsWith('wrote ')).length === 2);
    holder.child.stdin.end('quit\n');
    await holder.waitFor((l) => l.includes('closed'));
    await holder.closed;

    const s = await openStore({ dataDir: dir, protector: protector(PASS), create: false });
    open.push(s);
    expect(s.db.prepare("select count(*) from messages where text like 'held %'").pluck().get()).toBe(2);
  });

  it('a process killed while holding the lock does not leave the folder locked', async () => {
    const dir = tempDir();
    const holder = startChild('hold', dir);
    await holder.waitFor((l) => l.includes('open'));
    holder.child.kill('SIGKILL');
    await holder.closed;
    const s = await openStore({ dataDir: dir, protector: protector(PASS), create: false });
    open.push(s);
    expect(storeHealth(s).integrity).toEqual(['ok']);
  });
});
