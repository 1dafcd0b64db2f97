/**
 * Which chat turns become missed questions, decided beside the chat (which calls onTurn once per
 * customer message and forget when a conversation goes). Captured, from SAVED conversations only:
 *   - a message the bot answered as out of scope (fallback or hand-off after misses);
 *   - a message answered with "did you mean", when the customer did not take either choice;
 *   - the message right before a hand-off;
 *   - a message whose answer the customer marked unhelpful (👎).
 * For an unsaved conversation (pending consent, "Don't save", "never save") nothing is kept here
 * but a turn counter: its text never reaches this module's memory, let alone the store.
 */
import type { BotMessage } from '../../shared/domain';
import type { MissReason } from '../store';

export interface MissSink {
  /** `language`: the language the turn was answered in (the customer's), kept with the question. */
  capture(text: string, reason: MissReason, language: string): void;
}

interface Turn {
  n: number;
  /** Redacted text, saved conversations only. */
  text: string | null;
  captured: boolean;
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
  onTurn(conversationId: string, t: { saved: boolean; storedText: string; messages: BotMessage[]; language: string }): number;
  /** 👍/👎 on the answer to turn `n`. True when a missed question was recorded. */
  feedback(conversationId: string, n: number, helpful: boolean, saved: boolean): boolean;
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

  return {
    onTurn(id, { saved, storedText, messages, language }) {
      let c = live.get(id);
      if (!c) {
        while (live.size >= MAX_CONVERSATIONS) live.delete(live.keys().next().value as string);
        c = { turns: [] };
        live.set(id, c);
      }
      const prev = c.turns[c.turns.length - 1];
      const turn: Turn = { n: (prev?.n ?? 0) + 1, text: saved ? storedText : null, captured: false, language, offered: messages.flatMap((m) => m.suggestions.map((s) => s.intentId)) };
      c.turns.push(turn);
      if (c.turns.length > KEEP_TURNS) c.turns.shift();
      if (!saved) {
        // Forget any text kept from before (a withdrawn consent turns a saved conversation into an unsaved one).
        for (const t of c.turns) t.text = null;
        return turn.n;
      }
      const answered = messages.map((m) => m.intent).filter((x): x is string => x !== null);
      if (prev && prev.offered.length > 0 && !answered.some((i) => prev.offered.includes(i))) record(prev, 'suggestion_ignored');
      if (messages.some(isMiss)) record(turn, 'out_of_scope');
      if (messages.some((m) => m.handoff)) {
        if (prev) record(prev, 'before_handoff');
        record(turn, 'before_handoff');
      }
      return turn.n;
    },
    feedback(id, n, helpful, saved) {
      if (helpful || !saved) return false;
      const t = live.get(id)?.turns.find((x) => x.n === n);
      if (!t || t.captured || t.text === null) return false;
      record(t, 'unhelpful');
      return t.captured;
    },
    forget(id) {
      if (id === undefined) live.clear();
      else live.delete(id);
    },
  };
}
