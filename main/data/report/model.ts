/**
 * Builds the audit report's model from the audit log of one period (plus the chain verification
 * and the current settings). Only the log's codes, counts and times are read: the log never holds
 * content (audit.ts sanitizeDetail), and nothing here opens a conversation or message table.
 */
import type { KeyProtectorInfo } from '../../../shared/domain';
import { MISSED_AFTER_MS, REPORT_RECORDED_SINCE, type AuditReport, type ReportEvent, type ReportPeriod, type ReportWipe } from '../../../shared/report';
import type { Db } from '../../store';
import { newestAuditLink } from '../../store/queries/audit';
import { auditRowsBetween } from '../../store/queries/report';
import { verifyAudit, type AuditDetail } from '../audit';

export interface ReportInputs {
  period: ReportPeriod;
  now: number;
  /** platform + arch only: no hostname, user or OS build is put in a report. */
  device: { platform: string; arch: string; appVersion: string };
  keyProtector: KeyProtectorInfo;
  /** The retention policy in words now, and the wipe time ("22:00", "after closing", null). */
  retention: { policy: string; endOfDayWipeAt: string | null };
}

const num = (d: AuditDetail, k: string): number => (typeof d[k] === 'number' ? (d[k] as number) : 0);
const str = (d: AuditDetail, k: string): string => (typeof d[k] === 'string' ? (d[k] as string) : '');

function protectorText(p: KeyProtectorInfo): string {
  if (p.kind === 'passphrase') return 'passphrase (scrypt)';
  return `device keychain${p.backend ? ` (${p.backend})` : ''}${p.protectedByOs ? '' : ', not protected by the OS'}`;
}

/** Settings keys that change what is kept or when it goes. */
const RETENTION_KEYS = /^(retention|endOfDayWipeAt|wipeAfterClosing|openingHours|auditRetention)/;

