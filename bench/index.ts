/**
 * `npm run bench`: every benchmark table in one run, each beside its named peer (NLP.js for the
 * engine, unencrypted SQLite for the store). Prints Markdown tables and writes them to
 * bench/results/latest.md (the README's table is copied from there).
 *
 *   npm run bench [-- --only engine,store,pii,export,stall,renderer,publish,languages]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface BenchTable {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  notes?: string[];
}

type Suite = { name: string; run: () => Promise<BenchTable[]> };

const suites: Suite[] = [
  { name: 'engine', run: async () => (await import('./engine')).engineBench() },
  { name: 'store', run: async () => (await import('./store')).storeBench() },
  { name: 'pii', run: async () => (await import('./pii')).piiBench() },
  { name: 'export', run: async () => (await import('./export')).exportBench() },
  { name: 'stall', run: async () => (await import('./stall')).stallBench() },
  { name: 'renderer', run: async () => (await import('./renderer')).rendererBench() },
  { name: 'publish', run: async () => (await import('./kb-publish')).kbPublishBench() },
  { name: 'languages', run: async () => (await import('./languages')).languagesBench() },
];

export function renderTable(t: BenchTable): string {
  const cell = (v: string | number) => (typeof v === 'number' ? formatNumber(v) : v);
  const lines = [
    `### ${t.title}`,
    '',
    `| ${t.columns.join(' | ')} |`,
    `| ${t.columns.map(() => '---').join(' | ')} |`,
    ...t.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
  if (t.notes?.length) lines.push('', ...t.notes.map((n) => `- ${n}`));
  return lines.join('\n') + '\n';
}

function formatNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  if (Math.abs(v) >= 100) return v.toFixed(0);
  if (Math.abs(v) >= 1) return v.toFixed(2);
  return v.toFixed(3);
}

async function main(): Promise<void> {
  const onlyArg = process.argv.indexOf('--only');
  const only = onlyArg === -1 ? null : new Set((process.argv[onlyArg + 1] ?? '').split(','));
  const out: string[] = [`# Hushdesk benchmarks`, '', `Run ${new Date().toISOString()} on ${process.platform} ${process.arch}, Node ${process.version}.`, ''];
  for (const s of suites) {
    if (only && !only.has(s.name)) continue;
    process.stderr.write(`bench: ${s.name}...\n`);
    const started = Date.now();
    try {
      for (const table of await s.run()) {
        const text = renderTable(table);
        process.stdout.write(text + '\n');
        out.push(text);
      }
    } catch (e) {
      const msg = `bench ${s.name} failed: ${e instanceof Error ? e.message : String(e)}`;
      process.stdout.write(msg + '\n');
      out.push(msg, '');
      process.exitCode = 1;
    }
    process.stderr.write(`bench: ${s.name} took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  const dir = path.join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'latest.md'), out.join('\n'));
}

void main();
