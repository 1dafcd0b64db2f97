/** Test worker for warm-worker.test.ts: keeps a count between jobs, fails or dies on request. */
import { threadId } from 'node:worker_threads';
import { AppFailure } from '../../shared/result';
import { serveWarmJobs } from '../../main/workers/warm-worker';

export type EchoJob = { kind: 'count' } | { kind: 'fail' } | { kind: 'die' } | { kind: 'slow'; ms: number };

let count = 0;

serveWarmJobs<EchoJob, { count: number; thread: number }>(async (job) => {
  if (job.kind === 'fail') throw new AppFailure('conflict', 'asked to fail', { details: [{ path: '$.x', message: 'bad' }] });
  if (job.kind === 'die') process.exit(3);
  if (job.kind === 'slow') await new Promise((r) => setTimeout(r, job.ms));
  count++;
  return { count, thread: threadId };
});
