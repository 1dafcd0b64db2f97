/**
 * Dataset evaluation shared by `hushdesk eval` and the benchmark: reads the dataset format of
 * shared/guides/engine.md, trains on `train`, classifies every `test` row one call at a time and
 * computes the figures the issue asks for. NLP.js (a devDependency) is loaded only when compared.
 */
import { z } from 'zod';
import { issueDetails } from '../../shared/issue-paths';
import { AppFailure } from '../../shared/result';
import type { Encoder } from './encoder';
import { predict, trainRows, type Model, type TrainingRow } from './model';
import { FileVectorCache, type VectorCache } from './vectors';

export interface Dataset {
  name: string;
  oos_label: string | null;
  train: TrainingRow[];
  test: TrainingRow[];
}

export interface EvalReport {
  system: string;
  dataset: string;
  accuracy: number;
  in_scope_accuracy: number | null;
  oos_recall: number | null;
  oos_precision: number | null;
  macro_f1: number;
  train_ms: number;
  p50_ms: number;
  p99_ms: number;
  peak_rss_mb: number;
}

const row = z.object({ text: z.string(), intent: z.string().min(1) });
const datasetSchema = z.object({
  name: z.string().min(1),
  oos_label: z.string().min(1).nullable().optional(),
  train: z.array(row).min(1, 'needs at least one row'),
  test: z.array(row).min(1, 'needs at least one row'),
});

/** Parses a dataset file; errors name the file and the JSON path. */
export function parseDataset(text: string, fileName: string): Dataset {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new AppFailure('invalid_input', `${fileName}: not valid JSON (${e instanceof Error ? e.message : 'parse error'})`);
  }
  const r = datasetSchema.safeParse(data);
  if (!r.success) {
    const details = issueDetails(r.error.issues, { style: 'json', max: 20 });
    throw new AppFailure('invalid_input', `${fileName}: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`, { details });
  }
  return { name: r.data.name, oos_label: r.data.oos_label ?? null, train: r.data.train, test: r.data.test };
}

const OOS_PRED = '\u0000oos';

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

/** Scores predictions (`OOS_PRED` or the dataset's oos label both mean "out of scope"). */
export function score(ds: Dataset, predicted: string[]): Pick<EvalReport, 'accuracy' | 'in_scope_accuracy' | 'oos_recall' | 'oos_precision' | 'macro_f1'> {
  const oos = ds.oos_label;
  const pred = predicted.map((p) => (p === OOS_PRED || (oos !== null && p === oos) ? (oos ?? OOS_PRED) : p));
  let correct = 0;
  let inN = 0;
  let inOk = 0;
  let oosN = 0;
  let oosHit = 0;
  let oosPred = 0;
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);
  ds.test.forEach((r, i) => {
    const p = pred[i] as string;
    if (p === r.intent) {
      correct++;
      inc(tp, r.intent);
    } else {
      inc(fp, p);
      inc(fn, r.intent);
    }
    if (oos !== null && r.intent === oos) {
      oosN++;
      if (p === oos) oosHit++;
    } else {
      inN++;
      if (p === r.intent) inOk++;
    }
    if (oos !== null && p === oos) oosPred++;
  });
  const labels = new Set(ds.test.map((r) => r.intent));
  let f1 = 0;
  for (const l of labels) {
    const t = tp.get(l) ?? 0;
    const prec = t + (fp.get(l) ?? 0) > 0 ? t / (t + (fp.get(l) ?? 0)) : 0;
    const rec = t + (fn.get(l) ?? 0) > 0 ? t / (t + (fn.get(l) ?? 0)) : 0;
    f1 += prec + rec > 0 ? (2 * prec * rec) / (prec + rec) : 0;
  }
  return {
    accuracy: correct / ds.test.length,
    in_scope_accuracy: inN > 0 ? inOk / inN : null,
    oos_recall: oos !== null && oosN > 0 ? oosHit / oosN : null,
    oos_precision: oos !== null && oosPred > 0 ? oosHit / oosPred : null,
    macro_f1: f1 / labels.size,
  };
}

