/** Runs a knowledge base's own held-out test phrases against a freshly trained model. */
import type { KnowledgeBase } from './kb';
import { predict, type Model } from './model';
import { trainModel } from './train-kb';

export interface KbCheckReport {
  examples: number;
  trainMs: number;
  threshold: number;
  inScopeTests: number;
  /** Answered with the right intent (threshold applied). */
  inScopeAccuracy: number;
  /** Right intent ranked first, ignoring the threshold. */
  closedAccuracy: number;
  oosTests: number;
  oosRecall: number;
  confusedPairs: { expected: string; got: string; count: number }[];
  belowThreshold: { expected: string; text: string; top: string; confidence: number }[];
  oosAnswered: { text: string; got: string; confidence: number }[];
}

export function checkKnowledgeBase(kb: KnowledgeBase, trained?: Model): KbCheckReport {
  const t0 = performance.now();
  const model = trained ?? trainModel(kb);
  const trainMs = Math.round(performance.now() - t0);
  let n = 0;
  let ok = 0;
  let closed = 0;
  const confused = new Map<string, number>();
  const below: KbCheckReport['belowThreshold'] = [];
  for (const it of kb.intents) {
    for (const text of it.tests) {
      n++;
      const p = predict(model, text);
      const top = p.ranking[0];
      if (p.intent === it.id) ok++;
      if (top?.intent === it.id) closed++;
      if (p.outOfScope) below.push({ expected: it.id, text, top: top?.intent ?? '-', confidence: p.confidence });
      else if (p.intent && p.intent !== it.id) {
        const k = `${it.id}\u0000${p.intent}`;
        confused.set(k, (confused.get(k) ?? 0) + 1);
      }
    }
  }
  let oosOk = 0;
  const oosAnswered: KbCheckReport['oosAnswered'] = [];
  for (const text of kb.outOfScopeTests) {
    const p = predict(model, text);
    if (p.outOfScope) oosOk++;
    else oosAnswered.push({ text, got: p.intent ?? '-', confidence: p.confidence });
  }
  const confusedPairs = [...confused.entries()]
    .map(([k, count]) => {
      const [expected, got] = k.split('\u0000') as [string, string];
      return { expected, got, count };
    })
    .sort((a, b) => b.count - a.count || (a.expected < b.expected ? -1 : 1));
  return {
    examples: kb.intents.reduce((a, it) => a + it.examples.length, 0),
    trainMs,
    threshold: model.threshold,
    inScopeTests: n,
    inScopeAccuracy: n > 0 ? ok / n : 0,
    closedAccuracy: n > 0 ? closed / n : 0,
    oosTests: kb.outOfScopeTests.length,
    oosRecall: kb.outOfScopeTests.length > 0 ? oosOk / kb.outOfScopeTests.length : 0,
    confusedPairs,
    belowThreshold: below,
    oosAnswered,
  };
}
