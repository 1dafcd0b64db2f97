/**
 * The audit log: append-only and hash-chained. Each entry's hash covers the previous entry's hash,
 * its sequence number, time, kind and canonical detail, so editing, inserting or deleting an entry
 * breaks every link after it and `verifyAudit` names the first broken one.
 *
 * Details never hold message content: only numbers, booleans, null and short identifier-like strings
 * are kept; any other string is replaced by a marker before it is hashed or stored.
 *
 * Retention: entries older than the audit retention (default one year) are purged; the last purged
 * entry's seq and hash become the chain's anchor (meta `audit.anchor`), and verification starts from
 * it. The head (meta `audit.head`) records the newest entry so that cutting entries off the end is
 * also reported.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import type { AuditEntry, AuditProblem, AuditVerification } from '../../shared/domain';
import { AppFailure } from '../../shared/result';
import type { Db } from '../store';
import { getMeta, setMeta, transaction } from '../store';
import { auditRowsBefore, countAuditRows, deleteAuditUpTo, insertAuditRow, iterateAuditRows, lastAuditLinkBefore, newestAuditLink, type AuditLink, type AuditRow } from '../store/queries/audit';
import { AtomicFile } from './export/atomic';
import { checkExportFile, type TargetRules } from './export/target';

/** Every kind the app records. Other short snake_case kinds are accepted (services may add some). */
export const AUDIT_KINDS = [
  'app_start',
  'unlock_success',
  'unlock_failed',
  'staff_pin_failed',
  'staff_pin_set',
  'data_viewed',
  'export',
  'wipe',
  'retention_purge',
  'audit_purge',
  'settings_changed',
  'kb_changed',
  'consent_withdrawn',
  'passphrase_changed',
  'protector_changed',
  'notice_changed',
  'store_set_aside',
  'duty_failed',
  'consent_given',
  'redacted',
  'network_blocked',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export type AuditDetail = AuditEntry['detail'];

export const GENESIS_HASH = '0'.repeat(64);
export const DEFAULT_AUDIT_RETENTION_MS = 365 * 24 * 3600 * 1000;
const KIND_RE = /^[a-z][a-z0-9_]{0,39}$/;
const KEY_RE = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
/** Identifiers, formats, scopes, comma-separated key names: nothing a sentence fits in. */
const SAFE_STRING_RE = /^[A-Za-z0-9_.:,\-]{0,80}$/;
const MAX_DETAIL_KEYS = 16;
/** What a string that is not a short identifier becomes (it may be content). */
export const STRIPPED = '[stripped]';

const META_ANCHOR = 'audit.anchor';
const META_HEAD = 'audit.head';

type Link = AuditLink;

/**
 * Keeps only what may be logged. Long or free-text strings are replaced by STRIPPED (not rejected:
 * an audit call must never make the action it records fail), non-finite numbers become null.
 */
export function sanitizeDetail(detail: Record<string, unknown> = {}): AuditDetail {
  const out: AuditDetail = {};
  for (const key of Object.keys(detail).sort().slice(0, MAX_DETAIL_KEYS)) {
    if (!KEY_RE.test(key)) continue;
    const v = detail[key];
    if (v === null || typeof v === 'boolean') out[key] = v;
    else if (typeof v === 'number') out[key] = Number.isFinite(v) ? v : null;
    else if (typeof v === 'string') out[key] = SAFE_STRING_RE.test(v) ? v : STRIPPED;
    else if (v !== undefined) out[key] = STRIPPED;
  }
  return out;
}

/** JSON with keys sorted: the same detail always hashes the same. */
export function canonicalJson(detail: AuditDetail): string {
  return JSON.stringify(Object.fromEntries(Object.keys(detail).sort().map((k) => [k, detail[k]])));
}

export function entryHash(prevHash: string, seq: number, at: number, kind: string, detailJson: string): string {
  return crypto.createHash('sha256').update(`${prevHash}\n${seq}\n${at}\n${kind}\n${detailJson}`, 'utf8').digest('hex');
}

function parseLink(value: string | undefined): Link | null {
  if (!value) return null;
  const m = /^(\d+):([0-9a-f]{64})$/.exec(value);
  return m ? { seq: Number(m[1]), hash: m[2] as string } : null;
}

const linkText = (l: Link): string => `${l.seq}:${l.hash}`;

function lastLink(db: Db): Link {
  const row = newestAuditLink(db);
  if (row) return row;
  return parseLink(getMeta(db, META_ANCHOR)) ?? { seq: 0, hash: GENESIS_HASH };
}

function toEntry(r: AuditRow): AuditEntry {
  return { seq: r.seq, at: r.at, kind: r.kind, detail: JSON.parse(r.detail) as AuditDetail, hash: r.hash };
}

/** Appends one event (inside the caller's transaction when there is one). */
export function appendAudit(db: Db, kind: string, detail: Record<string, unknown> | undefined, at: number): AuditEntry {
  if (!KIND_RE.test(kind)) throw new AppFailure('invalid_input', `audit kind must be a short snake_case name`);
  const clean = sanitizeDetail(detail);
  const json = canonicalJson(clean);
  const time = Math.floor(at);
  return transaction(db, () => {
    const prev = lastLink(db);
    const seq = prev.seq + 1;
    const hash = entryHash(prev.hash, seq, time, kind, json);
    insertAuditRow(db, { seq, at: time, kind, detail: json, prev_hash: prev.hash, hash });
    setMeta(db, META_HEAD, linkText({ seq, hash }));
    return { seq, at: time, kind, detail: clean, hash };
  });
}

export interface ListAuditOptions {
  limit?: number;
  /** Only entries with seq below this (paging backwards). */
  beforeSeq?: number;
  kind?: string;
}

/** Newest first. */
export function listAudit(db: Db, o: ListAuditOptions = {}): AuditEntry[] {
  const limit = Math.max(1, Math.min(o.limit ?? 100, 10_000));
  return auditRowsBefore(db, o.beforeSeq ?? Number.MAX_SAFE_INTEGER, o.kind ?? null, limit).map(toEntry);
}

/** A broken chain's reason in English (the CLI's and the report's line), from its code and entry numbers. */
function problemText(p: AuditProblem): string {
  switch (p.code) {
    case 'entries_missing':
      return `entries ${p.from}..${p.to} are missing before entry ${p.at}`;
    case 'out_of_order':
      return `entry ${p.at} is out of order`;
    case 'bad_link':
      return `entry ${p.at} does not link to entry ${p.previous} (previous hash differs)`;
    case 'unreadable':
      return `entry ${p.at} has an unreadable detail`;
    case 'changed':
      return `entry ${p.at} was changed after it was written (hash mismatch)`;
    case 'entries_removed':
      return `entries after ${p.after} up to ${p.head} were removed`;
    case 'head_mismatch':
      return 'the recorded head of the log does not match its last entry';
    case 'broken':
      return `entry ${p.at} is broken`;
  }
}

const broken = (entries: number, brokenAt: number, problem: AuditProblem): AuditVerification => ({ ok: false, entries, brokenAt, reason: problemText(problem), problem });

/** Walks the whole chain (streamed) and reports the first broken link. */
export function verifyAudit(db: Db): AuditVerification {
  const anchor = parseLink(getMeta(db, META_ANCHOR));
  const headMeta = getMeta(db, META_HEAD);
  const head = parseLink(headMeta);
  let prev: Link = anchor ?? { seq: 0, hash: GENESIS_HASH };
  let entries = 0;
  // Counted first: no other statement may run on the connection while iterate() is open.
  const total = countAudit(db);
  let failure: AuditVerification | null = null;
  // iterate() keeps one row in memory at a time; nothing else runs on the connection meanwhile.
  for (const r of iterateAuditRows(db)) {
    entries++;
    if (r.seq !== prev.seq + 1) {
      failure = broken(total, r.seq, r.seq > prev.seq + 1 ? { code: 'entries_missing', from: prev.seq + 1, to: r.seq - 1, at: r.seq } : { code: 'out_of_order', at: r.seq });
      break;
    }
    if (r.prev_hash !== prev.hash) {
      failure = broken(total, r.seq, { code: 'bad_link', at: r.seq, previous: prev.seq });
      break;
    }
    let detail: AuditDetail;
    try {
      detail = JSON.parse(r.detail) as AuditDetail;
    } catch {
      failure = broken(total, r.seq, { code: 'unreadable', at: r.seq });
      break;
    }
    if (entryHash(r.prev_hash, r.seq, r.at, r.kind, canonicalJson(detail)) !== r.hash || canonicalJson(detail) !== r.detail) {
      failure = broken(total, r.seq, { code: 'changed', at: r.seq });
      break;
    }
    prev = { seq: r.seq, hash: r.hash };
  }
  if (failure) return failure;
  if (headMeta !== undefined && (!head || head.seq !== prev.seq || head.hash !== prev.hash)) {
    return head && head.seq > prev.seq ? broken(entries, prev.seq + 1, { code: 'entries_removed', after: prev.seq, head: head.seq }) : broken(entries, prev.seq, { code: 'head_mismatch' });
  }
  return { ok: true, entries, brokenAt: null, reason: null };
}

/** How many entries the log holds. */
export const countAudit = countAuditRows;

/**
 * Audit retention: removes entries older than `maxAgeMs`, moves the anchor to the last removed one
 * and records an `audit_purge` event (so the chain stays verifiable from the anchor). Never removes
 * the newest entry, so the head stays provable.
 */
export function purgeAudit(db: Db, now: number, maxAgeMs = DEFAULT_AUDIT_RETENTION_MS): number {
  return transaction(db, () => {
    const cutoff = now - maxAgeMs;
    const last = lastAuditLinkBefore(db, cutoff);
    if (!last) return 0;
    const removed = deleteAuditUpTo(db, last.seq);
    setMeta(db, META_ANCHOR, linkText(last));
    appendAudit(db, 'audit_purge', { entries: removed, upToSeq: last.seq }, now);
    return removed;
  });
}

/** The anchor (last purged entry) the chain is verified from, or null when nothing was purged. */
export function auditAnchor(db: Db): { seq: number; hash: string } | null {
  return parseLink(getMeta(db, META_ANCHOR));
}

export const AUDIT_EXPORT_FORMAT = 'hushdesk-audit';

/**
 * Writes the log as JSON lines: a header line ({format, version, anchor, exportedAt}), then one line
 * per entry oldest first ({seq, at, kind, detail, prevHash, hash}), so a third party can re-verify
 * the chain. Streams through an atomic file (temp + fsync + rename). Returns the entry count.
 * Like every export, never inside the data folder, never over a device or link, an existing file
 * only with `force` (export/target.ts).
 */
export function exportAudit(db: Db, file: string, now: number, rules: TargetRules): { entries: number; bytes: number; path: string } {
  const out = new AtomicFile(checkExportFile(file, rules), rules.dataDir);
  let entries = 0;
  try {
    out.write(`${JSON.stringify({ format: AUDIT_EXPORT_FORMAT, version: 1, exportedAt: new Date(now).toISOString(), anchor: auditAnchor(db) })}\n`);
    for (const r of iterateAuditRows(db)) {
      out.write(`${JSON.stringify({ seq: r.seq, at: r.at, kind: r.kind, detail: JSON.parse(r.detail) as AuditDetail, prevHash: r.prev_hash, hash: r.hash })}\n`);
      entries++;
    }
    const bytes = out.commit();
    return { entries, bytes, path: out.file };
  } catch (e) {
    out.abort();
    throw e;
  }
}

/** Verifies an exported JSON-lines audit file without the database (same rules as verifyAudit). */
export function verifyAuditExport(file: string): AuditVerification {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
  const header = JSON.parse(lines[0] ?? '{}') as { format?: string; anchor?: Link | null };
  if (header.format !== AUDIT_EXPORT_FORMAT) throw new AppFailure('invalid_input', `${file} is not a Hushdesk audit export`);
  let prev: Link = header.anchor ?? { seq: 0, hash: GENESIS_HASH };
  let n = 0;
  for (const line of lines.slice(1)) {
    const e = JSON.parse(line) as { seq: number; at: number; kind: string; detail: AuditDetail; prevHash: string; hash: string };
    n++;
    if (e.seq !== prev.seq + 1 || e.prevHash !== prev.hash || entryHash(e.prevHash, e.seq, e.at, e.kind, canonicalJson(e.detail)) !== e.hash) {
      return broken(lines.length - 1, e.seq, { code: 'broken', at: e.seq });
    }
    prev = { seq: e.seq, hash: e.hash };
  }
  return { ok: true, entries: n, brokenAt: null, reason: null };
}
