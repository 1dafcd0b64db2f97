import { describe, expect, it } from 'vitest';
import { isAppFailure } from '../../shared/result';
import { loadDefaultKnowledgeBase, loadKnowledgeBase } from '../../main/engine';
import { smallKb } from './helpers';

// Each detail carries the code (and values) the renderer words it from, beside the CLI's English line.
function errorsOf(data: unknown, file = 'shop.json'): { message: string; details: { path: string; message: string; code?: string }[] } {
  try {
    loadKnowledgeBase(typeof data === 'string' ? data : JSON.stringify(data), file);
  } catch (e) {
    if (isAppFailure(e) && e.error.code === 'kb_invalid') return { message: e.message, details: e.error.details ?? [] };
    throw e;
  }
  throw new Error('expected kb_invalid');
}

describe('knowledge base validation', () => {
  it('accepts the default knowledge base and a small valid one', () => {
    const kb = loadDefaultKnowledgeBase();
    expect(kb.intents.length).toBeGreaterThanOrEqual(30);
    expect(kb.outOfScopeTests.length).toBeGreaterThanOrEqual(100);
    for (const it of kb.intents) {
      expect(it.examples.length, it.id).toBeGreaterThanOrEqual(8);
      expect(it.examples.length, it.id).toBeLessThanOrEqual(15);
      expect(it.tests.length, it.id).toBeGreaterThanOrEqual(10);
    }
    expect(loadKnowledgeBase(JSON.stringify(smallKb()), 'small.json').hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names the file and the JSON path of a duplicate intent id', () => {
    const kb = smallKb();
    (kb.intents[2] as { id: string }).id = 'gift.balance';
    const { message, details } = errorsOf(kb);
    expect(message).toContain('shop.json');
    expect(details).toContainEqual({ path: '$.intents[2].id', code: 'duplicate_intent', params: { id: 'gift.balance' }, message: expect.stringContaining('duplicate intent id "gift.balance"') });
  });

  it('reports an unknown placeholder, an unknown slot entity and empty examples together', () => {
    const kb = smallKb();
    kb.intents[0]!.responses = ['Your balance is {balance}.'];
    kb.intents[1]!.slots = [{ name: 'card', entity: 'gift_card_number', prompt: 'Card number?', reprompt: 'The card number?', required: true }];
    kb.intents[2]!.examples = [];
    const { details } = errorsOf(kb);
    const paths = details.map((d) => d.path);
    expect(paths).toContain('$.intents[2].examples');
    // Structural errors are reported first; fix them and the cross-reference errors show.
    kb.intents[2]!.examples = ['opening hours'];
    const second = errorsOf(kb).details;
    expect(second).toContainEqual(expect.objectContaining({ path: '$.intents[0].responses[0]', code: 'unknown_placeholder', message: 'placeholder {balance} names no slot, entity or fact' }));
    expect(second).toContainEqual(expect.objectContaining({ path: '$.intents[1].slots[0].entity', code: 'unknown_entity', message: 'names unknown entity "gift_card_number"' }));
  });

  it('rejects bad JSON, a wrong schema version, unknown fields and a dangerous regex', () => {
    expect(errorsOf('{"schemaVersion": 1,', 'broken.json').details[0]!.path).toBe('$');
    const v3 = { ...smallKb(), schemaVersion: 3 };
    expect(errorsOf(v3).details.map((d) => d.path)).toContain('$.schemaVersion');
    const extra = smallKb();
    (extra.intents[0] as Record<string, unknown>).exampels = ['typo'];
    expect(errorsOf(extra).details.map((d) => d.path)).toContain('$.intents[0]');
    const re = { ...smallKb(), entities: [{ name: 'code', kind: 'regex', pattern: '(a+)+$' }] };
    expect(errorsOf(re).details).toContainEqual(expect.objectContaining({ path: '$.entities[0].pattern', code: 'regex_hangs', message: expect.stringContaining('nested unbounded quantifiers') }));
  });

  it('rejects the same phrase under two intents and a follow-up naming no intent', () => {
    const kb = smallKb();
    kb.intents[1]!.examples = ['Gift card balance!', 'lost gift card'];
    kb.intents[2]!.followUps = ['nope.missing'];
    const { details } = errorsOf(kb);
    expect(details).toContainEqual(expect.objectContaining({ path: '$.intents[1].examples[0]', code: 'same_phrase', message: 'same phrase as an example of "gift.balance"' }));
    expect(details).toContainEqual(expect.objectContaining({ path: '$.intents[2].followUps[0]', code: 'unknown_intent', message: 'names unknown intent "nope.missing"' }));
  });
});
