/**
 * `app.progress`: how far the export or end-of-day wipe a person waits for has got. Polled while the
 * job runs, on a real encrypted store: the export counts conversations up to the known total, the
 * wipe counts its steps, the channel answers even while the wipe has the store in a worker, and
 * nothing is left on the board afterwards.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/backend';
import type { JobProgress } from '../../shared/domain';
import { cleanupTempDirs, tempDir } from '../store/helpers';
import { PASS, seededDir } from '../data/helpers';
import { value } from '../support/result';

afterAll(cleanupTempDirs);

/** Polls app.progress every 2 ms until `job` settles; returns every board seen and the job's result. */
async function watch<T>(b: Backend, job: Promise<T>): Promise<{ seen: JobProgress[][]; result: T }> {
  let done = false;
  const settled = job.finally(() => (done = true));
  const seen: JobProgress[][] = [];
  while (!done) {
    seen.push(value<{ jobs: JobProgress[] }>(await b.handle('app.progress', {})).jobs);
    await new Promise((r) => setTimeout(r, 2));
  }
  return { seen, result: await settled };
}

describe('progress of the long jobs', () => {
  it('an export counts conversations up to the total; a wipe counts its steps; the board is empty after each', async () => {
    const N = 700;
    const dir = await seededDir(N);
    const b = await createBackend({ dataDir: dir, host: 'node', passphrase: PASS, exportDir: tempDir('hushdesk-progress-out-') });
    try {
      expect(value<{ jobs: JobProgress[] }>(await b.handle('app.progress', {})).jobs).toEqual([]);

      const exp = await watch(b, b.handle('export.create', { format: 'json' }));
      expect(exp.result.ok, JSON.stringify(exp.result)).toBe(true);
      const exports = exp.seen.flat().filter((j) => j.kind === 'export');
      expect(exports.length).toBeGreaterThan(0);
      expect(exports.every((j) => j.total === N)).toBe(true);
      // Seen part-way: more than nothing, less than everything, and never going back.
      expect(exports.some((j) => j.done > 0 && j.done < N), JSON.stringify(exports.map((j) => j.done))).toBe(true);
      const dones = exports.map((j) => j.done);
      expect(dones).toEqual([...dones].sort((x, y) => x - y));
      expect(value<{ jobs: JobProgress[] }>(await b.handle('app.progress', {})).jobs).toEqual([]);

      const wipe = await watch(b, b.handle('wipe.run', { scope: { kind: 'day' } }));
      expect(wipe.result.ok, JSON.stringify(wipe.result)).toBe(true);
      const wipes = wipe.seen.flat().filter((j) => j.kind === 'wipe');
      // Answered while the store was in the worker (a waiting poll would have seen no wipe at all).
      expect(wipes.length).toBeGreaterThan(0);
      expect(wipes.every((j) => j.total === 6 && j.done >= 0 && j.done <= 6)).toBe(true);
      expect(value<{ jobs: JobProgress[] }>(await b.handle('app.progress', {})).jobs).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
