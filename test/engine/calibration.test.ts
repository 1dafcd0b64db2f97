/**
 * What training picks on held-out data, on real parts: the negative class's margin (fitted on the
 * calibration folds with the threshold; the shipped encoder and the real development set) and a
 * large training set's encoder weight (picked on a held-out fifth of real snips rows).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deserializeModel, FileVectorCache, predict, serializeModel, trainRows } from '../../main/engine';
import type { Encoder } from '../../main/engine/encoder';
import { parseDataset, score } from '../../main/engine/evaluate';
import { DEFAULT_ENCODER_WEIGHT, predictWith, trainRowsWith, type TrainingRow } from '../../main/engine/model';
import { rng } from '../../main/engine/svm';

const DATASETS = path.resolve(__dirname, '..', '..', '..', 'shared', 'datasets');
const dataset = (name: string) => parseDataset(readFileSync(path.join(DATASETS, `${name}.json`), 'utf8'), `${name}.json`);

describe('the negative class refuses by a margin fitted on held-out folds', () => {
  it('on the development set: a margin above 0, more in-scope answers than margin 0, out-of-scope recall kept >= 70 %, and it survives a round trip', () => {
    const ds = dataset('hardware-store-dev');
    const m = trainRows(ds.train, { oosLabel: ds.oos_label, calibrate: true, threshold: 'auto', vectorCache: new FileVectorCache(null) });
    expect(m.negativeMargin).toBeGreaterThan(0);
    const bytes = serializeModel(m);
    expect(deserializeModel(bytes)?.negativeMargin).toBe(m.negativeMargin);
    // A margin that is no probability difference is not a model of this engine (same length, so only the value differs).
    const field = `"negativeMargin":${m.negativeMargin}`;
    const bad = Buffer.from(bytes.toString('latin1').replace(field, `"negativeMargin":${'9'.repeat(String(m.negativeMargin).length)}`), 'latin1');
    expect(bad.equals(bytes)).toBe(false);
    expect(deserializeModel(bad)).toBeNull();
    const fitted = ds.test.map((r) => predict(m, r.text).intent ?? 'oos');
    const zero = { ...m, negativeMargin: 0 };
    const atZero = ds.test.map((r) => predict(zero, r.text).intent ?? 'oos');
    const a = score(ds, fitted);
    const b = score(ds, atZero);
    expect(a.in_scope_accuracy as number).toBeGreaterThan(b.in_scope_accuracy as number);
    expect(a.oos_recall as number).toBeGreaterThanOrEqual(0.7);
  });

  it('stays 0 where the folds say so, and without a negative class', () => {
    const rows = [
      ...['when do you open', 'what are your opening hours', 'are you open on sunday', 'what time do you close'].map((text) => ({ text, intent: 'hours' })),
      ...['where is the shop', 'what is your address', 'how do i find you', 'which street are you on'].map((text) => ({ text, intent: 'location' })),
    ];
    expect(trainRows(rows, { calibrate: true, threshold: 'auto' }).negativeMargin).toBe(0);
  });
});

/** Unit vectors of `dims` dimensions: `centre` plus seeded noise of `noise` (0 for pure centres). */
function unitVectors(n: number, dims: number, seed: number, centre: (i: number) => Float32Array | null, noise: number): Float32Array[] {
  const rand = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const c = centre(i);
    const v = Float32Array.from({ length: dims }, (_, d) => (c ? (c[d] as number) : 0) + noise * (rand() * 2 - 1));
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

/** Just what training reads of an encoder when the vectors are given (trainRowsWith). */
const vectorSource = (dims: number): Encoder => ({ dims, hash: `test-${dims}`, maxTokens: 128, embed: () => [], tokenCount: () => 0, knowsWord: () => false });

describe('a large training set picks its encoder weight on a held-out fifth of its rows', () => {
  const snips = dataset('snips');
  // LARGE_DATA_ROWS (5000) and more: the pick runs.
  const rows: TrainingRow[] = snips.train.slice(0, 6000);

  it('leaves vectors that carry nothing out of the model (weight 0: classification runs no encoder)', () => {
    const noise = unitVectors(rows.length, 256, 5, () => null, 1);
    expect(rows.length).toBe(6000);
    const { model: m, state } = trainRowsWith(rows, noise, vectorSource(256));
    expect(m.enc).toBeNull();
    expect(state.picked).toEqual({ weight: 0, editedSince: 0 });
    const p = predictWith(m, snips.test[0]?.text ?? '', null, false);
    expect(p.intent).not.toBeNull();
    // After a small edit the pick stands (no four fits again); the edits add up until it is redone.
    const edited = rows.slice(1);
    const again = trainRowsWith(edited, noise.slice(1), vectorSource(256), { previous: state });
    expect(again.state.picked).toEqual({ weight: 0, editedSince: 1 });
    // What trains is the reused pick, not a new one: a previous state that says 2 gives weight 2.
    const forced = trainRowsWith(edited, noise.slice(1), vectorSource(256), { previous: { ...state, picked: { weight: 2, editedSince: 0 } } });
    expect(forced.model.enc?.weight).toBe(2);
    const many = rows.slice(200);
    expect(trainRowsWith(many, noise.slice(200), vectorSource(256), { previous: state }).state.picked?.editedSince).toBe(0);
  });

  it('keeps the default weight when the vectors carry the intent and the words do not', () => {
    const labels = [...new Set(rows.map((r) => r.intent))];
    const centres = unitVectors(labels.length, 32, 11, () => null, 1);
    const at = new Map(labels.map((l, i) => [l, centres[i] as Float32Array]));
    // Each text a word seen nowhere else: only the vector says which intent a held-out row is.
    const blind = rows.map((r, i) => ({ text: `zq${i.toString(36)}x`, intent: r.intent }));
    const vecs = unitVectors(rows.length, 32, 13, (i) => at.get((rows[i] as TrainingRow).intent) ?? null, 0.05);
    const { model: m } = trainRowsWith(blind, vecs, vectorSource(32));
    expect(m.enc?.weight).toBe(DEFAULT_ENCODER_WEIGHT);
  });

  it('is not tried on a small set (a shop knowledge base keeps the default weight)', () => {
    const ds = dataset('hardware-store-dev');
    const m = trainRows(ds.train, { oosLabel: ds.oos_label, vectorCache: new FileVectorCache(null) });
    expect(m.enc?.weight).toBe(DEFAULT_ENCODER_WEIGHT);
  });
});
