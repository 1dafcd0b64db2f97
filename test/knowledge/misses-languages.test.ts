/**
 * Missed questions keep their language, through the real backend on a real encrypted store with
 * the real default knowledge base (English and Spanish) and real training: a question asked in
 * Spanish is grouped apart from English ones, suggested from the Spanish model, and "add to intent"
 * / "create intent" teach the Spanish examples (languages.es.intents.<id>.examples), never the
 * English ones; published, the Spanish question is answered.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/backend';
import type { ChatReply, ChatStart, ExportResult } from '../../shared/domain';
import type { KbDraftState, MissGroup, TryAnswer } from '../../shared/kb-editor';
import type { KnowledgeBaseFile } from '../../main/knowledge/kb-file';
import { cleanupTempDirs, protector, tempDir } from '../store/helpers';
import { value } from '../support/result';

afterAll(cleanupTempDirs);

async function ask(b: Backend, text: string, locale: 'en' | 'es'): Promise<ChatReply> {
  const { conversationId } = value<ChatStart>(await b.handle('chat.start', { locale }));
  value(await b.handle('chat.consent', { conversationId, choice: 'save' }));
  return value<ChatReply>(await b.handle('chat.send', { conversationId, text }));
}

const groups = async (b: Backend): Promise<MissGroup[]> => value<{ groups: MissGroup[] }>(await b.handle('misses.list', undefined)).groups;

const SPANISH = '¿alquiláis kayaks para ir por el río?';
const SPANISH_NEW = '¿hacéis tatuajes de henna a los gatos?';
const ENGLISH = 'do you rent kayaks for the river';

describe('missed questions in every language', () => {
  it('a Spanish miss is grouped and suggested in Spanish and teaches the Spanish examples; published, it is answered in Spanish', async () => {
    const dir = tempDir('hushdesk-misses-lang-');
    const b = await createBackend({ dataDir: dir, host: 'node', protector: protector(), exportDir: tempDir('hushdesk-misses-lang-out-') });
    const es = await ask(b, SPANISH, 'es');
    expect(es.language).toBe('es');
    expect(es.replies[0]?.intent).toBeNull();
    expect((await ask(b, ENGLISH, 'en')).replies[0]?.intent).toBeNull();
    const gs = await groups(b);
    expect(gs.map((g) => [g.texts[0], g.language]).sort()).toEqual([
      [ENGLISH, 'en'],
      [SPANISH, 'es'],
    ]);
    const spanish = gs.find((g) => g.language === 'es') as MissGroup;
    // A whole-store export says which language each was asked in.
    const all = value<ExportResult>(await b.handle('export.create', { format: 'json' }));
    const doc = JSON.parse(readFileSync(all.path, 'utf8')) as { missedQuestions: { text: string; language: string }[] };
    expect(doc.missedQuestions.map((m) => [m.text, m.language]).sort()).toEqual([
      [ENGLISH, 'en'],
      [SPANISH, 'es'],
    ]);
    // Suggested by the Spanish model: the same ranking as Try a phrase in Español.
    const tried = value<TryAnswer>(await b.handle('kb.tryAnswer', { text: SPANISH, language: 'es' }));
    expect(spanish.suggested).toEqual(tried.ranking.slice(0, 3));

    const before = value<KbDraftState>(await b.handle('kb.draft.get', undefined)).content as KnowledgeBaseFile;
    const englishBefore = before.intents.find((it) => it.id === 'store.parking')?.examples;
    const assigned = value<{ added: number; draft: KbDraftState }>(await b.handle('misses.assign', { group: spanish.id, intent: 'store.parking' }));
    expect(assigned.added).toBe(1);
    expect(assigned.draft.problems).toEqual([]);
    const file = assigned.draft.content as KnowledgeBaseFile;
    expect(file.languages?.es?.intents['store.parking']?.examples).toContain(SPANISH);
    expect(file.intents.find((it) => it.id === 'store.parking')?.examples).toEqual(englishBefore);
    expect((await groups(b)).map((g) => g.language)).toEqual(['en']);

    // Create an intent from a Spanish group: its Spanish words from the group, its English ones given.
    expect((await ask(b, SPANISH_NEW, 'es')).replies[0]?.intent).toBeNull();
    const henna = (await groups(b)).find((g) => g.language === 'es') as MissGroup;
    const noEnglish = await b.handle('misses.create', { group: henna.id, id: 'services.tattoos', title: 'Tatuajes de henna', answer: 'No hacemos tatuajes, lo siento.' });
    expect(noEnglish).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const created = value<{ added: number; draft: KbDraftState }>(
      await b.handle('misses.create', { group: henna.id, id: 'services.tattoos', title: 'Tatuajes de henna', answer: 'No hacemos tatuajes, lo siento.', defaultExample: 'do you do henna tattoos', defaultAnswer: 'We do not do tattoos, sorry.' }),
    );
    expect(created.draft.problems).toEqual([]);
    const withHenna = created.draft.content as KnowledgeBaseFile;
    expect(withHenna.intents.find((it) => it.id === 'services.tattoos')).toMatchObject({ examples: ['do you do henna tattoos'], responses: ['We do not do tattoos, sorry.'] });
    expect(withHenna.languages?.es?.intents['services.tattoos']).toMatchObject({ title: 'Tatuajes de henna', examples: [SPANISH_NEW], responses: ['No hacemos tatuajes, lo siento.'] });

    value(await b.handle('kb.publish', undefined));
    const after = await ask(b, SPANISH, 'es');
    expect(after.replies[0]?.intent).toBe('store.parking');
    expect(after.language).toBe('es');
    expect(file.languages?.es?.intents['store.parking']?.responses).toContain(after.replies[0]?.text);
    await b.close();
  }, 240_000);
});
