/**
 * Runs one job in a worker thread and resolves with its answer: the way heavy work (training, key
 * derivation) leaves the thread that serves the UI. The worker is the compiled `.js` file beside
 * this one in a build, or the `.ts` source under tsx (tests, the preview host, the CLI in dev).
 *
 * A job that throws comes back as the same AppFailure (code, message, details); a worker that dies
 * or cannot start rejects with `internal`. The worker is ended after each job (jobs are rare and
 * big; a pool would only hold memory). In the source tree a current build's twin is preferred
 * (built-twin.ts).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parentPort, type TransferListItem, Worker, workerData } from 'node:worker_threads';
import { AppFailure, type AppError } from '../../shared/result';
import { builtTwin } from './built-twin';

export type WorkerReply<T> = { ok: true; value: T } | { ok: false; error: AppError };
/** Sent by a job before its reply, as many times as it likes (e.g. the steps of a wipe). */
export interface WorkerProgress {
  progress: string;
}

/** How to start the worker for `name` (e.g. 'train-worker'): the built file, or the source under tsx. */
export function workerEntry(dir: string, name: string): { entry: string; eval: boolean } {
  const js = path.join(dir, `${name}.js`);
  if (existsSync(js)) return { entry: js, eval: false };
  const twin = builtTwin(dir, name);
  if (twin) return { entry: twin, eval: false };
  // Source tree (tests, preview host, CLI under tsx): a worker does not inherit the parent's loader,
  // so a two-line bootstrap registers tsx's require hook and then loads the TypeScript file.
  const ts = path.join(dir, `${name}.ts`);
  return { entry: `require('tsx/cjs');\nrequire(${JSON.stringify(ts)});`, eval: true };
}

export function runInWorker<T>(dir: string, name: string, data: unknown, transfer: TransferListItem[] = [], onProgress?: (progress: string) => void): Promise<T> {
  const { entry, eval: isEval } = workerEntry(dir, name);
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const worker = new Worker(entry, { eval: isEval, workerData: data, transferList: transfer });
    worker.on('message', (reply: WorkerReply<T> | WorkerProgress) => {
      if (settled) return;
      if ('progress' in reply) {
        onProgress?.(reply.progress);
        return;
      }
      settled = true;
      void worker.terminate();
      if (reply.ok) resolve(reply.value);
      else reject(new AppFailure(reply.error.code, reply.error.message, reply.error.details ? { details: reply.error.details } : undefined));
    });
    worker.once('error', (e) => {
      if (settled) return;
      settled = true;
      reject(new AppFailure('internal', `background job ${name} failed: ${e instanceof Error ? e.name : 'error'}`));
    });
    worker.once('exit', (code) => {
      if (settled) return;
      settled = true;
      reject(new AppFailure('internal', `background job ${name} stopped (exit ${code})`));
    });
  });
}

/** The worker side: answers the parent with the job's result or its typed failure. */
export function replyWith<T>(post: (reply: WorkerReply<T>) => void, job: () => T): void {
  try {
    post({ ok: true, value: job() });
  } catch (e) {
    const error: AppError = e instanceof AppFailure ? e.error : { code: 'internal', message: 'background job failed' };
    post({ ok: false, error });
  }
}

/**
 * The whole of a worker file: run `job` on this worker's data and answer the parent with the result.
 * `progress` tells the parent how far the job has got (runInWorker's onProgress).
 */
export function serveJob<J, T>(job: (data: J, progress: (step: string) => void) => T): void {
  const progress = (step: string): void => parentPort?.postMessage({ progress: step } satisfies WorkerProgress);
  replyWith<T>((reply) => parentPort?.postMessage(reply), () => job(workerData as J, progress));
}
