/**
 * The report as one self-contained HTML page (inline CSS, no script, no external reference) that
 * prints well: A4 margins, tables that do not split rows across pages, black on white. Every value
 * is escaped, though none should need it (the model holds codes and numbers).
 */
import type { AuditReport } from '../../../shared/report';
import { reportSections, reportTitle } from './sections';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}

const CSS = `
body{font:11pt/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;background:#fff;margin:2em auto;max-width:52em;padding:0 1em}
h1{font-size:18pt;margin:0 0 .5em}h2{font-size:13pt;margin:1.4em 0 .4em;border-bottom:1px solid #888;padding-bottom:.1em}
table{border-collapse:collapse;width:100%;margin:.3em 0}th,td{text-align:left;padding:.2em .5em;border:1px solid #bbb;vertical-align:top}
th{background:#eee}td.hash{font-family:ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
p.note{font-size:9.5pt;color:#333}p.empty{font-style:italic}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr,section{break-inside:avoid}@page{size:A4;margin:18mm}}
`;

export function renderReportHtml(r: AuditReport): string {
  const e = escapeHtml;
  const body = reportSections(r)
    .map((s) => {
      const rows = s.rows ? `<table><tbody>${s.rows.map(([k, v]) => `<tr><th scope="row">${e(k)}</th><td${/^[0-9a-f]{64}$/.test(v) ? ' class="hash"' : ''}>${e(v)}</td></tr>`).join('')}</tbody></table>` : '';
      const table = s.table
        ? s.table.rows.length === 0
          ? `<p class="empty">${e(s.table.empty)}</p>`
          : `<table><thead><tr>${s.table.head.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead><tbody>${s.table.rows.map((row) => `<tr>${row.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`
        : '';
      const note = s.note ? `<p class="note">${e(s.note)}</p>` : '';
      return `<section><h2>${e(s.title)}</h2>${rows}${table}${note}</section>`;
    })
    .join('\n');
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${e(reportTitle(r))}</title><style>${CSS}</style></head><body><main><h1>${e(reportTitle(r))}</h1>\n${body}\n</main></body></html>\n`;
}
