/**
 * Knowledge bases in several languages (schema 2): validation by language and field, warnings for
 * what a language has not translated, the single-language views training uses, Spanish
 * normalisation, the per-KB language detector on the default KB's held-out phrases, and the Spanish
 * model on its own held-out tests.
 */
import { describe, expect, it } from 'vitest';
import { isAppFailure } from '../../shared/result';
import {
  createMultilingualDialogue,
  kbForLanguage,
  kbLanguageDetector,
  kbLanguages,
  loadDefaultKnowledgeBase,
  loadKnowledgeBase,
  normalizeText,
  serializeModel,
  trainModel,
  type KnowledgeBase,
} from '../../main/engine';
import { checkKnowledgeBase } from '../../main/engine/kb-check';
import { wordCount } from '../../main/engine/detect-language';
import { diffKb, isEmptyDiff } from '../../main/knowledge/diff';
import { toKbFile } from '../../main/knowledge/kb-file';
import { smallKb } from './helpers';

function spanish(): Record<string, unknown> {
  return {
    settings: { fallbackReplies: ['Perdona, no te he entendido.'], handoffReply: '¿Aviso a un compañero?', welcomeQuickReplies: ['Horario'] },
    intents: {
      'gift.balance': { title: 'Saldo de la tarjeta regalo', examples: ['saldo de la tarjeta regalo', '¿cuánto saldo me queda en la tarjeta regalo?'], tests: ['q saldo tiene mi tarjeta regalo'], responses: ['Consulta el saldo en cualquier caja.'] },
      hours: { title: 'Horario', examples: ['¿a qué hora abrís?', 'horario', '¿abrís el domingo?'], tests: ['a q hora cerrais'], responses: ['Abrimos de 9 a 17; el domingo, de 10 a 16.'] },
    },
    outOfScopeExamples: ['cuéntame un chiste'],
    outOfScopeTests: ['qué tiempo hace'],
  };
}

function v2(): Record<string, unknown> & { intents: Record<string, unknown>[] } {
  return { ...smallKb(), schemaVersion: 2, languages: { es: spanish() } };
}

function errorsOf(data: unknown): { path: string; message: string }[] {
  try {
    loadKnowledgeBase(JSON.stringify(data), 'shop.json');
  } catch (e) {
    if (isAppFailure(e) && e.error.code === 'kb_invalid') return e.error.details ?? [];
    throw e;
  }
  throw new Error('expected kb_invalid');
}

