/**
 * The phone matcher's budget (calls and time per message) fails closed wherever it runs out: in the
 * middle of a cluster, or between the store region and the shop's countries, the unread part of the
 * cluster is masked whole, never left as typed. Filler clusters before a planted number move the
 * point where the budget runs out across every step of reading it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRedactor } from '../../main/privacy/redact';
import { MAX_MATCHER_CALLS, MAX_MATCHER_MS, MIN_CALLS_BEFORE_DEADLINE } from '../../main/privacy/redact/phone';

describe('phone matcher budget', () => {
  it('a UK number read after the US plan is masked whichever call the budget ends on', () => {
    const r = createRedactor({ region: 'US', countries: ['GB'], types: ['phone'] });
    // Alone, it is found by the GB plan (after the US plan found nothing in it).
    expect(r('ring 020 7946 0018 now').text).toBe('ring [phone] now');
    // Each filler cluster ("123 456": six digits, no plan's number) costs a call or two, so every
    // count up to the budget's makes it run out at some step of reading the planted number (before
    // the fix, 124 fillers left it as typed: the budget ended between the US and GB plans).
    for (let fillers = 0; fillers <= MAX_MATCHER_CALLS + 2; fillers++) {
      const text = '123 456 a '.repeat(fillers) + 'ring 020 7946 0018 now';
      const out = r(text).text;
      expect(out.endsWith('ring [phone] now'), `${fillers} fillers: ${out.slice(-40)}`).toBe(true);
      // The fillers themselves are never phones: six digits are kept until the budget is gone.
      if (fillers > 0) expect(out.startsWith('123 456 a '), `${fillers} fillers`).toBe(true);
    }
  });
});

describe('phone matcher time budget on a busy machine', () => {
  afterEach(() => vi.restoreAllMocks());

  /** A clock that jumps past the whole time budget between any two readings (a descheduled thread). */
  function slowClock(): void {
    let t = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (t += MAX_MATCHER_MS + 1));
  }

  it('an ordinary message is read the same however slow the machine is (order numbers stay, phones are masked)', () => {
    const r = createRedactor({ region: 'US', countries: ['GB', 'DE', 'FR'], types: ['phone'] });
    const ordinary = ['order 4839201 was supposed to arrive Tuesday', 'Your order 4839201 has shipped', 'ref 1234567 and 7654321, qty 2500000', 'ring 020 7946 0018 now'];
    const calm = ordinary.map((t) => r(t).text);
    expect(calm).toEqual(['order 4839201 was supposed to arrive Tuesday', 'Your order 4839201 has shipped', 'ref 1234567 and 7654321, qty 2500000', 'ring [phone] now']);
    slowClock();
    // Before MIN_CALLS_BEFORE_DEADLINE, the first clock reading past the deadline masked "4839201" whole.
    expect(ordinary.map((t) => r(t).text)).toEqual(calm);
  });

  it('digits inside a card or IBAN cost no matcher calls, so an order number after them is still read', () => {
    const r = createRedactor({ region: 'US', countries: ['GB', 'DE', 'FR'], types: ['card', 'iban', 'phone'] });
    const text = 'cards 4111 1111 1111 1111 and 5500 0000 0000 0004, IBAN DE89 3704 0044 0532 0130 00, order 4839201';
    slowClock();
    // Read as phones, the card and IBAN digits used up the minimum calls (in every plan), and the
    // order number after them was masked unread on a busy machine.
    expect(r(text).text).toBe('cards [card ••1111] and [card ••0004], IBAN [iban ••3000], order 4839201');
  });

  it('hostile input still stops at the time budget once the minimum calls are made, failing closed', () => {
    const r = createRedactor({ region: 'US', types: ['phone'] });
    const text = '123 456 a '.repeat(MIN_CALLS_BEFORE_DEADLINE * 4) + 'order 4839201 and 5550199';
    slowClock();
    const out = r(text).text;
    // Past the minimum the deadline counts: the 7-digit clusters after it are masked unread.
    expect(out.endsWith('order [phone] and [phone]'), out.slice(-40)).toBe(true);
    expect(MIN_CALLS_BEFORE_DEADLINE).toBeLessThan(MAX_MATCHER_CALLS / 4);
  });
});
