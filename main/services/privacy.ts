/**
 * Live privacy facts: what is stored, where, how it is protected, for how long, and what the
 * network guard has refused. One function feeds both the "Your data" panel and the bot's answer to
 * "what do you keep about me", so the two can never disagree.
 */
import type { AuditVerification, DutyStatus, PrivacyFacts, RetentionPolicy, SaveMode, Settings } from '../../shared/domain';
import { PII_TYPES } from '../privacy/redact';
import { addNotice, latestNotice, storeFiles, tableCounts, type Store } from '../store';

/** What the redactor masks under these settings: redact() runs every type it has unless told otherwise. */
export function maskingOf(s: Pick<Settings, 'redactPii' | 'storeRegion' | 'customPiiPatterns'>): PrivacyFacts['masking'] {
  if (!s.redactPii) return { types: [], phoneRegion: s.storeRegion, customPatterns: [] };
  const custom = s.customPiiPatterns.map((p) => p.name);
  return { types: PII_TYPES.filter((t) => t !== 'custom' || custom.length > 0), phoneRegion: s.storeRegion, customPatterns: custom };
}

export const DEFAULT_NOTICE =
  'This help point runs entirely on this device. If you choose to save a conversation, its messages are kept ' +
  'encrypted on this device for the time shown and then deleted automatically. Personal details such as card ' +
  'numbers, e-mail addresses and phone numbers are masked before anything is saved. Nothing is sent to a server ' +
  'or the internet. You can delete your conversation at any time, and staff erase all conversations at the end of the day.';

export interface PrivacyInputs {
  store: Store;
  settings: Settings;
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
  };
}

/** The same facts, as the sentences the bot's privacy intents fill in. */
export function botFacts(f: Pick<PrivacyFacts, 'counts' | 'retention' | 'retentionText' | 'redactionEnabled' | 'conversationPolicy'>, mode: SaveMode): Record<string, string> {
  const kept =
    f.conversationPolicy === 'never' || f.retention.kind === 'none'
      ? 'nothing: conversations here are never saved.'
      : `the messages of a conversation and when each was sent, only ${f.conversationPolicy === 'ask' ? 'if you agree to save it' : 'while the retention period lasts'}${f.redactionEnabled ? ', with card numbers, e-mail addresses and phone numbers masked' : ''}.`;
  return {
    storedItems: kept,
    retention: f.retention.kind === 'none' ? 'Nothing is kept after the conversation ends.' : `Saved conversations are deleted automatically after ${f.retentionText}.`,
    cipher: 'SQLCipher (AES-256)',
    conversationCount: String(f.counts.conversations),
    neverSent: 'Nothing is ever sent to a server or the internet.',
    saveMode: mode === 'saved' ? 'saved' : 'not saved (it lives only in memory and disappears when you finish)',
    dataLocation: 'this device, in an encrypted file',
  };
}
