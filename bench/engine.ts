/**
 * Engine benchmark: every dataset in the shared datasets folder, the engine beside the previous
 * release (commit 21a5789: its own code and all-MiniLM-L6-v2 encoder, in a child process; see
 * previous-release.ts), the engine without a sentence encoder and NLP.js in the same run; banking77 with 10
 * intents left out as out-of-scope; the teach loop on hardware-store-dev; an ablation of each new
 * component; the encoder's own cost; the default knowledge base on its own held-out tests; training
 * and cache-load budgets. Hushdesk runs first on every file so its peak RSS (a process-wide
 * high-water mark) is not inflated by NLP.js.
 *
 *   HUSHDESK_BENCH_FAST=1 leaves out banking77 (full) and snips (minutes of encoding each).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkKnowledgeBase } from '../main/engine/kb-check';
import { evaluateHushdesk, evaluateNlpjs, parseDataset, score, teachRounds, type Dataset, type EvalReport, type HushdeskEvalOptions, type TeachDay } from '../main/engine/evaluate';
import { readCachedOrShippedModel } from '../main/engine/cache';
import { deserializeModel, FileVectorCache, loadDefaultKnowledgeBase, loadKnowledgeBase, loadOrTrainModel, MODEL_FILE, predict, readCachedModel, serializeModel, trainModel, trainModelWithState, trainRows } from '../main/engine';
import type { KnowledgeBaseFile } from '../main/knowledge/kb-file';
import { bankingKb, datasetsDir, withOnePhrase } from './kb-fixtures';
import { defaultEncoderDir } from '../main/engine/encoder';
import { earlierEngineRun, PREVIOUS_RELEASE, previousEngine, RELEASE, type EarlierEngine, type ReleaseRun } from './previous-release';
import { setTextingLexicon } from '../main/engine/normalize';
import { kbTrainingRows as kbTrainingRowsOf, OOS_LABEL } from '../main/engine/train-kb';

export interface BenchTable {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  notes?: string[];
}

const pct = (x: number | null): string => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);

/** banking77 with 10 fixed intents (every 7th by name, from the 4th) removed from training. */
function leaveOut(ds: Dataset, n = 10): { ds: Dataset; left: string[] } {
  const labels = [...new Set(ds.train.map((r) => r.intent))].sort();
  const left = labels.filter((_, i) => i % 7 === 3).slice(0, n);
  const out = new Set(left);
  return {
    left,
    ds: {
      name: `${ds.name}-leave-${n}-out`,
      oos_label: 'oos',
      train: ds.train.filter((r) => !out.has(r.intent)),
      test: ds.test.map((r) => (out.has(r.intent) ? { text: r.text, intent: 'oos' } : r)),
    },
  };
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

export async function engineBench(): Promise<BenchTable[]> {
  const dir = process.env.HUSHDESK_DATASETS ?? join(__dirname, '..', '..', 'shared', 'datasets');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const fast = process.env.HUSHDESK_BENCH_FAST === '1';
  // A file without a test split (bitext-customer-service: a pretraining corpus) is not an evaluation set.
  const texts = files.map((f) => ({ f, text: readFileSync(join(dir, f), 'utf8') }));
  const evaluable = texts.filter(({ text }) => (JSON.parse(text) as { test?: unknown[] }).test?.length);
  const loaded = evaluable.map(({ f, text }) => ({ file: join(dir, f), ds: parseDataset(text, f) })).filter(({ ds: d }) => !fast || (d.name !== 'banking77' && d.name !== 'snips'));
  const datasets = loaded.map((x) => x.ds);

  // Each dataset embeds its phrases from cold (no vector cache shared between files), so training
  // times include the encoder.
  const ours: EvalReport[] = datasets.map((ds) => evaluateHushdesk(ds));
  // The previous release (its code and MiniLM encoder) and the previous engine (same encoder, the
  // code before this engine version), from git history, in a child process per file.
  const releaseWhy = new Set<string>();
  const runsOf = (engine: EarlierEngine | null): (ReleaseRun | null)[] =>
    loaded.map(({ file, ds }) => {
      if (!engine) return null;
      const r = earlierEngineRun(engine, file, ds.name === 'hardware-store-dev' ? 4 : 0);
      if ('why' in r) releaseWhy.add(r.why);
      return 'why' in r ? null : r;
    });
  const releaseRuns = runsOf(RELEASE);
  const release: (EvalReport | undefined)[] = releaseRuns.map((r) => r?.report);
  const earlier = previousEngine();
  const engineRuns = runsOf(earlier);
  const previous: EvalReport[] = datasets.map((ds) => evaluateHushdesk(ds, { system: 'no encoder', encoder: null }));

  // Out of scope by leaving intents out, and the closed-set figure on the same in-scope rows.
  const tables: BenchTable[] = [];
  // From here on phrase vectors are shared between runs (ablation, teach loop): same vectors, less time.
  const shared = new FileVectorCache(null);
  const banking = datasets.find((d) => d.name === 'banking77');
  let oosRow: (string | number)[] | null = null;
  if (banking) {
    const { ds, left } = leaveOut(banking);
    const t0 = performance.now();
    const model = trainRows(ds.train, { oosLabel: 'oos', calibrate: true, threshold: 'auto', vectorCache: shared });
    const trainMs = Math.round(performance.now() - t0);
    const open = ds.test.map((r) => predict(model, r.text, true).intent ?? 'oos');
    const closed = ds.test.map((r) => predict(model, r.text, false).intent ?? 'oos');
    const so = score(ds, open);
    const sc = score(ds, closed);
    oosRow = [ds.name, pct(so.in_scope_accuracy), pct(sc.in_scope_accuracy), pct(so.oos_recall), pct(so.oos_precision), model.threshold, trainMs, left.join(' ')];
  }

  // Default knowledge base: held-out tests, training, cache load.
  const kb = loadDefaultKnowledgeBase();
  const t0 = performance.now();
  const kbModel = trainModel(kb);
  const kbTrainMs = Math.round(performance.now() - t0);
  const check = checkKnowledgeBase(kb, kbModel);
  const cacheDir = mkdtempSync(join(tmpdir(), 'hd-bench-cache-'));
  const cacheRows: (string | number)[][] = [];
  try {
    loadOrTrainModel(kb, cacheDir);
    const loads: number[] = [];
    for (let i = 0; i < 7; i++) {
      const s = performance.now();
      // The cache's model, or the shipped prebuilt one that loadOrTrainModel found instead of training.
      const m = readCachedOrShippedModel(kb, cacheDir);
      if (!m) throw new Error('no cached or shipped model for the default knowledge base');
      predict(m, 'warm up the spelling index');
      loads.push(performance.now() - s);
    }
    cacheRows.push(['default knowledge base', serializeModel(kbModel).length, median(loads).toFixed(1)]);
    if (banking) {
      const big = trainRows(banking.train);
      const bytes = serializeModel(big);
      const bl: number[] = [];
      for (let i = 0; i < 5; i++) {
        const s = performance.now();
        deserializeModel(bytes);
        bl.push(performance.now() - s);
      }
      cacheRows.push(['banking77 (full)', bytes.length, median(bl).toFixed(1)]);
    }
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }

  const theirs: (EvalReport & { accuracy_with_threshold: number })[] = [];
  for (const ds of datasets) theirs.push(await evaluateNlpjs(ds));

  const rows: (string | number)[][] = [];
  datasets.forEach((ds, i) => {
    const a = ours[i] as EvalReport;
    const p = previous[i] as EvalReport;
    const b = theirs[i] as EvalReport & { accuracy_with_threshold: number };
    const before = [engineRuns[i]?.report, release[i]].filter((r): r is EvalReport => r !== undefined);
    for (const r of [a, ...before, p, b]) {
      rows.push([
        ds.name,
        r.system,
        pct(r.accuracy),
        pct(r.in_scope_accuracy),
        pct(r.oos_recall),
        pct(r.oos_precision),
        r.macro_f1.toFixed(3),
        r.train_ms,
        r.p50_ms.toFixed(3),
        r.p99_ms.toFixed(3),
        r.peak_rss_mb,
        r === b ? pct(b.accuracy_with_threshold) : '-',
      ]);
    }
  });
  tables.push({
    title: 'Intent engine (all-mpnet-base-v2) vs the previous engine (engine version 6), the previous release (all-MiniLM-L6-v2), the engine without an encoder and NLP.js 4.27 (same run, same machine; NLP.js top-1 ignores its None threshold)',
    columns: ['dataset', 'system', 'accuracy', 'in-scope acc', 'oos recall', 'oos precision', 'macro-F1', 'train ms', 'p50 ms', 'p99 ms', 'peak RSS MB', 'NLP.js acc with threshold'],
    rows,
    notes: [
      `previous release = commit ${PREVIOUS_RELEASE} (engine version 5, all-MiniLM-L6-v2)${earlier ? `; previous engine = commit ${earlier.rev} (engine version 6, the same all-mpnet-base-v2 files)` : ''}; each run from a git worktree through its own CLI in a child process, so its train ms includes that process loading its encoder.`,
      ...releaseWhy,
    ],
  });
  if (oosRow) {
    tables.push({
      title: 'Out of scope: banking77 with 10 intents left out of training (threshold picked from held-out training folds)',
      columns: ['setting', 'in-scope acc (with rejection)', 'in-scope acc (closed, same model)', 'oos recall', 'oos precision', 'threshold', 'train ms', 'intents left out'],
      rows: [oosRow],
    });
  }
  tables.push({
    title: 'Default knowledge base (main/kb/default-kb.json) on its own held-out tests',
    columns: ['intents', 'examples', 'in-scope tests', 'in-scope acc', 'top-1 ignoring threshold', 'oos tests', 'oos recall', 'threshold', 'train ms'],
    rows: [[kb.intents.length, check.examples, check.inScopeTests, pct(check.inScopeAccuracy), pct(check.closedAccuracy), check.oosTests, pct(check.oosRecall), check.threshold, kbTrainMs]],
  });
  tables.push({ title: 'Model cache', columns: ['model', 'bytes', 'load ms (median)'], rows: cacheRows });
  tables.push(trainingBudgets());
  const devAt = datasets.findIndex((d) => d.name === 'hardware-store-dev');
  tables.push(teachTable(datasets, shared, [engineRuns[devAt] ?? null, releaseRuns[devAt] ?? null]));
  tables.push(ablation(datasets, shared, kb));
  tables.push(encoderCost());
  return tables;
}

/**
 * Training budgets on knowledge bases of three sizes (the default one, 500 and 2,000 phrases from
 * banking77's train split): from cold (nothing cached), then retraining after a one-phrase edit
 * (phrase vectors cached; the new phrase is embedded) by this engine (from the training state the
 * last training left) and by the previous one (no state: SVM from zero, calibration folds refitted),
 * the median of 3 edits each; the held-out tests of the edited knowledge base on both retrained
 * models; and loading the model from the cache.
 */
export function trainingBudgets(): BenchTable {
  const defaultFile = JSON.parse(readFileSync(join(__dirname, '..', 'main', 'kb', 'default-kb.json'), 'utf8')) as KnowledgeBaseFile;
  const kbs: [string, KnowledgeBaseFile][] = [
    ['default KB', defaultFile],
    ['500 phrases (banking77 train, 20 intents)', bankingKb(datasetsDir(), 20, 25)],
    ['2,000 phrases (banking77 train, 40 intents)', bankingKb(datasetsDir(), 40, 50)],
  ];
  const rows: (string | number)[][] = [];
  const dir = mkdtempSync(join(tmpdir(), 'hd-bench-train-'));
  const acc = (c: ReturnType<typeof checkKnowledgeBase>): string => (c.oosTests > 0 ? `${pct(c.inScopeAccuracy)} / ${pct(c.oosRecall)}` : pct(c.inScopeAccuracy));
  try {
    for (const [label, file] of kbs) {
      const kb = loadKnowledgeBase(JSON.stringify(file), 'bench-kb.json');
      const vectors = new FileVectorCache();
      const t0 = performance.now();
      const cold = trainModelWithState(kb, vectors);
      const coldMs = performance.now() - t0;
      const edit = (k: number, who: string) => loadKnowledgeBase(JSON.stringify(withOnePhrase(file, `could you tell me about option ${k} for ${who} please`)), 'bench-kb-edited.json');
      const warmMs: number[] = [];
      const prevMs: number[] = [];
      let warm = cold;
      let prev = cold;
      let edited = kb;
      for (let k = 0; k < 3; k++) {
        edited = edit(k, 'this engine');
        const t1 = performance.now();
        warm = trainModelWithState(edited, vectors, cold.state);
        warmMs.push(performance.now() - t1);
        const other = edit(k, 'the previous engine');
        const t2 = performance.now();
        prev = trainModelWithState(other, vectors, null);
        prevMs.push(performance.now() - t2);
      }
      writeFileSync(join(dir, MODEL_FILE), serializeModel(warm.model));
      const t3 = performance.now();
      const cached = readCachedModel(edited, dir);
      const load = performance.now() - t3;
      const phrases = file.intents.reduce((n, it) => n + it.examples.length, 0);
      rows.push([`${label}: ${phrases} phrases, ${kbTrainingRowsOf(kb).length} rows`, Math.round(coldMs), Math.round(median(prevMs)), Math.round(median(warmMs)), acc(checkKnowledgeBase(edited, prev.model)), acc(checkKnowledgeBase(edited, warm.model)), `${cold.model.threshold} / ${prev.model.threshold} / ${warm.model.threshold}`, load.toFixed(1), cached ? 'yes' : 'no']);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    title: 'Knowledge-base training budgets (the encoder is already loaded in this process)',
    columns: ['knowledge base', 'train from cold ms', 'retrain after a one-phrase edit ms, previous engine', 'retrain after a one-phrase edit ms, this engine', 'held-out tests after the edit, previous', 'held-out tests after the edit, this engine', 'threshold: cold / previous / this', 'load from cache ms', 'cache hit'],
    rows,
    notes: [
      'Budgets: <= 4000 ms cold and <= 2000 ms publish for 500 phrases, <= 500 ms after a one-phrase edit, <= 200 ms load from cache.',
      'Previous engine = the same code without the training state (main/engine/train-state.ts): SVM from zero and calibration folds refitted at every retrain. Held-out tests: in-scope acc / oos recall (the banking KBs have no out-of-scope tests).',
    ],
  };
}

function teachTable(datasets: Dataset[], shared: FileVectorCache, earlier: (ReleaseRun | null)[]): BenchTable {
  const dev = datasets.find((d) => d.name === 'hardware-store-dev');
  const days: TeachDay[] = [];
  if (dev) {
    for (const [system, opts] of [
      ['hushdesk', {}],
      ['no encoder', { encoder: null }],
    ] as [string, HushdeskEvalOptions][]) {
      days.push(...teachRounds(dev, 4, { ...opts, system, vectorCache: shared }));
    }
    for (const run of earlier) days.push(...(run?.days ?? []));
  }
  const rows = days.map((d) => [d.system, d.day, pct(d.in_scope_accuracy), pct(d.oos_recall), d.taught]);
  return { title: 'Teach loop: hardware-store-dev, --teach-rounds 4 (each day scored, then its misses taught)', columns: ['system', 'day', 'in-scope acc', 'oos recall', 'taught after'], rows };
}

/** Each component off in turn, on every dataset except the two large ones (minutes each). */
function ablation(datasets: Dataset[], shared: FileVectorCache, kb: ReturnType<typeof loadDefaultKnowledgeBase>): BenchTable {
  const configs: [string, HushdeskEvalOptions, boolean][] = [
    ['full engine', {}, true],
    ['- sentence encoder', { encoder: null }, true],
    ['- nearest-example gate', { nearestGate: false }, true],
    ['- negative-class margin (refuses whenever it wins)', { negativeMargin: false }, true],
    ['- background out-of-scope phrases', { backgroundNegatives: false }, true],
    ['- texting lexicon', {}, false],
    ['encoder weight 1 (default 2)', { encoderWeight: 1 }, true],
  ];
  const small = datasets.filter((d) => d.name !== 'banking77' && d.name !== 'snips');
  const rows: (string | number)[][] = [];
  for (const [label, opts, lexicon] of configs) {
    const was = setTextingLexicon(lexicon);
    try {
      const cells: string[] = [];
      for (const ds of small) {
        const r = evaluateHushdesk(ds, { ...opts, vectorCache: shared });
        cells.push(ds.oos_label ? `${pct(r.in_scope_accuracy)} / ${pct(r.oos_recall)}` : pct(r.accuracy));
      }
      const m = trainRows(kbRows(kb), { ...kbOptions(kb), ...opts, vectorCache: shared });
      const c = checkKnowledgeBase(kb, m);
      cells.push(`${pct(c.inScopeAccuracy)} / ${pct(c.oosRecall)}`);
      rows.push([label, ...cells]);
    } finally {
      setTextingLexicon(was);
    }
  }
  return {
    title: 'Ablation: each component off in turn (accuracy, or in-scope acc / oos recall where the set has out-of-scope rows)',
    columns: ['configuration', ...small.map((d) => d.name), 'default KB held-out'],
    rows,
    notes: ['banking77 (full) and snips are in the main table only (full engine vs previous): each configuration there costs minutes of encoding.'],
  };
}

function kbRows(kb: ReturnType<typeof loadDefaultKnowledgeBase>) {
  return kbTrainingRowsOf(kb);
}

function kbOptions(kb: ReturnType<typeof loadDefaultKnowledgeBase>) {
  return { oosLabel: kb.outOfScopeExamples.length > 0 ? OOS_LABEL : null, threshold: kb.settings.confidenceThreshold, calibrate: true, sourceHash: kb.hash, entities: kb.entities };
}

/**
 * The encoder's own cost, measured in a fresh Node process so its memory is not mixed with the
 * bench's: load time, per-message time (one call, one message: hardware-store-dev's customer
 * messages, as the chat's main thread runs them), RSS before and after, peak RSS, size on disk.
 */
function encoderCost(): BenchTable {
  const dirEnc = defaultEncoderDir();
  const manifest = JSON.parse(readFileSync(join(dirEnc, 'manifest.json'), 'utf8')) as { files: Record<string, string> };
  const disk = Object.keys(manifest.files).reduce((a, f) => a + statSync(join(dirEnc, f)).size, 0);
  const devFile = join(datasetsDir(), 'hardware-store-dev.json');
  const script = `
    const rss0 = process.memoryUsage().rss;
    require('tsx/cjs');
    const { readFileSync } = require('node:fs');
    const { getEncoder } = require(${JSON.stringify(join(__dirname, '..', 'main', 'engine', 'encoder'))});
    const rss1 = process.memoryUsage().rss;
    const t0 = performance.now();
    const e = getEncoder();
    const load = performance.now() - t0;
    const texts = JSON.parse(readFileSync(${JSON.stringify(devFile)}, 'utf8')).test.map((r) => r.text.toLowerCase());
    for (let i = 0; i < 20; i++) e.embed([texts[i]]);
    const times = [];
    for (const t of texts) { const s = performance.now(); e.embed([t]); times.push(performance.now() - s); }
    const long = performance.now(); e.embed(['word '.repeat(20000)]); const longMs = performance.now() - long;
    times.sort((a, b) => a - b);
    const q = (p) => times[Math.floor(p * (times.length - 1))];
    const hwm = /VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'));
    process.stdout.write(JSON.stringify({ load, n: times.length, p50: q(0.5), p99: q(0.99), longMs, rssBase: rss1 / 1e6, rssLoaded: process.memoryUsage().rss / 1e6, peak: hwm ? (Number(hwm[1]) * 1024) / 1e6 : 0 }));
  `;
  const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as Record<string, number>;
  const f = (x: number | undefined): string => (x ?? 0).toFixed(1);
  return {
    title: `Sentence encoder cost (all-mpnet-base-v2 int8, onnxruntime-node; a fresh process, its encoder thread: two threads per message; ${out.n ?? 0} hardware-store-dev messages)`,
    columns: ['MB on disk (every file in the manifest)', 'load ms (verify hashes + session)', 'p50 ms / message', 'p99 ms / message', '100 kB message ms (cut to 128 tokens)', 'RSS MB before load', 'RSS MB after load + the messages', 'peak RSS MB (VmHWM)'],
    rows: [[(disk / 1e6).toFixed(1), f(out.load), f(out.p50), f(out.p99), f(out.longMs), f(out.rssBase), f(out.rssLoaded), f(out.peak)]],
  };
}
