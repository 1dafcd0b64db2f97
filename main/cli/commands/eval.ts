/** `hushdesk eval --dataset FILE.json [--json] [--compare nlpjs]`: accuracy and speed on a dataset file. */
import { readFileSync } from 'node:fs';
import { AppFailure } from '../../../shared/result';
import { evaluateHushdesk, evaluateNlpjs, parseDataset, type EvalReport } from '../../engine/evaluate';
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

export const evalCommand: CliCommand = {
  name: 'eval',
  usage: 'eval --dataset FILE.json [--json] [--compare nlpjs]',
  summary: 'train on a dataset file, test it, report accuracy and speed',
  async run(argv, io) {
    const args = parseArgs(argv, { flags: ['json'], options: ['dataset', 'compare'] });
    const file = option(args, 'dataset') ?? args.positionals[0];
    if (!file) throw new AppFailure('invalid_input', 'needs --dataset FILE.json');
    const compare = option(args, 'compare');
    if (compare !== undefined && compare !== 'nlpjs') throw new AppFailure('invalid_input', `--compare supports only "nlpjs", not "${compare}"`);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new AppFailure('io_error', `cannot read ${file}`);
    }
    const ds = parseDataset(text, file);
    const reports: (EvalReport & { accuracy_with_threshold?: number })[] = [evaluateHushdesk(ds)];
    if (compare === 'nlpjs') reports.push(await evaluateNlpjs(ds));
    if (flag(args, 'json')) {
      for (const r of reports) {
        const { accuracy_with_threshold, ...base } = r;
        void accuracy_with_threshold;
        io.stdout(JSON.stringify(base) + '\n');
      }
      if (reports[1]?.accuracy_with_threshold !== undefined) io.stderr(`nlpjs accuracy with its None threshold: ${pct(reports[1].accuracy_with_threshold)}\n`);
    } else {
      io.stdout(`dataset ${ds.name}: ${ds.train.length} train rows, ${ds.test.length} test rows, out-of-scope label ${ds.oos_label ?? 'none'}\n\n`);
      io.stdout(table(reports));
    }
    return EXIT.ok;
  },
};
