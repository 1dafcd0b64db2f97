/**
 * One-vs-rest linear SVM (L2-regularised, squared hinge loss) trained by dual coordinate descent with
 * shrinking, as in LIBLINEAR (Hsieh et al. 2008). Plain typed arrays; deterministic (a seeded
 * permutation, no Math.random), so the same rows always give the same weights.
 */
import type { SparseVec } from './features';

export interface SvmOptions {
  /** Regularisation: larger C fits the training data more tightly. */
  C: number;
  /** Stopping tolerance on the projected gradient. */
  eps: number;
  maxIter: number;
  /** Value of the constant bias feature. */
  bias: number;
}

export const DEFAULT_SVM: SvmOptions = { C: 1, eps: 0.1, maxIter: 200, bias: 1 };

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

/**
 * Trains one binary SVM per class. Returns weights laid out feature-major, `(nFeatures + 1) * nClasses`
 * (the last row is the bias), because classification walks a query's few features and needs all
 * classes' weights for each feature next to each other.
 */
export function trainOvr(
  xs: readonly SparseVec[],
  ys: Int32Array,
  nClasses: number,
  nFeatures: number,
  opts: SvmOptions = DEFAULT_SVM,
): Float32Array {
  const n = xs.length;
  const dim = nFeatures + 1;
  const out = new Float32Array(dim * nClasses);
  const w = new Float64Array(dim);
  const alpha = new Float64Array(n);
  const qd = new Float64Array(n);
  const diag = 0.5 / opts.C;
  for (let i = 0; i < n; i++) {
    const v = (xs[i] as SparseVec).val;
    let s = opts.bias * opts.bias;
    for (let k = 0; k < v.length; k++) s += (v[k] as number) * (v[k] as number);
    qd[i] = s + diag;
  }
  const active = new Int32Array(n);
  const y = new Int8Array(n);
  for (let c = 0; c < nClasses; c++) {
    w.fill(0);
    alpha.fill(0);
    for (let i = 0; i < n; i++) y[i] = ys[i] === c ? 1 : -1;
    const rand = rng(1234 + c);
    let activeSize = n;
    for (let i = 0; i < n; i++) active[i] = i;
    let pgMaxOld = Infinity;
    let pgMinOld = -Infinity;
    let iterDone = 0;
    for (let iter = 0; iter < opts.maxIter; iter++) {
      iterDone = iter;
      // Fisher-Yates over the active set.
      for (let i = activeSize - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        const t = active[i] as number;
        active[i] = active[j] as number;
        active[j] = t;
      }
      let pgMaxNew = -Infinity;
      let pgMinNew = Infinity;
      for (let s = 0; s < activeSize; s++) {
        const i = active[s] as number;
        const x = xs[i] as SparseVec;
        const yi = y[i] as number;
        const idx = x.idx;
        const val = x.val;
        let dot = (w[nFeatures] as number) * opts.bias;
        for (let k = 0; k < idx.length; k++) dot += (w[idx[k] as number] as number) * (val[k] as number);
        const ai = alpha[i] as number;
        const g = yi * dot - 1 + diag * ai;
        let pg = 0;
        if (ai === 0) {
          if (g > pgMaxOld) {
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
          for (let k = 0; k < idx.length; k++) w[idx[k] as number] += d * (val[k] as number);
          w[nFeatures] += d * opts.bias;
        }
      }
      if (pgMaxNew - pgMinNew <= opts.eps) {
        if (activeSize === n) break;
        activeSize = n;
        pgMaxOld = Infinity;
        pgMinOld = -Infinity;
        continue;
      }
      pgMaxOld = pgMaxNew <= 0 ? Infinity : pgMaxNew;
      pgMinOld = pgMinNew >= 0 ? -Infinity : pgMinNew;
    }
    void pgMinOld;
    if (process.env.SVM_DEBUG) console.log("class", c, "iter", iterDone);
    for (let f = 0; f < dim; f++) out[f * nClasses + c] = w[f] as number;
  }
  return out;
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
    for (let c = 0; c < nClasses; c++) out[c] += (weights[base + c] as number) * v;
  }
}
