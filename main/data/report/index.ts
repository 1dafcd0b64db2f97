/** The audit report: model (model.ts), words (sections.ts), HTML and PDF, and saving one to a file. */
import * as path from 'node:path';
import type { Settings } from '../../../shared/domain';
import type { AuditReport } from '../../../shared/report';
import { AtomicFile } from '../export/atomic';
import { checkExportFile, type TargetRules } from '../export/target';
import { retentionText, wipeScheduleLabel, wipeScheduleOf } from '../retention';
import { renderReportHtml } from './html';
import { renderReportPdf } from './pdf';

export { buildReport, type ReportInputs } from './model';
export { renderReportHtml, escapeHtml } from './html';
export { renderReportPdf } from './pdf';
export { reportSections, reportTitle } from './sections';

export type ReportFormat = 'html' | 'pdf';

export async function renderReport(r: AuditReport, format: ReportFormat): Promise<Buffer> {
  return format === 'pdf' ? renderReportPdf(r) : Buffer.from(renderReportHtml(r), 'utf8');
}

/**
 * Writes a rendered report like every export: never inside the data folder, an existing file only
 * with `force`, temp + fsync + rename (export/target.ts, export/atomic.ts).
 */
export async function saveReport(r: AuditReport, format: ReportFormat, file: string, rules: TargetRules): Promise<{ path: string; bytes: number }> {
  const bytes = await renderReport(r, format);
  const out = new AtomicFile(checkExportFile(path.resolve(file), rules), rules.dataDir);
  try {
    out.write(bytes);
    return { path: out.file, bytes: out.commit() };
  } catch (e) {
    out.abort();
    throw e;
  }
}

/** A file name for a report saved into the export folder: hushdesk-report-FROM-to-TO.EXT. */
export const reportFileName = (r: AuditReport, format: ReportFormat): string => `hushdesk-report-${r.period.from}-to-${r.period.to}.${format}`;

/** The retention policy and wipe time in words, as the report states them. */
export function reportRetentionOf(s: Pick<Settings, 'retention' | 'endOfDayWipeAt' | 'openingHours' | 'wipeAfterClosing'>): { policy: string; endOfDayWipeAt: string | null } {
  const schedule = wipeScheduleOf(s);
  return { policy: retentionText(s.retention, schedule), endOfDayWipeAt: wipeScheduleLabel(schedule) };
}
