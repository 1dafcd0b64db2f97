/**
 * The intent classifier: features + one-vs-rest linear SVM + softmax calibration + out-of-scope
 * threshold, trained from `{text, intent}` rows. Pure computation: no files (see cache.ts for that).
 */
import { DEFAULT_FEATURES, Featurizer, type FeatureOptions, type FeaturizerState, type SparseVec } from './features';
import { normalizeText } from './normalize';
import { DEFAULT_SVM, PARALLEL_MIN_WORK, decision, rng, trainOvr, type SvmOptions } from './svm';
import type { EntityDef } from './entities';

/** Bumped whenever features, training or the serialised layout change: cached models are then rebuilt. */
export const ENGINE_VERSION = 'hushdesk-engine/3';

export interface TrainingRow {
  text: string;
  intent: string;
}

export interface TrainOptions {
  /** Rows with this intent are trained as a negative class that never answers (out of scope). */
  oosLabel?: string | null;
  /** Out-of-scope threshold on the calibrated confidence, or 'auto' to pick it from held-out data. */
  threshold?: number | 'auto';
  /** Fit the confidence scale and the auto threshold on held-out folds (costs extra training). */
  calibrate?: boolean;
  features?: Partial<FeatureOptions>;
  svm?: Partial<SvmOptions>;
  /** Recorded in the model so a cache can tell which knowledge base it came from. */
  sourceHash?: string;
  /** Knowledge-base entity definitions carried by the model (for extraction at classification). */
  entities?: EntityDef[];
}

export interface IntentScore {
  intent: string;
  confidence: number;
}

export interface Prediction {
  /** The answered intent, or null when out of scope. */
  intent: string | null;
  /** Calibrated confidence of the top in-scope intent. */
  confidence: number;
  /** In-scope intents, best first (at most 5). */
  ranking: IntentScore[];
  outOfScope: boolean;
  /** True when the phrase exactly matched a training phrase. */
  exact: boolean;
}

export interface Model {
  engineVersion: string;
  sourceHash: string;
  labels: string[];
  /** Index of the negative (out-of-scope) class in `labels`, or -1. */
  oosIndex: number;
  featurizer: Featurizer;
  weights: Float32Array;
  bias: number;
  /** Softmax temperature applied to raw SVM scores. */
  scale: number;
  threshold: number;
  /** Normalised training phrase -> label index (exact-match stage). */
  exact: Map<string, number>;
  entities: EntityDef[];
}

/** Smaller training sets leave the sentence vector out (see trainRows). */
const MIN_ROWS_FOR_VECTORS = 150;
/** Training sets at least this big drop terms seen in a single text and character 2- and 5-grams. */
const LARGE_DATA_ROWS = 5000;
/** Sentence-vector dimensions kept (principal directions) for training sets of LARGE_DATA_ROWS and more. */
const LARGE_DATA_PCA = 50;
/** SVM stopping tolerance for training sets of LARGE_DATA_ROWS and more. */
const LARGE_DATA_EPS = 0.3;

/** Default softmax scale when no calibration is run (fits TF-IDF SVM scores on the datasets here). */
const DEFAULT_SCALE = 8;
/**
 * Weight of a refused out-of-scope query against a correctly answered in-scope one when picking the
 * threshold. Below 1 because held-out folds are trained on less data than the final model, so they
 * under-state its confidence on in-scope phrases (and pseudo out-of-scope intents are harder than
 * real ones: they are siblings of the trained intents).
 */
const OOS_WEIGHT = 0.3;
/** Largest share of held-out in-scope answers the auto threshold may give up. */
const MAX_IN_SCOPE_LOSS = 0.06;
/** Threshold used with 'auto' when there is too little data to pick one. */
const FALLBACK_THRESHOLD = 0.35;

interface Fitted {
  featurizer: Featurizer;
  weights: Float32Array;
  labels: string[];
}

