/**
 * FAQ spreadsheets: CSV or TSV with a question and an answer column, laid out as Dialogflow's FAQ
 * CSV (question,answer; no header) and QnA Maker's TSV export (Question, Answer, Source, Metadata).
 * Rows that share an answer become one intent with several example questions. The header is
 * optional (detected, or set by the mapping chosen in the preview). Errors name the line.
 */
import { parse } from 'csv-parse/sync';
import type { FaqColumnMapping, ImportWarning } from '../../../shared/kb-editor';
import type { ErrorDetail } from '../../../shared/result';
import { cleanPhrases, warning, intentIdFrom, textOf, type ImportInput, type ImportResult, type ImportedIntent } from './types';

const QUESTION_HEADERS = ['question', 'questions', 'pregunta', 'q'];
const ANSWER_HEADERS = ['answer', 'answers', 'respuesta', 'a', 'response'];

function delimiterOf(text: string, fileName: string): string {
  if (/\.tsv$/i.test(fileName)) return '\t';
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const tabs = first.split('\t').length - 1;
  const commas = first.split(',').length - 1;
  const semis = first.split(';').length - 1;
  if (tabs > 0 && tabs >= commas) return '\t';
  return semis > commas ? ';' : ',';
}

export function importFaqCsv(input: ImportInput): ImportResult {
  const text = textOf(input.bytes);
  const warnings: ImportWarning[] = [];
  const errors: ErrorDetail[] = [];
  const delimiter = delimiterOf(text, input.fileName);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, info: true, bom: true, relax_quotes: delimiter === '\t', quote: delimiter === '\t' ? false : '"' }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    const message = e instanceof Error ? e.message.replace(/^Invalid Record Length: /, '') : 'cannot be read';
    return { format: 'faq-csv', intents: [], entities: [], warnings, errors: [{ path: line ? `line ${line}` : '$', message }] };
  }
  if (records.length === 0) return { format: 'faq-csv', intents: [], entities: [], warnings, errors: [{ path: '$', message: 'the file has no rows' }] };
  const first = (records[0] as { record: string[] }).record.map((c) => c.trim().toLowerCase());
  const qh = first.findIndex((c) => QUESTION_HEADERS.includes(c));
  const ah = first.findIndex((c) => ANSWER_HEADERS.includes(c));
  const detected: FaqColumnMapping = { question: qh >= 0 ? qh : 0, answer: ah >= 0 ? ah : qh === 1 ? 0 : 1, header: qh >= 0 || ah >= 0 };
  const mapping = input.mapping ?? detected;
  const width = Math.max(...records.map((r) => r.record.length));
  if (mapping.question === mapping.answer) errors.push({ path: '$', message: 'the question and the answer must be different columns' });
  if (mapping.question >= width || mapping.answer >= width) errors.push({ path: '$', message: `the file has ${width} column(s); the mapping names column ${Math.max(mapping.question, mapping.answer) + 1}` });
  const headers = mapping.header ? (records[0] as { record: string[] }).record.map((c) => c.trim()) : Array.from({ length: width }, (_, i) => `column ${i + 1}`);
  const columns = { headers, mapping };
  if (errors.length > 0) return { format: 'faq-csv', intents: [], entities: [], warnings, errors, columns };

  const byAnswer = new Map<string, { questions: string[]; line: number }>();
  const rows = mapping.header ? records.slice(1) : records;
  for (const { record, info } of rows) {
    const q = (record[mapping.question] ?? '').trim();
    const a = (record[mapping.answer] ?? '').trim();
    if (q === '' && a === '') continue;
    if (q === '') errors.push({ path: `line ${info.lines}`, message: 'has an answer but no question' });
    else if (a === '') errors.push({ path: `line ${info.lines}`, message: 'has a question but no answer' });
    else if (a.length > 2000) errors.push({ path: `line ${info.lines}`, message: `the answer is ${a.length} characters; at most 2000` });
    else {
      const g = byAnswer.get(a) ?? { questions: [], line: info.lines };
      g.questions.push(q);
      byAnswer.set(a, g);
    }
  }
  const taken = new Set<string>();
  const intents: ImportedIntent[] = [];
  let single = 0;
  for (const [answer, g] of byAnswer) {
    const examples = cleanPhrases(g.questions, (w) => warnings.push(w), `line ${g.line}`);
    if (examples.length === 0) continue;
    if (examples.length === 1) single++;
    intents.push({ id: intentIdFrom((examples[0] as string).split(' ').slice(0, 6).join(' '), taken, 'faq.'), title: (examples[0] as string).slice(0, 300), examples, tests: [], responses: [answer] });
  }
  if (single > 0) warnings.push(warning('single_question', { n: single }, `${single} answer(s) have only one question: add a few other ways of asking so the bot recognises them`));
  if (intents.length === 0 && errors.length === 0) errors.push({ path: '$', message: 'no question with an answer was found' });
  return { format: 'faq-csv', intents, entities: [], warnings, errors, columns };
}
