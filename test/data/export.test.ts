/**
 * Exports from a real encrypted store: JSON validated against docs/export-schema.json, CSV read back
 * by a standard parser, Markdown, encryption round trip, atomic writes, audit events, QR, CLI.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { createExport, decryptExport, exportQr, isEncryptedExport, listAudit, QR_MAX_CHARS, verifyAudit } from '../../main/data';
import { csvCell, mdEscape } from '../../main/data/export';
import { appendTurn, createConversation, type Store } from '../../main/store';
import { cleanupTempDirs, tempDir } from '../store/helpers';
import { canary, cli, openAt, seed, T0 } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..');
const CHEAP = { log2N: 10, r: 8, p: 1 };
const open: Store[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  cleanupTempDirs();
});
async function seeded(n: number): Promise<{ s: Store; dir: string; out: string }> {
  const dir = tempDir('hushdesk-export-');
  const s = await openAt(dir);
  open.push(s);
  seed(s, n);
  return { s, dir, out: tempDir('hushdesk-out-') };
}

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  ajv.addFormat('date-time', (v: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(v) && !Number.isNaN(Date.parse(v)));
  return ajv.compile(JSON.parse(fs.readFileSync(path.join(ROOT, 'docs', 'export-schema.json'), 'utf8')) as object);
}

/** Awkward text: quotes, commas, newlines, formula starts, markdown, non-ASCII. */
function addAwkward(s: Store): void {
  createConversation(s.db, { id: 'odd', startedAt: T0 + 10 * 86_400_000, channel: 'desktop', locale: 'es', keptBy: 'policy', expiresAt: T0 + 40 * 86_400_000 });
  appendTurn(s.db, 'odd', { text: '=HYPERLINK("http://x","click"), then +1', at: T0 + 10 * 86_400_000 }, [
    { text: '@SUM(A1) -2\n"quoted", **bold** <b>html</b> # ñandú 🎉', intent: null, confidence: null, at: T0 + 10 * 86_400_000 + 5 },
  ]);
}

describe('JSON export', () => {
  it('validates against the published schema and holds every conversation, message and consent', async () => {
    const { s, out } = await seeded(30);
    addAwkward(s);
    const r = createExport(s.db, { dataDir: s.paths.dataDir, format: 'json', scope: { kind: 'all' }, now: T0 + 1 }, { kind: 'dir', dir: out });
    expect(r).toMatchObject({ conversations: 31, messages: 62, encrypted: false });
    expect(path.dirname(r.path)).toBe(out);
    expect(fs.statSync(r.path).size).toBe(r.bytes);
    const doc = JSON.parse(fs.readFileSync(r.path, 'utf8')) as {
      format: string;
      version: number;
      conversations: { id: string; messages: { text: string }[]; consent: unknown; topics: string[]; messageCount: number }[];
      totals: unknown;
    };
    const validate = validator();
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc).toMatchObject({ format: 'hushdesk-export', version: 1, totals: { conversations: 31, messages: 62 } });
    expect(doc.conversations[0]).toMatchObject({ id: 'c0', messageCount: 2, topics: ['order_status'], consent: { choice: 'granted', noticeVersion: 1 } });
    expect(doc.conversations[1]?.consent).toBeNull();
    expect(doc.conversations[5]?.messages[0]?.text).toBe(`my order ${canary(5, 'q')} is late`);
    const odd = doc.conversations.find((c) => c.id === 'odd');
    expect(odd?.messages[1]?.text).toBe('@SUM(A1) -2\n"quoted", **bold** <b>html</b> # ñandú 🎉');
  });

  it('scopes: a date range (start inclusive, end exclusive) and one conversation; an empty store gives a valid empty export', async () => {
    const { s, out } = await seeded(10);
    const range = createExport(s.db, { dataDir: s.paths.dataDir, format: 'json', scope: { kind: 'range', from: T0 + 2 * 60_000, to: T0 + 5 * 60_000 }, now: T0 }, { kind: 'dir', dir: out });
    const doc = JSON.parse(fs.readFileSync(range.path, 'utf8')) as { conversations: { id: string }[]; scope: unknown };
    expect(doc.conversations.map((c) => c.id)).toEqual(['c2', 'c3', 'c4']);
    expect(validator()(doc)).toBe(true);
    const one = createExport(s.db, { dataDir: s.paths.dataDir, format: 'json', scope: { kind: 'conversation', conversationId: 'c7' }, now: T0 }, { kind: 'dir', dir: out });
    expect(one).toMatchObject({ conversations: 1, messages: 2 });
    expect(one.fileName).toContain('c7');

    const empty = await seeded(0);
    const e = createExport(empty.s.db, { dataDir: empty.s.paths.dataDir, format: 'json', scope: { kind: 'all' }, now: T0 }, { kind: 'dir', dir: empty.out });
    const edoc = JSON.parse(fs.readFileSync(e.path, 'utf8')) as object;
    expect(validator()(edoc)).toBe(true);
    expect(edoc).toMatchObject({ conversations: [], totals: { conversations: 0, messages: 0 } });
  });
});