function fit(rows: readonly TrainingRow[], feat: FeatureOptions, svm: SvmOptions): Fitted {
  const labels = [...new Set(rows.map((r) => r.intent))].sort();
  const li = new Map(labels.map((l, i) => [l, i]));
  const parallel = svm.threads === 2 && labels.length >= 2 && rows.length * labels.length >= PARALLEL_MIN_WORK;
  const { featurizer, matrix } = Featurizer.fit(
    rows.map((r) => normalizeText(r.text)),
    feat,
    parallel,
  );
  const ys = Int32Array.from(rows, (r) => li.get(r.intent) as number);
  const weights = trainOvr(matrix, ys, labels.length, featurizer.size, svm);
  return { featurizer, weights, labels };
}

function softmax(scores: Float64Array, scale: number, out: Float64Array): void {
  let max = -Infinity;
  for (let c = 0; c < scores.length; c++) if ((scores[c] as number) > max) max = scores[c] as number;
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    const e = Math.exp(scale * ((scores[c] as number) - max));
    out[c] = e;
    sum += e;
  }
  for (let c = 0; c < scores.length; c++) out[c] = (out[c] as number) / sum;
}

interface HeldOut {
  /** Raw scores per held-out row. */
  scores: Float64Array[];
  /** Label index within the fold model, or -1 for a pseudo out-of-scope row (its class was left out). */
  truth: number[];
  oosIndex: number[];
}

/**
 * Held-out predictions for calibration: k folds over the rows; in each fold about 15% of the intents
 * are left out of training entirely, so their held-out rows act as out-of-scope queries.
 */
function heldOut(rows: readonly TrainingRow[], opts: Required<Pick<TrainOptions, 'oosLabel'>>, feat: FeatureOptions, svm: SvmOptions): HeldOut {
  const labels = [...new Set(rows.map((r) => r.intent))].sort().filter((l) => l !== opts.oosLabel);
  const folds = rows.length <= 3000 ? 4 : 1;
  const rand = rng(99);
  const order = rows.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const foldOf = new Int32Array(rows.length);
  // With one fold, a fifth of the rows is held out; with k folds each row is held out once.
  order.forEach((r, k) => (foldOf[r] = folds === 1 ? (k % 5 === 0 ? 0 : -1) : k % folds));
  const labelOrder = labels.slice();
  for (let i = labelOrder.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [labelOrder[i], labelOrder[j]] = [labelOrder[j] as string, labelOrder[i] as string];
  }
  const leaveOut = Math.max(1, Math.round(labels.length * 0.15));
  const res: HeldOut = { scores: [], truth: [], oosIndex: [] };
  if (labels.length < 3) return res;
  for (let f = 0; f < folds; f++) {
    const left = new Set<string>();
    for (let k = 0; k < leaveOut; k++) left.add(labelOrder[(f * leaveOut + k) % labelOrder.length] as string);
    const train = rows.filter((r, i) => foldOf[i] !== f && !left.has(r.intent));
    const test = rows.filter((r, i) => foldOf[i] === f);
    if (train.length === 0 || test.length === 0) continue;
    const m = fit(train, feat, svm);
    const li = new Map(m.labels.map((l, i) => [l, i]));
    const oosIdx = opts.oosLabel ? (li.get(opts.oosLabel) ?? -1) : -1;
    for (const r of test) {
      const s = new Float64Array(m.labels.length);
      decision(m.weights, m.labels.length, m.featurizer.size, svm.bias, m.featurizer.transform(normalizeText(r.text)), s);
      res.scores.push(s);
      res.truth.push(left.has(r.intent) || r.intent === opts.oosLabel ? -1 : (li.get(r.intent) as number));
      res.oosIndex.push(oosIdx);
    }
  }
  return res;
}

/** Top in-scope class and its probability (the negative class is never "top"). */
function topInScope(p: Float64Array, oosIndex: number): [number, number] {
  let best = -1;
  let bp = -1;
  for (let c = 0; c < p.length; c++) {
    if (c === oosIndex) continue;
    if ((p[c] as number) > bp) {
      bp = p[c] as number;
      best = c;
    }
  }
  return [best, bp];
}

