/**
 * The dialogue manager: turns one user message plus the conversation's state into bot messages.
 * Handles slot filling (prompt, one re-prompt, then give up), "did you mean A or B?" when the top two
 * intents are close, short follow-ups read in the context of the previous question, and offers a
 * member of staff after two misunderstandings in a row. State is plain JSON, owned by the caller.
 */
import type { BotMessage, IntentScore, Suggestion } from '../../shared/domain';
import { compileEntityRegex, extractEntities, ORDER_NUMBER_SHAPE, referenceCandidate, type Entity, type EntityOptions } from './entities';
import { formatEntityValue } from './entity-format';
import type { KbIntent, KbSlot, KnowledgeBase } from './kb';
import { predict, type Model, type Prediction } from './model';
import { MAX_INPUT_CHARS, normalizeText as normalizeOf } from './normalize';
import { engineWords } from './languages';

export interface DialogueState {
  v: 1;
  turn: number;
  /** Consecutive turns the bot did not understand. */
  misses: number;
  lastIntent: string | null;
  /** Normalised text of the last understood user message (context for short follow-ups). */
  lastText: string;
  /** A slot the bot is waiting for. */
  pending: { intent: string; slot: string; attempts: number; filled: Record<string, string> } | null;
  /** Suggestions offered in the previous turn: sending one's label chooses that intent. */
  offered: Suggestion[];
  /** The conversation's language (multilingual.ts; absent: the KB's default language). */
  language?: string;
}

export interface DialogueTurn {
  state: DialogueState;
  messages: BotMessage[];
  entities: Entity[];
}

/** Which intent the dialogue would pick for a message, and the context it read it with. */
export interface DialogueDecision {
  intent: string | null;
  confidence: number;
  outOfScope: boolean;
  ranking: IntentScore[];
  /** The earlier message the decision was read together with (a short follow-up), or null. */
  context: string | null;
}

/**
 * What the turn's entities are read against, from the caller (the engine never reads the clock):
 * the shop's local calendar day for relative dates and the shop's region and countries for phones.
 * The language is the dialogue's own (the message's language, multilingual.ts).
 */
export type TurnContext = Pick<EntityOptions, 'today' | 'region' | 'regions'>;

export interface Dialogue {
  respond(state: DialogueState | null, text: string, facts: Record<string, string>, context?: TurnContext): DialogueTurn;
  welcome(facts: Record<string, string>): BotMessage;
  /** The decision respond() makes for a new message in this state ("Try a phrase" shows it). */
  decide(state: DialogueState | null, text: string): DialogueDecision;
}

/** Words that open an elliptical follow-up ("and on sunday?", "what about parking"). */
const CONTINUATION = /^(?:and|or|also|plus|but|then|what about|how about|same for|and what about)\b/;

/**
 * A follow-up that only makes sense with the previous question: it opens with a continuation word
 * or is one or two words long. "is dave in today" is a whole question of its own: if it is out of
 * scope alone, the previous topic must not be carried onto it.
 */
export function isFragment(normalized: string, continuation: RegExp = CONTINUATION): boolean {
  const words = normalized.split(' ').filter(Boolean);
  return words.length > 0 && (words.length <= 2 || (words.length <= 5 && continuation.test(normalized)));
}

/** The runner-up is offered as a choice when it is at least this likely relative to the top intent. */
export const DISAMBIGUATION_RATIO = 0.4;
/** Consecutive misunderstandings before the bot offers a member of staff. */
export const MISSES_BEFORE_HANDOFF = 2;

/** What the privacy answer says when the app supplies no live value for a fact. */
export const DEFAULT_FACTS: Record<string, string> = {
  storedItems: 'the messages of this conversation and the time each was sent, only if you agree to save it.',
  retention: 'Saved conversations are deleted automatically by the retention policy.',
  cipher: 'SQLCipher (AES-256)',
  neverSent: 'Nothing is ever sent to a server or the internet.',
  conversationCount: 'not available',
  dataLocation: 'this device',
  saveMode: 'not saved',
  // The opening-hours status (" Open now until 20:00."); nothing when the shop set no hours.
  openNow: '',
  // What is kept of a question the bot could not answer, with a leading space; the app says the days as set.
  missedQuestions: ' A question I could not answer in a saved conversation may be kept on its own, masked and without the rest of the conversation, so staff can teach me.',
};

