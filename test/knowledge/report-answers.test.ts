import { describe, expect, it } from 'vitest';
import { classify, FileVectorCache, getEncoder, loadKnowledgeBase, trainModel, type VectorCache } from '../../main/engine';
import { answerer } from '../../main/knowledge/report';
import { smallKb } from '../engine/helpers';

/** A vector cache that counts what it is asked to store (each store is one phrase embedded). */
function countingCache(): VectorCache & { stored: number } {
  const inner = new FileVectorCache();
  const c = {
    stored: 0,
    get: (k: string) => inner.get(k),
    set: (k: string, v: Float32Array) => {
      c.stored++;
      inner.set(k, v);
    },
  };
  return c;
}

describe('publish report answers', () => {
  const phrases = ['how much is on my gift card', 'i lost my gift card', 'wat time do u open tonite', 'gift card balance', 'completely unrelated words about whales', 'gift card lost'];

  it('gives the answers classify gives, on two models, embedding each distinct phrase once', () => {
    expect(getEncoder()).not.toBeNull();
    const kb = loadKnowledgeBase(JSON.stringify(smallKb()), 'small.json');
    const changed = smallKb();
    changed.intents[0]!.examples = [...(changed.intents[0]!.examples as string[]), 'how much money is left on the card'];
    const a = trainModel(kb);
    const b = trainModel(loadKnowledgeBase(JSON.stringify(changed), 'small.json'));
    const cache = countingCache();
    const answer = answerer(cache);
    for (const m of [a, b, a]) {
      for (const p of phrases) {
        const c = classify(m, p);
        expect(answer(m, p)).toBe(c.outOfScope ? null : c.intent);
      }
    }
    // Exact training phrases run no encoder; the others are embedded once for all three passes.
    const embedded = cache.stored;
    expect(embedded).toBeGreaterThan(0);
    expect(embedded).toBeLessThanOrEqual(phrases.length - 2);
    // A later report with the same cache embeds nothing again.
    const again = answerer(cache);
    for (const p of phrases) again(b, p);
    expect(cache.stored).toBe(embedded);
  });
});
