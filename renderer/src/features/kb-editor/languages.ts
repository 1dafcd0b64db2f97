/** The editor's language helpers: a language's name (LOCALE_NAMES, else its code) and a warning's words. */
import type { KbWarning } from '../../../../shared/kb-editor';
import { LOCALE_NAMES } from '../../i18n';
import type { KbText } from './text';
import type { KbFileDraft } from './types';

/** A language by its own name ("Español"); a code the app has no name for is shown as it is. */
export function languageName(code: string): string {
  return (LOCALE_NAMES as Record<string, string>)[code] ?? code;
}

/** An intent as the owner knows it: its default-language title and its id. */
export function intentLabel(file: KbFileDraft, id: string): string {
  const it = file.intents.find((x) => x.id === id);
  return it && it.title !== id ? `${it.title} (${id})` : id;
}

/** A warning worded from its code and parameters (the backend's English message is for logs). */
export function warningText(tk: KbText, file: KbFileDraft, w: KbWarning): string {
  const vars = { intent: intentLabel(file, w.params.intent), language: languageName(w.params.language), defaultLanguage: languageName(w.params.defaultLanguage), slot: w.params.slot ?? '' };
  return tk(`warning.${w.code}`, vars);
}
