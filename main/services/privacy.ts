/**
 * Live privacy facts: what is stored, where, how it is protected, for how long, and what the
 * network guard has refused. One function feeds both the "Your data" panel and the bot's answer to
 * "what do you keep about me", so the two can never disagree.
 */
import type { AuditVerification, DutyStatus, PrivacyFacts, RetentionPolicy, SaveMode, Settings } from '../../shared/domain';
import { activeTypes } from '../privacy/app-redactor';
import type { PiiType } from '../privacy/redact';
import { missSettings } from '../knowledge/miss-settings';
import { addNotice, latestNotice, storeFiles, tableCounts, type Store } from '../store';

/** What the redactor masks under these settings: exactly the types the app's redactor runs. */
export function maskingOf(s: Pick<Settings, 'redactPii' | 'storeRegion' | 'customPiiPatterns' | 'piiOff' | 'shopCountries'>): PrivacyFacts['masking'] {
  if (!s.redactPii) return { types: [], phoneRegion: s.storeRegion, phoneCountries: [], customPatterns: [] };
  const types = activeTypes(s);
  return {
    types,
    phoneRegion: s.storeRegion,
    phoneCountries: types.includes('phone') ? s.shopCountries.filter((c) => c !== s.storeRegion) : [],
    customPatterns: s.customPiiPatterns.map((p) => p.name),
  };
}

/** How the bot names each masked type in its privacy answer. */
const SPOKEN: Record<PiiType, string> = {
  name: 'names',
  address: 'street addresses',
  postcode: 'postcodes',
  dob: 'dates of birth',
  phone: 'phone numbers',
  email: 'e-mail addresses',
  card: 'card numbers',
  iban: 'bank account numbers (IBAN)',
  ssn: 'social security numbers',
  ip: 'IP addresses',
  custom: "the shop's own reference numbers",
};

/** The same names in Spanish (the bot's Spanish privacy answer). */
const SPOKEN_ES: Record<PiiType, string> = {
  name: 'los nombres',
  address: 'las direcciones',
  postcode: 'los códigos postales',
  dob: 'las fechas de nacimiento',
  phone: 'los teléfonos',
  email: 'los correos electrónicos',
  card: 'los números de tarjeta',
  iban: 'las cuentas bancarias (IBAN)',
  ssn: 'los números de la seguridad social',
  ip: 'las direcciones IP',
  custom: 'las referencias propias de la tienda',
};

