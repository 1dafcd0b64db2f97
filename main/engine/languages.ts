/**
 * One knowledge base, several languages: the languages a KB answers in, and the single-language
 * view of one of them that training, `kb check` and the dialogue use exactly as they use a schema-1
 * file. The view of the default language is the KB itself; another language's view takes that
 * language's words and keeps everything shared (ids, entities, slots' entities, hand-off, actions,
 * follow-ups, the threshold setting). An intent the language has not translated keeps the default
 * language's examples (so it can still be recognised) and answers in the default language with a
 * short note in the customer's language saying so; it has no test phrases in the view (its tests
 * belong to the default language's check).
 */
import { createHash } from 'node:crypto';
import type { KbIntent, KnowledgeBase } from './kb';

/** The words the engine itself says (not the shop's), per language; English for any other. */
export interface EngineWords {
  talkToStaff: string;
  didYouMean(a: string, b: string): string;
  notAReference(candidate: string, shape: string): string;
  orderShape(shape: string): string;
  defaultWelcome: string;
  /** Prefixed to an answer the customer's language has no translation of yet. */
  untranslated: string;
  /** Words that open an elliptical follow-up, matched on normalised text. */
  continuation: RegExp;
  /** What a privacy answer says for a fact the app did not supply (English: dialogue.ts DEFAULT_FACTS). */
  defaultFacts?: Record<string, string>;
}

const EN: EngineWords = {
  talkToStaff: 'Talk to staff',
  didYouMean: (a, b) => `Did you mean "${a}" or "${b}"?`,
  notAReference: (c, shape) => `"${c}" doesn't look like one of our references. ${shape} Could you check it?`,
  orderShape: (shape) => `Our order numbers look like ${shape}.`,
  defaultWelcome: 'Hello! How can I help?',
  untranslated: '(This answer is not available in your language yet, so here it is in English.)',
  continuation: /^(?:and|or|also|plus|but|then|what about|how about|same for|and what about)\b/,
};

const ES: EngineWords = {
  talkToStaff: 'Hablar con una persona',
  didYouMean: (a, b) => `¿Te refieres a «${a}» o a «${b}»?`,
  notAReference: (c, shape) => `«${c}» no parece una de nuestras referencias. ${shape} ¿Puedes comprobarlo?`,
  orderShape: (shape) => `Nuestros números de pedido tienen este formato: ${shape}.`,
  defaultWelcome: '¡Hola! ¿En qué puedo ayudarte?',
  untranslated: '(Esta respuesta todavía no está en español; te la dejo en inglés.)',
  // Normalised Spanish text: "y" and articles are dropped, so "y el domingo" reads "domingo".
  continuation: /^(?:tambien|pero|entonces|que tal|y si|otra cosa|lo mismo)\b/,
  defaultFacts: {
    storedItems: 'los mensajes de esta conversación y la hora de cada uno, solo si aceptas guardarla.',
    retention: 'Las conversaciones guardadas se borran automáticamente según el plazo de conservación.',
    cipher: 'SQLCipher (AES-256)',
    neverSent: 'Nunca se envía nada a un servidor ni a internet.',
    conversationCount: 'no disponible',
    dataLocation: 'este dispositivo',
    saveMode: 'sin guardar',
    openNow: '',
    missedQuestions: ' Una pregunta que no supe responder en una conversación guardada puede guardarse aparte, con los datos ocultos y sin el resto de la conversación, para que el personal me enseñe.',
  },
};

const WORDS: Record<string, EngineWords> = { en: EN, es: ES };

export function engineWords(language: string): EngineWords {
  return WORDS[language] ?? EN;
}

/** The KB's languages, the default first. */
export function kbLanguages(kb: Pick<KnowledgeBase, 'settings' | 'languages'>): string[] {
  return [kb.settings.language, ...Object.keys(kb.languages ?? {}).filter((l) => l !== kb.settings.language).sort()];
}

/** The single-language knowledge base of `language` (the KB itself for its default language). */
export function kbForLanguage(kb: KnowledgeBase, language: string): KnowledgeBase {
  const l = kb.languages?.[language];
  if (language === kb.settings.language || !l) return kb;
  const note = engineWords(language).untranslated;
  const intents: KbIntent[] = kb.intents.map((it) => {
    const t = l.intents[it.id];
    if (!t) return { ...it, tests: [], responses: it.responses.map((r) => `${note} ${r}`) };
    return {
      ...it,
      title: t.title,
      examples: t.examples,
      tests: t.tests,
      responses: t.responses,
      quickReplies: t.quickReplies,
      slots: it.slots?.map((s) => {
        const ts = t.slots?.[s.name];
        return ts ? { ...s, prompt: ts.prompt, reprompt: ts.reprompt, format: ts.format ?? s.format } : s;
      }),
    };
  });
  const { languages: _all, hash: _hash, fileName, warnings, ...rest } = kb;
  void _all;
  void _hash;
  const content = {
    ...rest,
    settings: { ...kb.settings, language, fallbackReplies: l.settings.fallbackReplies, handoffReply: l.settings.handoffReply, welcome: l.settings.welcome, welcomeQuickReplies: l.settings.welcomeQuickReplies },
    intents,
    outOfScopeExamples: l.outOfScopeExamples,
    outOfScopeTests: l.outOfScopeTests,
  };
  return {
    ...content,
    fileName,
    // The hash of this language's view alone (the in-memory keys of its model and report use it):
    // an edit of another language's words leaves it as it is. The cached model itself is keyed by
    // what it is trained from (train-kb.ts trainingHash).
    hash: createHash('sha256').update(JSON.stringify(content)).digest('hex'),
    warnings: warnings.filter((w) => w.path.startsWith(`$.languages.${language}.`)),
  };
}
