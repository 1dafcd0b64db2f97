/**
 * Types of the knowledge-base editor's channels (drafts, publishing, versions, imports, missed
 * questions). Plain data only: the renderer, the CLI and the backend share them through the contract.
 */
import type { ErrorDetail } from './result';

export type KbAuthorRole = 'owner' | 'staff' | 'cli' | 'system';

/** What changed between two knowledge bases, per intent and in the settings. */
export interface KbDiff {
  intentsAdded: string[];
  intentsRemoved: string[];
  intentsChanged: {
    id: string;
    titleChanged: boolean;
    examplesAdded: string[];
    examplesRemoved: string[];
    testsAdded: string[];
    testsRemoved: string[];
    responsesChanged: boolean;
    /** Quick replies, slots, hand-off, follow-ups, action. */
    otherChanged: string[];
  }[];
  entitiesChanged: string[];
  settingsChanged: string[];
  outOfScopeChanged: boolean;
  /** Other languages (schema 2) whose words were added, removed or edited, by code ("es"). */
  languagesChanged?: string[];
  /** One line for the version list ("+1 intent, 3 phrases added to store.hours"). */
  summary: string;
}

/** One test phrase whose answer differs between the live model and the new one. */
export interface ChangedAnswer {
  text: string;
  /** The intent it should get (null: it should be refused as out of scope). */
  expected: string | null;
  before: string | null;
  after: string | null;
  /** It was right before and is wrong now. */
  regression: boolean;
  /** Where the phrase comes from: a test phrase, an example this version adds, or one it no longer teaches (expected null, never a regression). */
  kind: 'test' | 'oos_test' | 'new_example' | 'removed_example';
}

export interface AccuracyFigures {
  inScopeTests: number;
  inScopeAccuracy: number;
  oosTests: number;
  oosRecall: number;
}

export interface IntentHealth {
  id: string;
  tests: number;
  passed: number;
  belowThreshold: number;
  /** The intent its failing tests go to most, if any. */
  confusedWith: string | null;
}

export interface PublishReport {
  before: AccuracyFigures;
  after: AccuracyFigures;
  /** Answers that changed because the new model answers differently (its top intent or its scores moved). */
  changed: ChangedAnswer[];
  /**
   * Answers that changed only because the refusal settings were refitted (the calibration: the
   * confidence threshold, the margin by which the out-of-scope class must win, the nearest-example
   * gate, the confidence scale): the new model with the live model's settings gives the live answer.
   * Listed apart because they are not what the edit taught: the bot now answers (or refuses) the
   * same intent at another confidence. Empty when none of them moved. Reports stored before this
   * field read as empty.
   */
  thresholdOnly: ChangedAnswer[];
  /** The confidence threshold of the live model (null: nothing was live) and of the new one. */
  threshold: { before: number | null; after: number } | null;
  /** The out-of-scope class's margin, likewise (reports stored before it have none). */
  negativeMargin?: { before: number | null; after: number };
  /** Regressions in `changed` and `thresholdOnly` together. */
  regressions: number;
  trainMs: number;
  fromCache: boolean;
  health: IntentHealth[];
  /**
   * Each other language of the knowledge base (schema 2), on its own live and new model with its
   * own test phrases. The fields above are the default language's. Reports stored before read with none.
   */
  languages?: LanguageReport[];
}

/** One more language's part of the publish report. */
export interface LanguageReport {
  /** Two-letter code ("es"). */
  language: string;
  /** null: the live knowledge base did not speak this language (nothing to compare with). */
  before: AccuracyFigures | null;
  after: AccuracyFigures;
  /** Its test phrases (and the examples this version adds or drops) whose answer changed. */
  changed: ChangedAnswer[];
  /** Those that changed only because this language's confidence threshold moved. */
  thresholdOnly: ChangedAnswer[];
  regressions: number;
}

/** Why a warning was given; the renderer words it from its catalogues with `params`. */
export const KB_WARNING_CODES = ['intent_untranslated', 'slot_untranslated'] as const;
export type KbWarningCode = (typeof KB_WARNING_CODES)[number];

