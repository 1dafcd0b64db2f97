/** What every importer produces: intents and entities in the file format, warnings, errors by line/path. */
import type { FaqColumnMapping, ImportFormat, ImportWarning, ImportWarningCode } from '../../../shared/kb-editor';
import type { ErrorDetail } from '../../../shared/result';
import type { KnowledgeBaseFile } from '../kb-file';

export type ImportedIntent = KnowledgeBaseFile['intents'][number];
export type ImportedEntity = KnowledgeBaseFile['entities'][number];

export interface ImportResult {
  format: ImportFormat;
  intents: ImportedIntent[];
  entities: ImportedEntity[];
  warnings: ImportWarning[];
  errors: ErrorDetail[];
  columns?: { headers: string[]; mapping: FaqColumnMapping };
  /** A whole knowledge-base file (our JSON format): replaces settings too. */
  whole?: unknown;
}

/** The bytes of the file(s) the person chose. `extra` holds a second file (Rasa's domain.yml). */
export interface ImportInput {
  fileName: string;
  bytes: Uint8Array;
  extra?: { fileName: string; bytes: Uint8Array };
  mapping?: FaqColumnMapping;
}

/** A knowledge-base id from any name ("Opening Hours!" -> "opening_hours"), unique within `taken`. */
export function intentIdFrom(name: string, taken: Set<string>, prefix = ''): string {
  let base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/_*\._*/g, '.')
    .replace(/^[^a-z]+/, '')
    .replace(/[._]+$/, '');
  if (base === '') base = 'intent';
  base = (prefix + base).slice(0, 56).replace(/[._]+$/, '');
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  taken.add(id);
  return id;
}

export function entityNameFrom(name: string, taken: Set<string>): string {
  return intentIdFrom(name.replace(/\./g, '_'), taken).slice(0, 40);
}

export const textOf = (bytes: Uint8Array): string => new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');

/** A warning with its code and values, and its English for the CLI. */
export function warning(code: ImportWarningCode, params: ImportWarning['params'], message: string): ImportWarning {
  return { code, params, message };
}

/** Phrases as the file format takes them: trimmed, single-line, at most 300 characters, no duplicates. */
export function cleanPhrases(list: readonly string[], warn: (w: ImportWarning) => void, where: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of list) {
    const p = raw.replace(/\s+/g, ' ').trim();
    if (p === '') continue;
    if (p.length > 300) {
      warn(warning('phrase_shortened', { where }, `${where}: a phrase longer than 300 characters was shortened`));
    }
    const cut = p.slice(0, 300);
    if (seen.has(cut.toLowerCase())) continue;
    seen.add(cut.toLowerCase());
    out.push(cut);
  }
  return out;
}
