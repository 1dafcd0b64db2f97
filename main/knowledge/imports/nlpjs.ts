/** NLP.js corpus JSON: { name, locale, data: [{ intent, utterances: [...], answers: [...] }] }. Errors by JSON path. */
import { z } from 'zod';
import type { ErrorDetail } from '../../../shared/result';
import type { ImportWarning } from '../../../shared/kb-editor';
import { cleanPhrases, warning, intentIdFrom, textOf, type ImportInput, type ImportResult, type ImportedIntent } from './types';

const corpusSchema = z
  .object({
    name: z.string().optional(),
    locale: z.string().optional(),
    data: z.array(
      z
        .object({
          intent: z.string().min(1),
          utterances: z.array(z.string()).min(1, 'needs at least one utterance'),
          answers: z.array(z.union([z.string(), z.object({ answer: z.string() }).passthrough()])).default([]),
        })
        .passthrough(),
    ),
  })
  .passthrough();

const jsonPath = (path: readonly PropertyKey[]): string => `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`;

export function importNlpjs(input: ImportInput): ImportResult {
  const warnings: ImportWarning[] = [];
  const errors: ErrorDetail[] = [];
  let raw: unknown;
  try {
    raw = JSON.parse(textOf(input.bytes));
  } catch (e) {
    return { format: 'nlpjs', intents: [], entities: [], warnings, errors: [{ path: '$', message: `not valid JSON (${e instanceof Error ? e.message : 'unreadable'})` }] };
  }
  const parsed = corpusSchema.safeParse(raw);
  if (!parsed.success) {
    return { format: 'nlpjs', intents: [], entities: [], warnings, errors: parsed.error.issues.slice(0, 50).map((i) => ({ path: jsonPath(i.path), message: i.message })) };
  }
  const taken = new Set<string>();
  const intents: ImportedIntent[] = [];
  parsed.data.data.forEach((d, i) => {
    const answers = d.answers.map((a) => (typeof a === 'string' ? a : a.answer).trim()).filter((a) => a.length > 0 && a.length <= 2000);
    if (answers.length === 0) {
      warnings.push(warning('no_answers', { where: `$.data[${i}]`, name: d.intent }, `$.data[${i}] intent "${d.intent}" has no answers: not imported`));
      return;
    }
    // NLP.js entity markers ("@city") stay as written: the phrase still teaches the intent.
    const examples = cleanPhrases(d.utterances, (w) => warnings.push(w), `$.data[${i}]`);
    intents.push({ id: intentIdFrom(d.intent, taken), title: d.intent.replace(/[._]/g, ' ').slice(0, 300), examples, tests: [], responses: [...new Set(answers)] });
  });
  return { format: 'nlpjs', intents, entities: [], warnings, errors };
}
