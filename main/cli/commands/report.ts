/**
 * `hushdesk report --from YYYY-MM-DD --to YYYY-MM-DD --out FILE [--format html|pdf] [--force]`:
 * the audit report of a period (main/data/report), as a printable HTML page or a PDF. Bad dates or
 * a period that ends before it starts: one line and exit 2, before the store is opened.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseReportPeriod } from '../../../shared/report';
import { AppFailure } from '../../../shared/result';
import { buildReport, reportRetentionOf, saveReport, type ReportFormat } from '../../data/report';
import { flag, option, parseArgs } from '../args';
import { EXIT, type CliCommand } from '../command';
import { checkOutputFirst, withCliBackend } from '../backend-access';
import { STORE_OPTIONS } from '../store-access';

/** The app's version from its package.json (the CLI has no Electron app.getVersion()). */
function appVersion(): string {
  for (let dir = __dirname, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'hushdesk' && pkg.version) return pkg.version;
    } catch {
      // not here: one folder up
    }
  }
  return 'unknown';
}

export const reportCommand: CliCommand = {
  name: 'report',
  usage: 'report --from YYYY-MM-DD --to YYYY-MM-DD --out FILE [--format html|pdf] [--force]',
  summary: 'audit report of a period (no conversation content) as HTML or PDF',
  async run(argv, io) {
    const args = parseArgs(argv, { flags: ['force'], options: [...STORE_OPTIONS, 'from', 'to', 'out', 'format'] });
    if (args.positionals.length > 0) throw new AppFailure('invalid_input', `unexpected argument ${args.positionals[0]}`);
    const from = option(args, 'from');
    const to = option(args, 'to');
    const out = option(args, 'out');
    if (!from || !to) throw new AppFailure('invalid_input', 'report needs --from YYYY-MM-DD and --to YYYY-MM-DD');
    if (!out) throw new AppFailure('invalid_input', 'report needs --out FILE');
    const period = parseReportPeriod(from, to);
    if ('error' in period) throw new AppFailure('invalid_input', period.error);
    const formatText = option(args, 'format') ?? (out.toLowerCase().endsWith('.pdf') ? 'pdf' : 'html');
    if (formatText !== 'html' && formatText !== 'pdf') throw new AppFailure('invalid_input', '--format must be html or pdf');
    const format: ReportFormat = formatText;

    checkOutputFirst(args, io, { file: out, force: flag(args, 'force') });
    return withCliBackend(args, io, async ({ ctx }) => {
      const now = ctx.now();
      const store = ctx.services().store;
      const settings = ctx.settings().get();
      const report = buildReport(store.db, {
        period,
        now,
        device: { platform: os.platform(), arch: os.arch(), appVersion: appVersion() },
        keyProtector: store.keyProtector,
        retention: reportRetentionOf(settings),
      });
      const saved = await saveReport(report, format, out, { dataDir: store.paths.dataDir, ...(flag(args, 'force') ? { force: true } : {}) });
      // Audited after the report is built, so the report's head hash is the log as it was read.
      ctx.audit('export', { what: 'report', format, encrypted: false });
      io.stdout(`report ${period.from} to ${period.to} (${report.wipes.length} wipe${report.wipes.length === 1 ? '' : 's'}, chain ${report.chain.ok ? 'verified' : 'BROKEN'}, head ${report.chain.headHash ?? '-'}) written to ${saved.path}\n`);
      return EXIT.ok;
    }, { inspect: true });
  },
};
