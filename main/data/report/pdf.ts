/**
 * The report as a PDF (pdfkit, the standard Helvetica/Courier fonts: nothing embedded or fetched).
 * Off the UI thread? Not needed: a report is a few pages drawn in milliseconds, so it is built in
 * slices instead — one section per turn of the event loop (setImmediate) — and never stalls the UI.
 */
import type { AuditReport } from '../../../shared/report';
import { reportSections, reportTitle, type ReportSection } from './sections';

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const HASH_RE = /^[0-9a-f]{64}$/;

function drawSection(doc: PDFKit.PDFDocument, s: ReportSection): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(s.title, left, doc.y, { width });
  doc.moveDown(0.2);
  for (const [k, v] of s.rows ?? []) {
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(9.5).text(k, left, y, { width: 150 });
    const yAfterLabel = doc.y;
    doc.font(HASH_RE.test(v) ? 'Courier' : 'Helvetica').fontSize(HASH_RE.test(v) ? 8.5 : 9.5).text(v, left + 160, y, { width: width - 160 });
    doc.y = Math.max(doc.y, yAfterLabel);
    doc.moveDown(0.15);
  }
  if (s.table) {
    if (s.table.rows.length === 0) doc.font('Helvetica-Oblique').fontSize(9.5).text(s.table.empty, left, doc.y, { width });
    else {
      const colW = width / s.table.head.length;
      const line = (cells: string[], font: string): void => {
        if (doc.y > doc.page.height - doc.page.margins.bottom - 20) doc.addPage();
        const y = doc.y;
        let bottom = y;
        cells.forEach((c, i) => {
          doc.font(font).fontSize(9).text(c, left + i * colW, y, { width: colW - 6 });
          bottom = Math.max(bottom, doc.y);
        });
        doc.y = bottom + 2;
      };
      line(s.table.head, 'Helvetica-Bold');
      for (const row of s.table.rows) line(row, 'Helvetica');
    }
  }
  if (s.note) doc.moveDown(0.2).font('Helvetica-Oblique').fontSize(8.5).text(s.note, left, doc.y, { width });
}

export async function renderReportPdf(r: AuditReport): Promise<Buffer> {
  // Loaded when a report is drawn, not when the backend starts: pdfkit and its font metrics are
  // ~140 ms of every process's start (each CLI command, the app) that never draws a PDF.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: reportTitle(r), Producer: 'Hushdesk', Creator: 'Hushdesk' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(17).text(reportTitle(r));
  for (const s of reportSections(r)) {
    drawSection(doc, s);
    await yieldToLoop();
  }
  doc.end();
  return done;
}
