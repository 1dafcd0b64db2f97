/**
 * Opening hours (issue 13, item 4): the status and sentence at a given moment, with the clock passed
 * in, on a real calendar in a timezone with DST (Europe/London: 29 March 2026 has 23 hours, 25
 * October 2026 has 25), and the "after closing" wipe times. Each test file runs in its own process
 * (vitest forks), so the TZ set here is the device timezone for every Date below.
 */
process.env.TZ = 'Europe/London';
import { describe, expect, it } from 'vitest';
import { openingHoursSchema } from '../../shared/contract';
import { closingWipes, EMPTY_OPENING_HOURS, openingSentence, openingStatus, type OpeningHours, type OpenInterval, type Weekday } from '../../shared/opening-hours';

const HOUR = 3_600_000;
/** Local wall-clock time in the test's timezone (month 1-12). */
const t = (y: number, mo: number, d: number, h = 0, mi = 0) => new Date(y, mo - 1, d, h, mi).getTime();
const hours = (weekly: Partial<Record<Weekday, OpenInterval[]>>, holidays: OpeningHours['holidays'] = []): OpeningHours => ({
  weekly: { ...EMPTY_OPENING_HOURS.weekly, ...weekly },
  holidays,
});
const nine20 = [{ open: '09:00', close: '20:00' }];
/** Mon-Sat 9-20, Sunday closed: 7 December 2026 is a Monday. */
const SHOP = hours({ mon: nine20, tue: nine20, wed: nine20, thu: [{ open: '09:00', close: '21:00' }], fri: nine20, sat: nine20 });