const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

export interface HushdeskEvalOptions {
  /** Name in the report ('hushdesk' unless set: the bench names the previous pipeline 'previous'). */
  system?: string;
  /** undefined: the shipped sentence encoder; null: the previous pipeline (no encoder). */
  encoder?: Encoder | null;
  encoderWeight?: number;
  /** Phrase vectors shared across trainings (the teach loop re-embeds only what it adds). */
  vectorCache?: VectorCache;
  /** false: no nearest-example out-of-scope gate (ablation). */
  nearestGate?: boolean;
  /** false: the negative class refuses whenever it wins (no fitted margin; ablation). */
  negativeMargin?: boolean;
  /** false: no background out-of-scope phrases (ablation). */
  backgroundNegatives?: boolean;
}

function trainFor(ds: Dataset, rows: readonly TrainingRow[], opts: HushdeskEvalOptions): Model {
  const hasOos = ds.oos_label !== null;
  return trainRows(rows, { oosLabel: ds.oos_label, calibrate: hasOos, threshold: 'auto', encoder: opts.encoder, encoderWeight: opts.encoderWeight, vectorCache: opts.vectorCache, nearestGate: opts.nearestGate, negativeMargin: opts.negativeMargin, backgroundNegatives: opts.backgroundNegatives });
}

/**
 * Hushdesk on a dataset. With an oos label, rows of that intent train a negative class and the
 * out-of-scope threshold is picked from held-out folds of the training data (never the test rows).
 * Without one, every test row gets its top intent (closed-set accuracy).
 */
export function evaluateHushdesk(ds: Dataset, opts: HushdeskEvalOptions = {}): EvalReport {
  const t0 = performance.now();
  const hasOos = ds.oos_label !== null;
  const model = trainFor(ds, ds.train, opts);
  const trainMs = performance.now() - t0;
  const times: number[] = [];
  const predicted: string[] = [];
  for (const r of ds.test) {
    const s = performance.now();
    const p = predict(model, r.text, hasOos);
    times.push(performance.now() - s);
    predicted.push(p.intent ?? OOS_PRED);
  }
  return report(opts.system ?? 'hushdesk', ds, predicted, trainMs, times);
}

/** One day of the teach loop (`hushdesk eval --teach-rounds N --json` prints one per day). */
export interface TeachDay {
  system: string;
  dataset: string;
  day: number;
  in_scope_accuracy: number | null;
  oos_recall: number | null;
  /** Phrases added to the training set after this day (its misses). */
  taught: number;
}

/**
 * The teach loop: test row i goes to day i mod N (every day mixes intents). Each day is scored by
 * the current model; then that day's misses are added to the training phrases with their true
 * intent (an out-of-scope row that was answered is added as a negative example, under the oos
 * label) and the model is retrained for the next day. Only the day already scored is ever taught.
 */