/** Picks the softmax scale minimising held-out log loss over in-scope rows. */
function fitScale(h: HeldOut): number {
  let best = DEFAULT_SCALE;
  let bestLoss = Infinity;
  for (let s = 1; s <= 20; s += 1) {
    let loss = 0;
    let n = 0;
    for (let i = 0; i < h.scores.length; i++) {
      const t = h.truth[i] as number;
      if (t < 0) continue;
      const sc = h.scores[i] as Float64Array;
      const p = new Float64Array(sc.length);
      softmax(sc, s, p);
      loss -= Math.log(Math.max(p[t] as number, 1e-12));
      n++;
    }
    // Too few rows say nothing reliable (a handful all right pushes the scale to infinity).
    if (n < 30) return DEFAULT_SCALE;
    if (loss / n < bestLoss) {
      bestLoss = loss / n;
      best = s;
    }
  }
  return best;
}

/**
 * Picks the threshold that maximises (share of in-scope rows answered correctly) + (share of
 * out-of-scope rows refused) on the held-out folds: both kinds of error count the same.
 */
function fitThreshold(h: HeldOut, scale: number): number {
  const inScope: [number, boolean][] = [];
  const oos: number[] = [];
  for (let i = 0; i < h.scores.length; i++) {
    const sc = h.scores[i] as Float64Array;
    const p = new Float64Array(sc.length);
    softmax(sc, scale, p);
    const oi = h.oosIndex[i] as number;
    const [top, tp] = topInScope(p, oi);
    // A row whose top class is the negative class is refused whatever the threshold.
    const negWins = oi >= 0 && (p[oi] as number) > tp;
    const conf = negWins ? 0 : tp;
    const t = h.truth[i] as number;
    if (t < 0) oos.push(conf);
    else inScope.push([conf, top === t]);
  }
  if (inScope.length < 10 || oos.length < 5) return FALLBACK_THRESHOLD;
  let best = FALLBACK_THRESHOLD;
  let bestJ = -Infinity;
  const open = inScope.filter(([, ok]) => ok).length / inScope.length;
  for (let th = 0.05; th <= 0.9001; th += 0.01) {
    const acc = inScope.filter(([c, ok]) => ok && c >= th).length / inScope.length;
    // Never trade more than MAX_IN_SCOPE_LOSS of in-scope answers for refusals.
    if (open - acc > MAX_IN_SCOPE_LOSS) break;
    const rej = oos.filter((c) => c < th).length / oos.length;
    const j = acc + OOS_WEIGHT * rej;
    if (j > bestJ + 1e-9) {
      bestJ = j;
      best = Math.round(th * 100) / 100;
    }
  }
  return best;
}

/** Trains a model from rows. Deterministic: the same rows and options give the same bytes. */
export function trainRows(rows: readonly TrainingRow[], options: TrainOptions = {}): Model {
  // With thousands of rows, terms seen once are mostly noise and cost memory; with a few examples
  // per intent (a shop's knowledge base) every term counts.
  // Word vectors help from a few hundred rows up (banking77-10shot +0.8 points, the default KB +0.9
  // in-scope / +0.9 OOS recall, banking77 +0.3) but cost 1-2 points on the 30-100-row corpora, where
  // 100 dense dimensions shared by every row overfit.
  const feat: FeatureOptions = {
    ...DEFAULT_FEATURES,
    // Large sets: character 2-grams and 5-grams add nothing measurable (banking77 92.0% either
    // way) and cost ~25% of training time; small ones keep them (AskUbuntu 93.6% vs 92.7% without).
    // Large sets also keep 50 principal directions of the 100-dimension sentence vector (banking77
    // 92.0% either way, ~10% less training time).
    ...(rows.length >= LARGE_DATA_ROWS ? { minDf: 2, charMin: 3, charMax: 4, embedPca: LARGE_DATA_PCA } : { minDf: 1 }),
    ...(rows.length < MIN_ROWS_FOR_VECTORS ? { embedWeight: 0 } : {}),
    ...options.features,
  };
  // Large sets: a looser stopping tolerance (banking77 92.0% either way, ~25% less SVM time), and
  // the classes split across a worker thread (same weights; banking77 trains in ~2.7 s instead of
  // ~3.4 s on a busy two-core machine, for ~12 MB more memory). Small sets (a shop's knowledge
  // base) train in well under a second on this thread with the tighter tolerance.
  const large = rows.length >= LARGE_DATA_ROWS ? { eps: LARGE_DATA_EPS, threads: 2 } : {};
  const svm: SvmOptions = { ...DEFAULT_SVM, ...large, ...options.svm };
  const oosLabel = options.oosLabel ?? null;
  const m = fit(rows, feat, svm);
  let scale = DEFAULT_SCALE;
  let threshold = typeof options.threshold === 'number' ? options.threshold : FALLBACK_THRESHOLD;
  if (options.calibrate) {
    const h = heldOut(rows, { oosLabel }, feat, svm);
    if (h.scores.length > 0) scale = fitScale(h);
    if (options.threshold === 'auto' || options.threshold === undefined) threshold = fitThreshold(h, scale);
  }
  const exact = new Map<string, number>();
  const li = new Map(m.labels.map((l, i) => [l, i]));
  for (const r of rows) {
    const n = normalizeText(r.text);
    // A phrase listed under two intents is ambiguous: no exact-match shortcut for it.
    const prev = exact.get(n);
    const cur = li.get(r.intent) as number;
    if (n.length > 0) exact.set(n, prev === undefined || prev === cur ? cur : -1);
  }
  return warm({
    engineVersion: ENGINE_VERSION,
    sourceHash: options.sourceHash ?? '',
    labels: m.labels,
    oosIndex: oosLabel ? m.labels.indexOf(oosLabel) : -1,
    featurizer: m.featurizer,
    weights: m.weights,
    bias: svm.bias,
    scale,
    threshold,
    exact,
    entities: options.entities ?? [],
  });
}

