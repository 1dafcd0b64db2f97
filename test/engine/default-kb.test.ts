import { describe, expect, it } from 'vitest';
import { classify } from '../../main/engine';
import { checkKnowledgeBase } from '../../main/engine/kb-check';
import { defaultEngine } from './helpers';

describe('the default knowledge base on its own held-out tests', () => {
  it('answers >= 92% of in-scope test phrases and refuses >= 85% of out-of-scope ones', () => {
    const { kb, model } = defaultEngine();
    const r = checkKnowledgeBase(kb, model);
    expect(r.inScopeTests).toBeGreaterThanOrEqual(10 * kb.intents.length);
    expect(r.oosTests).toBeGreaterThanOrEqual(100);
    expect(r.inScopeAccuracy).toBeGreaterThanOrEqual(0.92);
    expect(r.oosRecall).toBeGreaterThanOrEqual(0.85);
  });

  it('keeps test phrases separate from training examples', () => {
    const { kb } = defaultEngine();
    const examples = new Set(kb.intents.flatMap((i) => i.examples.map((e) => e.toLowerCase())));
    for (const it of kb.intents) for (const t of it.tests) expect(examples.has(t.toLowerCase()), t).toBe(false);
    const oosTrain = new Set(kb.outOfScopeExamples.map((e) => e.toLowerCase()));
    for (const t of kb.outOfScopeTests) expect(oosTrain.has(t.toLowerCase()), t).toBe(false);
  });

  it('answers the Sunday hours question with the Sunday hours', () => {
    const { kb, model } = defaultEngine();
    // Phrased as no example is (the examples say "are you open on sunday").
    expect(classify(model, 'what time do you shut on a sunday').intent).toBe('store.hours');
    const hours = kb.intents.find((i) => i.id === 'store.hours')!;
    for (const resp of hours.responses) expect(resp).toMatch(/Sunday/);
  });
});
