/**
 * `data.report*`: the audit report of a period (main/data/report) for Settings → Your data → Report,
 * and saving it as HTML or PDF into the export folder, like every export (a new file, never inside
 * the data folder). Staff only in kiosk mode, like the rest of "Your data".
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { parseReportPeriod, type AuditReport, type ReportPeriod } from '../../../shared/report';
import { AppFailure } from '../../../shared/result';
import { assertExportDir } from '../../data/export/target';
import { uniquePath } from '../../data/export/atomic';
import { buildReport, reportRetentionOf, saveReport } from '../../data/report';
import type { BackendContext } from '../context';
import type { Handlers } from '../router';

export type ReportChannels = 'data.report' | 'data.reportSave';

function periodOf(from: string, to: string): ReportPeriod {
  const p = parseReportPeriod(from, to);
  if ('error' in p) throw new AppFailure('invalid_input', p.error, { details: [{ path: 'from', message: p.error }] });
  return p;
}

export function reportHandlers(ctx: BackendContext): Pick<Handlers, ReportChannels> {
  function build(from: string, to: string): AuditReport {
    ctx.staffGuard();
    const store = ctx.services().store;
    return buildReport(store.db, {
      period: periodOf(from, to),
      now: ctx.now(),
      device: { platform: os.platform(), arch: os.arch(), appVersion: ctx.hostInfo.version },
      keyProtector: store.keyProtector,
      retention: reportRetentionOf(ctx.settings().get()),
    });
  }

  return {
    'data.report': ({ from, to }) => {
      const r = build(from, to);
      ctx.audit('data_viewed', { view: 'report' });
      return r;
    },
    async 'data.reportSave'({ from, to, format }) {
      const r = build(from, to);
      const rules = { dataDir: ctx.dataDir };
      const dir = ctx.exportDir();
      assertExportDir(dir, rules);
      const target = uniquePath(dir, `hushdesk-report-${r.period.from}-to-${r.period.to}`, `.${format}`);
      const saved = await saveReport(r, format, target, rules);
      ctx.audit('export', { what: 'report', format, encrypted: false });
      return { path: saved.path, fileName: path.basename(saved.path), bytes: saved.bytes };
    },
  };
}
