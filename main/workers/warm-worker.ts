/**
 * One worker thread kept alive between jobs, for work whose start-up costs more than the job: the
 * knowledge-base editor's publish (starting a worker, compiling it under tsx and loading the sentence
 * encoder took ~1-2 s of a ~2.5 s publish after a one-phrase edit; a retrain alone is a few hundred
 * ms). Jobs run one at a time in the order sent; a job that throws comes back as the same
 * AppFailure. The worker never keeps the process alive while idle (unref), ends itself after
 * `idleMs` without a job (it holds models and their caches), and a worker that dies rejects
 * what it was running with `internal`; the next job starts a new one.
 */
import { parentPort, type TransferListItem, Worker } from 'node:worker_threads';
import { AppFailure, type AppError } from '../../shared/result';
import { workerEntry, type WorkerReply } from './run-in-worker';

interface Request<J> {
  id: number;
  job: J;
}

interface Response<T> {
  id: number;
  reply: WorkerReply<T>;
}

interface Pending<T> {
  resolve: (value: T) => void;
  reject: (e: unknown) => void;
}

export class WarmWorker<J, T> {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending<T>>();
  private idle: NodeJS.Timeout | null = null;

  /**
   * `startData`: called each time a thread starts, for its workerData (and what to transfer with it):
   * e.g. a new port to the process's encoder thread.
   */
  constructor(
    private readonly dir: string,
    private readonly name: string,
    private readonly idleMs: number,
    private readonly startData: () => { data: unknown; transfer: TransferListItem[] } = () => ({ data: null, transfer: [] }),
  ) {}

  /** True while a worker thread is up (started, not yet ended). */
  get running(): boolean {
    return this.worker !== null;
  }

  /** Starts the thread now, so the first job does not wait for it to start and load. */
  start(): void {
    this.ensure();
    this.settle();
  }

  run(job: J): Promise<T> {
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.settle();
      worker.postMessage({ id, job } satisfies Request<J>);
    });
  }

  /** Ends the thread; what it was running is rejected. */
  async close(): Promise<void> {
    const w = this.worker;
    this.drop(new AppFailure('internal', `background job ${this.name} was stopped`));
    if (w) await w.terminate();
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const { entry, eval: isEval } = workerEntry(this.dir, this.name);
    const { data, transfer } = this.startData();
    const w = new Worker(entry, { eval: isEval, workerData: data, transferList: transfer });
    w.on('message', (m: Response<T>) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      this.settle();
      if (m.reply.ok) p.resolve(m.reply.value);
      else p.reject(new AppFailure(m.reply.error.code, m.reply.error.message, m.reply.error.details ? { details: m.reply.error.details } : undefined));
    });
    w.once('error', (e) => {
      if (this.worker === w) this.drop(new AppFailure('internal', `background job ${this.name} failed: ${e instanceof Error ? e.name : 'error'}`));
    });
    w.once('exit', (code) => {
      if (this.worker === w) this.drop(new AppFailure('internal', `background job ${this.name} stopped (exit ${code})`));
    });
    this.worker = w;
    return w;
  }

  /** Keeps the process alive only while a job is out; arms the idle end when none is. */
  private settle(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const w = this.worker;
    if (!w) return;
    if (this.pending.size > 0) {
      w.ref();
      return;
    }
    w.unref();
    this.idle = setTimeout(() => void this.close(), this.idleMs);
    this.idle.unref();
  }

  private drop(why: AppFailure): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    this.worker = null;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(why);
  }
}

/**
 * The worker side: answers each job with its result or its typed failure, one job at a time in the
 * order they came (an async job finishes before the next starts).
 */
export function serveWarmJobs<J, T>(handle: (job: J) => T | Promise<T>): void {
  const port = parentPort;
  if (!port) return;
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (m: Request<J>) => {
    queue = queue.then(async () => {
      let reply: WorkerReply<T>;
      try {
        reply = { ok: true, value: await handle(m.job) };
      } catch (e) {
        const error: AppError = e instanceof AppFailure ? e.error : { code: 'internal', message: 'background job failed' };
        reply = { ok: false, error };
      }
      port.postMessage({ id: m.id, reply } satisfies Response<T>);
    });
  });
}
