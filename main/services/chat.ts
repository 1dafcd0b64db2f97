/**
 * The chat service: one customer conversation from welcome to end.
 *
 * A message's way: the user's text goes to the dialogue manager as typed (the engine and the slot
 * filler see real values within the turn); what is STORED is the redacted text, and the user turn
 * plus the bot's replies are written in one transaction. Nothing reaches the disk for a
 * conversation that is not saved: while consent is pending (the customer may already ask: the
 * choice comes with the first answer, and "Save" then writes the turns held so far), after "Don't save", under a "never
 * save" policy or a "keep nothing" retention, the conversation lives in this process's memory only
 * and vanishes when it ends.
 */
import { randomBytes } from 'node:crypto';
import type { ChatReply, ChatStart, Channel, ConversationPolicy, Locale, SaveMode, WipeCounts } from '../../shared/domain';
import { AppFailure } from '../../shared/result';
import type { DialogueState, MultilingualDialogue, TurnContext } from '../engine';
import {
  appendTurn,
  createConversation,
  deleteConversation,
  endConversation,
  recordConsent,
  transaction,
  withdrawConsent,
  type Db,
} from '../store';
import type { MissKeeping, MissTracker } from '../knowledge/miss-capture';
import type { AuditSink, Clock } from './ports';

/** What the chat service needs to know about keeping conversations, decided elsewhere. */
export interface KeepingRules {
  policy(): ConversationPolicy;
  /** False when the retention policy keeps nothing at all. */
  retentionKeepsAnything(): boolean;
  /** When a conversation started now would be purged (null: until the end-of-day wipe / no expiry). */
  expiresAt(startedAt: number): number | null;
  /** The retention policy in words ("30 days" / "30 días"), for the consent question, in the conversation's language. */
  retentionText(language: string): string;
  noticeVersion(): number;
  channel(): Channel;
}

export interface ChatDeps {
  db(): Db;
  dialogue(): MultilingualDialogue;
  redact(text: string): string;
  /** redact() with counts per type: where given, a stored customer line's masks are audited as counts ('redacted'). */
  redactCounted?(text: string): { text: string; counts: Record<string, number> };
  /** The live facts the privacy answers fill in, worded in `language` (the language answered in). */
  facts(conversation: { mode: SaveMode; language: string }): Record<string, string>;
  /** What the customer's dates and phone numbers are read against now: the shop's calendar day and region. */
  turnContext?(): TurnContext;
  rules: KeepingRules;
  audit: AuditSink;
  now: Clock;
  /** Missed questions for the knowledge-base editor (main/knowledge/miss-capture.ts); saved conversations only (held while consent is pending). */
  misses?: MissTracker;
}

interface LiveConversation {
  id: string;
  /** 'pending' = waiting for the consent answer; nothing is stored meanwhile. */
  mode: 'pending' | SaveMode;
  keptBy: 'consent' | 'policy';
  consentId: string | null;
  persisted: boolean;
  startedAt: number;
  locale: Locale;
  /** The language the conversation is answered in: the start choice, then the customer's last language. */
  language: string;
  state: DialogueState | null;
  /** Unsaved conversations only: the (redacted) lines, in this process's memory, for the customer's QR copy. */
  memory: { role: 'user' | 'bot'; text: string }[];
  /** Turns asked before the consent answer, as they would be stored: written if the answer is "Save". */
  held: HeldTurn[];
}

interface HeldTurn {
  user: { text: string; at: number };
  /** What the redactor masked in the user's line (counts per type), audited if the turn is written. */
  redactions: Record<string, number>;
  bot: { text: string; intent: string | null; confidence: number; at: number }[];
}

/** Lines kept in memory for an unsaved conversation's QR copy (the QR code cannot carry more anyway). */
const MEMORY_LINES = 60;

/** Kiosk sessions are short; a forgotten tab must not grow memory without bound. */
const MAX_LIVE = 200;

export interface ChatService {
  start(locale: Locale): ChatStart;
  consent(conversationId: string, choice: 'save' | 'dont_save'): ChatStart;
  send(conversationId: string, text: string): ChatReply;
  end(conversationId: string): void;
  /** The customer picked a language ("Prefer English?"): the next answers are in it; returns the language now in use. */
  setLanguage(conversationId: string, language: string): string;
  /** Withdraws consent / deletes "this conversation": stored rows go at once; the chat goes on unsaved. */
  withdraw(conversationId: string): WipeCounts;
  forget(conversationId?: string): void;
  /** 👍/👎 on the bot's answer to the customer's `turn`-th message; true when it became a missed question. */
  feedback(conversationId: string, turn: number, helpful: boolean): boolean;
  liveCount(): number;
  /** An unsaved conversation's lines (memory only), or null when it is saved or unknown. */
  unsavedTranscript(conversationId: string): { startedAt: number; messages: { role: 'user' | 'bot'; text: string }[] } | null;
}

