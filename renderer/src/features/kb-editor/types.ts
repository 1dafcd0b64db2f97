/**
 * The knowledge-base file format as the editor handles it (plain types: the renderer never imports
 * main/, and validation is the backend's, with the file format's own schema).
 */
export interface KbSlotDraft {
  name: string;
  entity: string;
  prompt: string;
  reprompt: string;
  required?: boolean;
  format?: string;
  acceptOther?: boolean;
}

export interface KbIntentDraft {
  id: string;
  title: string;
  examples: string[];
  tests: string[];
  responses: string[];
  quickReplies?: string[];
  slots?: KbSlotDraft[];
  handoff?: boolean;
  action?: string;
  followUps?: string[];
}

export type KbEntityDraft =
  | { name: string; kind: 'list'; values: { value: string; synonyms: string[] }[] }
  | { name: string; kind: 'regex'; pattern: string; flags?: string };

/** One intent's words in another language (ids, entities, slots' entities, hand-off stay shared). */
export interface KbLanguageIntentDraft {
  title: string;
  examples: string[];
  tests: string[];
  responses: string[];
  quickReplies?: string[];
  /** By slot name of the shared intent. */
  slots?: Record<string, { prompt: string; reprompt: string; format?: string }>;
}

/** Everything the customer reads or types in one more language (schema 2). */
export interface KbLanguageDraft {
  settings: { fallbackReplies: string[]; handoffReply: string; welcome?: string; welcomeQuickReplies?: string[] };
  intents: Record<string, KbLanguageIntentDraft>;
  outOfScopeExamples: string[];
  outOfScopeTests: string[];
}

export interface KbFileDraft {
  schemaVersion: number;
  name: string;
  version: string;
  settings: {
    language: string;
    fallbackReplies: string[];
    handoffReply: string;
    confidenceThreshold: number | 'auto';
    welcome?: string;
    welcomeQuickReplies?: string[];
  };
  entities: KbEntityDraft[];
  intents: KbIntentDraft[];
  outOfScopeExamples: string[];
  outOfScopeTests: string[];
  /** Schema 2: the other languages, by two-letter code (settings.language is the default). */
  languages?: Record<string, KbLanguageDraft>;
}

/** The draft's languages, the default first. */
export const draftLanguages = (file: KbFileDraft): string[] => [file.settings.language, ...Object.keys(file.languages ?? {}).filter((l) => l !== file.settings.language)];

/** Lines of a textarea as a list (blank lines dropped). */
export const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
