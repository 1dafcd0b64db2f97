/**
 * The IPC contract: one map from channel name to a request schema (checked at runtime in main/ on
 * every call) and a response type. The renderer, the preload, the preview bridge and the backend
 * are all typed from this one map, so they cannot drift apart.
 *
 * Imports nothing from electron, node or the DOM (zod is plain TypeScript).
 */
import { z } from 'zod';
import type {
  AppInfo,
  JobProgress,
  AuditEntry,
  AuditVerification,
  ChatReply,
  ChatStart,
  ConversationSummary,
  ExportResult,
  KbInfo,
  PrivacyFacts,
  SearchHit,
  SecurityStatus,
  Settings,
  Transcript,
  TryPhraseResult,
  WipeCounts,
  WipePreview,
} from './domain';
import type { AuditReport } from './report';
import { LOCALES, MAX_NEVER_NAMES, MAX_SHOP_COUNTRIES, PII_DETECTORS } from './domain';
import { ageRecipientIssue, MAX_EXPORT_RECIPIENTS } from './age-recipient';
import type { ImportPreview, IntentHealth, KbDiff, KbDraftState, KbVersionInfo, MissGroup, MissSettings, PublishReport, PublishResult, TryAnswer } from './kb-editor';
import type { Result } from './result';
import { visibleString } from './visible-text';
import { PIN_PATTERN, PIN_RULE } from './pin';
import { accentIssue } from './contrast';
import { matching, ruleIssue } from './settings-rules';
import { CLOSE_HHMM, HHMM, ISO_DATE, MAX_HOLIDAYS, MAX_INTERVALS_PER_DAY, WEEKDAYS } from './opening-hours';

/** Largest chat message accepted (characters). Bigger input gets `too_large`, not a crash. */
export const MAX_MESSAGE_CHARS = 4000;
const MAX_ID = 64;
const MAX_PASSPHRASE = 1024;

const id = z.string().min(1).max(MAX_ID).regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, _ or -');
const epochMs = z.number().int().min(0).max(8.64e15);
const reportDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const empty = z.strictObject({}).optional();

export const retentionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('hours'), hours: z.number().int().min(1).max(24 * 365) }),
  z.strictObject({ kind: z.literal('days'), days: z.number().int().min(1).max(3650) }),
  z.strictObject({ kind: z.literal('end_of_day') }),
  z.strictObject({ kind: z.literal('none') }),
]);

const intervalSchema = z
  .strictObject({ open: z.string().refine(...matching(HHMM, 'time_hhmm', 'must be HH:MM')), close: z.string().refine(...matching(CLOSE_HHMM, 'close_hhmm', 'must be HH:MM (24:00 for midnight)')) })
  .refine((iv) => iv.open !== iv.close, { message: 'must close at another time than it opens', path: ['close'], params: { code: 'same_open_close' } });

/** One weekday's openings: same-day ones in order and apart (an overnight one may only be last). */
const dayHoursSchema = z
  .array(intervalSchema)
  .max(MAX_INTERVALS_PER_DAY, `must list at most ${MAX_INTERVALS_PER_DAY} openings a day`)
  .superRefine((list, c) => {
    list.forEach((iv, i) => {
      const prev = list[i - 1];
      if (!prev) return;
      const prevOvernight = prev.close !== '24:00' && prev.close < prev.open;
      if (prevOvernight || iv.open < (prev.close === '24:00' ? '24:00' : prev.close)) c.addIssue(ruleIssue({ code: 'opening_overlap', message: 'must start after the previous opening closes' }, [i, 'open']));
    });
  });