/**
 * A bot reply as stored: only what came from the customer is masked (a value they typed, echoed
 * back); the knowledge base's own text, the store's e-mail address included, stays as written.
 */
export function maskEchoes(botText: string, customerValues: readonly string[], redact: (text: string) => string): string {
  let out = botText;
  const values = [...new Set(customerValues)].filter((v) => v.length >= 3).sort((a, b) => b.length - a.length);
  for (const v of values) {
    const masked = redact(v);
    if (masked !== v) out = out.split(v).join(masked);
  }
  return out;
}

export function newConversationId(): string {
  return `c_${randomBytes(12).toString('base64url')}`;
}

/** How the missed-questions tracker treats a conversation's turns: held while the consent answer is pending. */
function keepingOf(c: LiveConversation): MissKeeping {
  return c.mode === 'pending' ? 'pending' : c.mode === 'saved' ? 'saved' : 'unsaved';
}

export function createChatService(deps: ChatDeps): ChatService {
  const live = new Map<string, LiveConversation>();

  /** A stored line's masks, as counts per type (never the values): the audit report's "redactions by type". */
  function auditRedactions(counts: Record<string, number>): void {
    if (Object.keys(counts).length > 0) deps.audit('redacted', counts);
  }

  function get(id: string): LiveConversation {
    const c = live.get(id);
    if (!c) throw new AppFailure('not_found', 'This conversation has ended. Start a new one.');
    return c;
  }

  function describe(c: LiveConversation): ChatStart {
    const mode: SaveMode = c.mode === 'saved' ? 'saved' : 'incognito';
    return {
      conversationId: c.id,
      mode,
      consentRequired: c.mode === 'pending',
      welcome: deps.dialogue().welcomeIn(deps.facts({ mode, language: c.language }), c.language),
      retentionText: deps.rules.retentionText(c.language),
      noticeVersion: deps.rules.noticeVersion(),
      language: c.language,
    };
  }

  function persist(db: Db, c: LiveConversation): void {
    if (c.persisted) return;
    createConversation(db, {
      id: c.id,
      startedAt: c.startedAt,
      channel: deps.rules.channel(),
      locale: c.locale,
      consentId: c.consentId,
      keptBy: c.keptBy,
      expiresAt: deps.rules.expiresAt(c.startedAt),
    });
    c.persisted = true;
  }

  return {
    start(locale) {
      while (live.size >= MAX_LIVE) live.delete(live.keys().next().value as string);
      const policy = deps.rules.policy();
      const keeps = deps.rules.retentionKeepsAnything();
      const mode: LiveConversation['mode'] = !keeps || policy === 'never' ? 'incognito' : policy === 'ask' ? 'pending' : 'saved';
      const c: LiveConversation = {
        id: newConversationId(),
        mode,
        keptBy: 'policy',
        consentId: null,
        persisted: false,
        startedAt: deps.now(),
        locale,
        // The welcome screen's choice, when the knowledge base speaks it (else its default language).
        language: deps.dialogue().languageOf('', locale),
        state: null,
        memory: [],
        held: [],
      };
      live.set(c.id, c);
      return describe(c);
    },

    consent(id, choice) {
      const c = get(id);
      if (c.mode !== 'pending') throw new AppFailure('conflict', 'This conversation has already been set up.');
      if (choice === 'dont_save') {
        // Declining leaves no trace at all: a refusal needs no proof, and storing one would put
        // something about an incognito conversation on disk.
        c.mode = 'incognito';
        c.held = [];
        deps.misses?.consent(c.id, 'dont_save');
        return describe(c);
      }
      const db = deps.db();
      const consentId = `k_${randomBytes(12).toString('base64url')}`;
      // The consent record holds time, notice version and choice; never content.
      transaction(db, () => {
        recordConsent(db, { id: consentId, conversationId: c.id, at: deps.now(), noticeVersion: deps.rules.noticeVersion(), choice: 'granted' });
        c.mode = 'saved';
        c.keptBy = 'consent';
        c.consentId = consentId;
        persist(db, c);
        // What was asked before the answer is part of "this conversation" the customer agreed to save.
        for (const h of c.held) appendTurn(db, c.id, h.user, h.bot);
        for (const h of c.held) auditRedactions(h.redactions);
      });
      // Counted for the audit report (no id, no content: the consent record itself is the proof).
      deps.audit('consent_given', {});
      // The missed questions asked before the answer go to the inbox now, as those turns went to the store.
      deps.misses?.consent(c.id, 'save');
      const savedEarlier = c.held.map((h) => h.user.text);
      c.held = [];
      c.memory = [];
      return { ...describe(c), savedEarlier };
    },

    send(id, text) {
      const c = get(id);
      // While the consent answer is pending the turn is answered and held in memory, never written.
      const mode: SaveMode = c.mode === 'saved' ? 'saved' : 'incognito';
      const earlier = Object.values(c.state?.pending?.filled ?? {});
      const turn = deps.dialogue().respondIn(c.state, text, (language) => deps.facts({ mode, language }), c.language, deps.turnContext?.());
      c.language = turn.language;
      const redacted = deps.redactCounted ? deps.redactCounted(text) : { text: deps.redact(text), counts: {} };
      const storedText = redacted.text;
      // What the customer gave (this turn's entities, slot values from earlier turns): masked where echoed.
      const given = [...earlier, ...turn.entities.flatMap((e) => [e.text, e.value])];
      const storedReply = (m: { text: string }): string => maskEchoes(m.text, given, deps.redact);
      if (mode === 'saved') {
        const db = deps.db();
        const at = deps.now();
        transaction(db, () => {
          persist(db, c);
          appendTurn(
            db,
            c.id,
            { text: storedText, at },
            // Bot replies can echo what the user typed (an e-mail address to confirm): those echoes are masked.
            turn.messages.map((m) => ({ text: storedReply(m), intent: m.intent, confidence: m.confidence, at })),
          );
          auditRedactions(redacted.counts);
        });
      }
      c.state = turn.state;
      deps.misses?.onTurn(c.id, { keeping: keepingOf(c), storedText, messages: turn.messages, language: turn.language });
      if (c.mode === 'pending' && c.held.length < MEMORY_LINES) {
        const at = deps.now();
        c.held.push({ user: { text: storedText, at }, redactions: redacted.counts, bot: turn.messages.map((m) => ({ text: storedReply(m), intent: m.intent, confidence: m.confidence, at })) });
      }
      if (mode !== 'saved') {
        c.memory.push({ role: 'user', text: storedText }, ...turn.messages.map((m) => ({ role: 'bot' as const, text: storedReply(m) })));
        if (c.memory.length > MEMORY_LINES) c.memory.splice(0, c.memory.length - MEMORY_LINES);
      }
      return { user: { text, storedText: mode === 'saved' ? storedText : '' }, replies: turn.messages, language: turn.language };
    },

    end(id) {
      const c = live.get(id);
      if (!c) return;
      live.delete(id);
      deps.misses?.forget(id);
      if (c.persisted) endConversation(deps.db(), c.id, deps.now());
    },

    setLanguage(id, language) {
      const c = get(id);
      c.language = deps.dialogue().languageOf('', language);
      if (c.state) c.state = { ...c.state, language: c.language };
      return c.language;
    },

    withdraw(id) {
      const c = get(id);
      let deleted: WipeCounts = { conversations: 0, messages: 0, consents: 0 };
      if (c.persisted || c.consentId) {
        const db = deps.db();
        transaction(db, () => {
          const d = deleteConversation(db, c.id);
          deleted = { conversations: d.conversations, messages: d.messages, consents: 0 };
          // The consent record stays, marked withdrawn: consent must stay provable (and it holds no content).
          if (c.consentId) withdrawConsent(db, c.consentId, deps.now());
          deps.audit('consent_withdrawn', { conversations: deleted.conversations, messages: deleted.messages });
        });
      }
      c.mode = 'incognito';
      c.persisted = false;
      c.consentId = null;
      return deleted;
    },

    forget(id) {
      if (id === undefined) live.clear();
      else live.delete(id);
      deps.misses?.forget(id);
    },

    feedback(id, n, helpful) {
      const c = get(id);
      return deps.misses?.feedback(c.id, n, helpful, keepingOf(c)) ?? false;
    },

    liveCount: () => live.size,

    unsavedTranscript(id) {
      const c = live.get(id);
      return c && c.mode !== 'saved' ? { startedAt: c.startedAt, messages: [...c.memory] } : null;
    },
  };
}

