/**
 * Imports with a preview: the file is read by its format's importer, merged into a copy of the
 * draft, and the merged draft checked with the file format's own schema. Nothing is stored here:
 * the caller stores the merged draft only when the person confirms (and nothing has errors).
 */
import type { ImportFormat, ImportPreview, ImportWarning } from '../../../shared/kb-editor';
import { AppFailure } from '../../../shared/result';
import { normalizeText, type KnowledgeBase } from '../../engine';
import { checkKbContent, type KnowledgeBaseFile } from '../kb-file';
import { importDialogflow } from './dialogflow';
import { importFaqCsv } from './faq-csv';
import { importNlpjs } from './nlpjs';
import { importRasa } from './rasa';
import { textOf, warning, type ImportInput, type ImportResult } from './types';

export type { ImportInput } from './types';

export function detectFormat(fileName: string, bytes: Uint8Array): ImportFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'dialogflow';
  if (/\.ya?ml$/i.test(fileName)) return 'rasa';
  if (/\.(csv|tsv|txt)$/i.test(fileName)) return 'faq-csv';
  if (/\.json$/i.test(fileName)) {
    try {
      const data = JSON.parse(textOf(bytes)) as Record<string, unknown>;
      if (data && typeof data === 'object' && 'schemaVersion' in data) return 'kb-json';
      if (data && typeof data === 'object' && Array.isArray(data.data)) return 'nlpjs';
    } catch {
      return 'kb-json'; // its importer names the JSON error
    }
    return 'kb-json';
  }
  throw new AppFailure('invalid_input', `Cannot tell the format of ${fileName}: choose one (FAQ spreadsheet, Dialogflow zip, Rasa, NLP.js, knowledge-base JSON).`);
}

function importKbJson(input: ImportInput): ImportResult {
  let whole: unknown;
  try {
    whole = JSON.parse(textOf(input.bytes));
  } catch (e) {
    return { format: 'kb-json', intents: [], entities: [], warnings: [], errors: [{ path: '$', message: `not valid JSON (${e instanceof Error ? e.message : 'unreadable'})` }] };
  }
  // An export's branding (main/branding/kb-bundle.ts) is not part of the knowledge base: the editor's
  // import merges intents into a draft and leaves it; kb.import (the whole setup) applies it.
  if (whole && typeof whole === 'object' && !Array.isArray(whole) && 'branding' in whole) {
    const { branding: _branding, ...kbOnly } = whole as Record<string, unknown>;
    whole = kbOnly;
  }
  const { kb, problems } = checkKbContent(whole, input.fileName);
  return { format: 'kb-json', intents: kb?.intents ?? [], entities: kb ? (kb.entities as KnowledgeBaseFile['entities']) : [], warnings: [], errors: problems, whole };
}

export function runImporter(format: ImportFormat, input: ImportInput): ImportResult {
  switch (format) {
    case 'faq-csv':
      return importFaqCsv(input);
    case 'dialogflow':
      return importDialogflow(input);
    case 'rasa':
      return importRasa(input);
    case 'nlpjs':
      return importNlpjs(input);
    case 'kb-json':
      return importKbJson(input);
  }
}

/** The draft with the import merged in: same-id intents and same-name entities are replaced. */
export function mergeImport(draft: KnowledgeBaseFile, r: ImportResult, warnings: ImportWarning[]): KnowledgeBaseFile {
  if (r.whole !== undefined) return r.whole as KnowledgeBaseFile;
  const incoming = new Set(r.intents.map((it) => it.id));
  const kept = draft.intents.filter((it) => !incoming.has(it.id));
  // A phrase already taught to another intent would make the draft invalid: the existing one wins.
  const owner = new Map<string, string>();
  for (const it of kept) for (const ex of it.examples) owner.set(normalizeText(ex), it.id);
  const OUT_OF_SCOPE = '(out of scope)';
  for (const ex of draft.outOfScopeExamples) owner.set(normalizeText(ex), OUT_OF_SCOPE);
  const added = r.intents
    .map((it) => {
      const examples = it.examples.filter((ex) => {
        const n = normalizeText(ex);
        const o = owner.get(n);
        if (n.length === 0) return false;
        if (o !== undefined && o !== it.id) {
          const message = `"${ex}" is already an example of ${o}: left there, not added to ${it.id}`;
          warnings.push(o === OUT_OF_SCOPE ? warning('already_out_of_scope', { phrase: ex, intent: it.id }, message) : warning('already_taught', { phrase: ex, owner: o, intent: it.id }, message));
          return false;
        }
        owner.set(n, it.id);
        return true;
      });
      return { ...it, examples };
    })
    .filter((it) => {
      if (it.examples.length === 0) warnings.push(warning('all_taught', { intent: it.id }, `${it.id}: every question is already taught elsewhere; not added`));
      return it.examples.length > 0;
    });
  const entityNames = new Set(r.entities.map((e) => e.name));
  return {
    ...draft,
    intents: [...kept, ...added],
    entities: [...draft.entities.filter((e) => !entityNames.has(e.name)), ...r.entities],
  };
}

export interface PreparedImport {
  preview: ImportPreview;
  /** The draft to store when confirmed (null when there are errors). */
  merged: KnowledgeBaseFile | null;
  /** `merged` as validated here (the editor embeds its phrases ahead without validating it again). */
  kb: KnowledgeBase | null;
}

export function prepareImport(draft: KnowledgeBaseFile, input: ImportInput, format?: ImportFormat): PreparedImport {
  const f = format ?? detectFormat(input.fileName, input.bytes);
  const r = runImporter(f, input);
  const warnings = [...r.warnings];
  const existing = new Set(draft.intents.map((it) => it.id));
  const merged = r.errors.length === 0 ? mergeImport(draft, r, warnings) : null;
  const checked = merged ? checkKbContent(merged) : null;
  const draftProblems = checked?.problems ?? [];
  const preview: ImportPreview = {
    format: f,
    intents: r.intents.map((it) => ({ id: it.id, title: it.title, examples: it.examples.length, responses: it.responses.length, replaces: r.whole === undefined && existing.has(it.id) })),
    phrases: r.intents.reduce((n, it) => n + it.examples.length, 0),
    answers: r.intents.reduce((n, it) => n + it.responses.length, 0),
    entities: r.entities.length,
    warnings,
    errors: r.errors,
    ...(r.columns ? { columns: r.columns } : {}),
    draftProblems,
  };
  return { preview, merged: merged && draftProblems.length === 0 ? merged : null, kb: checked?.kb ?? null };
}
