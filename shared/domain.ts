/**
 * Domain types that cross the IPC boundary. Plain data only (JSON-safe): no classes, no Dates
 * (times are epoch milliseconds), no functions.
 */
import type { OpeningHours } from './opening-hours';

export type Channel = 'kiosk' | 'desktop';
export type Role = 'user' | 'bot';
/** The languages the app speaks, in its screens and its bot; a third is a matter of adding it here and its files. */
export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

/** A language code as one of ours, or null (a knowledge base may answer in one the app has no screens for). */
export function asLocale(code: string | undefined | null): Locale | null {
  return (LOCALES as readonly string[]).includes(code ?? '') ? (code as Locale) : null;
}

/** How a conversation is kept: saved per retention policy, or in memory only. */
export type SaveMode = 'saved' | 'incognito';
export type ConversationPolicy = 'ask' | 'save' | 'never';

export interface Suggestion {
  intentId: string;
  /** Text shown on the chip; sending it is the same as choosing that intent. */
  label: string;
}

/** One message the bot says. */
export interface BotMessage {
  text: string;
  intent: string | null;
  confidence: number;
  quickReplies: string[];
  /** "Did you mean ...?" choices when the top intents are close. */
  suggestions: Suggestion[];
  /** The bot is asking for a slot value (the input should expect it). */
  awaitingSlot: string | null;
  /** The bot offers a human. */
  handoff: boolean;
  /** The bot asks the UI to confirm an action (e.g. deleting this conversation). */
  action: BotAction | null;
  /**
   * The language the message is in (two-letter code, one of the knowledge base's languages): the
   * customer wrote in it, so the UI can follow ("Prefer English?"). Absent from single-language KBs' older replies.
   */
  language?: string;
}

export type BotAction = 'confirm_delete_conversation';

export interface StoredMessage {
  id: number;
  conversationId: string;
  role: Role;
  /** Text as stored, after redaction. */
  text: string;
  intent: string | null;
  confidence: number | null;
  at: number;
}

export interface ConversationSummary {
  id: string;
  startedAt: number;
  endedAt: number | null;
  channel: Channel;
  locale: string;
  messageCount: number;
  topics: string[];
  /** Why it is kept: consent given, or the retention policy. */
  keptBy: 'consent' | 'policy';
  /** When retention will purge it (null: until the end-of-day wipe or forever). */
  expiresAt: number | null;
}

export interface Transcript {
  conversation: ConversationSummary;
  messages: StoredMessage[];
}

export interface SearchHit {
  conversationId: string;
  messageId: number;
  at: number;
  role: Role;
  snippet: string;
}

export type RetentionPolicy =
  | { kind: 'hours'; hours: number }
  | { kind: 'days'; days: number }
  | { kind: 'end_of_day' }
  | { kind: 'none' };

export type WipeScope = { kind: 'conversation'; conversationId: string } | { kind: 'day' } | { kind: 'all' };

export interface WipeCounts {
  conversations: number;
  messages: number;
  consents: number;
}

/** One thing a wipe leaves in place, as a code with its counts: screens word it from their catalogues. */
export type WipeStay =
  | { what: 'other_conversations' }
  | { what: 'consent_record' }
  | { what: 'knowledge_base'; versions?: number }
  | { what: 'settings' }
  | { what: 'privacy_notices' }
  | { what: 'audit_log'; entries?: number }
  | { what: 'exports_outside' };

export interface WipePreview {
  scope: WipeScope['kind'];
  goes: WipeCounts & { files?: string[] };
  /** What stays, in English (the CLI's confirmation). */
  stays: string[];
  /** The same, as codes (the renderer's words). */
  stay: WipeStay[];
}

export interface AuditEntry {
  seq: number;
  at: number;
  kind: string;
  /** Event detail: counts, scopes, formats. Never message content. */
  detail: Record<string, string | number | boolean | null>;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** First entry whose link is broken, if any. */
  brokenAt: number | null;
  /** English, for logs and the CLI; screens word `problem`. */
  reason: string | null;
  /** Why it is broken, as a code with its entry numbers (only when broken). */
  problem?: AuditProblem;
}

/** What broke the audit chain, with the entry numbers its sentence names (lib/protector-text.ts words it). */
export type AuditProblem =
  | { code: 'entries_missing'; from: number; to: number; at: number }
  | { code: 'out_of_order'; at: number }
  | { code: 'bad_link'; at: number; previous: number }
  | { code: 'unreadable'; at: number }
  | { code: 'changed'; at: number }
  | { code: 'entries_removed'; after: number; head: number }
  | { code: 'head_mismatch' }
  | { code: 'broken'; at: number };

