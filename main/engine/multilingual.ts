/**
 * The dialogue of a knowledge base in all its languages: one single-language dialogue per language
 * (its own view and model, languages.ts), and the choice of which one answers each message. The
 * conversation has a language (the welcome screen's choice); a message of MIN_WORDS_TO_SWITCH words
 * or more (ids and names not counted) is classified in the language it is written in (detect-language.ts) and the conversation
 * follows it (unless that language does not understand it either: then the conversation's answers,
 * its fallback in the customer's language); a shorter one ("ok", "sí", "HD-123456") keeps the conversation's language. Every bot
 * message says which language it is in, so the UI can follow ("Prefer English?").
 *
 * The dialogue state is shared by the languages (intent ids are shared), so a customer who
 * switches language in the middle of giving an order number keeps their place.
 */
import type { BotMessage } from '../../shared/domain';
import { buildLanguageDetector, MIN_WORDS_TO_SWITCH, wordCount, type LanguageDetector } from './detect-language';
import { createDialogue, type Dialogue, type DialogueDecision, type DialogueState, type DialogueTurn, type TurnContext } from './dialogue';
import type { KnowledgeBase } from './kb';
import { kbForLanguage, kbLanguages } from './languages';
import type { Model } from './model';

export interface LanguageTurn extends DialogueTurn {
  /** The language the turn was answered in (the conversation's language from now on). */
  language: string;
}

export interface MultilingualDialogue extends Dialogue {
  readonly defaultLanguage: string;
  /** The KB's languages, default first. */
  readonly languages: readonly string[];
  /** The language a message is answered in, in a conversation currently in `current`. */
  languageOf(text: string, current: string): string;
  /**
   * respond() in the conversation's language `current`, with the facts of the language answered in;
   * the message's entities are read in that language against `context` (the shop's day and region).
   */
  respondIn(state: DialogueState | null, text: string, facts: (language: string) => Record<string, string>, current: string, context?: TurnContext): LanguageTurn;
  welcomeIn(facts: Record<string, string>, language: string): BotMessage;
  decideIn(state: DialogueState | null, text: string, current: string): DialogueDecision & { language: string };
  /**
   * One language's dialogue with no detection (the editor's "Try a phrase" in the language being
   * edited); a language the KB does not answer in gives the default language's.
   */
  only(language: string): Dialogue;
}

/** The sample texts of one language view the detector learns from (never the test phrases). */
function samples(kb: KnowledgeBase): string[] {
  const s = kb.settings;
  const out = [...s.fallbackReplies, s.handoffReply, ...(s.welcome ? [s.welcome] : []), ...(s.welcomeQuickReplies ?? []), ...kb.outOfScopeExamples];
  for (const it of kb.intents) out.push(it.title, ...it.examples, ...it.responses, ...(it.quickReplies ?? []), ...(it.slots ?? []).flatMap((x) => [x.prompt, x.reprompt]));
  return out;
}

/** The detector of a KB's languages (built from each language's own words). */
export function kbLanguageDetector(kb: KnowledgeBase): LanguageDetector {
  const langs = kbLanguages(kb);
  // An untranslated intent's view carries the default language's words: only translated ones count.
  const own = (lang: string): string[] => {
    const view = kbForLanguage(kb, lang);
    if (lang === kb.settings.language) return samples(view);
    const translated = new Set(Object.keys(kb.languages?.[lang]?.intents ?? {}));
    return samples({ ...view, intents: view.intents.filter((it) => translated.has(it.id)) });
  };
  return buildLanguageDetector(Object.fromEntries(langs.map((l) => [l, own(l)])));
}

/** False when the bot answered nothing: a fallback (or the hand-off after misses), no intent, no "did you mean". */
function understood(turn: { messages: readonly BotMessage[] }): boolean {
  return turn.messages.some((m) => m.intent !== null || m.suggestions.length > 0 || m.awaitingSlot !== null);
}

/**
 * `models` holds the model of each language's view (kbForLanguage); a language without one is
 * answered by the default language's dialogue.
 */
export function createMultilingualDialogue(kb: KnowledgeBase, models: Readonly<Record<string, Model>>): MultilingualDialogue {
  const defaultLanguage = kb.settings.language;
  const languages = kbLanguages(kb).filter((l) => models[l] !== undefined);
  const dialogues = new Map<string, Dialogue>(languages.map((l) => [l, createDialogue(kbForLanguage(kb, l), models[l] as Model)]));
  const detector = languages.length > 1 ? kbLanguageDetector(kb) : null;
  const known = (l: string | undefined): string => (l && dialogues.has(l) ? l : defaultLanguage);
  const dialogueOf = (l: string): Dialogue => (dialogues.get(l) ?? dialogues.get(defaultLanguage)) as Dialogue;
  const tag = (m: BotMessage, language: string): BotMessage => ({ ...m, language });

  const languageOf = (text: string, current: string): string => {
    const cur = known(current);
    if (!detector || typeof text !== 'string' || wordCount(text) < MIN_WORDS_TO_SWITCH) return cur;
    return known(detector.detect(text).language);
  };

  const respondIn = (state: DialogueState | null, text: string, facts: (language: string) => Record<string, string>, current: string, context?: TurnContext): LanguageTurn => {
    const conversation = known(state?.language ?? current);
    const answer = (language: string): LanguageTurn => {
      const turn = dialogueOf(language).respond(state, text, facts(language), context);
      return { ...turn, state: { ...turn.state, language }, messages: turn.messages.map((m) => tag(m, language)), language };
    };
    const detected = languageOf(text, conversation);
    const turn = answer(detected);
    // A switch the other language cannot back up (it did not understand the message either) is no
    // reason to leave the customer's language: answer in the conversation's, understood or not (its
    // fallback then is in the customer's language, not the detector's guess).
    if (detected !== conversation && !understood(turn)) return answer(conversation);
    return turn;
  };

  const decideIn = (state: DialogueState | null, text: string, current: string): DialogueDecision & { language: string } => {
    const language = languageOf(text, state?.language ?? current);
    return { ...dialogueOf(language).decide(state, text), language };
  };

  return {
    defaultLanguage,
    languages,
    languageOf,
    respondIn,
    decideIn,
    only: (language) => dialogueOf(known(language)),
    welcomeIn: (facts, language) => tag(dialogueOf(known(language)).welcome(facts), known(language)),
    respond: (state, text, facts, context) => respondIn(state, text, () => facts, state?.language ?? defaultLanguage, context),
    welcome: (facts) => tag(dialogueOf(defaultLanguage).welcome(facts), defaultLanguage),
    decide: (state, text) => decideIn(state, text, state?.language ?? defaultLanguage),
  };
}
