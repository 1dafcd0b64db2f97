/**
 * One-vs-rest linear SVM (L2-regularised, squared hinge loss) trained by dual coordinate descent with
 * shrinking, as in LIBLINEAR (Hsieh et al. 2008). Plain typed arrays; deterministic (a seeded
 * permutation, no Math.random), so the same rows always give the same weights.
 */
import type { SparseMatrix, SparseVec } from './features';

export interface SvmOptions {
  /** Regularisation: larger C fits the training data more tightly. */
  C: number;
  /** Stopping tolerance on the projected gradient. */
  eps: number;
  maxIter: number;
  /** Value of the constant bias feature. */
  bias: number;
  /** Train each class only against this many most similar classes (0: against all). */
  neighbours: number;
  /**
   * 2: split big problems across a worker thread (same weights; ~2x faster on an idle two-core
   * machine, nothing on a busy one, and ~15 MB more memory), 1 (default): this thread only.
   */
  threads?: number;
}

export const DEFAULT_SVM: SvmOptions = { C: 1, eps: 0.1, maxIter: 20, bias: 1, neighbours: 0 };

/** Small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Csr = SparseMatrix;

/** Shared memory when a worker thread will read it too, ordinary memory otherwise. */
function alloc(bytes: number, shared: boolean): ArrayBuffer | SharedArrayBuffer {
  return shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

/** The matrix itself, or a copy in shared memory for a worker thread. */
function share(x: SparseMatrix, shared: boolean): Csr {
  if (!shared || (x.idx.buffer instanceof SharedArrayBuffer && x.val.buffer instanceof SharedArrayBuffer && x.ptr.buffer instanceof SharedArrayBuffer && x.dense.buffer instanceof SharedArrayBuffer)) return x;
  const ptr = new Int32Array(alloc(x.ptr.byteLength, true));
  ptr.set(x.ptr);
  const idx = new Int32Array(alloc(x.idx.byteLength, true));
  idx.set(x.idx);
  const val = new Float32Array(alloc(x.val.byteLength, true));
  val.set(x.val);
  const dense = new Float32Array(alloc(x.dense.byteLength, true));
  dense.set(x.dense);
  return { ptr, idx, val, dense, denseDims: x.denseDims, denseBase: x.denseBase };
}

/**
 * For each class, the classes whose centroids are most similar to it. Training class c against only
 * those (plus its own rows) skips negatives that are far away and would get a zero dual variable
 * anyway; with many classes this cuts training time several-fold at a tiny cost in accuracy.
 */
function confusableClasses(m: Csr, ys: Int32Array, nClasses: number, nFeatures: number, k: number): Uint8Array[] {
  const sparse: Map<number, number>[] = Array.from({ length: nClasses }, () => new Map());
  for (let i = 0; i < ys.length; i++) {
    const cen = sparse[ys[i] as number] as Map<number, number>;
    for (let p = m.ptr[i] as number; p < (m.ptr[i + 1] as number); p++) {
      const f = m.idx[p] as number;
      cen.set(f, (cen.get(f) ?? 0) + (m.val[p] as number));
    }
  }
  const norms = sparse.map((cen) => Math.sqrt([...cen.values()].reduce((a, v) => a + v * v, 0)) || 1);
  const dense = new Float64Array(nFeatures);
  const out: Uint8Array[] = [];
  for (let c = 0; c < nClasses; c++) {
    dense.fill(0);
    for (const [f, v] of sparse[c] as Map<number, number>) dense[f] = v;
    const sims: [number, number][] = [];
    for (let d = 0; d < nClasses; d++) {
      if (d === c) continue;
      let s = 0;
      for (const [f, v] of sparse[d] as Map<number, number>) s += (dense[f] as number) * v;
      sims.push([d, s / ((norms[c] as number) * (norms[d] as number))]);
    }
    sims.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const keep = new Uint8Array(nClasses);
    keep[c] = 1;
    for (let j = 0; j < Math.min(k, sims.length); j++) keep[(sims[j] as [number, number])[0]] = 1;
    out.push(keep);
  }
  return out;
}

/** Everything the per-class kernel reads; plain typed arrays so a worker thread can share them. */
interface KernelInput {
  ptr: Int32Array;
  idx: Int32Array;
  val: Float32Array;
  ys: Int32Array;
  nClasses: number;
  nFeatures: number;
  /** C, eps, maxIter, bias, shrink gradient. */
  params: Float64Array;
  /** nClasses x nClasses mask (1: class d is trained against class c), or empty for "all". */
  keep: Uint8Array;
  /** Output, feature-major `(nFeatures + 1) * nClasses`. */
  out: Float32Array;
  /** Dense block: `denseDims` values per row for features denseBase.. (empty when none). */
  dense: Float32Array;
  denseDims: number;
  denseBase: number;
  /**
   * Next class to train, shared by the threads: each takes the next one (Atomics.add) until none is
   * left, so a thread that finishes early takes more classes instead of waiting for the other.
   */
  next: Int32Array;
  /** 1 for each class whose weights are written (a class already done is skipped). */
  done: Int32Array;
  /**
   * Warm start: dual variables `n * nClasses` (row-major) to start each class from, or empty for
   * zeros. Any non-negative start converges to the same optimum (the problem is strictly convex).
   */
  alpha0: Float32Array;
  /** Output: the dual variables reached, `n * nClasses` (the next training's warm start). */
  alphaOut: Float32Array;
}

/**
 * Trains the binary SVMs of some classes. Self-contained on purpose (no imports, no closures, no
 * inner functions): its source text is also run inside a worker thread, see trainOvr.
 */
function trainClasses(a: KernelInput): void {
  const ptr = a.ptr;
  const idx = a.idx;
  const val = a.val;
  const ys = a.ys;
  const nClasses = a.nClasses;
  const nFeatures = a.nFeatures;
  const C = a.params[0] as number;
  const eps = a.params[1] as number;
  const maxIter = a.params[2] as number;
  const bias = a.params[3] as number;
  const n = ys.length;
  const dim = nFeatures + 1;
  const shrinkAt = a.params[4] as number;
  const w = new Float64Array(dim);
  const alpha = new Float64Array(n);
  const qd = new Float64Array(n);
  const diag = 0.5 / C;
  for (let i = 0; i < n; i++) {
    let s = bias * bias;
    for (let p = ptr[i] as number; p < (ptr[i + 1] as number); p++) s += (val[p] as number) * (val[p] as number);
    for (let d = i * a.denseDims; d < (i + 1) * a.denseDims; d++) s += (a.dense[d] as number) * (a.dense[d] as number);
    qd[i] = s + diag;
  }
  const dense = a.dense;
  const dd = a.denseDims;
  const db = a.denseBase;
  const active = new Int32Array(n);
  const y = new Int8Array(n);
  for (;;) {
    const c = Atomics.add(a.next, 0, 1);
    if (c >= nClasses) break;
    if (Atomics.load(a.done, c) === 1) continue;
    w.fill(0);
    alpha.fill(0);
    let total = 0;
    const limited = a.keep.length > 0;
    const warmStart = a.alpha0.length === n * nClasses;
    for (let i = 0; i < n; i++) {
      const yc = ys[i] as number;
      y[i] = yc === c ? 1 : -1;
      if (!limited || a.keep[c * nClasses + yc]) {
        active[total++] = i;
        // w = sum of alpha_i y_i x_i over the start's non-zero dual variables (rows outside the
        // active set keep zero, as in a cold start).
        const a0 = warmStart ? (a.alpha0[i * nClasses + c] as number) : 0;
        if (a0 > 0) {
          alpha[i] = a0;
          const d = a0 * (y[i] as number);
          for (let p = ptr[i] as number; p < (ptr[i + 1] as number); p++) {
            const f = idx[p] as number;
            w[f] = (w[f] as number) + d * (val[p] as number);
          }
          const r0 = i * a.denseDims;
          for (let e = 0; e < a.denseDims; e++) w[a.denseBase + e] = (w[a.denseBase + e] as number) + d * (a.dense[r0 + e] as number);
          w[nFeatures] = (w[nFeatures] as number) + d * bias;
        }
      }
    }
    // mulberry32, seeded per class, inlined (see the note above).
    let seed = (1234 + c) >>> 0;
    let activeSize = total;
    let pgMaxOld = Infinity;
    // The cap counts full passes' worth of rows: a pass over a shrunk active set costs a fraction.
    let work = 0;
    for (let iter = 0; iter < 10 * maxIter && work < maxIter * total; iter++) {
      work += activeSize;
      // Fisher-Yates over the active set.
      for (let i = activeSize - 1; i > 0; i--) {
        seed = (seed + 0x6d2b79f5) >>> 0;
        let t = seed;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
        const j = Math.floor(r * (i + 1));
        const tmp = active[i] as number;
        active[i] = active[j] as number;
        active[j] = tmp;
      }
      // A pass that starts on every row checks convergence on every row: a row it drops has a zero
      // projected gradient, so dropping it early changes nothing in the check.
      const fullPass = activeSize === total;
      // Rows with a zero dual variable and a gradient above this leave the active set. LIBLINEAR
      // waits for the last pass's largest projected gradient, which stays large for several full
      // passes on one-vs-rest problems with thousands of negatives; the cap drops them sooner.
      const shrinkBelow = Math.min(pgMaxOld, shrinkAt);
      let pgMaxNew = -Infinity;
      let pgMinNew = Infinity;
      for (let s = 0; s < activeSize; s++) {
        const i = active[s] as number;
        const yi = y[i] as number;
        const p0 = ptr[i] as number;
        const p1 = ptr[i + 1] as number;
        let dot = (w[nFeatures] as number) * bias;
        for (let p = p0; p < p1; p++) dot += (w[idx[p] as number] as number) * (val[p] as number);
        const r0 = i * dd;
        for (let d = 0; d < dd; d++) dot += (w[db + d] as number) * (dense[r0 + d] as number);
        const ai = alpha[i] as number;
        const g = yi * dot - 1 + diag * ai;
        let pg = 0;
        if (ai === 0) {
          if (g > shrinkBelow) {
            // Shrink: this example is comfortably outside the margin; drop it from the active set.
            activeSize--;
            active[s] = active[activeSize] as number;
            active[activeSize] = i;
            s--;
            continue;
          } else if (g < 0) pg = g;
        } else pg = g;
        if (pg > pgMaxNew) pgMaxNew = pg;
        if (pg < pgMinNew) pgMinNew = pg;
        if (Math.abs(pg) > 1e-12) {
          const na = Math.max(ai - g / (qd[i] as number), 0);
          alpha[i] = na;
          const d = (na - ai) * yi;
          for (let p = p0; p < p1; p++) {
            const f = idx[p] as number;
            w[f] = (w[f] as number) + d * (val[p] as number);
          }
          for (let e = 0; e < dd; e++) w[db + e] = (w[db + e] as number) + d * (dense[r0 + e] as number);
          w[nFeatures] = (w[nFeatures] as number) + d * bias;
        }
      }
      if (pgMaxNew - pgMinNew <= eps) {
        if (fullPass) break;
        // Converged on the active set: check every row again.
        activeSize = total;
        pgMaxOld = Infinity;
        continue;
      }
      pgMaxOld = pgMaxNew <= 0 ? Infinity : pgMaxNew;
    }
    for (let f = 0; f < dim; f++) a.out[f * nClasses + c] = w[f] as number;
    for (let i = 0; i < n; i++) a.alphaOut[i * nClasses + c] = alpha[i] as number;
    Atomics.store(a.done, c, 1);
  }
}

/**
 * A row with a zero dual variable whose gradient exceeds this leaves the active set (see
 * trainClasses). On banking77 it cuts the rows visited by ~40% at the same accuracy.
 */
const SHRINK_GRADIENT = 0.1;

/** Work (rows x classes) above which a second thread pays for its ~30 ms start-up. */
export const PARALLEL_MIN_WORK = 60_000;
/** How long the main thread waits for the worker before doing its share itself. */
const WORKER_TIMEOUT_MS = 120_000;

/**
 * Source run in the worker: the kernel's own compiled text. `__name` covers the helper some
 * transpilers (esbuild keepNames) insert into function bodies.
 */
function workerSource(): string {
  return [
    'const { workerData } = require("node:worker_threads");',
    'var __name = (f) => f;',
    `const trainClasses = ${trainClasses.toString()};`,
    'const st = workerData.status;',
    'try { trainClasses(workerData.input); Atomics.store(st, 0, 1); } catch (e) { Atomics.store(st, 0, 2); }',
    'Atomics.notify(st, 0);',
  ].join('\n');
}

/**
 * Work (rows x classes) above which the kept helper thread (startSvmHelper) takes classes: it is
 * already running, so only the hand-over (~0.1 ms) is paid, and a knowledge base of a few hundred
 * phrases (~12,000 for 500 phrases x 20 intents, ~8,000 per calibration fold) splits its classes.
 */
export const HELPER_MIN_WORK = 2_000;
/** Longest wait for the helper without one class finished before this thread does the rest. */
const HELPER_STALL_MS = 10_000;

/** The kept helper's program: the kernel, run on each job it is sent, status 1 when it is done. */
function helperSource(): string {
  return [
    'const { parentPort } = require("node:worker_threads");',
    'var __name = (f) => f;',
    `const trainClasses = ${trainClasses.toString()};`,
    'parentPort.on("message", (m) => {',
    '  try { trainClasses(m.input); Atomics.store(m.status, 0, 1); } catch (e) { Atomics.store(m.status, 0, 2); }',
    '  Atomics.notify(m.status, 0);',
    '});',
  ].join('\n');
}

type HelperWorker = { postMessage(m: unknown): void; terminate(): Promise<number>; unref(): void; once(ev: 'exit' | 'error', f: () => void): void };

let svmHelper: HelperWorker | null = null;

/**
 * Keeps a second thread that takes classes of every trainOvr call big enough (HELPER_MIN_WORK),
 * for the thread that trains knowledge bases (the editor's worker). Every class is trained from its
 * own seed by the same kernel, so the weights are those of one thread. Unref'd (never keeps the
 * process alive); ends with the thread that started it, or with stopSvmHelper. Idempotent.
 */
export function startSvmHelper(): boolean {
  if (svmHelper) return true;
  const W = workerCtor() as unknown as (new (code: string, opts: { eval: boolean }) => HelperWorker) | null;
  if (!W) return false;
  try {
    const w = new W(helperSource(), { eval: true });
    w.unref();
    const drop = (): void => {
      if (svmHelper === w) svmHelper = null;
    };
    w.once('exit', drop);
    w.once('error', drop);
    svmHelper = w;
    return true;
  } catch {
    return false;
  }
}

export function stopSvmHelper(): void {
  const w = svmHelper;
  svmHelper = null;
  if (w) void w.terminate();
}

type WorkerCtor = new (code: string, opts: { eval: boolean; workerData: unknown }) => { terminate(): Promise<number>; unref(): void };

/** node:worker_threads when running under Node (the engine also runs where it may be missing). */
function workerCtor(): WorkerCtor | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional at run time
    return (require('node:worker_threads') as { Worker: WorkerCtor }).Worker;
  } catch {
    return null;
  }
}