/** The shop's weekly hours and holiday closures (issue 13); local time of the device. */
export const openingHoursSchema = z.strictObject({
  weekly: z.strictObject(Object.fromEntries(WEEKDAYS.map((d) => [d, dayHoursSchema])) as Record<(typeof WEEKDAYS)[number], typeof dayHoursSchema>),
  holidays: z
    .array(z.strictObject({ date: z.string().refine(...matching(ISO_DATE, 'holiday_date', 'must be a date YYYY-MM-DD')), label: visibleString(60).optional() }))
    .max(MAX_HOLIDAYS, `must list at most ${MAX_HOLIDAYS} closures`)
    .superRefine((list, c) => {
      list.forEach((h, i) => {
        if (list.findIndex((x) => x.date === h.date) !== i) c.addIssue(ruleIssue({ code: 'duplicate_date', message: 'is listed twice', params: { date: h.date } }, [i, 'date']));
      });
    }),
});

export const wipeScopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('conversation'), conversationId: id }),
  z.strictObject({ kind: z.literal('day') }),
  z.strictObject({ kind: z.literal('all') }),
]);

/** A shop's words: '' means "use the app's own" (the header name, the welcome title…). */
const brandWords = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const brandWelcomeSchema = z.strictObject({ title: brandWords(80), text: brandWords(400) });
/** Branding without the logo: a logo arrives only as a file through branding.logo (checked and sanitised in main/). */
export const brandingPatchSchema = z.strictObject({
  shopName: brandWords(60),
  accent: z
    .string()
    .nullable()
    .superRefine((v, c) => {
      const problem = v === null ? null : accentIssue(v);
      if (problem) c.addIssue(ruleIssue(problem));
    }),
  welcome: z.strictObject({ en: brandWelcomeSchema, es: brandWelcomeSchema }),
});

export const settingsPatchSchema = z
  .strictObject({
    branding: brandingPatchSchema,
    touchKeyboard: z.enum(['auto', 'always', 'never']),
    locale: z.enum(LOCALES),
    kiosk: z.boolean(),
    idleTimeoutSeconds: z.number().int().min(5).max(3600),
    largeText: z.boolean(),
    highContrast: z.boolean(),
    conversationPolicy: z.enum(['ask', 'save', 'never']),
    redactPii: z.boolean(),
    retention: retentionSchema,
    endOfDayWipeAt: z
      .string()
      .refine(...matching(/^([01]\d|2[0-3]):[0-5]\d$/, 'time_hhmm', 'must be HH:MM'))
      .nullable(),
    openingHours: openingHoursSchema,
    /** The end-of-day wipe runs after the day's closing time (opening hours) instead of at endOfDayWipeAt. */
    wipeAfterClosing: z.boolean(),
    /** Read every bot answer aloud (offline system voices only). */
    readAloud: z.boolean(),
    storeRegion: z.string().refine(...matching(/^[A-Z]{2}$/, 'region_code', 'must be a two-letter region code')),
    customPiiPatterns: z
      .array(
        z.strictObject({
          name: z.string().refine(...matching(/^[a-z][a-z0-9_ -]{0,30}$/i, 'pattern_label', 'must be a short label')),
          pattern: z.string().min(1).max(300),
        }),
      )
      .max(20),
    exportRecipients: z
      .array(
        z
          .string()
          .trim()
          .superRefine((v, c) => {
            const problem = ageRecipientIssue(v);
            if (problem) c.addIssue(ruleIssue({ ...problem, message: `is not an age public key: it ${problem.message}` }));
          }),
      )
      .max(MAX_EXPORT_RECIPIENTS)
      .transform((keys) => [...new Set(keys)]),
    // A full path; that it is a folder, writable and outside the data folder is the settings
    // service's check (it needs the file system), reported at the same field.
    exportFolder: z
      .string()
      .trim()
      .min(1)
      .max(1024)
      .refine(...matching(/^(\/|[A-Za-z]:[\\/]|\\\\)/, 'full_path', 'must be a full path to a folder'))
      .nullable(),
    piiOff: z
      .array(z.enum(PII_DETECTORS, 'must be one of the detectors: ' + PII_DETECTORS.join(', ')))
      .max(PII_DETECTORS.length)
      .transform((types) => [...new Set(types)]),
    // Upper-cased here so "de" and "DE" are one country; whether the phone plans know it is the
    // settings service's check (the redactor's own list), reported at the same field.
    shopCountries: z
      .array(
        z
          .string()
          .trim()
          .refine(...matching(/^[A-Za-z]{2}$/, 'country_code', 'must be a two-letter country code such as DE'))
          .transform((c) => c.toUpperCase()),
      )
      .max(MAX_SHOP_COUNTRIES, `must list at most ${MAX_SHOP_COUNTRIES} countries`)
      .transform((codes) => [...new Set(codes)]),
    neverNames: z
      .array(visibleString(60))
      .max(MAX_NEVER_NAMES, `must list at most ${MAX_NEVER_NAMES} words`)
      .transform((words) => [...new Set(words)]),
  })
  .partial();

