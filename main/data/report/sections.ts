/**
 * The report's words, once, as sections of label/value rows and tables: the HTML and the PDF
 * renderers lay the same sections out, so both say exactly the same thing.
 */
import type { AuditReport } from '../../../shared/report';

export interface ReportSection {
  title: string;
  rows?: [string, string][];
  table?: { head: string[]; rows: string[][]; empty: string };
  note?: string;
}

/** UTC, to the minute: unambiguous for an inspector in another time zone. */
export const reportTime = (at: number): string => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** A count the log kept only from `since`: said with the caveat, never passed off as the whole period. */
const partial = (value: string, since: string | null): string => (since ? `${value} (not recorded before ${since})` : value);

/** A wipe's scope in words (the log keeps the code: day, conversation, all, scheduled duty). */
const WIPE_SCOPE_WORDS: Readonly<Record<string, string>> = {
  day: 'End-of-day wipe',
  conversation: 'One conversation',
  all: 'Everything (erase all)',
  'scheduled duty': 'Scheduled duties (end-of-day wipe and retention purge)',
};

/** Who started a wipe, in words (the log keeps staff, scheduled, cli). */
const WIPE_TRIGGER_WORDS: Readonly<Record<string, string>> = { staff: 'Staff', scheduled: 'The schedule (automatic)', cli: 'The command line' };

/** An unknown code as it is; '-' for a trigger from entries older than the field (''). */
const wipeScopeText = (scope: string): string => WIPE_SCOPE_WORDS[scope] ?? scope;
const wipeTriggerText = (trigger: string): string => (trigger === '' ? '-' : (WIPE_TRIGGER_WORDS[trigger] ?? trigger));

export function reportTitle(r: AuditReport): string {
  return `Hushdesk audit report, ${r.period.from} to ${r.period.to}`;
}

export function reportSections(r: AuditReport): ReportSection[] {
  const c = r.chain;
  return [
    {
      title: 'Period and device',
      rows: [
        ['Period', `${r.period.from} to ${r.period.to} (inclusive, device time zone)`],
        ['Generated', reportTime(r.generatedAt)],
        ['Device', `${r.device.platform} ${r.device.arch}`],
        ['App version', r.device.appVersion],
        ['Cipher', r.store.cipher],
        ['Key protection', r.store.keyProtector],
      ],
    },
    {
      title: 'Audit chain',
      rows: [
        ['Verification', c.ok ? `verified: ${c.entries} entries, every link checked` : `BROKEN at entry #${c.brokenAt ?? '?'}: ${c.reason ?? ''}`],
        ['Head entry', c.headSeq === null ? 'empty log' : `#${c.headSeq}`],
        ['Head hash', c.headHash ?? '-'],
      ],
      note: 'A later report must show the same entry and hash in its chain (or a later head that links to it).',
    },
    {
      title: 'Retention policy',
      rows: [
        ['Conversations are kept', r.retention.policy],
        ['End-of-day wipe', r.retention.endOfDayWipeAt ?? 'none'],
      ],
      table: { head: ['Changed at', 'Settings changed'], rows: r.retention.changes.map((e) => [reportTime(e.at), e.what]), empty: 'No retention changes in this period.' },
    },
    {
      title: 'Wipes',
      table: {
        head: ['Time', 'Scope', 'Trigger', 'Outcome', 'Conversations', 'Messages'],
        rows: r.wipes.map((w) => [reportTime(w.at), wipeScopeText(w.scope), wipeTriggerText(w.trigger), w.outcome === 'failed' ? `failed (${w.code ?? 'error'})` : w.missedAt !== null ? `completed late (missed ${reportTime(w.missedAt)})` : 'completed', String(w.conversations), String(w.messages)]),
        empty: 'No wipes in this period.',
      },
    },
    {
      title: 'Key rotations',
      table: { head: ['Time', 'What'], rows: r.keyRotations.map((e) => [reportTime(e.at), e.what]), empty: 'No key rotations in this period.' },
    },
    {
      title: 'Erasures',
      rows: [
        ['Conversations deleted one by one', String(r.erasures.conversationsDeleted)],
        ['Retention purges', `${r.erasures.retentionPurges} (${r.erasures.retentionPurgedConversations} conversations)`],
        ['Deleted by the customer (consent withdrawn)', String(r.erasures.consentWithdrawals)],
      ],
    },
    {
      title: 'Exports',
      rows: [['Exports', String(r.exports.count)]],
      table: { head: ['Format', 'Encrypted', 'Count'], rows: r.exports.byFormat.map((e) => [e.format, e.encrypted ? 'yes' : 'no', String(e.count)]), empty: 'No exports in this period.' },
    },
    {
      title: 'Consent, redaction, network',
      rows: [
        ['Consents given', partial(String(r.consent.given), r.consent.recordedSince)],
        ['Consents withdrawn', String(r.consent.withdrawn)],
        ['Redactions by type', partial(r.redactions.byType.map((t) => `${t.type}: ${t.count}`).join(', ') || 'none', r.redactions.recordedSince)],
        ['Network requests blocked', partial(String(r.networkBlocked.count), r.networkBlocked.recordedSince)],
      ],
    },
    {
      title: 'Knowledge base versions published',
      table: { head: ['Time', 'Version'], rows: r.kbPublished.map((k) => [reportTime(k.at), k.version]), empty: 'None published in this period.' },
    },
    {
      title: 'Staff PIN',
      rows: [
        ['Wrong PINs', String(r.staffPin.failures)],
        ['Lockouts', String(r.staffPin.lockouts)],
      ],
    },
    {
      title: 'Every audit event in the period, by kind',
      table: { head: ['Kind', 'Count'], rows: r.eventCounts.map((e) => [e.kind, String(e.count)]), empty: 'No audit events in this period.' },
      note: 'This report holds no conversation content: only counts, times, codes and hashes from the audit log.',
    },
  ];
}
