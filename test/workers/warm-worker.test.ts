/**
 * The warm worker (main/workers/warm-worker.ts) on a real worker thread: one thread serves job after
 * job with its memory kept, jobs run in the order sent, a failure comes back typed, a thread that
 * dies rejects what it ran and the next job starts a new one, and an idle thread ends by itself.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WarmWorker } from '../../main/workers/warm-worker';
import { isAppFailure } from '../../shared/result';
import type { EchoJob } from './warm-echo-worker';

type Out = { count: number; thread: number };
const made: WarmWorker<EchoJob, Out>[] = [];
const warm = (idleMs = 60_000) => {
  const w = new WarmWorker<EchoJob, Out>(__dirname, 'warm-echo-worker', idleMs);
  made.push(w);
  return w;
};

afterEach(async () => {
  await Promise.all(made.splice(0).map((w) => w.close()));
});

describe('warm worker', () => {
  it('keeps one thread and its memory between jobs, in the order sent', async () => {
    const w = warm();
    const a = await w.run({ kind: 'count' });
    const b = await w.run({ kind: 'count' });
    expect(b.thread).toBe(a.thread);
    expect([a.count, b.count]).toEqual([1, 2]);
    // A slow job sent first still answers first: one job at a time.
    const [slow, fast] = await Promise.all([w.run({ kind: 'slow', ms: 150 }), w.run({ kind: 'count' })]);
    expect([slow.count, fast.count]).toEqual([3, 4]);
  });

  it('a failing job comes back as the same AppFailure and the thread stays', async () => {
    const w = warm();
    const before = await w.run({ kind: 'count' });
    const err = await w.run({ kind: 'fail' }).catch((e: unknown) => e);
    expect(isAppFailure(err) && err.error).toMatchObject({ code: 'conflict', message: 'asked to fail', details: [{ path: '$.x', message: 'bad' }] });
    const after = await w.run({ kind: 'count' });
    expect(after).toEqual({ count: 2, thread: before.thread });
  });

  it('a thread that dies rejects its job as internal; the next job gets a new thread', async () => {
    const w = warm();
    const first = await w.run({ kind: 'count' });
    const err = await w.run({ kind: 'die' }).catch((e: unknown) => e);
    expect(isAppFailure(err) && err.error.code).toBe('internal');
    expect(w.running).toBe(false);
    const next = await w.run({ kind: 'count' });
    expect(next.count).toBe(1);
    expect(next.thread).not.toBe(first.thread);
  });

  it('ends an idle thread after idleMs, and close() rejects a running job', async () => {
    const w = warm(200);
    await w.run({ kind: 'count' });
    expect(w.running).toBe(true);
    await expect.poll(() => w.running, { timeout: 5000 }).toBe(false);
    const pending = w.run({ kind: 'slow', ms: 5000 }).catch((e: unknown) => e);
    await w.close();
    const err = await pending;
    expect(isAppFailure(err) && err.error.code).toBe('internal');
  });
});