/** The staff PIN rule (shared/pin.ts), re-exported for the backend's callers. */
export { PIN_PATTERN, PIN_RULE };
const pin = z.string().regex(PIN_PATTERN, PIN_RULE);

const versionNumber = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const missGroupId = z.string().regex(/^m\d{1,15}$/, 'must be a group id such as m12');
/** Files for an import travel base64-encoded (a Dialogflow zip is binary); 50 MB of zip is ~67 M characters. */
const importFile = z.strictObject({ fileName: visibleString(255), data: z.string().max(70_000_000) });
const importRequest = z.strictObject({
  file: importFile,
  extra: importFile.optional(),
  format: z.enum(['kb-json', 'faq-csv', 'dialogflow', 'rasa', 'nlpjs']).optional(),
  mapping: z.strictObject({ question: z.number().int().min(0).max(50), answer: z.number().int().min(0).max(50), header: z.boolean() }).optional(),
});

/** Request schemas, one per channel. */
export const requestSchemas = {
  'app.info': empty,
  'app.progress': empty,
  'security.status': empty,
  'security.unlock': z.strictObject({ passphrase: z.string().min(1).max(MAX_PASSPHRASE) }),
  'security.changePassphrase': z.strictObject({
    current: z.string().min(1).max(MAX_PASSPHRASE),
    next: z.string().min(8, 'must be at least 8 characters').max(MAX_PASSPHRASE),
  }),

  'security.startFresh': empty,
  'security.usePassphrase': z.strictObject({ passphrase: z.string().min(8, 'must be at least 8 characters').max(MAX_PASSPHRASE) }),
  'security.useDevice': z.strictObject({ passphrase: z.string().min(1).max(MAX_PASSPHRASE) }),

  'chat.start': z.strictObject({ locale: z.enum(LOCALES).optional() }).optional(),
  'chat.consent': z.strictObject({ conversationId: id, choice: z.enum(['save', 'dont_save']) }),
  'chat.send': z.strictObject({ conversationId: id, text: visibleString(MAX_MESSAGE_CHARS) }),
  'chat.end': z.strictObject({ conversationId: id }),
  'chat.withdrawConsent': z.strictObject({ conversationId: id }),
  /** The customer chose a language mid-conversation ("Prefer English?"): answered in it from now on. */
  'chat.setLanguage': z.strictObject({ conversationId: id, language: z.enum(LOCALES) }),

  'conversations.list': z
    .strictObject({ limit: z.number().int().min(1).max(500).optional(), offset: z.number().int().min(0).optional() })
    .optional(),
  'conversations.get': z.strictObject({ conversationId: id }),
  'conversations.search': z.strictObject({ query: visibleString(200), limit: z.number().int().min(1).max(200).optional() }),
  'conversations.delete': z.strictObject({ conversationId: id }),

  'export.create': z.strictObject({
    format: z.enum(['json', 'csv', 'md']),
    conversationId: id.optional(),
    from: epochMs.optional(),
    to: epochMs.optional(),
    passphrase: z.string().min(8).max(MAX_PASSPHRASE).optional(),
  }),
  'export.qr': z.strictObject({ conversationId: id, locale: z.enum(LOCALES).optional() }),
  // The audit report of a period (YYYY-MM-DD, device time zone); the handler checks the dates are real and in order.
  'data.report': z.strictObject({ from: reportDay, to: reportDay }),
  'data.reportSave': z.strictObject({ from: reportDay, to: reportDay, format: z.enum(['html', 'pdf']) }),

  'wipe.preview': z.strictObject({ scope: wipeScopeSchema }),
  'wipe.run': z.strictObject({ scope: wipeScopeSchema, pin: pin.optional() }),

  'audit.list': z.strictObject({ limit: z.number().int().min(1).max(1000).optional() }).optional(),
  'audit.verify': empty,

  'privacy.facts': empty,
  'privacy.setNotice': z.strictObject({ text: visibleString(20000) }),

  'settings.get': empty,
  'settings.set': z.strictObject({ patch: settingsPatchSchema, pin: pin.optional() }),
  /** The shop logo from a file (PNG or SVG, base64; the size cap is main/branding/logo.ts's), or null to remove it. */
  'branding.logo': z.strictObject({ file: z.strictObject({ fileName: visibleString(255), data: z.string().max(1_000_000) }).nullable(), pin: pin.optional() }),

  'kb.info': empty,
  'kb.try': z.strictObject({ text: z.string().max(MAX_MESSAGE_CHARS), previous: z.string().max(MAX_MESSAGE_CHARS).optional() }),
  'kb.import': z.strictObject({ fileName: visibleString(255), content: z.string().max(5_000_000) }),
  'kb.resetDefault': empty,
  'kb.draft.get': empty,
  'kb.draft.save': z.strictObject({ content: z.record(z.string(), z.unknown()) }),
  'kb.draft.discard': empty,
  'kb.publish': empty,
  'kb.versions': empty,
  'kb.version': z.strictObject({ version: versionNumber }),
  'kb.diff': z.strictObject({ from: versionNumber, to: versionNumber.optional() }),
  'kb.restore': z.strictObject({ version: versionNumber }),
  'kb.health': empty,
  /** `language`: tried in that language of the knowledge base only (the editor's chosen one). */
  'kb.tryAnswer': z.strictObject({ text: visibleString(MAX_MESSAGE_CHARS), language: z.string().regex(/^[a-z]{2}$/).optional() }),
  'kb.import.preview': importRequest,
  'kb.import.apply': importRequest,
  'kb.export': z.strictObject({ format: z.enum(['json', 'faq-csv']), which: z.enum(['live', 'draft']).optional() }),

  'misses.list': empty,
  'misses.assign': z.strictObject({ group: missGroupId, intent: z.string().min(1).max(64) }),
  /**
   * A group asked in another language than the knowledge base's default one creates the intent in
   * both: its questions, title and answer in the group's language, and `defaultExample` and
   * `defaultAnswer` (then required) as the default language's own words.
   */
  'misses.create': z.strictObject({
    group: missGroupId,
    id: z.string().min(1).max(64),
    title: visibleString(300),
    answer: visibleString(2000),
    defaultExample: visibleString(300).optional(),
    defaultAnswer: visibleString(2000).optional(),
  }),
  'misses.dismiss': z.strictObject({ group: missGroupId }),
  'misses.settings.get': empty,
  'misses.settings.set': z.strictObject({
    patch: z.strictObject({ enabled: z.boolean(), retentionDays: z.number().int().min(1).max(365), keepOnDayWipe: z.boolean() }).partial(),
  }),
  'chat.feedback': z.strictObject({ conversationId: id, turn: z.number().int().min(1).max(100_000), helpful: z.boolean() }),

  'kiosk.status': empty,
  'kiosk.setPin': z.strictObject({ pin, currentPin: pin.optional() }),
  'kiosk.unlock': z.strictObject({ pin }),
  'kiosk.lock': empty,
} as const;