export function teachRounds(ds: Dataset, rounds: number, opts: HushdeskEvalOptions = {}): TeachDay[] {
  const n = Math.max(1, Math.floor(rounds));
  const days: TrainingRow[][] = Array.from({ length: n }, () => []);
  ds.test.forEach((r, i) => (days[i % n] as TrainingRow[]).push(r));
  const cache = opts.vectorCache ?? new FileVectorCache(null);
  const train: TrainingRow[] = ds.train.slice();
  const hasOos = ds.oos_label !== null;
  const out: TeachDay[] = [];
  for (let d = 0; d < n; d++) {
    const model = trainFor(ds, train, { ...opts, vectorCache: cache });
    const day = days[d] as TrainingRow[];
    const predicted: string[] = [];
    const misses: TrainingRow[] = [];
    for (const r of day) {
      const p = predict(model, r.text, hasOos);
      const got = p.intent ?? OOS_PRED;
      predicted.push(got);
      const truth = r.intent === ds.oos_label ? OOS_PRED : r.intent;
      // An out-of-scope row that was refused, or an in-scope row answered right, teaches nothing.
      if (got !== truth) misses.push({ text: r.text, intent: r.intent === ds.oos_label ? (ds.oos_label as string) : r.intent });
    }
    const s = score({ ...ds, test: day }, predicted);
    out.push({ system: opts.system ?? 'hushdesk', dataset: ds.name, day: d + 1, in_scope_accuracy: s.in_scope_accuracy, oos_recall: s.oos_recall, taught: d + 1 < n ? misses.length : 0 });
    if (d + 1 < n) train.push(...misses);
  }
  return out;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** One system's figures on one dataset: scores, training time, per-call latency, memory. */
function report(system: string, ds: Dataset, predicted: string[], trainMs: number, times: number[]): EvalReport {
  times.sort((a, b) => a - b);
  return {
    system,
    dataset: ds.name,
    ...score(ds, predicted),
    train_ms: Math.round(trainMs),
    p50_ms: round3(quantile(times, 0.5)),
    p99_ms: round3(quantile(times, 0.99)),
    peak_rss_mb: peakRssMb(),
  };
}

interface NlpResult {
  intent: string;
  classifications?: { intent: string; score: number }[];
}
interface NlpManagerLike {
  addDocument(lang: string, text: string, intent: string): void;
  train(): Promise<unknown>;
  process(lang: string, text: string): Promise<NlpResult>;
}

/** Loads node-nlp only when asked (a devDependency: the app never needs it). */
function loadNlpjs(): new (opts: Record<string, unknown>) => NlpManagerLike {
  try {
    // A computed name keeps bundlers and the type checker from pulling node-nlp into the app.
    const name = ['node', 'nlp'].join('-');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional devDependency, loaded on demand
    const mod = require(name) as { NlpManager: new (opts: Record<string, unknown>) => NlpManagerLike };
    return mod.NlpManager;
  } catch {
    throw new AppFailure('not_found', 'NLP.js (npm node-nlp) is not installed; it is a devDependency used only for comparison');
  }
}

/** Runs a function with console output silenced (NLP.js prints training progress). */
export async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const saved = { log: console.log, info: console.info, warn: console.warn, debug: console.debug };
  console.log = console.info = console.warn = console.debug = () => undefined;
  try {
    return await fn();
  } finally {
    Object.assign(console, saved);
  }
}

/**
 * NLP.js 4.27 with its defaults: NlpManager({languages:['en']}), addDocument per row, train, process.
 * The main figures take its top classification ignoring its "None" threshold (as engine.md does);
 * `accuracy_with_threshold` counts its "None" answers as out of scope.
 */
export async function evaluateNlpjs(ds: Dataset): Promise<EvalReport & { accuracy_with_threshold: number }> {
  const NlpManager = loadNlpjs();
  // autoSave off: NLP.js otherwise writes model.nlp into the working folder after every training.
  const manager = new NlpManager({ languages: ['en'], nlu: { log: false }, autoSave: false });
  const t0 = performance.now();
  for (const r of ds.train) manager.addDocument('en', r.text, r.intent);
  await quietly(() => manager.train());
  const trainMs = performance.now() - t0;
  const times: number[] = [];
  const top: string[] = [];
  const thresholded: string[] = [];
  await quietly(async () => {
    for (const r of ds.test) {
      const s = performance.now();
      const res = await manager.process('en', r.text);
      times.push(performance.now() - s);
      const best = (res.classifications ?? []).find((c) => c.intent !== 'None');
      top.push(best ? best.intent : OOS_PRED);
      thresholded.push(res.intent === 'None' || !res.intent ? OOS_PRED : res.intent);
    }
  });
  return { ...report('nlpjs', ds, top, trainMs, times), accuracy_with_threshold: score(ds, thresholded).accuracy };
}
