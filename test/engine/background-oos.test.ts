/**
 * Background out-of-scope phrases (main/engine/background-oos.ts) on real parts: the shipped
 * encoder, the real development set, rows trained as a shop's knowledge base would be.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileVectorCache, predict, trainRows } from '../../main/engine';
import { BACKGROUND_OUT_OF_SCOPE } from '../../main/engine/background-oos';
import { evaluateHushdesk, parseDataset } from '../../main/engine/evaluate';
import { normalizeText } from '../../main/engine/normalize';

const DATASETS = path.resolve(__dirname, '..', '..', '..', 'shared', 'datasets');

const rows = [
  ...['when do you open', 'what are your opening hours', 'are you open on sunday', 'what time do you close'].map((text) => ({ text, intent: 'hours' })),
  ...['where is the shop', 'what is your address', 'how do i find you', 'which street are you on'].map((text) => ({ text, intent: 'location' })),
  ...['tell me a joke', 'say something funny', 'make me laugh', 'do you know any jokes'].map((text) => ({ text, intent: 'joke' })),
];

describe('background out-of-scope phrases', () => {
  it('are negatives of an English model with an out-of-scope class, and refused at once', () => {
    const m = trainRows(rows, { oosLabel: 'oos', calibrate: true, threshold: 'auto' });
    const oos = m.labels.indexOf('oos');
    expect(oos).toBeGreaterThanOrEqual(0);
    expect(m.exact.get(normalizeText('play some music', 'en'))).toBe(oos);
    expect(predict(m, 'play some music').outOfScope).toBe(true);
    // A far-off question nobody wrote down is refused too.
    expect(predict(m, 'could you tell me if it will snow on friday').outOfScope).toBe(true);
  });

  it('leave out what the knowledge base answers: its own joke intent keeps "tell me a joke"', () => {
    const m = trainRows(rows, { oosLabel: 'oos', calibrate: true, threshold: 'auto' });
    const oos = m.labels.indexOf('oos');
    expect(BACKGROUND_OUT_OF_SCOPE).toContain('tell me a joke');
    expect(m.exact.get(normalizeText('tell me a joke', 'en'))).not.toBe(oos);
    expect(predict(m, 'tell me a joke').intent).toBe('joke');
    expect(predict(m, 'got any good jokes').intent).toBe('joke');
  });

  it('are not added without an out-of-scope class, for another language, or when switched off', () => {
    const closed = trainRows(rows, {});
    expect(closed.labels).not.toContain('oos');
    const es = trainRows(rows, { oosLabel: 'oos', features: { language: 'es' } });
    expect(es.labels).not.toContain('oos');
    const off = trainRows(rows, { oosLabel: 'oos', backgroundNegatives: false });
    expect(off.labels).not.toContain('oos');
  });

  it('raise out-of-scope recall on the development set without costing in-scope answers', () => {
    const ds = parseDataset(readFileSync(path.join(DATASETS, 'hardware-store-dev.json'), 'utf8'), 'hardware-store-dev.json');
    const cache = new FileVectorCache(null);
    const on = evaluateHushdesk(ds, { vectorCache: cache });
    const off = evaluateHushdesk(ds, { vectorCache: cache, backgroundNegatives: false });
    expect(on.oos_recall as number).toBeGreaterThan(off.oos_recall as number);
    expect(on.in_scope_accuracy as number).toBeGreaterThanOrEqual(off.in_scope_accuracy as number);
  });
});