export type ExportFormat = 'json' | 'csv' | 'md';

export interface ExportResult {
  path: string;
  fileName: string;
  conversations: number;
  messages: number;
  bytes: number;
  encrypted: boolean;
}

export interface KeyProtectorInfo {
  kind: 'passphrase' | 'device';
  /** For the device protector: the OS backend used (e.g. gnome_libsecret, basic_text, keychain, dpapi). */
  backend: string | null;
  /** False when the key is only obfuscated (Linux basic_text). */
  protectedByOs: boolean;
  /** English, for logs and the CLI; screens word `protectedByOs` and `keyringChange` from their catalogues. */
  warning: string | null;
  /** The OS keyring the key was wrapped under differs from the one in use now (backend names as `backend`). */
  keyringChange?: { from: string | null; to: string | null };
}

/** Live facts behind the "Your data" panel and the bot's privacy answer. */
/** How the scheduled duties went: the last good run, and the last failure (code only, no content). */
export interface DutyStatus {
  lastRunAt: number | null;
  lastFailure: { at: number; duty: 'scheduled'; code: string; nextRetryAt: number | null } | null;
  failuresInARow: number;
}

/** A long job a person waits for (polled through `app.progress`). */
export type JobKind = 'export' | 'wipe' | 'retrain';

export interface JobProgress {
  kind: JobKind;
  /** Conversations written (export) or steps done (wipe); 0 while a retrain runs. */
  done: number;
  /** Null when the size is not known: the bar is indeterminate. */
  total: number | null;
  startedAt: number;
}

export interface PrivacyFacts {
  dataDir: string;
  /** Where exports, reports and knowledge-base files are saved: the folder chosen in settings, else the host's default (Downloads). */
  exportDir: string;
  databaseFile: string;
  databaseBytes: number;
  cipher: string;
  keyProtector: KeyProtectorInfo;
  counts: {
    conversations: number;
    messages: number;
    consents: number;
    auditEntries: number;
    knowledgeBaseVersions: number;
    /** Missed questions kept for teaching the bot (masked, detached from their conversation). */
    missedQuestions: number;
    settings: number;
  };
  retention: RetentionPolicy;
  retentionText: string;
  conversationPolicy: ConversationPolicy;
  nextScheduledWipe: number | null;
  /**
   * The missed-questions inbox: whether a question the bot could not answer (in a saved conversation,
   * masked, detached from it) is kept for teaching, for how many days, and whether the end-of-day
   * wipe spares it.
   */
  missedQuestionKeeping: { enabled: boolean; retentionDays: number; keepOnDayWipe: boolean };
  lastWipe: { at: number; scope: string } | null;
  /** The scheduled duties (end-of-day wipe, retention purge): a failure is shown, never silent. */
  duties: DutyStatus;
  auditChain: AuditVerification;
  networkRequestsBlocked: number;
  redactionEnabled: boolean;
  /**
   * Exactly what is masked before saving (empty when masking is off): the redactor's active
   * detector types, the region and then the shop's countries whose national phone formats are
   * recognised (other numbers only with a country code or after a phone cue), and the names of the
   * shop's own patterns. The panel and the bot state these, no more.
   */
  masking: { types: string[]; phoneRegion: string; phoneCountries: string[]; customPatterns: string[] };
  privacyNotice: { version: number; text: string };
}

export interface Intent {
  id: string;
  /** The title in the knowledge base's default language. */
  title: string;
  examples: number;
  /** The title in each other language that has one (language → title, schema 2 `languages.<code>.intents.<id>.title`). */
  titles?: Record<string, string>;
}

export interface IntentScore {
  intent: string;
  confidence: number;
}

export interface TryPhraseResult {
  intent: string | null;
  confidence: number;
  ranking: IntentScore[];
  outOfScope: boolean;
  /** The previous message the chat would read this one together with (a short follow-up), or null. */
  context: string | null;
}

export interface KbInfo {
  name: string;
  version: string;
  hash: string;
  /** The default language (settings.language). */
  language: string;
  /** Every language the bot answers in, the default first (schema 2 `languages`; ['en'] for a schema-1 file). */
  languages?: string[];
  intents: Intent[];
  source: 'default' | 'imported';
}

export interface AppInfo {
  name: string;
  version: string;
  kiosk: boolean;
  locale: Locale;
  platform: string;
  host: 'electron' | 'preview' | 'node';
  /** Where exports go when the person chose no folder (Electron: Downloads). */
  defaultExportDir: string;
}

