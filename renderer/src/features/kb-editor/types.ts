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
}

/** Lines of a textarea as a list (blank lines dropped). */
export const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
