/** Retention policy, purge, the end-of-day schedule (missed wipes caught up at start), policy text, CLI. */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  applyPolicyToExisting,
  expiryFor,
  isScheduledWipeOverdue,
  listAudit,
  nextLocalMidnight,
  nextScheduledWipe,
  parseRetention,
  purgeExpired,
  resetScheduleBaseline,
  retentionText,
  runDataTasks,
  verifyAudit,
} from '../../main/data';
import { consentsForConversation, getSetting, setConversationRetention, tableCounts, type Store } from '../../main/store';
import { cleanupTempDirs, tempDir } from '../store/helpers';
import { cli, openAt, seed } from './helpers';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** Local times, so the tests hold in any time zone. */
const local = (y: number, mo: number, d: number, h = 0, mi = 0): number => new Date(y, mo - 1, d, h, mi).getTime();

const open: Store[] = [];
afterEach(() => {
  for (const s of open.splice(0)) if (s.isOpen) s.close();
  cleanupTempDirs();
});
async function store(): Promise<{ s: Store; dir: string }> {
  const dir = tempDir('hushdesk-retention-');
  const s = await openAt(dir);
  open.push(s);
  return { s, dir };
}

describe('expiry from the policy', () => {
  it('hours, days, end of day (next scheduled wipe, else local midnight), none', () => {
    const t = local(2025, 3, 1, 15, 30);
    expect(expiryFor({ kind: 'hours', hours: 6 }, t, null)).toEqual({ keep: true, expiresAt: t + 6 * HOUR });
    expect(expiryFor({ kind: 'days', days: 30 }, t, null)).toEqual({ keep: true, expiresAt: t + 30 * DAY });
    expect(expiryFor({ kind: 'end_of_day' }, t, '22:00')).toEqual({ keep: true, expiresAt: local(2025, 3, 1, 22, 0) });
    expect(expiryFor({ kind: 'end_of_day' }, local(2025, 3, 1, 23, 0), '22:00').expiresAt).toBe(local(2025, 3, 2, 22, 0));
    expect(expiryFor({ kind: 'end_of_day' }, t, null).expiresAt).toBe(local(2025, 3, 2));
    expect(nextLocalMidnight(local(2025, 12, 31, 23, 59))).toBe(local(2026, 1, 1));
    expect(expiryFor({ kind: 'none' }, t, '22:00')).toEqual({ keep: false, expiresAt: null });
  });

  it('policy text for the bot and the consent prompt', () => {
    expect(retentionText({ kind: 'days', days: 30 }, null)).toBe('30 days');
    expect(retentionText({ kind: 'days', days: 1 }, null)).toBe('1 day');
    expect(retentionText({ kind: 'hours', hours: 24 }, null)).toBe('24 hours');
    expect(retentionText({ kind: 'end_of_day' }, '22:00')).toBe('the end of the day (22:00)');
    expect(retentionText({ kind: 'end_of_day' }, null)).toBe('the end of the day (midnight)');
    expect(retentionText({ kind: 'none' }, null)).toBe('not kept');
    expect(retentionText({ kind: 'days', days: 30 }, null, 'es')).toBe('30 días');
    expect(retentionText({ kind: 'end_of_day' }, '22:00', 'es')).toBe('el final del día (22:00)');
    // With the shop's country's locale, its clock: a US shop says 10:00 PM, a British one 22:00.
    expect(retentionText({ kind: 'end_of_day' }, '22:00', 'en', 'en-US')).toMatch(/^the end of the day \(10:00\sPM\)$/u);
    expect(retentionText({ kind: 'end_of_day' }, '22:00', 'en', 'en-GB')).toBe('the end of the day (22:00)');
    expect(retentionText({ kind: 'end_of_day' }, null, 'en', 'en-US')).toBe('the end of the day (midnight)');
    expect(parseRetention('days:30')).toEqual({ kind: 'days', days: 30 });
    expect(parseRetention('hours:0')).toBeNull();
    expect(parseRetention('weeks:2')).toBeNull();
    expect(parseRetention('end_of_day')).toEqual({ kind: 'end_of_day' });
  });
});

describe('schedule', () => {
  it('next wipe is today at the time, or tomorrow once passed; a missed one is due now', () => {
    const morning = local(2025, 3, 2, 9, 0);
    expect(nextScheduledWipe(null, null, morning)).toBeNull();
    expect(nextScheduledWipe('22:00', local(2025, 3, 1, 22, 0), morning)).toBe(local(2025, 3, 2, 22, 0));
    expect(isScheduledWipeOverdue('22:00', local(2025, 3, 1, 22, 0), morning)).toBe(false);
    // Last wipe two days ago, app closed at 22:00 yesterday: overdue, due at yesterday's slot.
    expect(nextScheduledWipe('22:00', local(2025, 2, 28, 22, 0), morning)).toBe(local(2025, 3, 1, 22, 0));
    expect(isScheduledWipeOverdue('22:00', local(2025, 2, 28, 22, 0), morning)).toBe(true);
    // Exactly at the time with yesterday's wipe done: due now.
    expect(isScheduledWipeOverdue('22:00', local(2025, 3, 1, 22, 0), local(2025, 3, 2, 22, 0))).toBe(true);
    expect(isScheduledWipeOverdue('22:00', null, morning)).toBe(false);
  });

  it('a missed scheduled wipe runs at the next start (before the UI), once; a newly set time is not "missed"', async () => {
    const { s } = await store();
    const settings = { endOfDayWipeAt: '22:00', retention: { kind: 'end_of_day' as const } };
    // First run on Mar 1 at 10:00: the baseline is recorded, nothing is due.
    const first = await runDataTasks(s, { settings, now: local(2025, 3, 1, 10, 0) });
    expect(first).toMatchObject({ scheduledWipe: null, nextWipeAt: local(2025, 3, 1, 22, 0) });
    seed(s, 5, { start: local(2025, 3, 1, 11, 0) });
    // The app was closed at 22:00; next start on Mar 2 at 08:00 runs the wipe.
    const next = await runDataTasks(s, { settings, now: local(2025, 3, 2, 8, 0) });
    expect(next.scheduledWipe).toEqual({ conversations: 5, messages: 10, consents: 2 });
    expect(listAudit(s.db).find((e) => e.kind === 'wipe')?.detail).toMatchObject({ scope: 'day', trigger: 'scheduled', conversations: 5 });
    expect(next.nextWipeAt).toBe(local(2025, 3, 2, 22, 0));
    const again = await runDataTasks(s, { settings, now: local(2025, 3, 2, 9, 0) });
    expect(again.scheduledWipe).toBeNull();
    // Changing the time to 07:00 at 09:00 does not make today's 07:00 count as missed.
    resetScheduleBaseline(s.db, local(2025, 3, 2, 9, 0));
    const changed = await runDataTasks(s, { settings: { ...settings, endOfDayWipeAt: '07:00' }, now: local(2025, 3, 2, 9, 30) });
    expect(changed).toMatchObject({ scheduledWipe: null, nextWipeAt: local(2025, 3, 3, 7, 0) });
    expect(verifyAudit(s.db).ok).toBe(true);
  });
});