export interface Settings {
  locale: Locale;
  kiosk: boolean;
  idleTimeoutSeconds: number;
  largeText: boolean;
  highContrast: boolean;
  conversationPolicy: ConversationPolicy;
  redactPii: boolean;
  retention: RetentionPolicy;
  /** Local time "HH:MM" of the scheduled end-of-day wipe, or null for none. */
  endOfDayWipeAt: string | null;
  /** Weekly hours and holiday closures (empty: the app says nothing about opening). */
  openingHours: OpeningHours;
  /** The end-of-day wipe follows the closing time (plus a margin) instead of endOfDayWipeAt. */
  wipeAfterClosing: boolean;
  /** Read every bot answer aloud with an offline system voice. */
  readAloud: boolean;
  storeRegion: string;
  /** Business-defined personal-data patterns (e.g. loyalty card numbers), masked before storage. */
  customPiiPatterns: CustomPiiPattern[];
  /**
   * Detectors the owner turned off (issue 12): what they would catch is stored as typed. A list of
   * what is off, not of what is on, so a detector added in a later version starts on.
   */
  piiOff: PiiDetector[];
  /** The shop's other countries (ISO 3166 alpha-2): national phone numbers tried after storeRegion. */
  shopCountries: string[];
  /** Words and phrases that are never a person's name here (a product line, a street the shop uses). */
  neverNames: string[];
  /**
   * age X25519 public keys (`age1…`, an IT department's): when set, every export is encrypted to
   * them (docs/EXPORT.md); empty for plain or passphrase exports.
   */
  exportRecipients: string[];
  /**
   * The folder the person chose for exports, reports and knowledge-base files (absolute, outside
   * the data folder); null for the host's default (Downloads).
   */
  exportFolder: string | null;
  /** The shop's name, logo, accent and welcome words (issue 13); empty values fall back to the app's. */
  branding: Branding;
  /** On-screen keyboard on a kiosk: when the device reports touch, always, or never. */
  touchKeyboard: TouchKeyboardMode;
}

export type TouchKeyboardMode = 'auto' | 'always' | 'never';

export interface BrandWelcome {
  title: string;
  text: string;
}

export interface Branding {
  /** Shown in the header, as the bot's name and on the QR transcript; '' = the app's own words. */
  shopName: string;
  /** "#rrggbb" with at least WCAG AA contrast against white (shared/contrast.ts), or null for the app's teal. */
  accent: string | null;
  /** A data: URL made by main/branding/logo.ts (PNG checked, SVG sanitised), or null. Set only through branding.logo. */
  logo: string | null;
  welcome: Record<Locale, BrandWelcome>;
}

/** The redactor's detectors an owner can turn off (the shop's own patterns go with their list). */
export const PII_DETECTORS = ['name', 'address', 'postcode', 'dob', 'phone', 'email', 'card', 'iban', 'ssn', 'ip'] as const;
export type PiiDetector = (typeof PII_DETECTORS)[number];
/** At most this many shop countries: each one costs phone-matcher calls on digit runs that are not phones. */
export const MAX_SHOP_COUNTRIES = 8;
export const MAX_NEVER_NAMES = 200;

export interface CustomPiiPattern {
  /** Short label; the stored placeholder is `[<name>]`. */
  name: string;
  /** Regular-expression source, no slashes or flags. */
  pattern: string;
}

export interface SecurityStatus {
  unlocked: boolean;
  /**
   * Why the store could not be opened (a damaged file, a key file missing, a changed keychain...).
   * Nothing was overwritten; `security.startFresh` sets the files aside and starts an empty store.
   */
  openError: { code: string; message: string } | null;
  storeExists: boolean;
  keyProtector: KeyProtectorInfo | null;
  cipher: string;
  networkRequestsBlocked: number;
  /** The host has a device keychain the store could be protected by instead of a passphrase. */
  deviceKeyAvailable: boolean;
}

export interface ChatStart {
  conversationId: string;
  mode: SaveMode;
  /** The consent question must be answered before the first message. */
  consentRequired: boolean;
  welcome: BotMessage;
  retentionText: string;
  noticeVersion: number;
  /** The conversation's language (the one asked for, if the knowledge base speaks it; else its default). */
  language?: string;
  /**
   * chat.consent with "Save" only: the messages asked before the answer, as they were written
   * (masked), in the order asked, so the screen can show each one's "Saved as".
   */
  savedEarlier?: string[];
}

export interface ChatReply {
  user: { text: string; storedText: string };
  replies: BotMessage[];
  /** The language the customer wrote in and was answered in: the conversation's language from now on. */
  language?: string;
}