describe('openingStatus / openingSentence', () => {
  it('is the device timezone under test', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('Europe/London');
    expect(new Date(t(2026, 12, 7)).getDay()).toBe(1);
  });

  it('says nothing when no hours are set', () => {
    expect(openingStatus(EMPTY_OPENING_HOURS, t(2026, 12, 7, 10))).toBeNull();
    expect(openingSentence(EMPTY_OPENING_HOURS, t(2026, 12, 7, 10))).toBe('');
    expect(openingSentence(undefined, t(2026, 12, 7, 10))).toBe('');
    // Holidays alone are not hours.
    expect(openingStatus(hours({}, [{ date: '2026-12-25' }]), t(2026, 12, 25, 10))).toBeNull();
  });

  it('open now until the closing time; the closing minute itself is closed', () => {
    expect(openingStatus(SHOP, t(2026, 12, 7, 9))).toEqual({ kind: 'open', closesAt: t(2026, 12, 7, 20) });
    expect(openingSentence(SHOP, t(2026, 12, 7, 19, 59))).toBe('Open now until 20:00.');
    expect(openingSentence(SHOP, t(2026, 12, 10, 20, 30))).toBe('Open now until 21:00.');
    expect(openingSentence(SHOP, t(2026, 12, 7, 20))).toBe('Closed, opens tomorrow at 9:00.');
    expect(openingSentence(SHOP, t(2026, 12, 7, 8, 59))).toBe('Closed, opens today at 9:00.');
  });

  it('over a closed Sunday the next opening is named by its weekday', () => {
    expect(openingSentence(SHOP, t(2026, 12, 12, 21))).toBe('Closed, opens Monday at 9:00.');
    expect(openingStatus(SHOP, t(2026, 12, 13, 12))).toEqual({ kind: 'closed', holiday: null, opensAt: t(2026, 12, 14, 9) });
    expect(openingSentence(SHOP, t(2026, 12, 12, 21), 'es')).toBe('Cerrado, abre el lunes a las 9:00.');
    expect(openingSentence(SHOP, t(2026, 12, 7, 12), 'es')).toBe('Abierto ahora hasta las 20:00.');
    // The shop's country's clock (shared/date-locale.ts): the US says 8:00 PM, Mexico 8:00 p.m.
    expect(openingSentence(SHOP, t(2026, 12, 7, 19, 59), 'en', 'en-US')).toMatch(/^Open now until 8:00\sPM\.$/u);
    expect(openingSentence(SHOP, t(2026, 12, 7, 20), 'en', 'en-US')).toMatch(/^Closed, opens tomorrow at 9:00\sAM\.$/u);
    expect(openingSentence(SHOP, t(2026, 12, 7, 19, 59), 'en', 'en-GB')).toBe('Open now until 20:00.');
    expect(openingSentence(SHOP, t(2026, 12, 7, 12), 'es', 'es-MX')).toMatch(/^Abierto ahora hasta las 8:00\sp\.\s?m\.\.$/u);
  });

  it('a lunch break closes between two openings of one day', () => {
    const h = hours({ wed: [{ open: '09:00', close: '12:30' }, { open: '13:30', close: '18:00' }] });
    expect(openingSentence(h, t(2026, 12, 9, 10))).toBe('Open now until 12:30.');
    expect(openingSentence(h, t(2026, 12, 9, 13))).toBe('Closed, opens today at 13:30.');
    expect(openingSentence(h, t(2026, 12, 9, 18))).toBe('Closed, opens Wednesday at 9:00.');
  });

  it('an overnight opening runs past midnight, and is still open the next morning', () => {
    const h = hours({ fri: [{ open: '18:00', close: '02:00' }] });
    expect(openingSentence(h, t(2026, 12, 11, 23))).toBe('Open now until 2:00.');
    expect(openingStatus(h, t(2026, 12, 12, 1, 30))).toEqual({ kind: 'open', closesAt: t(2026, 12, 12, 2) });
    expect(openingSentence(h, t(2026, 12, 12, 2))).toBe('Closed, opens Friday at 18:00.');
    // Until midnight, then the next day from midnight: one opening, not "until 24:00".
    const joined = hours({ fri: [{ open: '20:00', close: '24:00' }], sat: [{ open: '00:00', close: '03:00' }, { open: '10:00', close: '12:00' }] });
    expect(openingStatus(joined, t(2026, 12, 11, 21))).toEqual({ kind: 'open', closesAt: t(2026, 12, 12, 3) });
  });

  it('a holiday closure closes the whole day and says why; the label is optional', () => {
    const h = { ...SHOP, holidays: [{ date: '2026-12-25', label: 'Christmas Day' }, { date: '2026-12-26' }] };
    expect(openingSentence(h, t(2026, 12, 25, 12))).toBe('Closed today for Christmas Day, opens Monday at 9:00.');
    expect(openingSentence(h, t(2026, 12, 26, 8))).toBe('Closed today for a holiday, opens Monday at 9:00.');
    expect(openingSentence(h, t(2026, 12, 24, 19))).toBe('Open now until 21:00.');
    // The day before, after closing: the holiday is skipped when naming the next opening.
    expect(openingSentence(h, t(2026, 12, 24, 21, 30))).toBe('Closed, opens Monday at 9:00.');
    // An overnight opening from the day before still ends when it was set to.
    const late = hours({ thu: [{ open: '18:00', close: '02:00' }] }, [{ date: '2026-12-25', label: 'Christmas Day' }]);
    expect(openingSentence(late, t(2026, 12, 25, 1))).toBe('Open now until 2:00.');
  });

  it('closed for longer than two weeks: no next opening is guessed', () => {
    const h = hours({ mon: nine20 }, ['2026-12-07', '2026-12-14', '2026-12-21'].map((date) => ({ date })));
    expect(openingStatus(h, t(2026, 12, 6, 12))).toEqual({ kind: 'closed', holiday: null, opensAt: null });
    expect(openingSentence(h, t(2026, 12, 6, 12))).toBe('Closed.');
  });

  it('DST: wall-clock hours hold on the 23-hour and the 25-hour Sunday', () => {
    const sun = hours({ sat: [{ open: '22:00', close: '03:00' }], sun: [{ open: '10:00', close: '16:00' }] });
    // 29 March 2026: 01:00 GMT becomes 02:00 BST.
    expect(openingStatus(sun, t(2026, 3, 29, 9))).toEqual({ kind: 'closed', holiday: null, opensAt: t(2026, 3, 29, 10) });
    expect(new Date(t(2026, 3, 29, 10)).getUTCHours()).toBe(9);
    expect(openingSentence(sun, t(2026, 3, 29, 15, 59))).toBe('Open now until 16:00.');
    // Saturday night's opening is an hour shorter in real time (5 h on the wall clock, 4 h elapsed).
    const spring = openingStatus(sun, t(2026, 3, 28, 23));
    expect(spring).toEqual({ kind: 'open', closesAt: t(2026, 3, 29, 3) });
    expect(t(2026, 3, 29, 3) - t(2026, 3, 28, 22)).toBe(4 * HOUR);
    // 25 October 2026: 02:00 BST becomes 01:00 GMT; the night is an hour longer, still "until 3:00".
    expect(openingSentence(sun, t(2026, 10, 24, 23))).toBe('Open now until 3:00.');
    expect(t(2026, 10, 25, 3) - t(2026, 10, 24, 22)).toBe(6 * HOUR);
    expect(openingStatus(sun, t(2026, 10, 25, 3) + 60_000)).toEqual({ kind: 'closed', holiday: null, opensAt: t(2026, 10, 25, 10) });
    expect(new Date(t(2026, 10, 25, 10)).getUTCHours()).toBe(10);
  });
});

