/**
 * The publish report lists apart the answers that changed only because the confidence threshold
 * moved: real models trained from a small knowledge base, the report computed as the publish worker
 * computes it, and each listed phrase checked against the models themselves.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify, FileVectorCache, loadKnowledgeBase, trainModel, trainRows, type KnowledgeBase, type Model } from '../../main/engine';
import { parseDataset } from '../../main/engine/evaluate';
import { publishReport, refusalOf } from '../../main/knowledge/report';
import { smallKb } from '../engine/helpers';

const DATASETS = path.resolve(__dirname, '..', '..', '..', 'shared', 'datasets');

/** The development set as a shop's knowledge base: its tidy phrases as examples, its customer phrasing as tests. */
const devSet = () => parseDataset(readFileSync(path.join(DATASETS, 'hardware-store-dev.json'), 'utf8'), 'hardware-store-dev.json');

function devKb(): KnowledgeBase {
  const ds = devSet();
  const ids = [...new Set(ds.train.map((r) => r.intent).filter((i) => i !== ds.oos_label))];
  const f = smallKb();
  f.intents = ids.map((id) => ({
    id,
    title: id.replace(/_/g, ' '),
    examples: ds.train.filter((r) => r.intent === id).map((r) => r.text),
    tests: ds.test.filter((r) => r.intent === id).map((r) => r.text),
    responses: [`About ${id}.`],
  }));
  (f.settings as { confidenceThreshold: unknown }).confidenceThreshold = 'auto';
  f.outOfScopeExamples = ds.train.filter((r) => r.intent === ds.oos_label).map((r) => r.text);
  f.outOfScopeTests = ds.test.filter((r) => r.intent === ds.oos_label).map((r) => r.text);
  return loadKnowledgeBase(JSON.stringify(f), 'dev.json');
}

const TESTS: Record<string, string[]> = {
  'gift.balance': ['how much is left on my gift card', 'gift card money left', 'whats on my card', 'balance please'],
  'gift.lost': ['my gift card is gone', 'cannot find my gift card', 'i misplaced the card', 'card lost help'],
  hours: ['when are you open', 'what are your hours on saturday', 'open late tonight', 'closing time'],
};

function kbWith(threshold: number, edit?: (f: ReturnType<typeof smallKb>) => void): KnowledgeBase {
  const f = smallKb();
  (f.settings as { confidenceThreshold: number }).confidenceThreshold = threshold;
  for (const it of f.intents) it.tests = TESTS[it.id as string] ?? [];
  f.outOfScopeTests = ['what is the weather like on mars', 'sing me a song about whales'];
  edit?.(f);
  return loadKnowledgeBase(JSON.stringify(f), 'small.json');
}

const answer = (m: Model, text: string) => {
  const p = classify(m, text);
  return p.outOfScope ? null : p.intent;
};

describe('publish report: threshold-only changes', () => {
  it('a raised threshold: the answers it alone refuses are listed apart, each one the live answer under the live threshold', () => {
    const live = kbWith(0.3);
    const next = kbWith(0.99);
    const liveModel = trainModel(live);
    const nextModel = trainModel(next);
    expect(liveModel.threshold).toBe(0.3);
    expect(nextModel.threshold).toBe(0.99);
    const r = publishReport({ next, model: nextModel, live: { kb: live, model: liveModel }, trainMs: 0, fromCache: false });
    expect(r.threshold).toEqual({ before: 0.3, after: 0.99 });
    expect(r.thresholdOnly.length).toBeGreaterThan(0);
    for (const c of r.thresholdOnly) {
      // Refused now, answered before with the same intent the new model still ranks first.
      expect(c.after).toBeNull();
      expect(c.before).not.toBeNull();
      expect(answer(liveModel, c.text)).toBe(c.before);
      expect(answer({ ...nextModel, threshold: 0.3 }, c.text)).toBe(c.before);
      expect(answer(nextModel, c.text)).toBeNull();
    }
    // Whatever is still in `changed` did not come from the threshold alone.
    for (const c of r.changed) expect(answer({ ...nextModel, threshold: 0.3 }, c.text)).not.toBe(c.before);
    // A right answer refused only by the threshold is still a regression, counted once.
    expect(r.thresholdOnly.some((c) => c.regression)).toBe(true);
    expect(r.regressions).toBe([...r.changed, ...r.thresholdOnly].filter((c) => c.regression).length);
  });

  it('the same threshold: nothing is put down to it, an example moved to another intent shows as changed', () => {
    const live = kbWith(0.3);
    const moved = 'are you open on sunday';
    const next = kbWith(0.3, (f) => {
      const hours = f.intents.find((it) => it.id === 'hours') as { examples: string[]; tests: string[] };
      hours.examples = hours.examples.filter((e) => e !== moved);
      (f.intents.find((it) => it.id === 'gift.lost') as { examples: string[] }).examples.push(moved);
      hours.tests.push(moved);
    });
    const r = publishReport({ next, model: trainModel(next), live: { kb: live, model: trainModel(live) }, trainMs: 0, fromCache: false });
    expect(r.threshold).toEqual({ before: 0.3, after: 0.3 });
    expect(r.thresholdOnly).toEqual([]);
    expect(r.changed).toContainEqual(expect.objectContaining({ text: moved, before: 'hours', after: 'gift.lost', regression: true }));
  });

  it('a first publish (nothing live) has no threshold to compare with', () => {
    const next = kbWith(0.5);
    const r = publishReport({ next, model: trainModel(next), live: null, trainMs: 0, fromCache: false });
    expect(r.threshold).toEqual({ before: null, after: 0.5 });
    expect(r.thresholdOnly).toEqual([]);
  });

  it('a refitted out-of-scope margin: the same rows trained with and without it, every answer that moved is put down to the refusal settings, none to the model', () => {
    const kb = devKb();
    // The set's own rows (as calibration.test.ts trains them; its folds fit a margin above 0).
    const ds = devSet();
    const rows = ds.train;
    const cache = new FileVectorCache(null);
    const opts = { oosLabel: ds.oos_label, threshold: 'auto' as const, calibrate: true, vectorCache: cache };
    const liveModel = trainRows(rows, { ...opts, negativeMargin: false });
    const nextModel = trainRows(rows, opts);
    expect(liveModel.negativeMargin).toBe(0);
    expect(nextModel.negativeMargin).toBeGreaterThan(0);
    const r = publishReport({ next: kb, model: nextModel, live: { kb, model: liveModel }, trainMs: 0, fromCache: false, vectorCache: cache });
    expect(r.negativeMargin).toEqual({ before: 0, after: nextModel.negativeMargin });
    // The same rows give the same scores: only the refusal settings differ, so nothing is the model's.
    expect(r.changed).toEqual([]);
    expect(r.thresholdOnly.length).toBeGreaterThan(0);
    const heldToLive = { ...nextModel, ...refusalOf(liveModel), nearest: nextModel.nearest && { ...nextModel.nearest, threshold: refusalOf(liveModel).gate ?? -1 } };
    for (const c of r.thresholdOnly) {
      expect(answer(liveModel, c.text)).toBe(c.before);
      expect(answer(nextModel, c.text)).toBe(c.after);
      expect(answer(heldToLive, c.text)).toBe(c.before);
    }
  });
});
