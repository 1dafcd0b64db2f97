import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addNotice,
  allSettings,
  appendTurn,
  consentsForConversation,
  createConversation,
  deleteConversation,
  endConversation,
  getConsent,
  getConversation,
  getMeta,
  getNotice,
  getSetting,
  getTranscript,
  insertKbVersion,
  latestKbVersion,
  latestNotice,
  listConversations,
  listKbVersions,
  openStore,
  recordConsent,
  searchMessages,
  setMeta,
  setSetting,
  tableCounts,
  toMatchExpression,
  transaction,
  withdrawConsent,
  type Store,
} from '../../main/store';
import { cleanupTempDirs, protector, tempDir } from './helpers';

let s: Store;
beforeEach(async () => {
  s = await openStore({ dataDir: tempDir(), protector: protector(), create: true });
});
afterEach(() => {
  s.close();
  cleanupTempDirs();
});

function conv(id: string, startedAt: number): void {
  createConversation(s.db, { id, startedAt, channel: 'kiosk', locale: 'en', keptBy: 'consent', consentId: null, expiresAt: startedAt + 1000 });
}

describe('conversations and turns', () => {
  it('appendTurn stores user + bot messages; list gives summaries with distinct topics, newest first', () => {
    conv('a', 100);
    conv('b', 200);
    const t = appendTurn(s.db, 'a', { text: 'where is my order', intent: 'orders.track', confidence: 0.91, at: 101 }, [
      { text: 'Give me the order number', intent: 'orders.track', confidence: 0.91, at: 102 },
    ]);
    appendTurn(s.db, 'a', { text: 'and returns?', intent: 'returns.policy', confidence: 0.7, at: 103 }, [
      { text: '30 days', intent: 'returns.policy', confidence: 0.7, at: 104 },
      { text: 'Anything else?', at: 105 },
    ]);
    expect(t.botMessageIds).toEqual([t.userMessageId + 1]);
    const list = listConversations(s.db);
    expect(list.map((c) => c.id)).toEqual(['b', 'a']);
    expect(list[1]).toEqual({
      id: 'a',
      startedAt: 100,
      endedAt: null,
      channel: 'kiosk',
      locale: 'en',
      messageCount: 5,
      topics: ['orders.track', 'returns.policy'],
      keptBy: 'consent',
      expiresAt: 1100,
    });
    expect(listConversations(s.db, { from: 150 })).toHaveLength(1);
    expect(listConversations(s.db, { limit: 1, offset: 1 }).map((c) => c.id)).toEqual(['a']);
    expect(endConversation(s.db, 'a', 999)).toBe(true);
    expect(getConversation(s.db, 'a')?.endedAt).toBe(999);
    const tr = getTranscript(s.db, 'a');
    expect(tr?.messages.map((m) => [m.role, m.text])).toEqual([
      ['user', 'where is my order'],
      ['bot', 'Give me the order number'],
      ['user', 'and returns?'],
      ['bot', '30 days'],
      ['bot', 'Anything else?'],
    ]);
    expect(tr?.messages[4]).toMatchObject({ intent: null, confidence: null, at: 105 });
    expect(getTranscript(s.db, 'nope')).toBeNull();
  });

  it('a turn is all-or-nothing: a failing bot message leaves no user message behind', () => {
    conv('a', 1);
    expect(() =>
      appendTurn(s.db, 'a', { text: 'hello', at: 2 }, [{ text: null as unknown as string, at: 3 }]),
    ).toThrow();
    expect(tableCounts(s.db).messages).toBe(0);
    expect(() => appendTurn(s.db, 'missing', { text: 'x', at: 1 }, [])).toThrow(/no conversation/);
  });

  it('rejects a duplicate or malformed conversation id with typed errors', () => {
    conv('a', 1);
    expect(() => conv('a', 2)).toThrow(/already exists/);
    expect(() => conv('bad id!', 2)).toThrow(/conversation id/);
  });

  it('deleteConversation cascades to messages and the search index', () => {
    conv('a', 1);
    conv('b', 2);
    appendTurn(s.db, 'a', { text: 'pineapple pizza', at: 1 }, [{ text: 'noted', at: 2 }]);
    appendTurn(s.db, 'b', { text: 'pineapple juice', at: 3 }, []);
    expect(searchMessages(s.db, 'pineapple')).toHaveLength(2);
    expect(deleteConversation(s.db, 'a')).toEqual({ conversations: 1, messages: 2 });
    expect(deleteConversation(s.db, 'a')).toEqual({ conversations: 0, messages: 0 });
    expect(searchMessages(s.db, 'pineapple').map((h) => h.conversationId)).toEqual(['b']);
    expect(tableCounts(s.db)).toMatchObject({ conversations: 1, messages: 1 });
  });

  it('transaction() groups writes and rolls back on error', () => {
    expect(() =>
      transaction(s.db, () => {
        conv('x', 1);
        setMeta(s.db, 'last_wipe', '{}');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(tableCounts(s.db)).toMatchObject({ conversations: 0, meta: 0 });
    transaction(s.db, () => {
      conv('x', 1);
      transaction(s.db, () => setMeta(s.db, 'k', 'v'));
    });
    expect(getMeta(s.db, 'k')).toBe('v');
  });
});

describe('search', () => {
  it('quotes user input (FTS syntax is inert), matches accents-insensitively and by prefix, with snippets', () => {
    conv('a', 1);
    appendTurn(s.db, 'a', { text: 'Quiero devolver mis zapatos rojos', at: 1 }, [{ text: 'Claro, la devolución es gratis', at: 2 }]);
    expect(toMatchExpression('  ')).toBeNull();
    expect(toMatchExpression('foo" OR bar*')).toBe('"foo" "OR" "bar"');
    expect(toMatchExpression('zap')).toBe('"zap"*');
    expect(searchMessages(s.db, 'zap')).toHaveLength(1);
    expect(searchMessages(s.db, 'DEVOLUCION')[0]).toMatchObject({ role: 'bot', snippet: 'Claro, la «devolución» es gratis' });
    expect(searchMessages(s.db, 'rojos NEAR( "x" ) AND')).toEqual([]);
    expect(searchMessages(s.db, 'zapatos', { mark: ['<', '>'] })[0]?.snippet).toContain('<zapatos>');
    expect(searchMessages(s.db, 'zapatos', { conversationId: 'other' })).toEqual([]);
    expect(searchMessages(s.db, 'es', { order: 'relevance' })).toHaveLength(1);
  });
});

describe('settings, meta, kb versions, notices, consents, counts', () => {
  it('round-trips each', () => {
    setSetting(s.db, 'retention', { kind: 'days', days: 30 });
    setSetting(s.db, 'retention', { kind: 'hours', hours: 4 });
    setSetting(s.db, 'kiosk', true);
    expect(getSetting(s.db, 'retention')).toEqual({ kind: 'hours', hours: 4 });
    expect(getSetting(s.db, 'missing')).toBeUndefined();
    expect(allSettings(s.db)).toEqual({ kiosk: true, retention: { kind: 'hours', hours: 4 } });
    setMeta(s.db, 'last_wipe', '{"at":1,"scope":"day"}');
    expect(getMeta(s.db, 'last_wipe')).toBe('{"at":1,"scope":"day"}');

    expect(latestKbVersion(s.db)).toBeNull();
    insertKbVersion(s.db, { hash: 'h1', name: 'Shop', version: '1.0.0', source: 'default', importedAt: 1, content: '{"intents":[]}' });
    const id2 = insertKbVersion(s.db, { hash: 'h2', name: 'Shop', version: '1.1.0', source: 'imported', importedAt: 2, content: '{"intents":[1]}' });
    expect(latestKbVersion(s.db)).toMatchObject({ id: id2, hash: 'h2', source: 'imported', content: '{"intents":[1]}' });
    expect(listKbVersions(s.db).map((v) => v.version)).toEqual(['1.1.0', '1.0.0']);

    addNotice(s.db, { version: 1, text: 'v1', at: 1 });
    addNotice(s.db, { version: 2, text: 'v2', at: 2 });
    expect(latestNotice(s.db)).toEqual({ version: 2, text: 'v2', at: 2 });
    expect(getNotice(s.db, 1)?.text).toBe('v1');

    recordConsent(s.db, { id: 'k1', conversationId: 'c1', at: 5, noticeVersion: 2, choice: 'granted' });
    expect(withdrawConsent(s.db, 'k1', 9)).toBe(true);
    expect(withdrawConsent(s.db, 'k1', 10)).toBe(false);
    expect(getConsent(s.db, 'k1')).toEqual({ id: 'k1', conversationId: 'c1', at: 5, noticeVersion: 2, choice: 'granted', withdrawnAt: 9 });
    expect(consentsForConversation(s.db, 'c1')).toHaveLength(1);

    expect(tableCounts(s.db)).toEqual({
      conversations: 0,
      messages: 0,
      consents: 1,
      auditEntries: 0,
      knowledgeBaseVersions: 2,
      missedQuestions: 0,
      settings: 2,
      privacyNotices: 2,
      meta: 1,
    });
  });
});
