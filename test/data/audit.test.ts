/** The hash-chained audit log on a real encrypted store: append, verify, tamper, purge, export. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  appendAudit,
  AUDIT_KINDS,
  auditAnchor,
  exportAudit,
  GENESIS_HASH,
  listAudit,
  purgeAudit,
  sanitizeDetail,
  STRIPPED,
  verifyAudit,
  verifyAuditExport,
} from '../../main/data';
import type { Store } from '../../main/store';
import { cleanupTempDirs, tempDir } from '../store/helpers';
import { cli, openAt, T0 } from './helpers';

const open: Store[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  cleanupTempDirs();
});
async function store(dir = tempDir('hushdesk-audit-')): Promise<Store> {
  const s = await openAt(dir);
  open.push(s);
  return s;
}
function fill(s: Store, n: number, start = T0, step = 1000): void {
  for (let i = 0; i < n; i++) appendAudit(s.db, AUDIT_KINDS[i % AUDIT_KINDS.length] as string, { n: i, ok: i % 2 === 0 }, start + i * step);
}

describe('audit log', () => {
  it('chains entries: seq from 1, each prev_hash is the previous hash, verify ok', async () => {
    const s = await store();
    fill(s, 25);
    const rows = s.db.prepare('SELECT seq, prev_hash, hash FROM audit_log ORDER BY seq').all() as { seq: number; prev_hash: string; hash: string }[];
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(25);
    expect(verifyAudit(s.db)).toEqual({ ok: true, entries: 25, brokenAt: null, reason: null });
    const newest = listAudit(s.db, { limit: 3 });
    expect(newest.map((e) => e.seq)).toEqual([25, 24, 23]);
    expect(newest[0]?.detail).toEqual({ n: 24, ok: true });
  });

  it('never stores message-like text: long or free-text strings are stripped before hashing', async () => {
    const s = await store();
    const e = appendAudit(s.db, 'data_viewed', { view: 'transcript', query: 'where is my order 12345, I am John', count: 3, nested: { a: 1 } as unknown as string, 'bad key': 1 }, T0);
    expect(e.detail).toEqual({ view: 'transcript', query: STRIPPED, count: 3, nested: STRIPPED });
    const raw = (s.db.prepare('SELECT detail FROM audit_log').get() as { detail: string }).detail;
    expect(raw).not.toContain('John');
    expect(sanitizeDetail({ x: 'a'.repeat(81), y: 'a'.repeat(80), z: Number.NaN })).toEqual({ x: STRIPPED, y: 'a'.repeat(80), z: null });
    expect(() => appendAudit(s.db, 'Not A Kind!', {}, T0)).toThrow(/snake_case/);
    expect(verifyAudit(s.db).ok).toBe(true);
  });

  it('an UPDATE through the key is reported at that entry; rewriting its hash moves the report to the next link', async () => {
    const s = await store();
    fill(s, 10);
    s.db.prepare(`UPDATE audit_log SET detail = '{"n":0,"ok":false}' WHERE seq = 4`).run();
    expect(verifyAudit(s.db)).toMatchObject({ ok: false, brokenAt: 4, entries: 10 });
    expect(verifyAudit(s.db).reason).toContain('changed');
    // A smarter forger also recomputes entry 4's hash: entry 5 no longer links to it.
    const { entryHash, canonicalJson } = await import('../../main/data/audit');
    const r4 = s.db.prepare('SELECT * FROM audit_log WHERE seq = 4').get() as { prev_hash: string; at: number; kind: string; detail: string };
    s.db.prepare('UPDATE audit_log SET hash = ? WHERE seq = 4').run(entryHash(r4.prev_hash, 4, r4.at, r4.kind, canonicalJson(JSON.parse(r4.detail))));
    expect(verifyAudit(s.db)).toMatchObject({ ok: false, brokenAt: 5 });
  });

  it('deleting an entry in the middle or at the end is reported', async () => {
    const s = await store();
    fill(s, 8);
    s.db.prepare('DELETE FROM audit_log WHERE seq = 3').run();
    expect(verifyAudit(s.db)).toMatchObject({ ok: false, brokenAt: 4 });
    const s2 = await store();
    fill(s2, 8);
    s2.db.prepare('DELETE FROM audit_log WHERE seq >= 7').run();
    const v = verifyAudit(s2.db);
    expect(v).toMatchObject({ ok: false, brokenAt: 7 });
    expect(v.reason).toContain('removed');
  });

  it('retention purges entries older than a year, keeps the chain verifiable from its anchor, and continues the seq', async () => {
    const s = await store();
    const DAY = 86_400_000;
    for (let i = 0; i < 20; i++) appendAudit(s.db, 'app_start', { i }, T0 + i * 30 * DAY);
    const now = T0 + 20 * 30 * DAY;
    const removed = purgeAudit(s.db, now, 365 * DAY);
    // entries at day 0..210 are older than a year before day 600
    expect(removed).toBe(8);
    expect(auditAnchor(s.db)?.seq).toBe(8);
    const v = verifyAudit(s.db);
    expect(v).toMatchObject({ ok: true, entries: 13 });
    const last = listAudit(s.db, { limit: 1 })[0];
    expect(last).toMatchObject({ seq: 21, kind: 'audit_purge', detail: { entries: 8, upToSeq: 8 } });
    expect(appendAudit(s.db, 'app_start', {}, now + 1).seq).toBe(22);
    expect(verifyAudit(s.db).ok).toBe(true);
    // The anchor is what the first kept entry must link to: a forged anchor is caught.
    s.db.prepare(`UPDATE meta SET value = '8:${'f'.repeat(64)}' WHERE key = 'audit.anchor'`).run();
    expect(verifyAudit(s.db)).toMatchObject({ ok: false, brokenAt: 9 });
  });

  it('exports JSON lines that verify on their own, and fail when edited', async () => {
    const s = await store();
    fill(s, 12);
    const file = path.join(tempDir(), 'audit.jsonl');
    expect(exportAudit(s.db, file, T0, { dataDir: s.paths.dataDir }).entries).toBe(12);
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(13);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ format: 'hushdesk-audit', version: 1 });
    expect(verifyAuditExport(file)).toMatchObject({ ok: true, entries: 12 });
    lines[6] = (lines[6] as string).replace('"n":5', '"n":6');
    fs.writeFileSync(file, lines.join('\n'));
    expect(verifyAuditExport(file)).toMatchObject({ ok: false, brokenAt: 6 });
  });
});

describe('hushdesk audit', () => {
  it('verify exits 0 on a good chain and 1 naming the tampered entry', async () => {
    const dir = tempDir('hushdesk-audit-');
    const s = await openAt(dir);
    fill(s, 6);
    s.close();
    const good = await cli(['audit', 'verify', '--data-dir', dir]);
    expect(good).toMatchObject({ code: 0, err: '' });
    // The six, then the terminal's own start and unlock (the CLI opens the store as the app does).
    expect(good.out).toContain('8 entries');

    const t = await openAt(dir);
    t.db.prepare(`UPDATE audit_log SET at = at + 1 WHERE seq = 3`).run();
    t.close();
    const bad = await cli(['audit', 'verify', '--data-dir', dir]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('BROKEN at entry #3');
    const json = await cli(['audit', 'verify', '--data-dir', dir, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('list shows newest first; export writes the chain; bad usage exits 2', async () => {
    const dir = tempDir('hushdesk-audit-');
    const s = await openAt(dir);
    fill(s, 4);
    s.close();
    const list = await cli(['audit', 'list', '--data-dir', dir, '--limit', '3', '--json']);
    expect(list.code).toBe(0);
    // Newest first: the list's own unlock from the terminal, then the entries before it.
    const listed = (JSON.parse(list.out) as { seq: number; kind: string; detail: { via?: string } }[]).map((e) => [e.seq, e.kind, e.detail.via ?? null]);
    expect(listed).toEqual([
      [6, 'unlock_success', 'cli'],
      [5, 'app_start', 'cli'],
      [4, expect.any(String), null],
    ]);
    const out = path.join(tempDir(), 'a.jsonl');
    const ex = await cli(['audit', 'export', '--data-dir', dir, '--out', out]);
    expect(ex.code).toBe(0);
    // 4 + two unlocks (list, export); the export's own entry follows the file.
    expect(verifyAuditExport(out)).toMatchObject({ ok: true, entries: 8 });
    expect((await cli(['audit', 'list', '--data-dir', dir, '--limit', '1001'])).code).toBe(2);
    expect((await cli(['audit', 'frobnicate', '--data-dir', dir])).code).toBe(2);
  });
});
