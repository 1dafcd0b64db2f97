/**
 * Which chat turns become missed questions, decided beside the chat (which calls onTurn once per
 * customer message and forget when a conversation goes). Captured, from SAVED conversations only:
 *   - a message the bot answered as out of scope (fallback or hand-off after misses);
 *   - a message answered with "did you mean", when the customer did not take either choice;
 *   - the message right before a hand-off;
 *   - a message whose answer the customer marked unhelpful (👎).
 * While the consent answer is pending, a turn's candidates (and a 👎) are HELD with its redacted
 * text in this process's memory, as the chat service holds the turn itself: "Save" records them (the
 * first message, often the out-of-scope one, is part of the conversation the customer agreed to
 * save), "Don't save" drops them. For an unsaved conversation ("Don't save", "never save", a
 * withdrawn consent) nothing is kept here but a turn counter: its text never reaches this module's
 * memory, let alone the store.
 */
import type { BotMessage } from '../../shared/domain';
import type { MissReason } from '../store';

export interface MissSink {
  /** `language`: the language the turn was answered in (the customer's), kept with the question. */
  capture(text: string, reason: MissReason, language: string): void;
}

/** How the turn's conversation is kept: `pending` = the consent answer is not given yet. */
export type MissKeeping = 'saved' | 'pending' | 'unsaved';

interface Turn {
  n: number;
  /** Redacted text, saved (or pending) conversations only. */
  text: string | null;
  captured: boolean;
  /** Why it would be a missed question, held until the consent answer (pending conversations). */
  held: MissReason[];
  /** The language the turn was answered in. */
  language: string;
  /** "Did you mean" choices offered in reply (intent ids). */
  offered: string[];
}

interface Tracked {
  turns: Turn[];
}

const KEEP_TURNS = 50;
const MAX_CONVERSATIONS = 200;

const isMiss = (m: BotMessage): boolean => m.intent === null && m.suggestions.length === 0 && m.awaitingSlot === null && m.action === null;

export interface MissTracker {
  /** One customer message and the bot's replies; returns the turn number (1-based) feedback refers to. */
  onTurn(conversationId: string, t: { keeping: MissKeeping; storedText: string; messages: BotMessage[]; language: string }): number;
  /** 👍/👎 on the answer to turn `n`. True when a missed question was recorded (a 👎 held until consent is not: false). */
  feedback(conversationId: string, n: number, helpful: boolean, keeping: MissKeeping): boolean;
  /** The consent answer: `save` records what was held, `dont_save` drops it with the texts. */
  consent(conversationId: string, choice: 'save' | 'dont_save'): void;
  forget(conversationId?: string): void;
}

export function createMissTracker(sink: () => MissSink | null): MissTracker {
  const live = new Map<string, Tracked>();

  function record(t: Turn, reason: MissReason): void {
    if (t.captured || t.text === null) return;
    const s = sink();
    if (!s) return;
    s.capture(t.text, reason, t.language);
    t.captured = true;
  }

  /** A saved turn's miss is recorded now; a pending one's is held for the consent answer. */
  function note(t: Turn, reason: MissReason, keeping: MissKeeping): void {
    if (keeping === 'saved') record(t, reason);
    else if (keeping === 'pending' && t.text !== null && !t.captured && !t.held.includes(reason)) t.held.push(reason);
  }

  return {
    onTurn(id, { keeping, storedText, messages, language }) {
      let c = live.get(id);
      if (!c) {
        while (live.size >= MAX_CONVERSATIONS) live.delete(live.keys().next().value as string);
        c = { turns: [] };
        live.set(id, c);
      }
      const prev = c.turns[c.turns.length - 1];
      const turn: Turn = { n: (prev?.n ?? 0) + 1, text: keeping === 'unsaved' ? null : storedText, captured: false, held: [], language, offered: messages.flatMap((m) => m.suggestions.map((s) => s.intentId)) };
      c.turns.push(turn);
      if (c.turns.length > KEEP_TURNS) c.turns.shift();
      if (keeping === 'unsaved') {
        // Forget any text kept from before (a withdrawn consent turns a saved conversation into an unsaved one).
        for (const t of c.turns) {
          t.text = null;
          t.held = [];
        }
        return turn.n;
      }
      const answered = messages.map((m) => m.intent).filter((x): x is string => x !== null);
      if (prev && prev.offered.length > 0 && !answered.some((i) => prev.offered.includes(i))) note(prev, 'suggestion_ignored', keeping);
      if (messages.some(isMiss)) note(turn, 'out_of_scope', keeping);
      if (messages.some((m) => m.handoff)) {
        if (prev) note(prev, 'before_handoff', keeping);
        note(turn, 'before_handoff', keeping);
      }
      return turn.n;
    },
    feedback(id, n, helpful, keeping) {
      if (helpful || keeping === 'unsaved') return false;
      const t = live.get(id)?.turns.find((x) => x.n === n);
      if (!t || t.captured || t.text === null) return false;
      if (keeping === 'pending') {
        note(t, 'unhelpful', keeping);
        return false;
      }
      record(t, 'unhelpful');
      return t.captured;
    },
    consent(id, choice) {
      const c = live.get(id);
      if (!c) return;
      for (const t of c.turns) {
        // One row per question (record keeps the first reason), as for a saved turn.
        const reason = t.held[0];
        if (choice === 'save' && reason !== undefined) record(t, reason);
        t.held = [];
        if (choice === 'dont_save') t.text = null;
      }
    },
    forget(id) {
      if (id === undefined) live.clear();
      else live.delete(id);
    },
  };
}
