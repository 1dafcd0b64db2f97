/**
 * A second encoder session in a worker thread, so a batch of phrases (a new knowledge base's
 * training phrases, a publish report's probes) is embedded on two cores. Each phrase is still run
 * alone, by a session with the same file and options as this thread's, so its vector has the same
 * bytes whichever thread ran it: a model trained from vectors of both threads equals one trained
 * from vectors of one (test/engine/encoder-helper.test.ts). Batching phrases into one run was
 * rejected for that reason: a padded batch changes the bytes.
 *
 * The API stays synchronous (training is): the caller tokenises, puts the word-piece ids in shared
 * memory, and both threads take the next phrase from a shared counter until none is left; the
 * caller then blocks on Atomics.wait for the phrases the helper is still on. A helper that has not
 * loaded yet takes none (the caller does them all); one that fails or stops answering within
 * STUCK_MS has its phrases embedded by the caller (same bytes). The thread is unref'd: it never
 * keeps the process alive, and it ends with the thread that started it.
 */
import { Worker } from 'node:worker_threads';

/** Below this many phrases the helper is not worth the hand-over (a message embeds in ~10 ms). */
export const HELPER_MIN_TEXTS = 8;
/** How long the caller waits for one phrase the helper took before embedding it itself. */
const STUCK_MS = 5_000;

export interface SessionOptions {
  intraOpNumThreads: number;
  interOpNumThreads: number;
  executionMode: 'sequential';
  graphOptimizationLevel: 'all';
  /** onnxruntime's config entries, e.g. { session: { intra_op: { allow_spinning: '0' } } }. */
  extra?: Record<string, Record<string, Record<string, string>>>;
}

/** What one batch shares between the threads (all SharedArrayBuffer-backed). */
interface BatchInput {
  /** Word-piece ids of every phrase, one after the other. */
  ids: Int32Array;
  /** Phrase k's ids are ids[offsets[k] .. offsets[k + 1]). */
  offsets: Int32Array;
  /** Next phrase to take (Atomics.add). */
  next: Int32Array;
  /** 1 when phrase k's vector is written; 2 when the helper failed on it. */
  done: Int32Array;
  /** Phrases finished by the helper, for Atomics.wait / notify. */
  finished: Int32Array;
  out: Float32Array;
  dims: number;
}

/** The helper's whole program: plain JavaScript (no TypeScript loader in a worker), absolute requires. */
function helperSource(): string {
  return `
const { parentPort, workerData } = require('node:worker_threads');
let Tensor, session;
try {
  const rt = require(workerData.binding);
  Tensor = require(workerData.common).Tensor;
  rt.initOrt();
  session = new rt.binding.InferenceSession();
  session.loadModel(workerData.modelPath, workerData.options);
} catch (e) {
  Atomics.store(workerData.ready, 0, 2);
  Atomics.notify(workerData.ready, 0);
  throw e;
}
const fetches = { [workerData.output]: null };
parentPort.on('message', (b) => {
  for (;;) {
    const k = Atomics.add(b.next, 0, 1);
    if (k >= b.offsets.length - 1) break;
    try {
      const from = b.offsets[k];
      const n = b.offsets[k + 1] - from;
      const ids = new BigInt64Array(n);
      for (let i = 0; i < n; i++) ids[i] = BigInt(b.ids[from + i]);
      const feeds = {
        [workerData.inputs[0]]: new Tensor('int64', ids, [1, n]),
        [workerData.inputs[1]]: new Tensor('int64', new BigInt64Array(n).fill(1n), [1, n]),
      };
      const t = session.run(feeds, fetches, {})[workerData.output];
      if (!t || !(t.data instanceof Float32Array) || t.data.length !== b.dims) throw new Error('shape');
      b.out.set(t.data, k * b.dims);
      Atomics.store(b.done, k, 1);
    } catch (e) {
      Atomics.store(b.done, k, 2);
    }
    Atomics.add(b.finished, 0, 1);
    Atomics.notify(b.finished, 0);
  }
});
Atomics.store(workerData.ready, 0, 1);
Atomics.notify(workerData.ready, 0);
`;
}

