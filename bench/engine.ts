/**
 * Engine benchmark: every dataset in the shared datasets folder beside NLP.js in the same run, banking77
 * with 10 intents left out as out-of-scope, the default knowledge base on its own held-out tests, and
 * model load time from the cache. Hushdesk runs first on every file so its peak RSS (a process-wide
 * high-water mark) is not inflated by NLP.js.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkKnowledgeBase } from '../main/engine/kb-check';
import { evaluateHushdesk, evaluateNlpjs, parseDataset, score, type Dataset, type EvalReport } from '../main/engine/evaluate';
import { deserializeModel, loadDefaultKnowledgeBase, loadOrTrainModel, predict, readCachedModel, serializeModel, trainModel, trainRows } from '../main/engine';

export interface BenchTable {
  title: string;
  columns: string[];
  rows: (string | number)[][];
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
  const datasets = files.map((f) => parseDataset(readFileSync(join(dir, f), 'utf8'), f));

  const ours: EvalReport[] = datasets.map((ds) => evaluateHushdesk(ds));

  // Out of scope by leaving intents out, and the closed-set figure on the same in-scope rows.
  const tables: BenchTable[] = [];
  const banking = datasets.find((d) => d.name === 'banking77');
  let oosRow: (string | number)[] | null = null;
  if (banking) {
    const { ds, left } = leaveOut(banking);
    const t0 = performance.now();
    const model = trainRows(ds.train, { oosLabel: 'oos', calibrate: true, threshold: 'auto' });
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
      const m = readCachedModel(kb, cacheDir);
      predict(m!, 'warm up the spelling index');
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
    const b = theirs[i] as EvalReport & { accuracy_with_threshold: number };
    for (const r of [a, b]) {
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
    title: 'Intent engine vs NLP.js 4.27 (same run, same machine; NLP.js top-1 ignores its None threshold)',
    columns: ['dataset', 'system', 'accuracy', 'in-scope acc', 'oos recall', 'oos precision', 'macro-F1', 'train ms', 'p50 ms', 'p99 ms', 'peak RSS MB', 'NLP.js acc with threshold'],
    rows,
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
  return tables;
}
