/**
 * The editor with several languages through the real backend on a real encrypted store, with real
 * training in the editor's worker: a Spanish edit in the draft, warnings as codes with parameters,
 * the publish report per language (its own tests on its own live and new model; an intent it has
 * not translated is not counted as its test), and "Try a phrase" in the chosen language.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../main/backend';
import type { KbDraftState, PublishResult, TryAnswer } from '../../shared/kb-editor';
import type { KnowledgeBaseFile } from '../../main/knowledge/kb-file';
import { cleanupTempDirs, protector, tempDir } from '../store/helpers';
import { value } from '../support/result';

afterAll(cleanupTempDirs);

const QUESTION = 'tenéis un sitio para candar la bicicleta';
const TAUGHT = ['¿Dónde puedo candar la bicicleta?', 'tenéis sitio para dejar la bici'];

describe('editor in several languages', () => {
  it('a Spanish edit publishes with a Spanish part of the report; an untranslated intent is a warning and not a Spanish test; Try a phrase in Spanish', async () => {
    const b = await createBackend({ dataDir: tempDir('hushdesk-editor-langs-'), host: 'node', protector: protector() });
    const tryEs = async (text: string) => value<TryAnswer>(await b.handle('kb.tryAnswer', { text, language: 'es' }));
    expect((await tryEs(QUESTION)).intent).not.toBe('store.parking');
    // In Spanish whatever the phrase looks like: a two-word phrase gets the Spanish answer.
    expect((await tryEs('hay parking')).answer.join(' ')).toMatch(/aparcamiento gratuito/);
    expect(value<TryAnswer>(await b.handle('kb.tryAnswer', { text: 'hay parking' })).answer.join(' ')).not.toMatch(/aparcamiento/);
    // A privacy answer's facts in that language too (the facts placeholders, not English ones).
    const keep = (await tryEs('¿qué guardáis sobre mí?')).answer.join(' ');
    expect(keep).toMatch(/^Esto es exactamente lo que guarda/);
    expect(keep).not.toMatch(/Nothing is ever sent|only if you agree/);
    expect(value<TryAnswer>(await b.handle('kb.tryAnswer', { text: 'what do you keep about me' })).answer.join(' ')).toMatch(/Nothing is ever sent to a server/);

    const file = structuredClone(value<KbDraftState>(await b.handle('kb.draft.get', undefined)).content) as KnowledgeBaseFile;
    const es = file.languages?.es;
    if (!es) throw new Error('the default KB has Spanish');
    es.intents['store.parking']?.examples.push(...TAUGHT);
    const wifiTests = es.intents['store.wifi']?.tests.length ?? 0;
    expect(wifiTests).toBeGreaterThan(0);
    delete es.intents['store.wifi'];
    const saved = value<KbDraftState>(await b.handle('kb.draft.save', { content: file as unknown as Record<string, unknown> }));
    expect(saved.problems).toEqual([]);
    expect(saved.warnings).toEqual([{ path: '$.languages.es.intents.store.wifi', code: 'intent_untranslated', params: { language: 'es', defaultLanguage: 'en', intent: 'store.wifi' }, message: expect.any(String) }]);
    expect(saved.diff?.languagesChanged).toEqual(['es']);

    const { report } = value<PublishResult>(await b.handle('kb.publish', undefined));
    expect(report.languages?.map((l) => l.language)).toEqual(['es']);
    const r = report.languages?.[0];
    if (!r?.before) throw new Error('the live KB speaks Spanish: a before');
    // Spanish tests only (both models run the new version's): store.wifi's are the English ones in the Spanish view, not counted.
    const spanishTests = Object.values(es.intents).reduce((n, it) => n + it.tests.length, 0);
    expect(r.after.inScopeTests).toBe(spanishTests);
    expect(r.before.inScopeTests).toBe(spanishTests);
    expect(r.after.inScopeAccuracy).toBeGreaterThan(0.85);
    expect(r.after.oosTests).toBe(es.outOfScopeTests.length);
    const taught = r.changed.filter((c) => TAUGHT.includes(c.text));
    expect(taught.length).toBeGreaterThan(0);
    expect(taught.every((c) => c.kind === 'new_example' && c.expected === 'store.parking' && c.after === 'store.parking')).toBe(true);
    // The default language's part is unchanged in meaning: its own tests, none of the Spanish phrases.
    expect([...report.changed, ...report.thresholdOnly].some((c) => TAUGHT.includes(c.text))).toBe(false);

    expect((await tryEs(QUESTION)).intent).toBe('store.parking');
    await b.close();
  });
});
