/**
 * The audit report: what the device kept and erased over a period, for an inspector. Built from the
 * hash-chained audit log and the settings, never from conversations: every field is a count, a
 * time, a code or a hash. Shared by main/ (builds and renders it) and the renderer (shows it).
 */
import type { AuditProblem } from './domain';

/** What the audit log records only since this version (the report says "not recorded before" that date). */
export const REPORT_RECORDED_SINCE: Readonly<Record<'consentGiven' | 'redactions' | 'networkBlocked', string>> = {
  consentGiven: '2026-12-02',
  redactions: '2026-12-02',
  // Written hourly and when the app closes (main/backend/runtime.ts), as counts: never a URL.
  networkBlocked: '2026-12-02',
};

export interface ReportPeriod {
  /** YYYY-MM-DD, inclusive, device time zone. */
  from: string;
  to: string;
  /** Epoch ms: local midnight starting `from`, local midnight after `to` (exclusive). */
  startMs: number;
  endMs: number;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function localMidnight(day: string): number | null {
  const m = DAY_RE.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(y, mo - 1, d);
  // Rejects 2026-02-30 and friends (Date rolls them over).
  if (t.getFullYear() !== y || t.getMonth() !== mo - 1 || t.getDate() !== d) return null;
  return t.getTime();
}

/** Parses a period; returns the reason in words when it is not one. */
export function parseReportPeriod(from: string, to: string): ReportPeriod | { error: string } {
  const s = localMidnight(from);
  if (s === null) return { error: `--from must be a date YYYY-MM-DD (got "${from.slice(0, 20)}")` };
  const e = localMidnight(to);
  if (e === null) return { error: `--to must be a date YYYY-MM-DD (got "${to.slice(0, 20)}")` };
  if (s > e) return { error: `the period starts (${from}) after it ends (${to})` };
  const [y, mo, d] = to.split('-').map(Number) as [number, number, number];
  return { from, to, startMs: s, endMs: new Date(y, mo - 1, d + 1).getTime() };
}

/** A scheduled wipe this much after its time was missed (it ran at the next start). */
export const MISSED_AFTER_MS = 15 * 60_000;

export interface ReportWipe {
  at: number;
  scope: string;
  /** staff, scheduled, cli; '' when the entry predates the trigger field. */
  trigger: string;
  outcome: 'completed' | 'failed';
  /** A scheduled wipe that ran more than MISSED_AFTER_MS after it was due (the app was closed): when it was due. */
  missedAt: number | null;
  conversations: number;
  messages: number;
  /** Failed: the error code (never a message). */
  code: string | null;
}

export interface ReportEvent {
  at: number;
  /** A short code: passphrase_changed, protector_changed, day_wipe_rekey, settings keys... */
  what: string;
}

export interface AuditReport {
  period: { from: string; to: string };
  generatedAt: number;
  device: { platform: string; arch: string; appVersion: string };
  store: { cipher: string; keyProtector: string };
  retention: { policy: string; endOfDayWipeAt: string | null; changes: ReportEvent[] };
  keyRotations: ReportEvent[];
  wipes: ReportWipe[];
  erasures: { conversationsDeleted: number; retentionPurges: number; retentionPurgedConversations: number; consentWithdrawals: number };
  exports: { count: number; byFormat: { format: string; encrypted: boolean; count: number }[] };
  /** `recordedSince` is set when the period starts before the log recorded the kind (the count is partial). */
  consent: { given: number; withdrawn: number; recordedSince: string | null };
  redactions: { byType: { type: string; count: number }[]; recordedSince: string | null };
  networkBlocked: { count: number; recordedSince: string | null };
  kbPublished: { at: number; version: string }[];
  staffPin: { failures: number; lockouts: number };
  /** Every entry of the period, by kind (codes only): the rest of what was recorded. */
  eventCounts: { kind: string; count: number }[];
  chain: { ok: boolean; entries: number; brokenAt: number | null; reason: string | null; problem?: AuditProblem; headSeq: number | null; headHash: string | null };
}