describe('CSV export', () => {
  it('parses with a standard CSV parser: one row per message, exact text, formulas defused', async () => {
    const { s, out } = await seeded(5);
    addAwkward(s);
    const r = createExport(s.db, { dataDir: s.paths.dataDir, format: 'csv', scope: { kind: 'all' }, now: T0 }, { kind: 'dir', dir: out });
    const raw = fs.readFileSync(r.path, 'utf8');
    expect(raw.startsWith('\ufeff')).toBe(true);
    expect(raw).toContain('\r\n');
    const rows = parseCsv(raw, { bom: true, columns: true, relax_quotes: false }) as Record<string, string>[];
    expect(rows).toHaveLength(12);
    expect(rows[0]).toMatchObject({ conversation_id: 'c0', role: 'user', text: `my order ${canary(0, 'q')} is late`, intent: '', kept_by: 'consent' });
    expect(rows[1]).toMatchObject({ role: 'bot', intent: 'order_status', confidence: '0.87' });
    const odd = rows.filter((x) => x.conversation_id === 'odd');
    expect(odd[0]?.text).toBe(`'=HYPERLINK("http://x","click"), then +1`);
    expect(odd[1]?.text).toBe(`'@SUM(A1) -2\n"quoted", **bold** <b>html</b> # ñandú 🎉`);
    // No cell of the file starts with a formula character.
    for (const row of rows) for (const v of Object.values(row)) expect(v).not.toMatch(/^[=+\-@]/);
  });

  it('cell rules', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });
});

describe('Markdown export', () => {
  it('is a readable transcript with escaped text', async () => {
    const { s, out } = await seeded(2);
    addAwkward(s);
    const r = createExport(s.db, { dataDir: s.paths.dataDir, format: 'md', scope: { kind: 'all' }, now: T0 }, { kind: 'dir', dir: out });
    const md = fs.readFileSync(r.path, 'utf8');
    expect(md).toMatch(/^# Hushdesk conversations\n/);
    expect(md).toContain(`**Customer** (`);
    expect(md).toContain(`): my order ${canary(1, 'q')} is late`);
    expect(md).toContain('**Hushdesk** (');
    expect(md).toContain('\\*\\*bold\\*\\* &lt;b&gt;html&lt;/b&gt; \\# ñandú 🎉');
    expect(md).not.toContain('<b>');
    expect(md).toContain('3 conversations, 6 messages.');
    expect(mdEscape('a\nb')).toBe('a  \nb');
  });
});

describe('encrypted export', () => {
  it('round-trips; the file holds none of the text; a wrong passphrase or a cut file fails cleanly', async () => {
    const { s, out } = await seeded(400);
    const r = createExport(s.db, { dataDir: s.paths.dataDir, format: 'json', scope: { kind: 'all' }, now: T0, passphrase: 'export pass 123', envelopeCost: CHEAP }, { kind: 'dir', dir: out });
    expect(r.encrypted).toBe(true);
    expect(r.fileName.endsWith('.json.hdenc')).toBe(true);
    const bytes = fs.readFileSync(r.path);
    expect(isEncryptedExport(r.path)).toBe(true);
    expect(bytes.includes(Buffer.from('CANARY'))).toBe(false);
    const chunks: Buffer[] = [];
    decryptExport(r.path, 'export pass 123', { write: (b) => chunks.push(Buffer.from(b)) });
    expect(chunks.length).toBeGreaterThan(1); // it really is chunked
    const doc = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { totals: unknown };
    expect(doc.totals).toEqual({ conversations: 400, messages: 800 });
    expect(validator()(doc)).toBe(true);

    const sink = { write: () => {} };
    expect(() => decryptExport(r.path, 'wrong pass 123', sink)).toThrow(expect.objectContaining({ error: expect.objectContaining({ code: 'wrong_key' }) }));
    const cut = path.join(out, 'cut.hdenc');
    fs.writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
    expect(() => decryptExport(cut, 'export pass 123', sink)).toThrow(/changed or cut|truncated/);
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 30] = (flipped[flipped.length - 30] as number) ^ 1;
    fs.writeFileSync(cut, flipped);
    expect(() => decryptExport(cut, 'export pass 123', sink)).toThrow(/changed or cut/);
    // Cut exactly at a record boundary (the final record dropped): the new last record is not flagged last.
    let pos = 35;
    const starts: number[] = [];
    while (pos < bytes.length) {
      starts.push(pos);
      pos += 4 + bytes.readUInt32BE(pos) + 16;
    }
    expect(pos).toBe(bytes.length);
    fs.writeFileSync(cut, bytes.subarray(0, starts[starts.length - 1]));
    expect(() => decryptExport(cut, 'export pass 123', sink)).toThrow(/changed or cut/);
  });
});

