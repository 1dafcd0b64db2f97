/**
 * `hushdesk eval --dataset FILE.json [--json] [--compare nlpjs|previous] [--teach-rounds N]`: accuracy
 * and speed on a dataset file. `previous` is the engine without the sentence encoder. The teach loop
 * deals the test rows into N days (row i to day i mod N), scores each day, then trains on that day's
 * misses before the next (see teachRounds in engine/evaluate.ts); --json adds one object per day.
 */
import { readFileSync } from 'node:fs';
import { AppFailure } from '../../../shared/result';
import { evaluateHushdesk, evaluateNlpjs, parseDataset, teachRounds, type EvalReport, type TeachDay } from '../../engine/evaluate';
import { flag, option, parseArgs } from '../args';
import { EXIT, type CliCommand } from '../command';

const pct = (x: number | null): string => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);

function table(reports: (EvalReport & { accuracy_with_threshold?: number })[]): string {
  const rows: [string, (r: EvalReport & { accuracy_with_threshold?: number }) => string][] = [
    ['accuracy', (r) => pct(r.accuracy)],
    ['in-scope accuracy', (r) => pct(r.in_scope_accuracy)],
    ['out-of-scope recall', (r) => pct(r.oos_recall)],
    ['out-of-scope precision', (r) => pct(r.oos_precision)],
    ['macro-F1', (r) => r.macro_f1.toFixed(3)],
    ['training', (r) => `${r.train_ms} ms`],
    ['p50 per call', (r) => `${r.p50_ms.toFixed(3)} ms`],
    ['p99 per call', (r) => `${r.p99_ms.toFixed(3)} ms`],
    ['peak RSS (process)', (r) => `${r.peak_rss_mb} MB`],
    ['accuracy with its threshold', (r) => (r.accuracy_with_threshold === undefined ? '-' : pct(r.accuracy_with_threshold))],
  ];
  const head = ['', ...reports.map((r) => r.system)];
  const lines = [head, ...rows.map(([label, f]) => [label, ...reports.map(f)])];
  return lines.map((l) => l.map((c, i) => (i === 0 ? c.padEnd(28) : c.padStart(12))).join('')).join('\n') + '\n';
}

function dayTable(days: TeachDay[]): string {
  const lines = [['day', 'in-scope accuracy', 'out-of-scope recall', 'taught after'], ...days.map((d) => [String(d.day), pct(d.in_scope_accuracy), pct(d.oos_recall), String(d.taught)])];
  return lines.map((l) => l.map((c, i) => (i === 0 ? c.padEnd(6) : c.padStart(22))).join('')).join('\n') + '\n';
}

/** Most teach rounds accepted (each is a full retraining). */
const MAX_TEACH_ROUNDS = 50;

export const evalCommand: CliCommand = {
  name: 'eval',
  usage: 'eval --dataset FILE.json [--json] [--compare nlpjs|previous] [--teach-rounds N]',
  summary: 'train on a dataset file, test it, report accuracy and speed',
  async run(argv, io) {
    const args = parseArgs(argv, { flags: ['json'], options: ['dataset', 'compare', 'teach-rounds'] });
    const file = option(args, 'dataset') ?? args.positionals[0];
    if (!file) throw new AppFailure('invalid_input', 'needs --dataset FILE.json');
    const compare = option(args, 'compare');
    if (compare !== undefined && compare !== 'nlpjs' && compare !== 'previous') throw new AppFailure('invalid_input', `--compare supports "nlpjs" or "previous", not "${compare}"`);
    const roundsArg = option(args, 'teach-rounds');
    const rounds = roundsArg === undefined ? 0 : Number(roundsArg);
    if (roundsArg !== undefined && (!Number.isInteger(rounds) || rounds < 1 || rounds > MAX_TEACH_ROUNDS)) throw new AppFailure('invalid_input', `--teach-rounds needs a whole number from 1 to ${MAX_TEACH_ROUNDS}, not "${roundsArg}"`);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new AppFailure('io_error', `cannot read ${file}`);
    }
    const ds = parseDataset(text, file);
    const reports: (EvalReport & { accuracy_with_threshold?: number })[] = [evaluateHushdesk(ds)];
    if (compare === 'nlpjs') reports.push(await evaluateNlpjs(ds));
    if (compare === 'previous') reports.push(evaluateHushdesk(ds, { system: 'previous', encoder: null }));
    const days = rounds > 0 ? teachRounds(ds, rounds) : [];
    if (flag(args, 'json')) {
      for (const r of reports) {
        const { accuracy_with_threshold, ...base } = r;
        void accuracy_with_threshold;
        io.stdout(JSON.stringify(base) + '\n');
      }
      for (const d of days) io.stdout(JSON.stringify(d) + '\n');
      if (reports[1]?.accuracy_with_threshold !== undefined) io.stderr(`nlpjs accuracy with its None threshold: ${pct(reports[1].accuracy_with_threshold)}\n`);
    } else {
      io.stdout(`dataset ${ds.name}: ${ds.train.length} train rows, ${ds.test.length} test rows, out-of-scope label ${ds.oos_label ?? 'none'}\n\n`);
      io.stdout(table(reports));
      if (days.length > 0) io.stdout(`\nteach loop, ${days.length} days (each day's misses taught before the next):\n${dayTable(days)}`);
    }
    return EXIT.ok;
  },
};
