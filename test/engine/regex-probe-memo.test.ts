/**
 * The regex probe remembers patterns that passed (a knowledge base is validated with the same
 * patterns at every draft save, publish and load, and each probe blocked the thread for a worker's
 * start): a pattern that passed is not probed again, a new or slow one still is, and the index of a
 * slow pattern is its index in the list given.
 */
import { describe, expect, it } from 'vitest';
import { probeInWorker } from '../../main/safety/regex-guard';

const SAFE = { source: '\\b[A-Z]{2}\\d{6}\\b', flags: 'g' };
const SLOW = { source: '(a|aa)+$', flags: '' };

describe('regex probe memo', () => {
  it('skips patterns that passed, still catches a slow one at its own index', () => {
    const t0 = performance.now();
    expect(probeInWorker([SAFE])).toBeNull();
    const first = performance.now() - t0;
    const t1 = performance.now();
    for (let i = 0; i < 5; i++) expect(probeInWorker([SAFE])).toBeNull();
    const again = (performance.now() - t1) / 5;
    // A worker start is tens of ms; a remembered pattern costs a Set lookup.
    expect(again).toBeLessThan(first / 4);
    expect(probeInWorker([SAFE, SLOW])).toBe(1);
    expect(probeInWorker([SLOW, SAFE])).toBe(0);
    // The slow one is never remembered as safe; the same source with other flags is probed afresh.
    expect(probeInWorker([SLOW])).toBe(0);
    expect(probeInWorker([SAFE, { ...SLOW, flags: 'i' }])).toBe(1);
  });
});