/**
 * Dual variables in and out of trainOvr, `n * nClasses` row-major: `init` starts every class from
 * them instead of zero (the previous training's, or the full fit's for a calibration fold: far
 * fewer passes to converge); `onAlphas` receives those reached.
 */
export interface WarmStart {
  init?: Float32Array | null;
  onAlphas?: (alphas: Float32Array) => void;
}

/**
 * Trains one binary SVM per class. Returns weights laid out feature-major, `(nFeatures + 1) * nClasses`
 * (the last row is the bias), because classification walks a query's few features and needs all
 * classes' weights for each feature next to each other.
 *
 * Big problems are split across two threads (each takes the next untrained class until none is
 * left; the main thread then blocks on Atomics.wait, so the API stays synchronous). Every class is trained from its own
 * seed, so the split changes nothing in the result: the weights are identical either way.
 */
export function trainOvr(
  xs: SparseMatrix,
  ys: Int32Array,
  nClasses: number,
  nFeatures: number,
  opts: SvmOptions = DEFAULT_SVM,
  warmStart: WarmStart = {},
): Float32Array {
  const n = ys.length;
  const dim = nFeatures + 1;
  const helper = nClasses >= 2 && n * nClasses >= HELPER_MIN_WORK ? svmHelper : null;
  const Worker = !helper && nClasses >= 2 && n * nClasses >= PARALLEL_MIN_WORK && opts.threads === 2 ? workerCtor() : null;
  const shared = Worker !== null || helper !== null;
  const m = share(xs, shared);
  const limit = opts.neighbours > 0 && nClasses > opts.neighbours + 1;
  const near = limit ? confusableClasses(m, ys, nClasses, nFeatures, opts.neighbours) : null;
  const keep = new Uint8Array(alloc(near ? nClasses * nClasses : 0, shared));
  if (near) near.forEach((k, c) => keep.set(k, c * nClasses));
  const ysShared = new Int32Array(alloc(4 * n, shared));
  ysShared.set(ys);
  const params = new Float64Array(alloc(40, shared));
  params.set([opts.C, opts.eps, opts.maxIter, opts.bias, SHRINK_GRADIENT]);
  const out = new Float32Array(alloc(4 * dim * nClasses, shared));
  const init = warmStart.init && warmStart.init.length === n * nClasses ? warmStart.init : null;
  const alpha0 = new Float32Array(alloc(init ? 4 * n * nClasses : 0, shared));
  if (init) alpha0.set(init);
  const alphaOut = new Float32Array(alloc(4 * n * nClasses, shared));
  const input: KernelInput = {
    ...{ ptr: m.ptr, idx: m.idx, val: m.val, dense: m.dense, denseDims: m.denseDims, denseBase: m.denseBase },
    ...{ ys: ysShared, nClasses, nFeatures, params, keep, out, alpha0, alphaOut },
    ...{ next: new Int32Array(alloc(4, shared)), done: new Int32Array(alloc(4 * nClasses, shared)) },
  };
  if (helper) {
    const status = new Int32Array(new SharedArrayBuffer(4));
    helper.postMessage({ input, status });
    trainClasses(input);
    // The helper may still be on a class it took (or not have started at all: then it took none).
    // A helper that died cannot say so while this thread blocks: give up on it after HELPER_STALL_MS
    // without a class finished, and train what is left here (same seeds, same result).
    let left = input.done.reduce((k, d) => k + (d === 1 ? 0 : 1), 0);
    while (left > 0 && Atomics.wait(status, 0, 0, HELPER_STALL_MS) === 'timed-out') {
      const now = input.done.reduce((k, d) => k + (d === 1 ? 0 : 1), 0);
      if (now === left) break;
      left = now;
    }
    if (input.done.some((d) => d !== 1)) trainClasses({ ...input, next: new Int32Array(1) });
    warmStart.onAlphas?.(alphaOut.slice());
    return out.slice();
  }
  if (!Worker) {
    trainClasses(input);
    warmStart.onAlphas?.(alphaOut);
    return out;
  }
  const status = new Int32Array(new SharedArrayBuffer(4));
  let worker: InstanceType<WorkerCtor> | null = null;
  try {
    worker = new Worker(workerSource(), { eval: true, workerData: { input, status } });
    worker.unref();
  } catch {
    worker = null;
  }
  trainClasses(input);
  if (worker) {
    // Wait only while the worker is still on a class (it may not even have started).
    if (input.done.some((d) => d !== 1)) Atomics.wait(status, 0, 0, WORKER_TIMEOUT_MS);
    void worker.terminate();
    // A worker that failed or never finished: train what it left here (same seeds, same result).
    if (input.done.some((d) => d !== 1)) trainClasses({ ...input, next: new Int32Array(1) });
  }
  warmStart.onAlphas?.(shared ? alphaOut.slice() : alphaOut);
  // Hand back ordinary memory: the model outlives training and is serialised byte for byte.
  return shared ? out.slice() : out;
}

/** Raw decision values of every class for one vector (bias included). */
export function decision(weights: Float32Array, nClasses: number, nFeatures: number, bias: number, x: SparseVec, out: Float64Array): void {
  const b = nFeatures * nClasses;
  for (let c = 0; c < nClasses; c++) out[c] = (weights[b + c] as number) * bias;
  const idx = x.idx;
  const val = x.val;
  for (let k = 0; k < idx.length; k++) {
    const base = (idx[k] as number) * nClasses;
    const v = val[k] as number;
    for (let c = 0; c < nClasses; c++) out[c] = (out[c] as number) + (weights[base + c] as number) * v;
  }
}