export function initialState(): DialogueState {
  return { v: 1, turn: 0, misses: 0, lastIntent: null, lastText: '', pending: null, offered: [] };
}

/** Accepts only a well-formed state; anything else starts afresh (the state crosses process memory). */
function sane(s: DialogueState | null): DialogueState {
  if (!s || s.v !== 1 || typeof s.turn !== 'number' || !Array.isArray(s.offered)) return initialState();
  return { ...s, offered: s.offered.slice(0, 4), pending: s.pending ? { ...s.pending, filled: { ...s.pending.filled } } : null };
}

function message(partial: Partial<BotMessage> & { text: string }): BotMessage {
  return { intent: null, confidence: 0, quickReplies: [], suggestions: [], awaitingSlot: null, handoff: false, action: null, ...partial };
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function createDialogue(kb: KnowledgeBase, model: Model): Dialogue {
  // The KB is single-language here (languages.ts gives each language's view): read and speak it.
  const language = kb.settings.language;
  const normalizeText = (t: unknown): string => normalizeOf(t, language);
  const words = engineWords(language);
  const byId = new Map(kb.intents.map((it) => [it.id, it]));
  const byTitle = new Map(kb.intents.map((it) => [normalizeText(it.title), it.id]));
  const pick = <T>(list: readonly T[], turn: number): T => list[turn % list.length] as T;
  // The knowledge base's pattern entities, compiled once (not once per message).
  const regexEntities = new Map<string, RegExp>();
  for (const e of kb.entities) {
    const re = e.kind === 'regex' ? compileEntityRegex(e) : null;
    if (re) regexEntities.set(e.name, re);
  }

  // A slot of a built-in kind (a date, money, a number) is said the way the reply's language writes
  // it, dates and times the shop's country's way; formatEntityValue leaves any other kind as it is
  // (no shop entity may take a built-in's name). respond() sets the turn's region before it answers
  // (a turn runs synchronously, start to end).
  let turnRegion: string | undefined;
  const said = (kind: string | undefined, value: string): string => (kind === undefined ? value : formatEntityValue(kind, value, language, turnRegion));
  const render = (it: KbIntent, turn: number, slots: Record<string, string>, entities: Entity[], facts: Record<string, string>): string =>
    pick(it.responses, turn).replace(PLACEHOLDER, (_, name: string) => {
      if (slots[name] !== undefined) return said(it.slots?.find((s) => s.name === name)?.entity, slots[name] as string);
      const ent = entities.find((e) => e.entity === name);
      if (ent) return said(ent.entity, ent.value);
      const fact = facts[name] ?? (words.defaultFacts ?? DEFAULT_FACTS)[name];
      return typeof fact === 'string' ? fact : '';
    });

  /** Answers an intent, or asks for its first missing required slot. */
  /** Quick replies, one per intent: "Installation" and "Installation and setup" are the same offer. */
  const distinctReplies = (labels: readonly string[], exclude: string | null): string[] => {
    const seen = new Set<string>(exclude ? [exclude] : []);
    const out: string[] = [];
    for (const label of labels) {
      const key = normalizeText(label);
      let intent = byTitle.get(key);
      if (!intent) {
        const p = predict(model, label);
        intent = p.outOfScope || !p.intent ? `label:${key}` : p.intent;
      }
      if (seen.has(intent)) continue;
      seen.add(intent);
      out.push(label);
    }
    return out;
  };

  /** The customer typed a reference that does not fit the slot's pattern: say how it should look. */
  const shapeReply = (it: KbIntent, slot: KbSlot, candidate: string): BotMessage => {
    const shape = slot.format ?? (slot.entity === 'order_number' ? words.orderShape(ORDER_NUMBER_SHAPE) : slot.reprompt);
    return message({ text: words.notAReference(candidate, shape), intent: it.id, confidence: 0, awaitingSlot: slot.name });
  };

  const answer = (st: DialogueState, it: KbIntent, confidence: number, entities: Entity[], facts: Record<string, string>, filled: Record<string, string>, normalized: string, raw = ''): BotMessage => {
    const slots = { ...filled };
    for (const s of it.slots ?? []) {
      if (slots[s.name] !== undefined) continue;
      const e = entities.find((x) => x.entity === s.entity);
      if (e) slots[s.name] = e.value;
    }
    const missing = (it.slots ?? []).find((s) => s.required && slots[s.name] === undefined);
    st.misses = 0;
    st.lastIntent = it.id;
    st.lastText = normalized;
    if (missing) {
      const candidate = raw ? referenceCandidate(raw) : null;
      if (candidate && missing.acceptOther) return answer(st, it, confidence, entities, facts, { ...slots, [missing.name]: candidate }, normalized);
      st.pending = { intent: it.id, slot: missing.name, attempts: 0, filled: slots };
      if (candidate) return { ...shapeReply(it, missing, candidate), confidence };
      return message({ text: missing.prompt, intent: it.id, confidence, awaitingSlot: missing.name });
    }
    st.pending = null;
    const followUps = (it.followUps ?? []).map((f) => byId.get(f)?.title).filter((t): t is string => Boolean(t));
    const quickReplies = distinctReplies([...(it.quickReplies ?? []), ...followUps], it.id).slice(0, 4);
    return message({
      text: render(it, st.turn, slots, entities, facts),
      intent: it.id,
      confidence,
      quickReplies,
      handoff: it.handoff === true,
      action: it.action ?? null,
    });
  };

  const miss = (st: DialogueState, p: Prediction | null): BotMessage => {
    st.misses += 1;
    st.pending = null;
    if (st.misses >= MISSES_BEFORE_HANDOFF) {
      st.misses = 0;
      return message({ text: kb.settings.handoffReply, handoff: true, confidence: p?.confidence ?? 0, quickReplies: [words.talkToStaff] });
    }
    return message({ text: pick(kb.settings.fallbackReplies, st.turn), confidence: p?.confidence ?? 0, quickReplies: distinctReplies(kb.settings.welcomeQuickReplies ?? [], null) });
  };

  /** "Did you mean A or B?" when two in-scope intents are close and together confident enough. */
  const closePair = (p: Prediction): [KbIntent, KbIntent] | null => {
    const [a, b] = p.ranking;
    if (!a || !b || p.exact) return null;
    if (b.confidence < DISAMBIGUATION_RATIO * a.confidence) return null;
    if (a.confidence + b.confidence < model.threshold || b.confidence < 0.12) return null;
    const ia = byId.get(a.intent);
    const ib = byId.get(b.intent);
    return ia && ib ? [ia, ib] : null;
  };

  /**
   * The intent for a new message: the classifier on the message alone; a short follow-up that is
   * out of scope alone ("and sunday?") is read together with the previous question, and only a
   * related intent is taken from that reading.
   */
  const classify = (st: DialogueState, text: string, normalized: string): { p: Prediction; context: string | null } => {
    const p = predict(model, text);
    if ((p.outOfScope || !p.intent) && st.lastIntent && st.lastText && isFragment(normalized, words.continuation)) {
      const last = byId.get(st.lastIntent);
      const related = new Set([st.lastIntent, ...(last?.followUps ?? [])]);
      const q = predict(model, `${st.lastText} ${normalized}`);
      if (!q.outOfScope && q.intent && related.has(q.intent)) return { p: q, context: st.lastText };
    }
    return { p, context: null };
  };

  const respond = (prev: DialogueState | null, rawText: string, facts: Record<string, string>, context: TurnContext): DialogueTurn => {
    const st = sane(prev);
    st.turn += 1;
    turnRegion = context.region;
    const text = typeof rawText === 'string' ? rawText.slice(0, MAX_INPUT_CHARS) : '';
    // Read in this dialogue's language, which is the message's (multilingual.ts picks the dialogue).
    const entities = extractEntities(text, kb.entities, { locale: language, ...context, compiled: regexEntities });
    const normalized = normalizeText(text);
    const offered = st.offered;
    st.offered = [];
    const done = (m: BotMessage): DialogueTurn => {
      st.offered = m.suggestions;
      return { state: st, messages: [m], entities };
    };

    // 1. A suggestion chip from the previous turn (or an intent's exact title) picks that intent.
    const chosen = offered.find((s) => normalizeText(s.label) === normalized)?.intentId ?? byTitle.get(normalized);
    const chosenIntent = chosen ? byId.get(chosen) : undefined;
    if (chosenIntent && normalized.length > 0) return done(answer(st, chosenIntent, 1, entities, facts, {}, normalized));

    // 2. Waiting for a slot: take a matching entity, or notice the user moved on, or re-prompt once.
    if (st.pending) {
      const pend = st.pending;
      const it = byId.get(pend.intent);
      const slot = it?.slots?.find((s) => s.name === pend.slot);
      if (it && slot) {
        const value = entities.find((e) => e.entity === slot.entity);
        if (value) return done(answer(st, it, 1, entities, facts, { ...pend.filled, [slot.name]: value.value }, st.lastText));
        const p = predict(model, text);
        if (!p.outOfScope && p.intent && p.intent !== it.id) {
          const other = byId.get(p.intent);
          if (other) return done(answer(st, other, p.confidence, entities, facts, {}, normalized, text));
        }
        // A value in the wrong shape ("A-12345"): kept if the shop takes other shapes, else the
        // customer hears what the pattern looks like (never "I couldn't see one").
        const candidate = referenceCandidate(text);
        if (candidate && slot.acceptOther) return done(answer(st, it, 1, entities, facts, { ...pend.filled, [slot.name]: candidate }, st.lastText));
        if (candidate && pend.attempts < 2) {
          st.pending = { ...pend, attempts: pend.attempts + 1 };
          return done(shapeReply(it, slot, candidate));
        }
        if (pend.attempts < 1) {
          st.pending = { ...pend, attempts: pend.attempts + 1 };
          return done(message({ text: slot.reprompt, intent: it.id, confidence: 0, awaitingSlot: slot.name }));
        }
        return done(miss(st, p));
      }
      st.pending = null;
    }

    if (normalized.length === 0) return done(miss(st, null));
    // 3. Context: a short follow-up ("and on sunday?") is read together with the previous question.
    const { p } = classify(st, text, normalized);

    // 4. Close call: ask which one. The two choices are the only chips (not repeated as quick replies).
    const pair = closePair(p);
    if (pair) {
      st.pending = null;
      const suggestions: Suggestion[] = pair.map((it) => ({ intentId: it.id, label: it.title }));
      return done(message({ text: words.didYouMean(pair[0].title, pair[1].title), confidence: p.confidence, suggestions }));
    }
    const it = p.intent ? byId.get(p.intent) : undefined;
    if (!it || p.outOfScope) return done(miss(st, p));
    return done(answer(st, it, p.confidence, entities, facts, {}, normalized, text));
  };

  const decide = (prev: DialogueState | null, rawText: string): DialogueDecision => {
    const st = sane(prev);
    const text = typeof rawText === 'string' ? rawText.slice(0, MAX_INPUT_CHARS) : '';
    const normalized = normalizeText(text);
    const chosen = st.offered.find((x) => normalizeText(x.label) === normalized)?.intentId ?? byTitle.get(normalized);
    if (chosen && normalized.length > 0) return { intent: chosen, confidence: 1, outOfScope: false, ranking: [{ intent: chosen, confidence: 1 }], context: null };
    const { p, context } = classify(st, text, normalized);
    return { intent: p.outOfScope ? null : p.intent, confidence: p.confidence, outOfScope: p.outOfScope || !p.intent, ranking: p.ranking.slice(0, 5), context };
  };

  const welcome = (facts: Record<string, string>): BotMessage => {
    void facts;
    return message({
      text: kb.settings.welcome ?? words.defaultWelcome,
      quickReplies: distinctReplies(kb.settings.welcomeQuickReplies ?? [], null),
    });
  };

  return {
    respond: (state, text, facts, context) => {
      try {
        return respond(state, text, facts ?? {}, context ?? {});
      } catch {
        // The dialogue must never take the chat down: answer with the fallback and keep a fresh state.
        const st = initialState();
        return { state: st, messages: [message({ text: kb.settings.fallbackReplies[0] as string })], entities: [] };
      }
    },
    welcome,
    decide,
  };
}
