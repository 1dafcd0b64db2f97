/** Conversations and their messages: create, append a turn, list, transcript, delete. */
import { AppFailure } from '../../../shared/result';
import type { Channel, ConversationSummary, Role, StoredMessage, Transcript } from '../../../shared/domain';
import type { Db } from '../db';
import { stmt } from './stmt';
import { transaction } from './tx';

export interface NewConversation {
  id: string;
  startedAt: number;
  channel: Channel;
  locale: string;
  consentId?: string | null;
  keptBy: 'consent' | 'policy';
  expiresAt?: number | null;
}

export interface NewMessage {
  text: string;
  intent?: string | null;
  confidence?: number | null;
  at: number;
}

export interface AppendedTurn {
  userMessageId: number;
  botMessageIds: number[];
}

interface ConversationRow {
  id: string;
  started_at: number;
  ended_at: number | null;
  channel: Channel;
  locale: string;
  kept_by: 'consent' | 'policy';
  expires_at: number | null;
  message_count: number;
  topics: string | null;
}

interface MessageRow {
  id: number;
  conversation_id: string;
  role: Role;
  text: string;
  intent: string | null;
  confidence: number | null;
  at: number;
}

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

export function createConversation(db: Db, c: NewConversation): void {
  if (!ID_RE.test(c.id)) throw new AppFailure('invalid_input', 'conversation id must be 1-64 letters, digits, _ or -');
  try {
    stmt(
      db,
      `INSERT INTO conversations (id, started_at, ended_at, channel, locale, consent_id, kept_by, expires_at)
       VALUES (?, ?, NULL, ?, ?, ?, ?, ?)`,
    ).run(c.id, c.startedAt, c.channel, c.locale, c.consentId ?? null, c.keptBy, c.expiresAt ?? null);
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      throw new AppFailure('conflict', `conversation ${c.id} already exists`);
    }
    throw e;
  }
}

const insertMessageSql = `INSERT INTO messages (conversation_id, role, text, intent, confidence, at) VALUES (?, ?, ?, ?, ?, ?)`;

function insertMessage(db: Db, conversationId: string, role: Role, m: NewMessage): number {
  const r = stmt(db, insertMessageSql).run(conversationId, role, m.text, m.intent ?? null, m.confidence ?? null, m.at);
  return Number(r.lastInsertRowid);
}

/**
 * Stores one exchange: the user's message (already redacted) and the bot's replies, in ONE
 * transaction, so a crash never leaves a question without its answer or the reverse.
 */
export function appendTurn(db: Db, conversationId: string, user: NewMessage, bot: NewMessage[]): AppendedTurn {
  return transaction(db, () => {
    const exists = stmt(db, 'SELECT 1 FROM conversations WHERE id = ?').get(conversationId);
    if (!exists) throw new AppFailure('not_found', `no conversation ${conversationId}`);
    const userMessageId = insertMessage(db, conversationId, 'user', user);
    const botMessageIds = bot.map((m) => insertMessage(db, conversationId, 'bot', m));
    return { userMessageId, botMessageIds };
  });
}

/** Appends messages of either role in one transaction (bot-only greetings, imports). */
export function appendMessages(db: Db, conversationId: string, messages: (NewMessage & { role: Role })[]): number[] {
  return transaction(db, () => {
    const exists = stmt(db, 'SELECT 1 FROM conversations WHERE id = ?').get(conversationId);
    if (!exists) throw new AppFailure('not_found', `no conversation ${conversationId}`);
    return messages.map((m) => insertMessage(db, conversationId, m.role, m));
  });
}

export function endConversation(db: Db, conversationId: string, at: number): boolean {
  return stmt(db, 'UPDATE conversations SET ended_at = ? WHERE id = ? AND ended_at IS NULL').run(at, conversationId).changes > 0;
}

export function setConversationRetention(
  db: Db,
  conversationId: string,
  r: { keptBy: 'consent' | 'policy'; expiresAt: number | null; consentId?: string | null },
): boolean {
  return (
    stmt(db, 'UPDATE conversations SET kept_by = ?, expires_at = ?, consent_id = coalesce(?, consent_id) WHERE id = ?').run(
      r.keptBy,
      r.expiresAt,
      r.consentId ?? null,
      conversationId,
    ).changes > 0
  );
}

const summarySelect = `
  SELECT c.id, c.started_at, c.ended_at, c.channel, c.locale, c.kept_by, c.expires_at,
    (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id) AS message_count,
    (SELECT json_group_array(intent) FROM (
       SELECT DISTINCT intent FROM messages m WHERE m.conversation_id = c.id AND m.intent IS NOT NULL ORDER BY intent
     )) AS topics
  FROM conversations c`;

function toSummary(r: ConversationRow): ConversationSummary {
  return {
    id: r.id,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    channel: r.channel,
    locale: r.locale,
    messageCount: r.message_count,
    topics: r.topics ? (JSON.parse(r.topics) as string[]) : [],
    keptBy: r.kept_by,
    expiresAt: r.expires_at,
  };
}

export interface ListOptions {
  /** Only conversations started at or after this time (epoch ms). */
  from?: number;
  /** Only conversations started before this time (epoch ms). */
  to?: number;
  limit?: number;
  offset?: number;
}

/** Newest first. */
export function listConversations(db: Db, o: ListOptions = {}): ConversationSummary[] {
  const rows = stmt(
    db,
    `${summarySelect} WHERE c.started_at >= ? AND c.started_at < ? ORDER BY c.started_at DESC, c.id LIMIT ? OFFSET ?`,
  ).all(o.from ?? 0, o.to ?? Number.MAX_SAFE_INTEGER, o.limit ?? -1, o.offset ?? 0) as ConversationRow[];
  return rows.map(toSummary);
}

export function getConversation(db: Db, id: string): ConversationSummary | null {
  const row = stmt(db, `${summarySelect} WHERE c.id = ?`).get(id) as ConversationRow | undefined;
  return row ? toSummary(row) : null;
}

function toMessage(r: MessageRow): StoredMessage {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    role: r.role,
    text: r.text,
    intent: r.intent,
    confidence: r.confidence,
    at: r.at,
  };
}

export function getTranscript(db: Db, id: string): Transcript | null {
  const conversation = getConversation(db, id);
  if (!conversation) return null;
  const rows = stmt(
    db,
    'SELECT id, conversation_id, role, text, intent, confidence, at FROM messages WHERE conversation_id = ? ORDER BY id',
  ).all(id) as MessageRow[];
  return { conversation, messages: rows.map(toMessage) };
}

export interface DeletedConversation {
  conversations: number;
  messages: number;
}

/** Deletes a conversation and (by cascade, with the search index via triggers) its messages. */
export function deleteConversation(db: Db, id: string): DeletedConversation {
  return transaction(db, () => {
    const messages = (stmt(db, 'SELECT count(*) AS n FROM messages WHERE conversation_id = ?').get(id) as { n: number }).n;
    const conversations = stmt(db, 'DELETE FROM conversations WHERE id = ?').run(id).changes;
    return { conversations, messages: conversations ? messages : 0 };
  });
}

/** How many conversations are stored. */
export function countConversations(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM conversations').get() as { n: number }).n;
}

/** The most recently started conversation (the one on a kiosk's screen), or null. */
export function newestConversationId(db: Db): string | null {
  const row = stmt(db, 'SELECT id FROM conversations ORDER BY started_at DESC, rowid DESC LIMIT 1').get() as { id: string } | undefined;
  return row?.id ?? null;
}
