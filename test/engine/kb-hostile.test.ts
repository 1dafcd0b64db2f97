/**
 * Hostile knowledge-base files (issue 14 items 4 and 5): catastrophic regexes that the old check let
 * through, and knowledge bases too big to train. Each is refused with the JSON path and the reason,
 * and an import through the backend changes nothing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../main/backend';
import { KB_LIMITS, loadKnowledgeBase } from '../../main/engine/kb';
import type { KbInfo } from '../../shared/domain';
import { isAppFailure, type Result } from '../../shared/result';
import { PASS } from '../data/helpers';
import { cleanupTempDirs, tempDir } from '../store/helpers';
import { smallKb } from './helpers';

afterAll(cleanupTempDirs);

type Kb = ReturnType<typeof smallKb>;

function refusal(kb: unknown): { path: string; message: string }[] {
  try {
    loadKnowledgeBase(JSON.stringify(kb), 'shop.json');
  } catch (e) {
    if (isAppFailure(e) && e.error.code === 'kb_invalid') return e.error.details ?? [];
    throw e;
  }
  throw new Error('expected kb_invalid');
}

function withPattern(pattern: string): Kb {
  const kb = smallKb();
  (kb as unknown as { entities: unknown[] }).entities = [{ name: 'member_id', kind: 'regex', pattern }];
  return kb;
}

describe('knowledge-base regexes that hang', () => {
  it.each([
    ['((a+))+$', /nested unbounded quantifiers/],
    ['(a|aa)+$', /too slow on long input/],
    ['(\\d|\\d\\d)+x', /too slow on long input/],
    ['(a+)+$', /nested unbounded quantifiers/],
    ['([a-z]+)*$', /nested unbounded quantifiers/],
    ['(a)\\1', /backreferences/],
    ['a*', /empty string/],
  ])('refuses %s with the reason, at the pattern', (pattern, reason) => {
    const details = refusal(withPattern(pattern));
    expect(details).toContainEqual(expect.objectContaining({ path: '$.entities[0].pattern', message: expect.stringMatching(reason), code: expect.stringMatching(/^(bad_regex|regex_hangs|regex_matches_empty)$/) }));
  });

  it('caps the pattern length and accepts a safe pattern', () => {
    expect(refusal(withPattern(`M${'\\d'.repeat(150)}`))).toContainEqual(expect.objectContaining({ path: '$.entities[0].pattern', message: expect.stringContaining('at most 200 characters'), code: 'too_big' }));
    expect(loadKnowledgeBase(JSON.stringify(withPattern('\\bM\\d{6,8}\\b')), 'shop.json').entities).toHaveLength(1);
  });
});

describe('knowledge bases too big to train', () => {
  function intents(n: number, examples = 1): Kb['intents'] {
    return Array.from({ length: n }, (_, i) => ({ id: `topic.t${i}`, title: `Topic ${i}`, examples: Array.from({ length: examples }, (_, j) => `question ${i} variant ${j}`), tests: [], responses: [`Answer ${i}.`] })) as Kb['intents'];
  }

  it(`refuses more than ${KB_LIMITS.intents} intents (the issue's 30,000-intent file comes back at once)`, () => {
    const kb = smallKb();
    kb.intents = intents(30_000);
    expect(JSON.stringify(kb).length).toBeLessThan(5_000_000);
    expect(refusal(kb)).toContainEqual(expect.objectContaining({ path: '$.intents', message: `at most ${KB_LIMITS.intents} intents`, code: 'too_big', params: expect.objectContaining({ maximum: KB_LIMITS.intents, origin: 'array' }) }));
  });

  it(`refuses more than ${KB_LIMITS.examplesPerIntent} examples in one intent, and more than ${KB_LIMITS.totalPhrases} phrases in all`, () => {
    const one = smallKb();
    one.intents[0]!.examples = Array.from({ length: KB_LIMITS.examplesPerIntent + 1 }, (_, j) => `balance question ${j}`);
    expect(refusal(one)).toContainEqual(expect.objectContaining({ path: '$.intents[0].examples', message: `at most ${KB_LIMITS.examplesPerIntent} example phrases per intent`, code: 'too_big' }));
    const all = smallKb();
    all.intents = intents(60, 400);
    expect(refusal(all)).toContainEqual({ path: '$.intents', message: `has 24000 phrases in all; at most ${KB_LIMITS.totalPhrases} are allowed`, code: 'too_many_phrases', params: { n: 24000, maximum: KB_LIMITS.totalPhrases } });
  });

  it('an import of a hostile file through the backend is refused and the live knowledge base stays', async () => {
    const b = await createBackend({ dataDir: tempDir('hushdesk-kb-hostile-'), host: 'node', passphrase: PASS });
    try {
      const value = <T,>(r: Result<unknown>): T => {
        if (!r.ok) throw new Error(r.error.code);
        return r.value as T;
      };
      const before = value<KbInfo>(await b.handle('kb.info', undefined));
      const r = await b.handle('kb.import', { fileName: 'evil.json', content: JSON.stringify(withPattern('(a|aa)+$')) });
      expect(r).toMatchObject({ ok: false, error: { code: 'kb_invalid', details: [{ path: '$.entities[0].pattern' }] } });
      expect(value<KbInfo>(await b.handle('kb.info', undefined))).toEqual(before);
    } finally {
      await b.close();
    }
  });
});
