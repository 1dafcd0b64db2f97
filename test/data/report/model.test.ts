/**
 * The audit report's model and words on a real encrypted store: what each audit kind becomes
 * (wipes with their outcome, lockouts, redactions by type, blocked requests, retention changes,
 * exports by format), the period's bounds, the "not recorded before" caveat, the head hash, a
 * broken chain, and the HTML escaping. Entries are appended at chosen times with appendAudit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../../../main/data';
import { buildReport, renderReportHtml, reportSections } from '../../../main/data/report';
import type { Store } from '../../../main/store';
import { newestAuditLink } from '../../../main/store/queries/audit';
import { parseReportPeriod, type ReportPeriod } from '../../../shared/report';
import { cleanupTempDirs, tempDir } from '../../store/helpers';
import { openAt } from '../helpers';

let store: Store | null = null;
afterEach(() => {
  store?.close();
  store = null;
  cleanupTempDirs();
});

function period(from: string, to: string): ReportPeriod {
  const p = parseReportPeriod(from, to);
  if ('error' in p) throw new Error(p.error);
  return p;
}
const at = (day: string, hh: number): number => new Date(`${day}T${String(hh).padStart(2, '0')}:00:00`).getTime();

function report(s: Store, p: ReportPeriod) {
  return buildReport(s.db, {
    period: p,
    now: at('2026-12-20', 12),
    device: { platform: 'linux', arch: 'x64', appVersion: '9.9.9' },
    keyProtector: s.keyProtector,
    retention: { policy: 'the end of the day (22:00)', endOfDayWipeAt: '22:00' },
  });
}

describe('audit report model', () => {
  it('turns each kind of the period into its line, and leaves out what is outside the period', async () => {
    store = await openAt(tempDir('hushdesk-report-'));
    const db = store.db;
    appendAudit(db, 'wipe', { scope: 'day', conversations: 9, messages: 9, consents: 0, rotatedKey: true, trigger: 'scheduled' }, at('2026-12-09', 22)); // before the period
    // Due at 22:00, run at the next start the morning after: a missed wipe.
    appendAudit(db, 'wipe', { scope: 'day', conversations: 3, messages: 7, consents: 1, rotatedKey: true, trigger: 'scheduled', dueAt: at('2026-12-09', 22) }, at('2026-12-10', 8));
    appendAudit(db, 'wipe', { scope: 'day', conversations: 3, messages: 7, consents: 1, rotatedKey: true, trigger: 'scheduled', dueAt: at('2026-12-10', 22) }, at('2026-12-10', 22));
    appendAudit(db, 'duty_failed', { duty: 'scheduled', code: 'io_error' }, at('2026-12-11', 22));
    appendAudit(db, 'wipe', { scope: 'conversation', conversations: 1, messages: 2, consents: 0 }, at('2026-12-12', 10));
    appendAudit(db, 'staff_pin_failed', { failures: 1, lockedOutMs: 0 }, at('2026-12-12', 11));
    appendAudit(db, 'staff_pin_failed', { failures: 5, lockedOutMs: 30_000 }, at('2026-12-12', 11));
    appendAudit(db, 'redacted', { email: 1, phone: 2 }, at('2026-12-12', 12));
    appendAudit(db, 'redacted', { email: 2 }, at('2026-12-12', 13));
    appendAudit(db, 'network_blocked', { requests: 4 }, at('2026-12-12', 14));
    appendAudit(db, 'consent_given', {}, at('2026-12-12', 15));
    appendAudit(db, 'consent_withdrawn', { conversations: 1, messages: 2 }, at('2026-12-12', 16));
    appendAudit(db, 'settings_changed', { keys: 'locale,retention' }, at('2026-12-13', 9));
    appendAudit(db, 'settings_changed', { keys: 'locale' }, at('2026-12-13', 9));
    appendAudit(db, 'export', { what: 'conversations', format: 'json', encrypted: true }, at('2026-12-13', 10));
    appendAudit(db, 'export', { what: 'conversations', format: 'json', encrypted: true }, at('2026-12-13', 11));
    appendAudit(db, 'export', { what: 'conversation', format: 'qr', encrypted: false }, at('2026-12-13', 12));
    appendAudit(db, 'kb_published', { version: 7 }, at('2026-12-14', 12));
    appendAudit(db, 'passphrase_changed', {}, at('2026-12-14', 13));
    appendAudit(db, 'wipe', { scope: 'day', conversations: 5, messages: 5, consents: 0, rotatedKey: true, trigger: 'staff' }, at('2026-12-15', 0)); // the day after `to`

    const r = report(store, period('2026-12-10', '2026-12-14'));
    expect(r.wipes).toEqual([
      { at: at('2026-12-10', 8), scope: 'day', trigger: 'scheduled', outcome: 'completed', missedAt: at('2026-12-09', 22), conversations: 3, messages: 7, code: null },
      { at: at('2026-12-10', 22), scope: 'day', trigger: 'scheduled', outcome: 'completed', missedAt: null, conversations: 3, messages: 7, code: null },
      { at: at('2026-12-11', 22), scope: 'scheduled duty', trigger: 'scheduled', outcome: 'failed', missedAt: null, conversations: 0, messages: 0, code: 'io_error' },
      { at: at('2026-12-12', 10), scope: 'conversation', trigger: 'staff', outcome: 'completed', missedAt: null, conversations: 1, messages: 2, code: null },
    ]);
    expect(r.keyRotations.map((k) => k.what)).toEqual(['new key (end-of-day wipe)', 'new key (end-of-day wipe)', 'passphrase changed (key rewrapped)']);
    const wipeRows = reportSections(r).find((x) => x.title === 'Wipes')?.table?.rows ?? [];
    expect(wipeRows[0]?.[3]).toMatch(/^completed late \(missed 2026-12-\d\d \d\d:00 UTC\)$/);
    expect(r.staffPin).toEqual({ failures: 2, lockouts: 1 });
    expect(r.redactions).toEqual({ byType: [{ type: 'email', count: 3 }, { type: 'phone', count: 2 }], recordedSince: null });
    expect(r.networkBlocked).toEqual({ count: 4, recordedSince: null });
    expect(r.consent).toEqual({ given: 1, withdrawn: 1, recordedSince: null });
    expect(r.retention.changes).toEqual([{ at: at('2026-12-13', 9), what: 'retention' }]);
    expect(r.exports).toEqual({ count: 3, byFormat: [{ format: 'json', encrypted: true, count: 2 }, { format: 'qr', encrypted: false, count: 1 }] });
    expect(r.kbPublished).toEqual([{ at: at('2026-12-14', 12), version: '7' }]);
    expect(r.erasures).toMatchObject({ conversationsDeleted: 1, consentWithdrawals: 1 });
    // The chain is the whole log's, head included (entries outside the period are still verified).
    expect(r.chain).toEqual({ ok: true, entries: 20, brokenAt: null, reason: null, headSeq: 20, headHash: newestAuditLink(store.db)?.hash });
    expect(r.device).toEqual({ platform: 'linux', arch: 'x64', appVersion: '9.9.9' });
  });

  it('says "not recorded before" for kinds the log kept only from 2026-12-02, with the count it has', async () => {
    store = await openAt(tempDir('hushdesk-report-'));
    appendAudit(store.db, 'redacted', { email: 1 }, at('2026-12-03', 12));
    const r = report(store, period('2026-11-01', '2026-12-31'));
    expect(r.redactions.recordedSince).toBe('2026-12-02');
    const words = Object.fromEntries(reportSections(r).flatMap((s) => s.rows ?? []));
    expect(words['Redactions by type']).toBe('email: 1 (not recorded before 2026-12-02)');
    expect(words['Consents given']).toBe('0 (not recorded before 2026-12-02)');
    expect(words['Network requests blocked']).toBe('0 (not recorded before 2026-12-02)');
  });

  it('reports a chain edited after the fact as broken, naming the entry', async () => {
    store = await openAt(tempDir('hushdesk-report-'));
    for (let i = 0; i < 3; i++) appendAudit(store.db, 'export', { format: 'csv', encrypted: false }, at('2026-12-12', 10 + i));
    store.db.prepare("UPDATE audit_log SET detail = '{\"encrypted\":true,\"format\":\"csv\"}' WHERE seq = 2").run();
    const r = report(store, period('2026-12-12', '2026-12-12'));
    expect(r.chain).toMatchObject({ ok: false, brokenAt: 2 });
    expect(renderReportHtml(r)).toContain('BROKEN at entry #2');
  });

  it('escapes what it prints and loads nothing from outside', async () => {
    store = await openAt(tempDir('hushdesk-report-'));
    const r = report(store, period('2026-12-12', '2026-12-12'));
    const html = renderReportHtml({ ...r, device: { ...r.device, appVersion: '<img src=x onerror=alert(1)>' } });
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).toContain("default-src 'none'");
  });

  it('parses periods: real days only, in order, the end day included', () => {
    expect(parseReportPeriod('2026-02-29', '2026-03-01')).toEqual({ error: expect.stringMatching(/--from must be a date/) });
    expect(parseReportPeriod('2026-12-02', '2026-12-01')).toEqual({ error: expect.stringMatching(/after it ends/) });
    const p = period('2026-12-01', '2026-12-01');
    expect(p.endMs - p.startMs).toBeGreaterThanOrEqual(23 * 3600_000);
    expect(p.endMs).toBe(new Date(2026, 11, 2).getTime());
  });
});