export type ChannelName = keyof typeof requestSchemas;
export const CHANNELS = Object.keys(requestSchemas) as ChannelName[];

export type Requests = { [K in ChannelName]: z.input<(typeof requestSchemas)[K]> };

export interface KioskStatus {
  kiosk: boolean;
  pinSet: boolean;
  /** Staff settings are open (PIN entered) until this time. */
  unlockedUntil: number | null;
  failures: number;
  lockedOutUntil: number | null;
}

export interface QrExport {
  svg: string;
  chars: number;
}

/** Response types, one per channel. */
export interface Responses {
  'app.info': AppInfo;
  /** The long jobs running now (export, wipe, retrain) and how far each has got. */
  'app.progress': { jobs: JobProgress[] };
  'security.status': SecurityStatus;
  'security.unlock': SecurityStatus;
  'security.changePassphrase': SecurityStatus;
  'security.startFresh': SecurityStatus & { setAside: string };
  'security.usePassphrase': SecurityStatus;
  'security.useDevice': SecurityStatus;

  'chat.start': ChatStart;
  'chat.consent': ChatStart;
  'chat.send': ChatReply;
  'chat.end': { ended: true };
  'chat.withdrawConsent': { deleted: WipeCounts };
  /** The conversation's language now (the knowledge base's default when it does not speak the one asked for). */
  'chat.setLanguage': { language: string };

