/**
 * Opening hours through the real backend (issue 13, item 4), on a real encrypted store with the
 * backend's clock faked: the bot's hours answer ends with the live status from the settings, and
 * the end-of-day wipe "after closing" runs at the closing time plus the margin on an opening day,
 * is skipped on a closed day with nothing stored, and runs on a closed day that has data.
 * Europe/London is the device timezone (this file runs in its own process).
 */
process.env.TZ = 'Europe/London';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../main/backend';
import type { ChatReply, ChatStart, PrivacyFacts, Settings } from '../../shared/domain';
import { EMPTY_OPENING_HOURS, type OpeningHours } from '../../shared/opening-hours';
import { PASS } from '../data/helpers';
import { cleanupTempDirs, tempDir } from '../store/helpers';
import { value } from '../support/result';

afterAll(cleanupTempDirs);

const t = (y: number, mo: number, d: number, h = 0, mi = 0) => new Date(y, mo - 1, d, h, mi).getTime();
const nine20 = [{ open: '09:00', close: '20:00' }];
/** Monday to Friday 9-20; 11 December 2026 is a Friday. */
const WEEKDAYS_ONLY: OpeningHours = { ...EMPTY_OPENING_HOURS, weekly: { ...EMPTY_OPENING_HOURS.weekly, mon: nine20, tue: nine20, wed: nine20, thu: nine20, fri: nine20 } };

async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('opening hours in the backend', () => {
  it('the hours answer says "Open now until 20:00" / "Closed, opens Monday at 9:00" from the settings and the clock, the shop\'s country\'s way', async () => {
    let clock = t(2026, 12, 11, 10);
    const b = await createBackend({ dataDir: tempDir('hushdesk-hours-'), host: 'node', passphrase: PASS, now: () => clock });
    const ask = async () => {
      const c = value<ChatStart>(await b.handle('chat.start', {}));
      const r = value<ChatReply>(await b.handle('chat.send', { conversationId: c.conversationId, text: 'what are your opening hours' }));
      expect(r.replies[0]?.intent).toBe('store.hours');
      return r.replies[0]?.text ?? '';
    };
    try {
      // No hours set: the knowledge base's own text, and nothing about now.
      const plain = await ask();
      expect(plain).not.toMatch(/Open now|Closed,|\{openNow\}/);
      expect(plain).toMatch(/\.$/);

      // A British shop: its clock is a 24-hour one.
      value(await b.handle('settings.set', { patch: { openingHours: WEEKDAYS_ONLY, storeRegion: 'GB' } }));
      expect(await ask()).toMatch(/ Open now until 20:00\.$/);
      // The same hours in a US shop, the US way.
      value(await b.handle('settings.set', { patch: { storeRegion: 'US' } }));
      expect(await ask()).toMatch(/ Open now until 8:00\sPM\.$/u);
      value(await b.handle('settings.set', { patch: { storeRegion: 'GB' } }));
      clock = t(2026, 12, 11, 20, 5);
      expect(await ask()).toMatch(/ Closed, opens Monday at 9:00\.$/);
      value(await b.handle('settings.set', { patch: { openingHours: { ...WEEKDAYS_ONLY, holidays: [{ date: '2026-12-14', label: 'Stocktaking' }] } } }));
      clock = t(2026, 12, 14, 12);
      expect(await ask()).toMatch(/ Closed today for Stocktaking, opens tomorrow at 9:00\.$/);

      // Refused with the field named: an opening that overlaps the one before.
      const bad = await b.handle('settings.set', { patch: { openingHours: { ...WEEKDAYS_ONLY, weekly: { ...WEEKDAYS_ONLY.weekly, mon: [{ open: '09:00', close: '13:00' }, { open: '12:00', close: '18:00' }] } } } });
      expect(bad.ok).toBe(false);
      if (!bad.ok) {
        expect(bad.error.code).toBe('invalid_input');
        expect(bad.error.message).toMatch(/openingHours\.weekly\.mon\.1\.open/);
      }
    } finally {
      await b.close();
    }
  });

  it('the "after closing" wipe runs at closing + 15 min, not on an empty closed day, and on a closed day with data', async () => {
    let clock = t(2026, 12, 11, 10);
    const b = await createBackend({ dataDir: tempDir('hushdesk-hours-wipe-'), host: 'node', passphrase: PASS, now: () => clock });
    const facts = async () => value<PrivacyFacts>(await b.handle('privacy.facts', undefined));
    let days = 30;
    /** A settings change runs the duties now, as their timer would at the due time; wait until they ran at `clock`. */
    const runDuties = async () => {
      days = days === 30 ? 29 : 30;
      value(await b.handle('settings.set', { patch: { retention: { kind: 'days', days } } }));
      await until('the duties to run', async () => (await facts()).duties.lastRunAt === clock);
    };
    const chat = async (text: string) => {
      const c = value<ChatStart>(await b.handle('chat.start', {}));
      value(await b.handle('chat.send', { conversationId: c.conversationId, text }));
    };
    try {
      const s = value<Settings>(await b.handle('settings.set', { patch: { conversationPolicy: 'save', endOfDayWipeAt: '23:30', openingHours: WEEKDAYS_ONLY, wipeAfterClosing: true } }));
      expect(s.wipeAfterClosing).toBe(true);
      expect((await facts()).nextScheduledWipe).toBe(t(2026, 12, 11, 20, 15));
      expect((await facts()).retentionText).toBe('30 days');
      await chat('where is my order HOURSCANARY1');
      expect((await facts()).counts.conversations).toBe(1);

      // 20:14: not yet (the last customer may still be at the screen).
      clock = t(2026, 12, 11, 20, 14);
      await runDuties();
      expect((await facts()).counts.conversations).toBe(1);
      // 20:16: the closing wipe has run.
      clock = t(2026, 12, 11, 20, 16);
      await runDuties();
      const afterFriday = await facts();
      expect(afterFriday.counts.conversations).toBe(0);
      expect(afterFriday.lastWipe).toMatchObject({ at: clock, scope: 'day' });
      // Saturday does not open: its wipe is at the set time, and only runs with data.
      expect(afterFriday.nextScheduledWipe).toBe(t(2026, 12, 12, 23, 30));

      clock = t(2026, 12, 12, 23, 45);
      await runDuties();
      const saturday = await facts();
      expect(saturday.lastWipe?.at).toBe(t(2026, 12, 11, 20, 16));
      expect(saturday.nextScheduledWipe).toBe(t(2026, 12, 13, 23, 30));

      // Sunday, closed, but staff used the kiosk: that day's wipe runs.
      clock = t(2026, 12, 13, 15);
      await chat('sunday test HOURSCANARY2');
      clock = t(2026, 12, 13, 23, 31);
      await runDuties();
      const sunday = await facts();
      expect(sunday.counts.conversations).toBe(0);
      expect(sunday.lastWipe?.at).toBe(clock);
      expect(sunday.nextScheduledWipe).toBe(t(2026, 12, 14, 20, 15));
      expect(value<{ hits: unknown[] }>(await b.handle('conversations.search', { query: 'HOURSCANARY' })).hits).toEqual([]);

      // Off again: the set time every day.
      value(await b.handle('settings.set', { patch: { wipeAfterClosing: false } }));
      expect((await facts()).nextScheduledWipe).toBe(t(2026, 12, 14, 23, 30));
    } finally {
      await b.close();
    }
  }, 60_000);
});
