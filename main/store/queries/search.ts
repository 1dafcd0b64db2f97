/**
 * Full-text search over stored message text (FTS5, inside the encrypted file). User input never
 * reaches FTS5's query syntax: it is split into words, each quoted; the last word matches as a prefix
 * so search-as-you-type works.
 */
import type { Role, SearchHit } from '../../../shared/domain';
import type { Db } from '../db';
import { stmt } from './stmt';

export interface SearchOptions {
  limit?: number;
  /** 'recent' (default): newest first, cheap at any size. 'relevance': bm25 rank. */
  order?: 'recent' | 'relevance';
  /** Markers around matched words in the snippet. */
  mark?: [string, string];
  conversationId?: string;
}

const MAX_LIMIT = 500;
const MAX_TERMS = 16;

/** The FTS5 MATCH expression for free text, or null when it has no searchable word. */
export function toMatchExpression(query: string): string | null {
  const words = query.normalize('NFC').match(/[\p{L}\p{N}]+/gu);
  if (!words || words.length === 0) return null;
  const terms = words.slice(0, MAX_TERMS).map((w) => `"${w}"`);
  const endsInWord = /[\p{L}\p{N}]$/u.test(query);
  if (endsInWord && words.length <= MAX_TERMS) terms[terms.length - 1] += '*';
  return terms.join(' ');
}

interface HitRow {
  conversation_id: string;
  id: number;
  at: number;
  role: Role;
  snippet: string;
}

export function searchMessages(db: Db, query: string, o: SearchOptions = {}): SearchHit[] {
  const match = toMatchExpression(query);
  if (!match) return [];
  const limit = Math.max(1, Math.min(o.limit ?? 50, MAX_LIMIT));
  const [open, close] = o.mark ?? ['«', '»'];
  const order = o.order === 'relevance' ? 'f.rank' : 'f.rowid DESC';
  const byConversation = o.conversationId ? 'AND m.conversation_id = ?' : '';
  const sql = `
    SELECT m.conversation_id, m.id, m.at, m.role, snippet(messages_fts, 0, ?, ?, '…', 12) AS snippet
    FROM messages_fts f JOIN messages m ON m.id = f.rowid
    WHERE messages_fts MATCH ? ${byConversation}
    ORDER BY ${order} LIMIT ?`;
  const params: unknown[] = [open, close, match];
  if (o.conversationId) params.push(o.conversationId);
  params.push(limit);
  const rows = stmt(db, sql).all(...params) as HitRow[];
  return rows.map((r) => ({ conversationId: r.conversation_id, messageId: r.id, at: r.at, role: r.role, snippet: r.snippet }));
}

/**
 * Merges the search index into one segment. With secure-delete on this is not needed for privacy;
 * it keeps the index compact after large deletions (wipes).
 */
export function optimizeSearchIndex(db: Db): void {
  db.prepare(`INSERT INTO messages_fts (messages_fts) VALUES ('optimize')`).run();
}