function shared<T extends Int32Array | Float32Array>(Ctor: new (b: SharedArrayBuffer) => T, count: number, bytes: number): T {
  return new Ctor(new SharedArrayBuffer(Math.max(1, count) * bytes));
}

export class EncoderHelper {
  private worker: Worker | null;
  /** Set to 1 by the helper once its session has loaded, 2 if it could not (read without the event loop: callers block). */
  private readonly ready = new Int32Array(new SharedArrayBuffer(4));
  private failed = false;

  /** `modelPath`: the model.onnx its owner verified (with the weight files beside it). */
  constructor(modelPath: string, options: SessionOptions, io: { inputs: string[]; output: string }) {
    let w: Worker | null = null;
    try {
      w = new Worker(helperSource(), {
        eval: true,
        workerData: { ready: this.ready, modelPath, options, inputs: io.inputs, output: io.output, binding: require.resolve('onnxruntime-node/dist/binding'), common: require.resolve('onnxruntime-common') },
      });
      w.unref();
      w.once('error', () => this.stop());
      w.once('exit', () => this.stop());
    } catch {
      w = null;
      this.failed = true;
    }
    this.worker = w;
  }

  /** True once the helper's session has loaded (until it fails or stops). */
  get available(): boolean {
    return Atomics.load(this.ready, 0) === 1 && !this.failed && this.worker !== null;
  }

  /**
   * Blocks until the helper's session has loaded or failed, at most `timeoutMs`; true when it is
   * ready. For the thread that owns the helper, before its first job: a process or thread that ends
   * while the helper is inside onnxruntime's model load (up to seconds on a busy machine) aborts the
   * whole process ("terminate called after throwing an instance of 'Napi::Error'"). Once loaded,
   * the helper is idle between batches and can be ended at any time.
   */
  waitForLoad(timeoutMs: number): boolean {
    if (this.worker === null) return false;
    const end = Date.now() + timeoutMs;
    while (Atomics.load(this.ready, 0) === 0 && Date.now() < end) Atomics.wait(this.ready, 0, 0, Math.max(1, end - Date.now()));
    return this.available;
  }

  private stop(): void {
    this.failed = true;
    this.worker = null;
  }

  /**
   * Vectors of the tokenised phrases: this thread and the helper each take the next phrase until
   * none is left. `embedOne` is this thread's session (ids in, a unit vector out).
   */
  embedIds(all: readonly number[][], dims: number, embedOne: (ids: readonly number[]) => Float32Array): Float32Array[] {
    const total = all.reduce((n, ids) => n + ids.length, 0);
    const b: BatchInput = {
      ids: shared(Int32Array, total, 4),
      offsets: shared(Int32Array, all.length + 1, 4),
      next: shared(Int32Array, 1, 4),
      done: shared(Int32Array, all.length, 4),
      finished: shared(Int32Array, 1, 4),
      out: shared(Float32Array, all.length * dims, 4),
      dims,
    };
    let at = 0;
    all.forEach((ids, k) => {
      b.offsets[k] = at;
      b.ids.set(ids, at);
      at += ids.length;
    });
    b.offsets[all.length] = at;
    const w = this.worker;
    if (w && this.available) w.postMessage(b);
    const mine = new Map<number, Float32Array>();
    for (;;) {
      const k = Atomics.add(b.next, 0, 1);
      if (k >= all.length) break;
      mine.set(k, embedOne(all[k] as number[]));
    }
    // Phrases the helper took and has not finished: wait for each, else do it here.
    const vecs: Float32Array[] = [];
    for (let k = 0; k < all.length; k++) {
      const own = mine.get(k);
      if (own) {
        vecs.push(own);
        continue;
      }
      let state = Atomics.load(b.done, k);
      const t0 = Date.now();
      while (state === 0 && !this.failed && Date.now() - t0 < STUCK_MS) {
        Atomics.wait(b.finished, 0, Atomics.load(b.finished, 0), 50);
        state = Atomics.load(b.done, k);
      }
      vecs.push(state === 1 ? b.out.slice(k * dims, (k + 1) * dims) : embedOne(all[k] as number[]));
    }
    return vecs;
  }

  close(): void {
    const w = this.worker;
    this.stop();
    if (w) void w.terminate();
  }
}
