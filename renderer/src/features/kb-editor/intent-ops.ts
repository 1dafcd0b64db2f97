/**
 * Keeping the other languages' words with their intent (schema 2 keys them by intent id and slot
 * name): a rename moves them, a delete takes them along. Without this a renamed intent left its
 * Spanish words under the old id, and the draft could not be published ("names unknown intent").
 */
import type { KbFileDraft, KbLanguageDraft } from './types';

const eachLanguage = (file: KbFileDraft, f: (l: KbLanguageDraft) => KbLanguageDraft): KbFileDraft =>
  file.languages ? { ...file, languages: Object.fromEntries(Object.entries(file.languages).map(([code, l]) => [code, f(l)])) } : file;

/** `record` without `key`. */
function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const rest = { ...record };
  delete rest[key];
  return rest;
}

/**
 * Every language's words of intent `from` moved to `to`; null (nothing moved) when a language
 * already has words under `to` (another intent's: the duplicate id is an error at the id field).
 */
export function moveTranslations(file: KbFileDraft, from: string, to: string): KbFileDraft | null {
  if (from === to || !file.languages) return file;
  const langs = Object.values(file.languages);
  if (!langs.some((l) => l.intents[from])) return file;
  if (langs.some((l) => l.intents[to])) return null;
  return eachLanguage(file, (l) => {
    const words = l.intents[from];
    if (!words) return l;
    return { ...l, intents: { ...without(l.intents, from), [to]: words } };
  });
}

/** The file without any language's words of intent `id` (the intent is deleted). */
export function dropTranslations(file: KbFileDraft, id: string): KbFileDraft {
  return eachLanguage(file, (l) => {
    if (!l.intents[id]) return l;
    return { ...l, intents: without(l.intents, id) };
  });
}

/** A slot renamed from `from` to `to` in intent `id`: its prompts in every language follow (not onto another slot's). */
export function moveSlotTranslations(file: KbFileDraft, id: string, from: string, to: string): KbFileDraft {
  if (from === to) return file;
  return eachLanguage(file, (l) => {
    const words = l.intents[id];
    const prompts = words?.slots?.[from];
    if (!words || !prompts || words.slots?.[to]) return l;
    return { ...l, intents: { ...l.intents, [id]: { ...words, slots: { ...without(words.slots ?? {}, from), [to]: prompts } } } };
  });
}

/** How many example and test phrases an intent has in every language (what deleting it takes). */
export function phraseCounts(file: KbFileDraft, index: number): { examples: number; tests: number } {
  const it = file.intents[index];
  if (!it) return { examples: 0, tests: 0 };
  const words = Object.values(file.languages ?? {}).flatMap((l) => (l.intents[it.id] ? [l.intents[it.id]] : []));
  return {
    examples: it.examples.length + words.reduce((n, w) => n + (w?.examples.length ?? 0), 0),
    tests: it.tests.length + words.reduce((n, w) => n + (w?.tests.length ?? 0), 0),
  };
}