/** "names, phone numbers and card numbers" from the masking facts' types, in their order. */
export function maskedWords(types: readonly string[], language = 'en'): string {
  const es = language === 'es';
  const words = types.map((t) => (es ? SPOKEN_ES : SPOKEN)[t as PiiType] ?? t);
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ${es ? 'y' : 'and'} ${words[words.length - 1]}`;
}

// Claims no more than the defaults do: every detector is on by default, but each one masks what it
// recognises, not every way a detail can be written; and the end-of-day wipe is a kiosk default only.
export const DEFAULT_NOTICE =
  'This help point runs entirely on this device. If you choose to save a conversation, its messages are kept ' +
  'encrypted on this device for the time shown and then deleted automatically. Before anything is saved, the ' +
  'personal details Hushdesk recognises (such as names, addresses, phone numbers, e-mail addresses and card ' +
  'numbers) are replaced by a placeholder. When the assistant could not answer a question in a saved ' +
  'conversation, that question alone (masked the same way, without the rest of the conversation or the time) ' +
  'may be kept for a limited time, 30 days unless the shop sets otherwise, so staff can teach the assistant; it ' +
  'is never kept from a conversation you chose not to save. Nothing is sent to a server or the internet. You can ' +
  'delete your conversation at any time.';

export interface PrivacyInputs {
  store: Store;
  settings: Settings;
  /** The folder exports are saved in now (the chosen one, else the host's default). */
  exportDir: string;
  retentionText: (policy: RetentionPolicy) => string;
  nextScheduledWipe: () => number | null;
  lastWipe: () => { at: number; scope: string } | null;
  dutyStatus: () => DutyStatus;
  verifyAudit: () => AuditVerification;
  networkBlocked: () => number;
}

export function currentNotice(store: Store): { version: number; text: string } {
  const n = latestNotice(store.db);
  return n ? { version: n.version, text: n.text } : { version: 0, text: DEFAULT_NOTICE };
}

export function publishNotice(store: Store, text: string, at: number): number {
  const version = currentNotice(store).version + 1;
  addNotice(store.db, { version, text, at });
  return version;
}

export function privacyFacts(i: PrivacyInputs): PrivacyFacts {
  const files = storeFiles(i.store);
  const counts = tableCounts(i.store.db);
  return {
    dataDir: i.store.paths.dataDir,
    exportDir: i.exportDir,
    databaseFile: i.store.paths.db,
    databaseBytes: files.databaseBytes + files.walBytes,
    cipher: 'SQLCipher 4 (AES-256-CBC, HMAC-SHA512)',
    keyProtector: i.store.keyProtector,
    counts: {
      conversations: counts.conversations,
      messages: counts.messages,
      consents: counts.consents,
      auditEntries: counts.auditEntries,
      knowledgeBaseVersions: counts.knowledgeBaseVersions,
      missedQuestions: counts.missedQuestions,
      settings: counts.settings,
    },
    retention: i.settings.retention,
    retentionText: i.retentionText(i.settings.retention),
    conversationPolicy: i.settings.conversationPolicy,
    nextScheduledWipe: i.nextScheduledWipe(),
    lastWipe: i.lastWipe(),
    duties: i.dutyStatus(),
    auditChain: i.verifyAudit(),
    networkRequestsBlocked: i.networkBlocked(),
    redactionEnabled: i.settings.redactPii,
    masking: maskingOf(i.settings),
    privacyNotice: currentNotice(i.store),
    missedQuestionKeeping: missedQuestionKeeping(i.store),
  };
}

/** The inbox's settings as a person reads them (the built-in notice says only "30 days unless the shop sets otherwise"). */
export function missedQuestionKeeping(store: Store): PrivacyFacts['missedQuestionKeeping'] {
  const m = missSettings(store.db);
  return { enabled: m.enabled, retentionDays: m.retentionDays, keepOnDayWipe: m.keepOnDayWipe };
}

/**
 * The same facts, as the sentences the bot's privacy intents fill in, in `language` ('es': Spanish,
 * with `retentionText` already in Spanish, e.g. "30 días"; anything else: English).
 */
type BotFactsInput = Pick<PrivacyFacts, 'counts' | 'retention' | 'retentionText' | 'masking' | 'conversationPolicy' | 'missedQuestionKeeping'>;

export function botFacts(f: BotFactsInput, mode: SaveMode, language = 'en'): Record<string, string> {
  if (language === 'es') return botFactsEs(f, mode);
  // The same list as the "Your data" panel: the bot names what is masked, and nothing more.
  const masked = f.masking.types.length > 0 ? `, with ${maskedWords(f.masking.types)} masked` : ', as typed: nothing is masked';
  const kept =
    f.conversationPolicy === 'never' || f.retention.kind === 'none'
      ? 'nothing: conversations here are never saved.'
      : `the messages of a conversation and when each was sent, only ${f.conversationPolicy === 'ask' ? 'if you agree to save it' : 'while the retention period lasts'}${masked}.`;
  return {
    storedItems: kept,
    retention: f.retention.kind === 'none' ? 'Nothing is kept after the conversation ends.' : `Saved conversations are deleted automatically after ${f.retentionText}.`,
    cipher: 'SQLCipher (AES-256)',
    // Through Intl like every number the bot says ("1,204"; Spanish "1204", "12.040").
    conversationCount: new Intl.NumberFormat('en').format(f.counts.conversations),
    neverSent: 'Nothing is ever sent to a server or the internet.',
    saveMode: mode === 'saved' ? 'saved' : 'not saved (it lives only in memory and disappears when you finish)',
    dataLocation: 'this device, in an encrypted file',
    // The inbox as set: the privacy answer says "exactly what this kiosk keeps", so this is part of it.
    missedQuestions: f.missedQuestionKeeping.enabled
      ? ` A question I could not answer in a saved conversation is kept on its own, masked and without the rest of the conversation, for up to ${f.missedQuestionKeeping.retentionDays === 1 ? '1 day' : `${f.missedQuestionKeeping.retentionDays} days`} so staff can teach me.`
      : '',
  };
}

function botFactsEs(f: BotFactsInput, mode: SaveMode): Record<string, string> {
  const masked = f.masking.types.length > 0 ? `, con ${maskedWords(f.masking.types, 'es')} ocultos` : ', tal como se escriben: no se oculta nada';
  const kept =
    f.conversationPolicy === 'never' || f.retention.kind === 'none'
      ? 'nada: aquí las conversaciones no se guardan nunca.'
      : `los mensajes de una conversación y la hora de cada uno, solo ${f.conversationPolicy === 'ask' ? 'si aceptas guardarla' : 'mientras dure el plazo de conservación'}${masked}.`;
  return {
    storedItems: kept,
    retention: f.retention.kind === 'none' ? 'No se guarda nada cuando termina la conversación.' : `Las conversaciones guardadas se borran automáticamente ${whenEs(f.retention, f.retentionText)}.`,
    cipher: 'SQLCipher (AES-256)',
    conversationCount: new Intl.NumberFormat('es').format(f.counts.conversations),
    neverSent: 'Nunca se envía nada a un servidor ni a internet.',
    saveMode: mode === 'saved' ? 'guardada' : 'sin guardar (solo está en la memoria y desaparece al terminar)',
    dataLocation: 'este dispositivo, en un archivo cifrado',
    missedQuestions: f.missedQuestionKeeping.enabled
      ? ` Una pregunta que no supe responder en una conversación guardada se guarda aparte, con los datos ocultos y sin el resto de la conversación, hasta ${f.missedQuestionKeeping.retentionDays === 1 ? '1 día' : `${f.missedQuestionKeeping.retentionDays} días`} para que el personal me enseñe.`
      : '',
  };
}

/** "a los 30 días", "a las 12 horas", "al cabo de 1 día", "al final del día (después del cierre)". */
function whenEs(p: RetentionPolicy, text: string): string {
  if (p.kind === 'days') return p.days === 1 ? `al cabo de ${text}` : `a los ${text}`;
  if (p.kind === 'hours') return p.hours === 1 ? `al cabo de ${text}` : `a las ${text}`;
  return `al ${text.replace(/^el /, '')}`;
}
