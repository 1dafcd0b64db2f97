/** The knowledge base out of the app: our JSON file format, or a FAQ CSV (one row per question). */
import type { KnowledgeBaseFile } from './kb-file';

export type KbExportFormat = 'json' | 'faq-csv';

const cell = (v: string): string => (/[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function exportKbText(file: KnowledgeBaseFile, format: KbExportFormat): string {
  if (format === 'json') return `${JSON.stringify(file, null, 2)}\n`;
  // The first answer variant only: a FAQ row has one answer; the JSON export keeps every variant.
  const rows = ['Question,Answer'];
  for (const it of file.intents) for (const q of it.examples) rows.push(`${cell(q)},${cell(it.responses[0] ?? '')}`);
  return `${rows.join('\r\n')}\r\n`;
}