  'conversations.list': { conversations: ConversationSummary[]; total: number };
  'conversations.get': Transcript;
  'conversations.search': { hits: SearchHit[] };
  'conversations.delete': { deleted: WipeCounts };

  'export.create': ExportResult;
  'export.qr': QrExport;

  'wipe.preview': WipePreview;
  'wipe.run': { deleted: WipeCounts; rotatedKey: boolean };

  'audit.list': { entries: AuditEntry[] };
  'audit.verify': AuditVerification;
  'data.report': AuditReport;
  'data.reportSave': { path: string; fileName: string; bytes: number };

  'privacy.facts': PrivacyFacts;
  'privacy.setNotice': { version: number };

  'settings.get': Settings;
  'settings.set': Settings;
  'branding.logo': Settings;

  'kb.info': KbInfo;
  'kb.try': TryPhraseResult;
  'kb.import': KbInfo;
  'kb.resetDefault': KbInfo;
  'kb.draft.get': KbDraftState;
  'kb.draft.save': KbDraftState;
  'kb.draft.discard': KbDraftState;
  'kb.publish': PublishResult;
  'kb.versions': { versions: KbVersionInfo[] };
  'kb.version': { info: KbVersionInfo; content: unknown; report: PublishReport | null };
  'kb.diff': KbDiff;
  'kb.restore': PublishResult;
  'kb.health': { intents: IntentHealth[] };
  'kb.tryAnswer': TryAnswer;
  'kb.import.preview': ImportPreview;
  'kb.import.apply': { preview: ImportPreview; draft: KbDraftState };
  'kb.export': { path: string; bytes: number };

  'misses.list': { groups: MissGroup[] };
  'misses.assign': { added: number; draft: KbDraftState };
  'misses.create': { added: number; draft: KbDraftState };
  'misses.dismiss': { dismissed: number };
  'misses.settings.get': MissSettings;
  'misses.settings.set': MissSettings;
  'chat.feedback': { recorded: boolean };

  'kiosk.status': KioskStatus;
  'kiosk.setPin': KioskStatus;
  'kiosk.unlock': KioskStatus;
  'kiosk.lock': KioskStatus;
}

/**
 * What the renderer sees: exactly one async function per channel, each resolving to a Result.
 * (No generic send: the preload builds this object from CHANNELS and nothing else.)
 */
export type HushdeskApi = {
  readonly [K in ChannelName]: (request: Requests[K]) => Promise<Result<Responses[K]>>;
};

export { API_GLOBAL, IPC_PREFIX } from './ipc-names';

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(requestSchemas, value);
}