describe('purge', () => {
  it('removes expired conversations with their messages, search entries and consents; audited with counts; nothing expired = no event', async () => {
    const { s } = await store();
    seed(s, 9, { start: local(2025, 3, 1, 9, 0) });
    for (let i = 0; i < 9; i++) setConversationRetention(s.db, `c${i}`, { keptBy: i % 3 === 0 ? 'consent' : 'policy', expiresAt: i < 4 ? local(2025, 3, 2) : null });
    expect(purgeExpired(s.db, local(2025, 3, 1, 23, 0))).toEqual({ conversations: 0, messages: 0, consents: 0 });
    expect(listAudit(s.db)).toHaveLength(0);
    const purged = purgeExpired(s.db, local(2025, 3, 2));
    expect(purged).toEqual({ conversations: 4, messages: 8, consents: 2 });
    expect(tableCounts(s.db)).toMatchObject({ conversations: 5, messages: 10, consents: 1 });
    expect(consentsForConversation(s.db, 'c0')).toEqual([]);
    expect(s.db.prepare(`SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH 'CANARYq00001ZQX'`).get()).toEqual({ n: 0 });
    expect(listAudit(s.db)[0]).toMatchObject({ kind: 'retention_purge', detail: { conversations: 4, messages: 8, consents: 2 } });
  });

  it('a stricter policy moves existing expiries earlier (never later); "none" expires all now', async () => {
    const { s } = await store();
    const start = local(2025, 3, 1, 9, 0);
    seed(s, 3, { start });
    setConversationRetention(s.db, 'c0', { keptBy: 'policy', expiresAt: start + 30 * DAY });
    setConversationRetention(s.db, 'c1', { keptBy: 'policy', expiresAt: start + HOUR });
    expect(applyPolicyToExisting(s.db, { kind: 'days', days: 2 }, null, start)).toBe(2); // c0 shortened, c2 (none) set
    const exp = (id: string) => (s.db.prepare('SELECT expires_at AS e FROM conversations WHERE id = ?').get(id) as { e: number | null }).e;
    expect(exp('c0')).toBe(start + 2 * DAY);
    expect(exp('c1')).toBe(start + HOUR);
    expect(applyPolicyToExisting(s.db, { kind: 'none' }, null, start + 5)).toBe(3);
    expect(purgeExpired(s.db, start + 5).conversations).toBe(3);
  });
});

describe('hushdesk retention', () => {
  it('show and set through the app settings service (audited via cli, applied to stored conversations, what is past it purged at once); bad policy exits 2', async () => {
    const { s, dir } = await store();
    seed(s, 2, { start: Date.now() - 3 * DAY });
    seed(s, 1, { start: Date.now() - HOUR, prefix: 'recent' });
    s.close();
    const show = await cli(['retention', 'show', '--data-dir', dir, '--json']);
    expect(show.code).toBe(0);
    expect(JSON.parse(show.out)).toMatchObject({ policy: 'days:30', text: '30 days', endOfDayWipeAt: null, lastWipe: null });
    const set = await cli(['retention', 'set', 'hours:12', '--data-dir', dir]);
    expect(set.code, set.err).toBe(0);
    expect(set.out).toContain('retention set to hours:12 (12 hours); 2 stored conversations were past it and deleted, 1 kept');
    expect((await cli(['retention', 'set', 'weeks:1', '--data-dir', dir])).code).toBe(2);
    expect((await cli(['retention', 'frob', '--data-dir', dir])).code).toBe(2);
    expect((await cli(['retention', 'show', '--data-dir', path.join(dir, 'nothing-here')])).code).not.toBe(0);
    const check = await openAt(dir);
    open.push(check);
    expect(getSetting(check.db, 'app.settings')).toMatchObject({ retention: { kind: 'hours', hours: 12 } });
    const events = listAudit(check.db);
    expect(events.find((e) => e.kind === 'settings_changed')).toMatchObject({ detail: { keys: 'retention', via: 'cli' } });
    expect(events.filter((e) => e.kind === 'retention_purge').map((e) => e.detail), JSON.stringify(events)).toContainEqual(expect.objectContaining({ conversations: 2 }));
    expect(tableCounts(check.db).conversations).toBe(1);
    // The one kept now expires under the new policy.
    expect(purgeExpired(check.db, Date.now() + 12 * HOUR).conversations).toBe(1);
  });
});
