/**
 * The editor's warnings panel words (renderer/src/features/kb-editor/languages.ts warningText) on
 * warnings from the real engine: a knowledge base whose Spanish lacks an intent and a slot's
 * prompts gives codes with parameters, worded in English and in Spanish from the catalogue, with
 * the intent's title and each language by its own name; every warning code has words in both.
 */
import { describe, expect, it } from 'vitest';
import { validateKnowledgeBase } from '../../main/engine';
import { defaultKbFile } from '../../main/knowledge/kb-file';
import { KB_WARNING_CODES } from '../../shared/kb-editor';
import { warningText } from '../../renderer/src/features/kb-editor/languages';
import { kbTextFor, type KbTextKey } from '../../renderer/src/features/kb-editor/text';
import type { KbFileDraft } from '../../renderer/src/features/kb-editor/types';

describe("the editor's warnings", () => {
  it('an untranslated intent and slot: codes from the engine, worded in English and Spanish', () => {
    const file = defaultKbFile();
    const es = file.languages?.es;
    if (!es) throw new Error('the default KB has Spanish');
    delete es.intents['store.wifi'];
    const order = es.intents['order.status'];
    if (order) delete order.slots;
    const kb = validateKnowledgeBase(file, 'test.json');
    expect(kb.warnings.map((w) => w.code).sort()).toEqual(['intent_untranslated', 'slot_untranslated']);
    const draft = file as unknown as KbFileDraft;
    const words = (locale: 'en' | 'es') => kb.warnings.map((w) => warningText(kbTextFor(locale), draft, w)).sort();
    expect(words('en')).toEqual([
      'The slot "order" of Order status (order.status) has no Español prompt yet: the bot asks for it in English.',
      'Wi-Fi (store.wifi) has no Español words yet: the bot answers it in English and says so.',
    ]);
    expect(words('es')).toEqual([
      'El dato «order» de Order status (order.status) aún no tiene pregunta en Español: el bot lo pide en English.',
      'Wi-Fi (store.wifi) aún no tiene textos en Español: el bot la responde en English y lo avisa.',
    ]);
  });

  it('every warning code has its words in both languages', () => {
    for (const code of KB_WARNING_CODES) {
      const key = `warning.${code}` as KbTextKey;
      for (const locale of ['en', 'es'] as const) {
        const text = kbTextFor(locale)(key, { intent: 'x', language: 'Español', defaultLanguage: 'English', slot: 's' });
        expect(text, `${locale} ${code}`).not.toBe(key);
        expect(text, `${locale} ${code}`).not.toMatch(/[{}]/);
      }
    }
  });
});
