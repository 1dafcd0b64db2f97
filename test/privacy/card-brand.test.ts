/**
 * cardBrand's lookup by length and first digit (the hostile-input speed fix) names the same brand as
 * walking every issuer rule in order, the way it was written before: checked on every length 12-20
 * with prefixes drawn around every range boundary, and on random digit strings.
 */
import { describe, expect, it } from 'vitest';
import { cardBrand, isCardNumber, luhnValid } from '../../main/privacy/redact';

// The rules as published (same table as cards.ts), walked the slow, obvious way.
const range = (lo: number, hi: number) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
const RULES: { brand: string; ranges: [string, string][]; lengths: number[] }[] = [
  { brand: 'visa', ranges: [['4', '4']], lengths: [13, 16, 19] },
  { brand: 'mastercard', ranges: [['51', '55'], ['2221', '2720']], lengths: [16] },
  { brand: 'amex', ranges: [['34', '34'], ['37', '37']], lengths: [15] },
  { brand: 'discover', ranges: [['6011', '6011'], ['644', '649'], ['65', '65'], ['622126', '622925']], lengths: range(16, 19) },
  { brand: 'jcb', ranges: [['3528', '3589']], lengths: range(16, 19) },
  { brand: 'diners', ranges: [['300', '305'], ['3095', '3095'], ['36', '36'], ['38', '39']], lengths: range(14, 19) },
  { brand: 'unionpay', ranges: [['62', '62'], ['81', '81']], lengths: range(16, 19) },
  {
    brand: 'maestro',
    ranges: [['5018', '5018'], ['5020', '5020'], ['5038', '5038'], ['5893', '5893'], ['6304', '6304'], ['6759', '6759'], ['6761', '6763'], ['56', '58'], ['6390', '6390']],
    lengths: range(13, 19),
  },
];

function reference(digits: string): string | null {
  for (const rule of RULES) {
    if (!rule.lengths.includes(digits.length)) continue;
    for (const [lo, hi] of rule.ranges) {
      const p = digits.slice(0, lo.length);
      if (p.length === lo.length && p >= lo && p <= hi) return rule.brand;
    }
  }
  return null;
}

/** A small deterministic generator, so a failure names a reproducible input. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('cardBrand', () => {
  it('agrees with walking every rule, around every range boundary and on random digits', () => {
    const rand = rng(12);
    const fill = (prefix: string, length: number) => {
      let s = prefix;
      while (s.length < length) s += String(Math.floor(rand() * 10));
      return s.slice(0, length);
    };
    const prefixes = new Set<string>();
    for (const r of RULES) {
      for (const [lo, hi] of r.ranges) {
        for (const edge of [lo, hi]) {
          const n = Number(edge);
          for (const p of [n - 1, n, n + 1]) if (p >= 0) prefixes.add(String(p).padStart(edge.length, '0'));
        }
      }
    }
    for (let d = 0; d <= 9; d++) prefixes.add(String(d));
    let checked = 0;
    for (const prefix of prefixes) {
      for (let length = 12; length <= 20; length++) {
        for (let k = 0; k < 5; k++) {
          const digits = fill(prefix, length);
          expect(cardBrand(digits), digits).toBe(reference(digits));
          expect(isCardNumber(digits), digits).toBe(length >= 13 && length <= 19 && reference(digits) !== null && luhnValid(digits));
          checked++;
        }
      }
    }
    for (let k = 0; k < 20_000; k++) {
      const digits = fill('', 12 + Math.floor(rand() * 9));
      expect(cardBrand(digits), digits).toBe(reference(digits));
      checked++;
    }
    expect(checked).toBeGreaterThan(20_000);
  });
});
