/**
 * What an export reads: one SQL statement over conversations (+ consent) left-joined with their
 * messages, ordered so each conversation's messages follow it, walked with `iterate()` so only one
 * row is in memory at a time. The formats see a flat sequence of events.
 */
import type { Channel, Role } from '../../../shared/domain';
import { AppFailure } from '../../../shared/result';
import type { Db } from '../../store';
import { stmt } from '../../store/queries/stmt';

export type ExportScope =
  | { kind: 'all' }
  /** Conversations started in [from, to) (epoch ms; either end open). */
  | { kind: 'range'; from?: number; to?: number }
  | { kind: 'conversation'; conversationId: string };

export interface ExportConversation {
  id: string;
  startedAt: number;
  endedAt: number | null;
  channel: Channel;
  locale: string;
  keptBy: 'consent' | 'policy';
  expiresAt: number | null;
  consent: { choice: 'granted' | 'declined'; noticeVersion: number; at: number; withdrawnAt: number | null } | null;
}

export interface ExportMessage {
  id: number;
  role: Role;
  text: string;
  intent: string | null;
  confidence: number | null;
  at: number;
}

/** Per-conversation facts known only after its last message. */
export interface ConversationTail {
  messageCount: number;
  topics: string[];
}

export interface ExportWriter {
  conversation(c: ExportConversation): void;
  message(c: ExportConversation, m: ExportMessage): void;
  endConversation(c: ExportConversation, tail: ConversationTail): void;
}

interface Row {
  cid: string;
  started_at: number;
  ended_at: number | null;
  channel: Channel;
  locale: string;
  kept_by: 'consent' | 'policy';
  expires_at: number | null;
  consent_choice: 'granted' | 'declined' | null;
  notice_version: number | null;
  consent_at: number | null;
  withdrawn_at: number | null;
  mid: number | null;
  role: Role | null;
  text: string | null;
  intent: string | null;
  confidence: number | null;
  mat: number | null;
}

function where(scope: ExportScope): { sql: string; params: unknown[] } {
  switch (scope.kind) {
    case 'all':
      return { sql: '', params: [] };
    case 'range':
      return { sql: 'WHERE c.started_at >= ? AND c.started_at < ?', params: [scope.from ?? 0, scope.to ?? Number.MAX_SAFE_INTEGER] };
    case 'conversation':
      return { sql: 'WHERE c.id = ?', params: [scope.conversationId] };
  }
}

export function validateScope(db: Db, scope: ExportScope): void {
  if (scope.kind === 'range' && scope.from !== undefined && scope.to !== undefined && scope.from >= scope.to) {
    throw new AppFailure('invalid_input', 'the export range is empty: "from" must be before "to"');
  }
  if (scope.kind === 'conversation' && !stmt(db, 'SELECT 1 FROM conversations WHERE id = ?').get(scope.conversationId)) {
    throw new AppFailure('not_found', `no conversation ${scope.conversationId}`);
  }
}

/**
 * Streams the scope through `w` and returns the totals. Synchronous: better-sqlite3 allows no other
 * statement on the connection while an iterator is open, so nothing may interleave (no awaits).
 */
export function streamScope(db: Db, scope: ExportScope, w: ExportWriter): { conversations: number; messages: number } {
  const { sql, params } = where(scope);
  const query = db.prepare(`
    SELECT c.id AS cid, c.started_at, c.ended_at, c.channel, c.locale, c.kept_by, c.expires_at,
      k.choice AS consent_choice, k.notice_version, k.at AS consent_at, k.withdrawn_at,
      m.id AS mid, m.role, m.text, m.intent, m.confidence, m.at AS mat
    FROM conversations c
    LEFT JOIN consents k ON k.id = c.consent_id
    LEFT JOIN messages m ON m.conversation_id = c.id
    ${sql}
    ORDER BY c.started_at, c.id, m.id`);
  let current: ExportConversation | null = null;
  let count = 0;
  let topics = new Set<string>();
  let conversations = 0;
  let messages = 0;
  const close = (): void => {
    if (current) w.endConversation(current, { messageCount: count, topics: [...topics].sort() });
  };
  for (const r of query.iterate(...params) as IterableIterator<Row>) {
    if (!current || current.id !== r.cid) {
      close();
      current = {
        id: r.cid,
        startedAt: r.started_at,
        endedAt: r.ended_at,
        channel: r.channel,
        locale: r.locale,
        keptBy: r.kept_by,
        expiresAt: r.expires_at,
        consent:
          r.consent_choice !== null
            ? { choice: r.consent_choice, noticeVersion: r.notice_version ?? 0, at: r.consent_at ?? 0, withdrawnAt: r.withdrawn_at }
            : null,
      };
      count = 0;
      topics = new Set();
      conversations++;
      w.conversation(current);
    }
    if (r.mid !== null) {
      count++;
      messages++;
      if (r.intent) topics.add(r.intent);
      w.message(current, { id: r.mid, role: r.role as Role, text: r.text ?? '', intent: r.intent, confidence: r.confidence, at: r.mat ?? 0 });
    }
  }
  close();
  return { conversations, messages };
}