describe('knowledge bases in several languages', () => {
  it('loads a schema-1 file unchanged, as one language', () => {
    const kb = loadKnowledgeBase(JSON.stringify(smallKb()), 'small.json');
    expect(kbLanguages(kb)).toEqual(['en']);
    expect(kb.warnings).toEqual([]);
    expect(kbForLanguage(kb, 'en')).toBe(kb);
    // No `languages` key: the hash is the one the file had before schema 2.
    expect(JSON.stringify(kb)).not.toContain('"languages"');
  });

  it('names the language and the field of every problem', () => {
    const bad = v2();
    const es = (bad.languages as { es: { intents: Record<string, { examples: string[]; responses: string[] }> } }).es;
    es.intents.hours!.examples[1] = '¿¡!?';
    es.intents['gift.balance']!.responses = ['Te quedan {saldo}.'];
    (es.intents as Record<string, unknown>)['store.nope'] = { title: 'x', examples: ['x'], responses: ['x'] };
    const paths = errorsOf(bad);
    expect(paths).toContainEqual({ path: '$.languages.es.intents.hours.examples[1]', message: 'has no words after normalisation', code: 'no_words' });
    expect(paths).toContainEqual({ path: '$.languages.es.intents.gift.balance.responses[0]', message: 'placeholder {saldo} names no slot, entity or fact', code: 'unknown_placeholder', params: { name: 'saldo' } });
    expect(paths).toContainEqual({ path: '$.languages.es.intents.store.nope', message: 'names unknown intent "store.nope"', code: 'unknown_intent', params: { id: 'store.nope' } });
    // A schema-1 file cannot carry languages, and the default language is not repeated there.
    expect(errorsOf({ ...v2(), schemaVersion: 1 }).map((d) => d.path)).toContain('$.languages');
    expect(errorsOf({ ...v2(), languages: { en: spanish() } }).map((d) => d.path)).toContain('$.languages.en');
    const typo = v2();
    ((typo.languages as { es: Record<string, unknown> }).es.intents as Record<string, Record<string, unknown>>).hours!.exampels = ['x'];
    expect(errorsOf(typo).map((d) => d.path)).toContain('$.languages.es.intents.hours');
  });

  it('warns about an untranslated intent, and answers it in the default language saying so', () => {
    const kb = loadKnowledgeBase(JSON.stringify(v2()), 'shop.json');
    expect(kb.warnings).toEqual([{ path: '$.languages.es.intents.gift.lost', code: 'intent_untranslated', params: { language: 'es', defaultLanguage: 'en', intent: 'gift.lost' }, message: 'not translated into "es": the bot answers it in "en" and says so' }]);
    const es = kbForLanguage(kb, 'es');
    expect(es.settings.language).toBe('es');
    expect(es.hash).not.toBe(kb.hash);
    const lost = es.intents.find((it) => it.id === 'gift.lost');
    expect(lost?.examples).toEqual(['gift card lost', 'i lost my gift card', 'lost my gift card', 'what if i lost my gift card']);
    expect(lost?.responses[0]).toBe('(Esta respuesta todavía no está en español; te la dejo en inglés.) Bring the receipt and we will replace it.');
    expect(lost?.tests).toEqual([]);
    expect(es.intents.find((it) => it.id === 'hours')?.responses).toEqual(['Abrimos de 9 a 17; el domingo, de 10 a 16.']);
  });

  it('hashes every language: a Spanish edit is a new knowledge base', () => {
    const a = loadKnowledgeBase(JSON.stringify(v2()), 'shop.json');
    const edited = v2();
    ((edited.languages as { es: { intents: Record<string, { examples: string[] }> } }).es.intents.hours!.examples).push('¿qué horario tenéis?');
    const b = loadKnowledgeBase(JSON.stringify(edited), 'shop.json');
    expect(b.hash).not.toBe(a.hash);
    expect(kbForLanguage(b, 'es').hash).not.toBe(kbForLanguage(a, 'es').hash);
    // An English edit the Spanish view does not use keeps the Spanish model's key (no retraining)...
    const english = v2();
    english.intents[2]!.responses = ['We open 8 to 6.'];
    const c = loadKnowledgeBase(JSON.stringify(english), 'shop.json');
    expect(c.hash).not.toBe(a.hash);
    expect(kbForLanguage(c, 'es').hash).toBe(kbForLanguage(a, 'es').hash);
    // ...but the English examples of an intent Spanish has not translated are in its view.
    const untranslated = v2();
    (untranslated.intents[1]!.examples as string[]).push('my gift card is gone');
    expect(kbForLanguage(loadKnowledgeBase(JSON.stringify(untranslated), 'shop.json'), 'es').hash).not.toBe(kbForLanguage(a, 'es').hash);
  });

  it('the editor\'s diff sees a Spanish-only edit', () => {
    const a = loadKnowledgeBase(JSON.stringify(v2()), 'shop.json');
    const edited = v2();
    ((edited.languages as { es: { intents: Record<string, { examples: string[] }> } }).es.intents.hours!.examples).push('¿qué horario tenéis?');
    const d = diffKb(toKbFile(a), toKbFile(loadKnowledgeBase(JSON.stringify(edited), 'shop.json')));
    expect(d.languagesChanged).toEqual(['es']);
    expect(d.summary).toBe('languages: es');
    expect(isEmptyDiff(d)).toBe(false);
    expect(isEmptyDiff(diffKb(toKbFile(a), toKbFile(a)))).toBe(true);
    // The file form never carries what validation adds.
    expect(Object.keys(toKbFile(a))).not.toContain('warnings');
  });

  it('reads Spanish the way customers type it', () => {
    // Accents folded, ñ kept, ¿¡ gone, articles and del/al dropped, light stems.
    expect(normalizeText('¿Dónde está mi DEVOLUCIÓN?', 'es')).toBe(normalizeText('donde esta mi devolucion', 'es'));
    expect(normalizeText('año', 'es')).not.toBe(normalizeText('ano', 'es'));
    expect(normalizeText('¡Hola!', 'es')).toBe('hola');
    expect(normalizeText('el horario del domingo', 'es')).toBe(normalizeText('horario domingo', 'es'));
    expect(normalizeText('devoluciones', 'es')).toBe(normalizeText('devolución', 'es'));
    // Texting forms.
    expect(normalizeText('q hora abris', 'es')).toBe(normalizeText('que hora abris', 'es'));
    expect(normalizeText('xq no llega', 'es')).toBe(normalizeText('porque no llega', 'es'));
    expect(normalizeText('tb lo quiero', 'es')).toBe(normalizeText('tambien lo quiero', 'es'));
    expect(normalizeText('k tal', 'es')).toBe(normalizeText('que tal', 'es'));
    // English stays as it was.
    expect(normalizeText("what's the wifi", 'en')).toBe('what is the wifi');
    expect(normalizeText("what's the wifi")).toBe('what is the wifi');
  });

  it('tells English from Spanish on the default KB\'s held-out phrases of 3+ words (>= 97%)', () => {
    const kb = loadDefaultKnowledgeBase();
    const detector = kbLanguageDetector(kb);
    let n = 0;
    let ok = 0;
    for (const lang of kbLanguages(kb)) {
      const view = kbForLanguage(kb, lang);
      for (const text of [...view.intents.flatMap((it) => it.tests), ...view.outOfScopeTests]) {
        if (wordCount(text) < 3) continue;
        n++;
        if (detector.detect(text).language === lang) ok++;
      }
    }
    expect(n).toBeGreaterThan(600);
    expect(ok / n).toBeGreaterThanOrEqual(0.97);
  });

  it('answers the default KB\'s Spanish held-out tests (>= 90% in scope, >= 80% out of scope), deterministically', () => {
    const kb = loadDefaultKnowledgeBase();
    expect(kbLanguages(kb)).toEqual(['en', 'es']);
    // The default KB translates everything: no warning.
    expect(kb.warnings).toEqual([]);
    const es = kbForLanguage(kb, 'es');
    for (const it of es.intents) expect(it.tests.length, it.id).toBeGreaterThanOrEqual(10);
    expect(es.outOfScopeTests.length).toBeGreaterThanOrEqual(100);
    const model = trainModel(es);
    const r = checkKnowledgeBase(es, model);
    expect(r.inScopeAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(r.oosRecall).toBeGreaterThanOrEqual(0.8);
    expect(serializeModel(trainModel(es)).equals(serializeModel(model))).toBe(true);
  });

  it('answers each message in the language it is written in; short ones keep the conversation\'s', () => {
    const kb: KnowledgeBase = loadKnowledgeBase(JSON.stringify({ ...v2(), intents: v2().intents.slice(0, 3) }), 'shop.json');
    const models = Object.fromEntries(kbLanguages(kb).map((l) => [l, trainModel(kbForLanguage(kb, l))]));
    const d = createMultilingualDialogue(kb, models);
    expect(d.welcomeIn({}, 'es').language).toBe('es');
    const t1 = d.respondIn(null, '¿a qué hora abrís el domingo?', () => ({}), 'en');
    expect(t1.language).toBe('es');
    expect(t1.messages[0]).toMatchObject({ intent: 'hours', language: 'es', text: 'Abrimos de 9 a 17; el domingo, de 10 a 16.' });
    // Two words: too short to switch, the conversation stays Spanish.
    const t2 = d.respondIn(t1.state, 'opening hours', () => ({}), 'es');
    expect(t2.language).toBe('es');
    const t3 = d.respondIn(t2.state, 'what time do you close', (l) => ({ lang: l }), 'es');
    expect(t3.language).toBe('en');
    expect(t3.messages[0]).toMatchObject({ intent: 'hours', language: 'en', text: 'We open 9 to 5, Sunday 10 to 4.' });
    // The untranslated intent in a Spanish conversation: answered in English, with the note in Spanish.
    const t4 = d.respondIn(t1.state, 'gift lost', () => ({}), 'es');
    expect(t4.messages[0]?.intent).toBe('gift.lost');
    expect(t4.messages[0]?.text).toContain('todavía no está en español');
  });
});
