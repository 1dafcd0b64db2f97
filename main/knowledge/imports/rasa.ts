/**
 * Rasa: `nlu.yml` (intents with examples; entity annotations such as [Paris](city) become their
 * text, synonyms and lookups become list entities) and the `responses` of `domain.yml` (an intent
 * `x` answers with `utter_x`, as Rasa's rules and retrieval intents `faq/x` -> `utter_faq/x` do).
 * One file holding both sections works too. YAML errors name the line.
 */
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { ErrorDetail } from '../../../shared/result';
import type { ImportWarning } from '../../../shared/kb-editor';
import { cleanPhrases, warning, entityNameFrom, intentIdFrom, textOf, type ImportInput, type ImportResult, type ImportedEntity, type ImportedIntent } from './types';

const nluItem = z
  .object({
    intent: z.string().optional(),
    synonym: z.string().optional(),
    lookup: z.string().optional(),
    regex: z.string().optional(),
    examples: z.string().optional(),
  })
  .passthrough();
const fileSchema = z
  .object({
    nlu: z.array(nluItem).optional(),
    responses: z.record(z.string(), z.array(z.object({ text: z.string().optional() }).passthrough())).optional(),
  })
  .passthrough();

function yamlOf(fileName: string, text: string, errors: ErrorDetail[]): z.infer<typeof fileSchema> | null {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) errors.push({ path: `${fileName} line ${e.linePos?.[0]?.line ?? '?'}`, message: e.message.split('\n')[0] ?? 'invalid YAML' });
    return null;
  }
  const parsed = fileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    for (const iss of parsed.error.issues.slice(0, 20)) errors.push({ path: `${fileName} ${iss.path.join('.')}`, message: iss.message });
    return null;
  }
  return parsed.data;
}

/** "- hello [Paris](city) {..}" -> "hello Paris". */
function exampleLines(block: string): string[] {
  return block
    .split('\n')
    .map((l) => l.replace(/^\s*-\s?/, ''))
    .map((l) => l.replace(/\[([^\]]+)\](\([^)]*\)|\{[^}]*\})/g, '$1'))
    .filter((l) => l.trim().length > 0);
}

export function importRasa(input: ImportInput): ImportResult {
  const warnings: ImportWarning[] = [];
  const errors: ErrorDetail[] = [];
  const main = yamlOf(input.fileName, textOf(input.bytes), errors);
  const domain = input.extra ? yamlOf(input.extra.fileName, textOf(input.extra.bytes), errors) : null;
  if (!main) return { format: 'rasa', intents: [], entities: [], warnings, errors };
  const responses = { ...(main.responses ?? {}), ...(domain?.responses ?? {}) };
  if (!main.nlu || main.nlu.length === 0) errors.push({ path: `${input.fileName} nlu`, message: 'no "nlu:" section with intents' });
  const taken = new Set<string>();
  const intents: ImportedIntent[] = [];
  const entities: ImportedEntity[] = [];
  const entityNames = new Set<string>();
  const synonyms = new Map<string, string[]>();
  (main.nlu ?? []).forEach((item, i) => {
    const where = `${input.fileName} nlu[${i}]`;
    if (item.intent !== undefined) {
      if (item.examples === undefined) {
        errors.push({ path: where, message: `intent "${item.intent}" has no examples` });
        return;
      }
      const texts = (responses[`utter_${item.intent}`] ?? []).map((r) => (r.text ?? '').trim()).filter((t) => t.length > 0 && t.length <= 2000);
      if (texts.length === 0) {
        warnings.push(warning(input.extra ? 'no_response' : 'no_response_no_domain', { name: item.intent }, `intent "${item.intent}" has no response utter_${item.intent}${input.extra ? '' : ' (add domain.yml)'}: not imported`));
        return;
      }
      const examples = cleanPhrases(exampleLines(item.examples), (w) => warnings.push(w), where);
      if (examples.length === 0) return;
      intents.push({ id: intentIdFrom(item.intent.replace(/\//g, '.'), taken), title: item.intent.replace(/[_/]/g, ' ').slice(0, 300), examples, tests: [], responses: [...new Set(texts)] });
    } else if (item.synonym !== undefined && item.examples !== undefined) {
      synonyms.set(item.synonym, exampleLines(item.examples));
    } else if (item.lookup !== undefined && item.examples !== undefined) {
      const values = cleanPhrases(exampleLines(item.examples), () => undefined, where).map((value) => ({ value, synonyms: [] }));
      if (values.length > 0) entities.push({ name: entityNameFrom(item.lookup, entityNames), kind: 'list', values: values.slice(0, 2000) });
    } else if (item.regex !== undefined) {
      warnings.push(warning('regex_not_imported', { pattern: item.regex }, `regex "${item.regex}" not imported: add it as a regex entity in the editor (patterns are checked there)`));
    }
  });
  if (synonyms.size > 0) {
    const values = [...synonyms].map(([value, list]) => ({ value: value.slice(0, 300), synonyms: cleanPhrases(list, () => undefined, 'synonyms').slice(0, 100) }));
    entities.push({ name: entityNameFrom('synonyms', entityNames), kind: 'list', values });
  }
  return { format: 'rasa', intents, entities, warnings, errors };
}