/**
 * Something publishable the owner should know about (today: words a language has not translated).
 * `message` is English for logs and the CLI; screens word it from `code` and `params`.
 */
export interface KbWarning extends ErrorDetail {
  code: KbWarningCode;
  params: {
    /** The language missing the words ("es"). */
    language: string;
    /** The language the bot uses instead (the knowledge base's default). */
    defaultLanguage: string;
    intent: string;
    /** slot_untranslated: the slot whose prompts are missing. */
    slot?: string;
  };
}

export interface KbVersionInfo {
  version: number;
  at: number;
  role: KbAuthorRole;
  summary: string;
  name: string;
  kbVersion: string;
  hash: string;
  source: 'default' | 'imported';
  /** The version in use now. */
  live: boolean;
}

export interface KbDraftState {
  /** The draft knowledge base, in the file format (may be invalid while being edited). */
  content: unknown;
  /** The published version it started from (null: the built-in default). */
  baseVersion: number | null;
  /** Problems by JSON path, with the file format's schema and checks. Empty: publishable. */
  problems: ErrorDetail[];
  /**
   * What a language has not translated yet, by JSON path ("$.languages.es.intents.store.hours"):
   * publishable, the bot answers those in the default language and says so. Only for a draft
   * without problems (the checks that find them need a valid file).
   */
  warnings?: KbWarning[];
  /** The draft differs from the live knowledge base. */
  changed: boolean;
  diff: KbDiff | null;
}

export interface PublishResult {
  version: KbVersionInfo;
  report: PublishReport;
}

export type ImportFormat = 'kb-json' | 'faq-csv' | 'dialogflow' | 'rasa' | 'nlpjs';

export interface FaqColumnMapping {
  question: number;
  answer: number;
  /** The first row is a header (skipped). */
  header: boolean;
}

/** What an import leaves out or changes, as a code with its values (screens word it; `message` is English for the CLI). */
export const IMPORT_WARNING_CODES = [
  'phrase_shortened',
  'fallback_intent',
  'no_phrases',
  'no_text_response',
  'regex_entity',
  'single_question',
  'no_answers',
  'no_response',
  'no_response_no_domain',
  'regex_not_imported',
  'already_taught',
  'already_out_of_scope',
  'all_taught',
] as const;
export type ImportWarningCode = (typeof IMPORT_WARNING_CODES)[number];

export interface ImportWarning {
  code: ImportWarningCode;
  /** name (an intent or entity name in the file), where (a line or path), n, language, phrase, intent, owner, pattern. */
  params: Record<string, string | number>;
  message: string;
}

export interface ImportPreview {
  format: ImportFormat;
  intents: { id: string; title: string; examples: number; responses: number; replaces: boolean }[];
  phrases: number;
  answers: number;
  entities: number;
  warnings: ImportWarning[];
  /** Errors by line (CSV: "line 4") or path (zip entry, YAML path); any error blocks applying. */
  errors: ErrorDetail[];
  /** FAQ spreadsheets: the columns found and the mapping used. */
  columns?: { headers: string[]; mapping: FaqColumnMapping };
  /** Problems of the draft the import would produce (same checks as the file format). */
  draftProblems: ErrorDetail[];
}

export interface MissGroup {
  id: string;
  /** The language its questions were asked in (a knowledge-base language code); groups never mix languages. */
  language: string;
  texts: string[];
  count: number;
  lastDay: string;
  reasons: string[];
  /** The engine's top intents for the group's first question. */
  suggested: { intent: string; confidence: number }[];
}

export interface MissSettings {
  enabled: boolean;
  retentionDays: number;
  /** Keep anonymised missed questions through the end-of-day wipe. */
  keepOnDayWipe: boolean;
}

export interface TryAnswer {
  ranking: { intent: string; confidence: number }[];
  intent: string | null;
  confidence: number;
  outOfScope: boolean;
  entities: { entity: string; value: string; text: string }[];
  /** The bot's reply text(s) to this phrase in a fresh conversation. */
  answer: string[];
}
