/**
 * The query functions behind the data controls (issue 10 item 4: no SQL outside main/store/queries):
 * audit rows, retention expiries, wipe counts and deletes, and the export's sliced read — each on a
 * real encrypted store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../../main/data';
import { getConversation, searchMessages, type Store } from '../../main/store';
import { auditRowsBefore, countAuditRows, deleteAuditUpTo, iterateAuditRows, lastAuditLinkBefore, newestAuditLink } from '../../main/store/queries/audit';
import { exportSlices } from '../../main/store/queries/export';
import { conversationExpiries, countExpired, deleteExpired, setConversationExpiry } from '../../main/store/queries/retention';
import { activeConsentIds, conversationDataCounts, countKbVersions, deleteAllConversationData } from '../../main/store/queries/wipe';
import { transaction } from '../../main/store';
import { seed, T0 } from '../data/helpers';
import { cleanupTempDirs, openStoreAt, tempDir } from './helpers';

afterEach(cleanupTempDirs);

async function seeded(n: number): Promise<Store> {
  const s = await openStoreAt(tempDir('hushdesk-q-'));
  seed(s, n);
  return s;
}

describe('audit queries', () => {
  it('newest link, rows before a seq by kind, iteration in order, the last link before a time, delete up to', async () => {
    const s = await seeded(0);
    expect(newestAuditLink(s.db)).toBeUndefined();
    for (let i = 0; i < 5; i++) appendAudit(s.db, i % 2 ? 'export' : 'wipe', { i }, T0 + i * 1000);
    expect(newestAuditLink(s.db)?.seq).toBe(5);
    expect(countAuditRows(s.db)).toBe(5);
    expect(auditRowsBefore(s.db, 5, 'wipe', 10).map((r) => r.seq)).toEqual([3, 1]);
    expect([...iterateAuditRows(s.db)].map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    // Never the newest entry, even when it is old too.
    expect(lastAuditLinkBefore(s.db, T0 + 10_000)?.seq).toBe(4);
    expect(lastAuditLinkBefore(s.db, T0)).toBeUndefined();
    expect(deleteAuditUpTo(s.db, 2)).toBe(2);
    expect([...iterateAuditRows(s.db)].map((r) => r.seq)).toEqual([3, 4, 5]);
  });
});

describe('retention queries', () => {
  it('lists expiries, moves one, counts and deletes what expired with its consent records', async () => {
    const s = await seeded(6);
    expect(conversationExpiries(s.db)).toHaveLength(6);
    setConversationExpiry(s.db, 'c0', T0);
    setConversationExpiry(s.db, 'c1', T0 + 1);
    setConversationExpiry(s.db, 'c2', T0 + 10 ** 9);
    // c0 has a consent record (every third conversation does).
    expect(countExpired(s.db, T0 + 5)).toEqual({ conversations: 2, messages: 4, consents: 1 });
    transaction(s.db, () => deleteExpired(s.db, T0 + 5));
    expect(getConversation(s.db, 'c0')).toBeNull();
    expect(getConversation(s.db, 'c2')).not.toBeNull();
    expect(countExpired(s.db, T0 + 5)).toEqual({ conversations: 0, messages: 0, consents: 0 });
  });
});

describe('wipe queries', () => {
  it('counts one conversation or all, lists active consents, deletes everything with the search index', async () => {
    const s = await seeded(4);
    expect(conversationDataCounts(s.db, 'c1')).toEqual({ conversations: 1, messages: 2, consents: 0 });
    expect(conversationDataCounts(s.db)).toEqual({ conversations: 4, messages: 8, consents: 2 });
    expect(activeConsentIds(s.db, 'c0')).toEqual(['k_c0']);
    expect(activeConsentIds(s.db, 'c1')).toEqual([]);
    expect(countKbVersions(s.db)).toBe(0);
    expect(searchMessages(s.db, 'late').length).toBeGreaterThan(0);
    transaction(s.db, () => deleteAllConversationData(s.db));
    expect(conversationDataCounts(s.db)).toEqual({ conversations: 0, messages: 0, consents: 0 });
    expect(searchMessages(s.db, 'late')).toEqual([]);
    // The delete trigger came back: a new message is indexed and deleted as before.
    seed(s, 1, { prefix: 'n' });
    expect(searchMessages(s.db, 'late')).toHaveLength(1);
    expect(conversationDataCounts(s.db).conversations).toBe(1);
  });
});

describe('export slices', () => {
  it('reads conversations after a (started_at, id) key, in export order, within the scope', async () => {
    const s = await seeded(5);
    const all = exportSlices(s.db, { kind: 'all' });
    const first = [...all([-Infinity, ''], 2)];
    expect([...new Set(first.map((r) => r.cid))]).toEqual(['c0', 'c1']);
    const next = [...all([first[first.length - 1]!.started_at, 'c1'], 10)];
    expect([...new Set(next.map((r) => r.cid))]).toEqual(['c2', 'c3', 'c4']);
    const one = [...exportSlices(s.db, { kind: 'conversation', conversationId: 'c3' })([-Infinity, ''], 10)];
    expect(one.map((r) => r.mid !== null)).toEqual([true, true]);
    const range = [...exportSlices(s.db, { kind: 'range', from: T0 + 60_000, to: T0 + 3 * 60_000 })([-Infinity, ''], 10)];
    expect([...new Set(range.map((r) => r.cid))]).toEqual(['c1', 'c2']);
  });
});