/**
 * Runs a few classifications so the code paths are compiled before the first real message (the
 * first call otherwise costs a few milliseconds in the interpreter). Returns the model.
 */
export function warm(model: Model): Model {
  for (const t of ['hello there how are you', 'where is my order 12345', 'qwzx']) predict(model, t);
  return model;
}

/** Raw scores and calibrated probabilities for a normalised text. */
export function scoreText(model: Model, normalized: string): { vec: SparseVec; probs: Float64Array } {
  const vec = model.featurizer.transform(normalized);
  const raw = new Float64Array(model.labels.length);
  decision(model.weights, model.labels.length, model.featurizer.size, model.bias, vec, raw);
  const probs = new Float64Array(raw.length);
  softmax(raw, model.scale, probs);
  return { vec, probs };
}

/**
 * Classifies one phrase. `reject: false` always answers the top intent (closed-set evaluation).
 * Never throws: non-strings, empty and hostile input come back out of scope.
 */
export function predict(model: Model, text: unknown, reject = true): Prediction {
  const normalized = normalizeText(text);
  const none: Prediction = { intent: null, confidence: 0, ranking: [], outOfScope: true, exact: false };
  if (normalized.length === 0 || model.labels.length === 0) return none;
  const exactHit = model.exact.get(normalized);
  const { vec, probs } = scoreText(model, normalized);
  const ranking: IntentScore[] = [];
  const order = model.labels.map((_, i) => i).filter((i) => i !== model.oosIndex);
  order.sort((a, b) => (probs[b] as number) - (probs[a] as number) || a - b);
  for (const i of order.slice(0, 5)) ranking.push({ intent: model.labels[i] as string, confidence: probs[i] as number });
  if (exactHit !== undefined && exactHit >= 0) {
    const label = model.labels[exactHit] as string;
    if (exactHit === model.oosIndex) return { ...none, ranking, exact: true };
    const rest = ranking.filter((r) => r.intent !== label);
    return { intent: label, confidence: 1, ranking: [{ intent: label, confidence: 1 }, ...rest].slice(0, 5), outOfScope: false, exact: true };
  }
  const top = ranking[0];
  if (!top || vec.idx.length === 0) return { ...none, ranking };
  const negWins = model.oosIndex >= 0 && (probs[model.oosIndex] as number) > top.confidence;
  const outOfScope = reject && (negWins || top.confidence < model.threshold);
  return { intent: outOfScope ? null : top.intent, confidence: top.confidence, ranking, outOfScope, exact: false };
}

export type { FeaturizerState };