describe('closingWipes: the "after closing" end-of-day wipe times', () => {
  const M = 15 * 60_000;
  it('after the last opening of each day, a closed day only when there is data', () => {
    const h = hours({ fri: [{ open: '09:00', close: '12:00' }, { open: '13:00', close: '20:00' }], sat: [{ open: '22:00', close: '02:00' }] });
    // Around Saturday 12 December 2026: Thu (closed), Fri, Sat, Sun (closed), Mon (closed).
    expect(closingWipes(h, t(2026, 12, 12, 12), '23:30', M)).toEqual([
      { at: t(2026, 12, 10, 23, 30), onlyIfData: true },
      { at: t(2026, 12, 11, 20, 15), onlyIfData: false },
      { at: t(2026, 12, 13, 2, 15), onlyIfData: false },
      { at: t(2026, 12, 13, 23, 30), onlyIfData: true },
      { at: t(2026, 12, 14, 23, 30), onlyIfData: true },
    ]);
  });

  it('a holiday is a closed day', () => {
    const wipes = closingWipes({ ...SHOP, holidays: [{ date: '2026-12-25' }] }, t(2026, 12, 25, 12), '23:00', M);
    expect(wipes).toContainEqual({ at: t(2026, 12, 25, 23), onlyIfData: true });
    expect(wipes).toContainEqual({ at: t(2026, 12, 24, 21, 15), onlyIfData: false });
  });
});

describe('openingHoursSchema', () => {
  const ok = (v: unknown) => openingHoursSchema.safeParse(v).success;
  it('takes structured hours and refuses malformed or overlapping ones', () => {
    expect(ok(SHOP)).toBe(true);
    expect(ok(hours({ fri: [{ open: '18:00', close: '02:00' }] }))).toBe(true);
    expect(ok(hours({ fri: [{ open: '20:00', close: '24:00' }] }))).toBe(true);
    expect(ok(hours({ fri: [{ open: '25:00', close: '26:00' }] }))).toBe(false);
    expect(ok(hours({ fri: [{ open: '24:00', close: '02:00' }] }))).toBe(false);
    expect(ok(hours({ fri: [{ open: '09:00', close: '09:00' }] }))).toBe(false);
    expect(ok(hours({ fri: [{ open: '09:00', close: '13:00' }, { open: '12:00', close: '18:00' }] }))).toBe(false);
    expect(ok(hours({ fri: [{ open: '18:00', close: '02:00' }, { open: '20:00', close: '22:00' }] }))).toBe(false);
    expect(ok(hours({}, [{ date: '2026-12-25' }, { date: '2026-12-25', label: 'Xmas' }]))).toBe(false);
    expect(ok(hours({}, [{ date: '25/12/2026' }]))).toBe(false);
    expect(ok(hours({}, [{ date: '2026-12-25', label: '\u200b' }]))).toBe(false);
    expect(ok({ weekly: { mon: [] }, holidays: [] })).toBe(false);
  });
});
