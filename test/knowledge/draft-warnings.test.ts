/**
 * The translation warnings of a draft that does not validate (issue 17): read leniently from the
 * content (ids and slot names), exactly those of validation when the draft is valid, kept while the
 * draft has problems, and shown by the editor's service beside its problems (real backend, real
 * encrypted store, the real default knowledge base).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../main/backend';
import { loadDefaultKnowledgeBase, validateKnowledgeBase } from '../../main/engine';
import { draftWarnings } from '../../main/engine/kb';
import { toKbFile, type KnowledgeBaseFile } from '../../main/knowledge/kb-file';
import type { KbDraftState, KbWarning } from '../../shared/kb-editor';
import { cleanupTempDirs, protector, tempDir } from '../store/helpers';
import { value } from '../support/result';

afterAll(cleanupTempDirs);

const byPath = (ws: readonly KbWarning[]): KbWarning[] => [...ws].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

/** The default knowledge base with store.wifi not translated into Spanish and order.status's slot prompts missing there. */
function untranslated(): KnowledgeBaseFile {
  const file = toKbFile(loadDefaultKnowledgeBase());
  const es = file.languages?.es as NonNullable<KnowledgeBaseFile['languages']>[string];
  delete es.intents['store.wifi'];
  delete (es.intents['order.status'] as { slots?: unknown }).slots;
  return file;
}

const EXPECTED: KbWarning[] = [
  { path: '$.languages.es.intents.order.status.slots.order', code: 'slot_untranslated', params: { language: 'es', defaultLanguage: 'en', intent: 'order.status', slot: 'order' }, message: 'not translated into "es": the bot asks for it in "en"' },
  { path: '$.languages.es.intents.store.wifi', code: 'intent_untranslated', params: { language: 'es', defaultLanguage: 'en', intent: 'store.wifi' }, message: 'not translated into "es": the bot answers it in "en" and says so' },
];

describe('translation warnings of a draft with problems', () => {
  it('are the same as validation gives on a valid draft', () => {
    const file = untranslated();
    expect(byPath(validateKnowledgeBase(file, 'draft.json').warnings)).toEqual(EXPECTED);
    expect(byPath(draftWarnings(file))).toEqual(EXPECTED);
    expect(draftWarnings(toKbFile(loadDefaultKnowledgeBase()))).toEqual([]);
  });

  it('are still read when the draft fails the schema or a rule of the whole file', () => {
    const schema = untranslated();
    (schema.intents[0] as { title: string }).title = '';
    (schema.intents[1] as { examples: string[] }).examples = [];
    expect(() => validateKnowledgeBase(schema, 'draft.json')).toThrow(/problem/);
    expect(byPath(draftWarnings(schema))).toEqual(EXPECTED);
    const rule = untranslated();
    (rule.intents[1] as { examples: string[] }).examples.push((rule.intents[0] as { examples: string[] }).examples[0] as string);
    expect(() => validateKnowledgeBase(rule, 'draft.json')).toThrow(/same phrase/);
    expect(byPath(draftWarnings(rule))).toEqual(EXPECTED);
  });

  it('leave out what is not shaped as the file format instead of guessing', () => {
    for (const junk of [null, [], 'text', {}, { settings: {} }, { settings: { language: 'en' }, intents: 'x' }]) expect(draftWarnings(junk)).toEqual([]);
    const odd = untranslated() as unknown as { intents: unknown[]; languages: Record<string, unknown> };
    odd.intents.push({ title: 'no id' }, 42, null);
    odd.languages.xyz = { intents: {} };
    odd.languages.fr = 'not an object';
    expect(byPath(draftWarnings(odd))).toEqual(EXPECTED);
  });

  it('the editor keeps them beside the draft\'s problems', async () => {
    const b = await createBackend({ dataDir: tempDir('hushdesk-draft-warnings-'), host: 'node', protector: protector() });
    const file = untranslated();
    (file.intents[0] as { title: string }).title = '';
    const state = value<KbDraftState>(await b.handle('kb.draft.save', { content: file }));
    expect(state.problems.map((p) => p.path)).toContain('$.intents[0].title');
    expect(byPath(state.warnings ?? [])).toEqual(EXPECTED);
    expect(byPath(value<KbDraftState>(await b.handle('kb.draft.get', undefined)).warnings ?? [])).toEqual(EXPECTED);
    await b.close();
  });
});