export function buildReport(db: Db, i: ReportInputs): AuditReport {
  // Verified first: verifyAudit iterates the log and nothing else may run on the connection meanwhile.
  const v = verifyAudit(db);
  const head = newestAuditLink(db) ?? null;
  const rows = auditRowsBetween(db, i.period.startMs, i.period.endMs);

  const wipes: ReportWipe[] = [];
  const keyRotations: ReportEvent[] = [];
  const retentionChanges: ReportEvent[] = [];
  const exportsBy = new Map<string, { format: string; encrypted: boolean; count: number }>();
  const kinds = new Map<string, number>();
  const kbPublished: { at: number; version: string }[] = [];
  const erasures = { conversationsDeleted: 0, retentionPurges: 0, retentionPurgedConversations: 0, consentWithdrawals: 0 };
  let consentGiven = 0;
  let networkBlocked = 0;
  const redactions = new Map<string, number>();
  let pinFailures = 0;
  let lockouts = 0;
  let exportCount = 0;

  for (const r of rows) {
    kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
    let d: AuditDetail;
    try {
      d = JSON.parse(r.detail) as AuditDetail;
    } catch {
      d = {};
    }
    switch (r.kind) {
      case 'wipe': {
        const scope = str(d, 'scope');
        if (scope === 'conversation') erasures.conversationsDeleted += num(d, 'conversations');
        // Recorded since dueAt was added: a scheduled wipe that ran well after its time was missed.
        const dueAt = typeof d.dueAt === 'number' ? d.dueAt : null;
        const missedAt = dueAt !== null && r.at - dueAt > MISSED_AFTER_MS ? dueAt : null;
        wipes.push({ at: r.at, scope, trigger: str(d, 'trigger') || (scope === 'conversation' ? 'staff' : ''), outcome: 'completed', missedAt, conversations: num(d, 'conversations'), messages: num(d, 'messages'), code: null });
        if (d.rotatedKey === true) keyRotations.push({ at: r.at, what: 'new key (end-of-day wipe)' });
        break;
      }
      case 'duty_failed':
        // The scheduled duties (end-of-day wipe, then retention purge) run as one and fail as one: the
        // row says so rather than claim which step failed; its outcome is the error code.
        wipes.push({ at: r.at, scope: str(d, 'duty') === 'scheduled' || !str(d, 'duty') ? 'scheduled duty' : str(d, 'duty'), trigger: 'scheduled', outcome: 'failed', missedAt: null, conversations: 0, messages: 0, code: str(d, 'code') || null });
        break;
      case 'passphrase_changed':
        keyRotations.push({ at: r.at, what: 'passphrase changed (key rewrapped)' });
        break;
      case 'protector_changed':
        keyRotations.push({ at: r.at, what: `key protection changed to ${str(d, 'to') || 'another protector'}` });
        break;
      case 'retention_purge':
        erasures.retentionPurges += 1;
        erasures.retentionPurgedConversations += num(d, 'conversations');
        break;
      case 'consent_withdrawn':
        erasures.consentWithdrawals += 1;
        break;
      case 'consent_given':
        consentGiven += 1;
        break;
      case 'redacted':
        // Detail keys are the redactor's types, values how many of each one stored line had masked.
        for (const [type, n] of Object.entries(d)) if (typeof n === 'number') redactions.set(type, (redactions.get(type) ?? 0) + n);
        break;
      case 'network_blocked':
        networkBlocked += num(d, 'requests');
        break;
      case 'export': {
        exportCount += 1;
        const format = str(d, 'format') || 'unknown';
        const encrypted = d.encrypted === true;
        const key = `${format}:${encrypted}`;
        const e = exportsBy.get(key) ?? { format, encrypted, count: 0 };
        e.count += 1;
        exportsBy.set(key, e);
        break;
      }
      case 'kb_published':
        kbPublished.push({ at: r.at, version: String(d.version ?? '') });
        break;
      case 'staff_pin_failed':
        pinFailures += 1;
        if (num(d, 'lockedOutMs') > 0) lockouts += 1;
        break;
      case 'settings_changed': {
        const keys = str(d, 'keys')
          .split(',')
          .filter((k) => RETENTION_KEYS.test(k));
        if (keys.length > 0) retentionChanges.push({ at: r.at, what: keys.join(', ') });
        break;
      }
      default:
        break;
    }
  }

  // A kind the log records only since REPORT_RECORDED_SINCE: a period that starts earlier gets the count with a caveat.
  const since = (kind: keyof typeof REPORT_RECORDED_SINCE): string | null => (i.period.from < REPORT_RECORDED_SINCE[kind] ? REPORT_RECORDED_SINCE[kind] : null);
  return {
    period: { from: i.period.from, to: i.period.to },
    generatedAt: i.now,
    device: i.device,
    store: { cipher: 'SQLCipher (AES-256)', keyProtector: protectorText(i.keyProtector) },
    retention: { ...i.retention, changes: retentionChanges },
    keyRotations,
    wipes,
    erasures,
    exports: { count: exportCount, byFormat: [...exportsBy.values()].sort((a, b) => a.format.localeCompare(b.format)) },
    consent: { given: consentGiven, withdrawn: erasures.consentWithdrawals, recordedSince: since('consentGiven') },
    redactions: { byType: [...redactions.entries()].map(([type, count]) => ({ type, count })).sort((a, b) => a.type.localeCompare(b.type)), recordedSince: since('redactions') },
    networkBlocked: { count: networkBlocked, recordedSince: since('networkBlocked') },
    kbPublished,
    staffPin: { failures: pinFailures, lockouts },
    eventCounts: [...kinds.entries()].map(([kind, count]) => ({ kind, count })).sort((a, b) => a.kind.localeCompare(b.kind)),
    chain: { ok: v.ok, entries: v.entries, brokenAt: v.brokenAt, reason: v.reason, ...(v.problem ? { problem: v.problem } : {}), headSeq: head?.seq ?? null, headHash: head?.hash ?? null },
  };
}
