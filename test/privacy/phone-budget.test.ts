/**
 * The phone matcher's budget (calls and time per message) fails closed wherever it runs out: in the
 * middle of a cluster, or between the store region and the shop's countries, the unread part of the
 * cluster is masked whole, never left as typed. Filler clusters before a planted number move the
 * point where the budget runs out across every step of reading it.
 */
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../main/privacy/redact';
import { MAX_MATCHER_CALLS } from '../../main/privacy/redact/phone';

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