describe('docs/EXPORT.md decrypt snippet', () => {
  it('decrypts an encrypted export with plain Node, byte for byte, and rejects a wrong passphrase', async () => {
    const { s, out } = await seeded(300);
    const plain = createExport(s.db, { dataDir: s.paths.dataDir, format: 'csv', scope: { kind: 'all' }, now: T0 }, { kind: 'dir', dir: out });
    const enc = createExport(s.db, { dataDir: s.paths.dataDir, format: 'csv', scope: { kind: 'all' }, now: T0, passphrase: 'doc snippet pass', envelopeCost: CHEAP }, { kind: 'dir', dir: out });
    const doc = fs.readFileSync(path.join(ROOT, 'docs', 'EXPORT.md'), 'utf8');
    const code = /```js\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(code).toContain('aes-256-gcm');
    const script = path.join(tempDir(), 'decrypt.js');
    fs.writeFileSync(script, code as string);
    const run = (pass: string) => spawnSync(process.execPath, [script, enc.path], { env: { ...process.env, HUSHDESK_EXPORT_PASSPHRASE: pass }, maxBuffer: 64 << 20 });
    const ok = run('doc snippet pass');
    expect(ok.status, ok.stderr.toString()).toBe(0);
    expect(ok.stdout.equals(fs.readFileSync(plain.path))).toBe(true);
    expect(run('not the passphrase').status).not.toBe(0);
  });
});

describe('atomic writes and audit', () => {
  it('each export is one audit event with counts and format, never content', async () => {
    const { s, out } = await seeded(3);
    createExport(s.db, { dataDir: s.paths.dataDir, format: 'csv', scope: { kind: 'all' }, now: T0 }, { kind: 'dir', dir: out });
    createExport(s.db, { dataDir: s.paths.dataDir, format: 'md', scope: { kind: 'conversation', conversationId: 'c1' }, now: T0, passphrase: 'abcdefgh', envelopeCost: CHEAP }, { kind: 'dir', dir: out });
    const events = listAudit(s.db).filter((e) => e.kind === 'export');
    expect(events.map((e) => e.detail)).toEqual([
      { what: 'conversations', scope: 'conversation', format: 'md', conversations: 1, messages: 2, encrypted: true },
      { what: 'conversations', scope: 'all', format: 'csv', conversations: 3, messages: 6, encrypted: false },
    ]);
    const raw = s.db.prepare('SELECT group_concat(detail) AS d FROM audit_log').get() as { d: string };
    expect(raw.d).not.toContain('CANARY');
    expect(verifyAudit(s.db).ok).toBe(true);
  });

  it('a failed export leaves no file (not even a temp file) and no audit event; names never clobber', async () => {
    const { s, out } = await seeded(3);
    expect(() => createExport(s.db, { dataDir: s.paths.dataDir, format: 'json', scope: { kind: 'conversation', conversationId: 'nope' }, now: T0 }, { kind: 'dir', dir: out })).toThrow(/no conversation/);
    // A failure while streaming: the sink throws.
    const before = fs.readdirSync(out);
    let calls = 0;
    expect(() =>
      createExport(s.db, { dataDir: s.paths.dataDir, format: 'json', scope: { kind: 'all' }, now: T0 }, {
        kind: 'sink',
        sink: {
          write: () => {
            if (++calls > 0) throw new Error('disk full');
          },
        },
      }),
    ).toThrow('disk full');
    expect(fs.readdirSync(out)).toEqual(before);
    expect(listAudit(s.db).filter((e) => e.kind === 'export')).toHaveLength(0);
    const a = createExport(s.db, { dataDir: s.paths.dataDir, format: 'json', scope: { kind: 'all' }, now: T0 }, { kind: 'dir', dir: out });
    const b = createExport(s.db, { dataDir: s.paths.dataDir, format: 'json', scope: { kind: 'all' }, now: T0 }, { kind: 'dir', dir: out });
    expect(a.path).not.toBe(b.path);
    expect(fs.readdirSync(out).sort()).toEqual([path.basename(a.path), path.basename(b.path)].sort());
    // The target is a folder: refused before anything is written; nothing else appears.
    const taken = path.join(out, 'taken');
    fs.mkdirSync(taken);
    const listed = fs.readdirSync(out).sort();
    expect(() => createExport(s.db, { dataDir: s.paths.dataDir, format: 'csv', scope: { kind: 'all' }, now: T0 }, { kind: 'file', path: taken, force: true })).toThrow(
      expect.objectContaining({ error: expect.objectContaining({ code: 'forbidden', message: expect.stringContaining('is a folder') }) }),
    );
    expect(fs.readdirSync(out).sort()).toEqual(listed);
    // Into a folder that does not exist: invalid_input, nothing created.
    expect(() => createExport(s.db, { dataDir: s.paths.dataDir, format: 'json', scope: { kind: 'all' }, now: T0 }, { kind: 'file', path: path.join(out, 'missing', 'x.json') })).toThrow(
      expect.objectContaining({ error: expect.objectContaining({ code: 'invalid_input', message: expect.stringContaining('does not exist') }) }),
    );
  });
});

describe('QR transcript', () => {
  it('gives an SVG for a short conversation and too_large with a clear message past the cap', async () => {
    const { s } = await seeded(2);
    const q = await exportQr(s.db, 'c1', T0);
    expect(q.svg.startsWith('<svg')).toBe(true);
    expect(q.chars).toBeGreaterThan(20);
    expect(q.chars).toBeLessThanOrEqual(QR_MAX_CHARS);
    expect(listAudit(s.db)[0]).toMatchObject({ kind: 'export', detail: { format: 'qr', messages: 2 } });
    createConversation(s.db, { id: 'long', startedAt: T0, channel: 'kiosk', locale: 'en', keptBy: 'policy' });
    for (let i = 0; i < 20; i++) appendTurn(s.db, 'long', { text: `question number ${i} about a long order history and more words`, at: T0 }, [{ text: 'a fairly long answer '.repeat(3), at: T0 }]);
    await expect(exportQr(s.db, 'long', T0)).rejects.toMatchObject({ error: { code: 'too_large', message: expect.stringContaining('too long for a QR code') } });
    await expect(exportQr(s.db, 'missing', T0)).rejects.toMatchObject({ error: { code: 'not_found' } });
  });
});

describe('hushdesk export', () => {
  it('writes a file, stdout with -, dates as local days, --encrypt with the env passphrase', async () => {
    const { s, dir, out } = await seeded(4);
    s.close();
    open.splice(0);
    const file = path.join(out, 'all.csv');
    const r = await cli(['export', '--data-dir', dir, '--format', 'csv', '--out', file]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('exported 4 conversations, 8 messages as csv');
    expect((parseCsv(fs.readFileSync(file, 'utf8'), { bom: true, columns: true }) as unknown[]).length).toBe(8);

    const std = await cli(['export', '--data-dir', dir, '--format', 'json', '--out', '-', '--conversation', 'c2']);
    expect(std.code).toBe(0);
    expect(JSON.parse(std.out)).toMatchObject({ totals: { conversations: 1, messages: 2 } });
    expect(std.err).toContain('exported 1 conversation');

    const d = new Date(T0);
    const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const ranged = await cli(['export', '--data-dir', dir, '--format', 'md', '--from', day, '--to', day, '--out', '-']);
    expect(ranged.code).toBe(0);
    expect(ranged.out).toContain('4 conversations, 8 messages.');
    const none = await cli(['export', '--data-dir', dir, '--format', 'json', '--to', '2000-01-01', '--out', '-']);
    expect(JSON.parse(none.out)).toMatchObject({ totals: { conversations: 0 } });

    const enc = await cli(['export', '--data-dir', dir, '--format', 'json', '--encrypt', '--out', out], { HUSHDESK_PASSPHRASE: 'correct horse battery staple', HUSHDESK_EXPORT_PASSPHRASE: 'take away 2025' });
    expect(enc.code).toBe(0);
    const encFile = fs.readdirSync(out).find((f) => f.endsWith('.hdenc'));
    expect(encFile).toBeDefined();
    const parts: Buffer[] = [];
    decryptExport(path.join(out, encFile as string), 'take away 2025', { write: (b) => parts.push(Buffer.from(b)) });
    expect(JSON.parse(Buffer.concat(parts).toString('utf8'))).toMatchObject({ totals: { messages: 8 } });
  });

  it('bad input exits 2 with one line', async () => {
    const { dir } = await seeded(1);
    open.splice(0).forEach((s) => s.close());
    for (const argv of [
      ['export', '--data-dir', dir, '--format', 'xml'],
      ['export', '--data-dir', dir, '--format', 'json', '--from', '2025-02-30'],
      ['export', '--data-dir', dir, '--format', 'json', '--from', 'yesterday'],
      ['export', '--data-dir', dir, '--format', 'json', '--encrypt', '--out', '-'],
      ['export', '--data-dir', dir, '--format', 'json', '--conversation', 'c0', '--from', '2025-01-01'],
    ]) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
    const enc = await cli(['export', '--data-dir', dir, '--format', 'json', '--encrypt']);
    expect(enc.code).toBe(2);
    expect(enc.err).toContain('HUSHDESK_EXPORT_PASSPHRASE');
  });
});
