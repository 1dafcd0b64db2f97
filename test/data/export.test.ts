/**
 * Exports from a real encrypted store: JSON validated against docs/export-schema.json, CSV read back
 * by a standard parser, Markdown, age encryption read back by the real `age` tool (X25519 identity
 * files and a passphrase), atomic writes, audit events, QR, CLI.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { createExport, exportQr, exportSeal, listAudit, prepareAgeSeal, QR_MAX_CHARS, qrText, verifyAudit } from '../../main/data';
import { AGE_SCRYPT_LOG_N, csvCell, loadAge, mdEscape } from '../../main/data/export';
import { AgeSink } from '../../main/data/export/age';
import { SETTINGS_KEY } from '../../main/services/settings';
import { appendTurn, createConversation, setSetting, type Store } from '../../main/store';
import { cleanupTempDirs, tempDir } from '../store/helpers';
import { canary, cli, openAt, seed, T0 } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..');
/** The X25519 recipient from age's specification (a valid key whose identity nobody here holds). */
const AGE_KEY_OF_SPEC = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p';
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

/** The real age tool (Debian package `age`, installed by .ci/run): these tests FAIL without it. */
function ageTool(name: 'age' | 'age-keygen'): string {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (!found) throw new Error(`${name} not found: install the Debian package age (apt-get install age; .ci/run does)`);
  return found;
}

/** A new X25519 identity file from the real age-keygen, and its public key. */
function keygen(dir: string, name: string): { identity: string; recipient: string } {
  const identity = path.join(dir, `${name}.txt`);
  const made = spawnSync(ageTool('age-keygen'), ['-o', identity], { encoding: 'utf8' });
  expect(made.status, made.stderr).toBe(0);
  const pub = spawnSync(ageTool('age-keygen'), ['-y', identity], { encoding: 'utf8' });
  return { identity, recipient: pub.stdout.trim() };
}

function ageDecrypt(file: string, identity: string): { status: number | null; stdout: Buffer; stderr: string } {
  const r = spawnSync(ageTool('age'), ['-d', '-i', identity, file], { maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

/**
 * The real `age -d` with a passphrase. age reads a passphrase only from a terminal, so it runs
 * under `script` (util-linux, in every Debian), which gives it a pseudo-terminal fed from our stdin.
 */
function ageDecryptPassphrase(file: string, passphrase: string, outFile: string): { status: number | null; output: string } {
  const cmd = `${ageTool('age')} -d -o ${JSON.stringify(outFile)} ${JSON.stringify(file)}`;
  const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { input: `${passphrase}\n`, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

async function libDecrypt(file: string, key: { passphrase: string } | { identity: string }): Promise<Buffer> {
  const age = await loadAge();
  const d = new age.Decrypter();
  if ('passphrase' in key) d.addPassphrase(key.passphrase);
  else d.addIdentity(fs.readFileSync(key.identity, 'utf8').split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-1')) as string);
  return Buffer.from(await d.decrypt(new Uint8Array(fs.readFileSync(file))));
}

describe('encrypted export (age)', () => {
  it('to X25519 keys: the real `age -d -i identity.txt` reads the JSON back; a key not listed cannot; no text in the file', async () => {
    const { s, out } = await seeded(400);
    const keys = tempDir('hushdesk-age-keys-');
    const it1 = keygen(keys, 'it-department');
    const it2 = keygen(keys, 'second-admin');
    const stranger = keygen(keys, 'stranger');
    const seal = await exportSeal({ recipients: [it1.recipient, it2.recipient] });
    const r = createExport(s.db, { dataDir: s.paths.dataDir, format: 'json', scope: { kind: 'all' }, now: T0, ...(seal ? { seal } : {}) }, { kind: 'dir', dir: out });
    expect(r.encrypted).toBe(true);
    expect(r.fileName.endsWith('.json.age')).toBe(true);
    const bytes = fs.readFileSync(r.path);
    expect(bytes.subarray(0, 22).toString('latin1')).toBe('age-encryption.org/v1\n');
    expect(bytes.includes(Buffer.from('CANARY'))).toBe(false);
    expect(bytes.includes(Buffer.from('hushdesk-export'))).toBe(false);
    // More than one 64 KiB STREAM chunk, so the counter and the final flag are exercised.
    expect(bytes.length).toBeGreaterThan(2 * 65_536);
    for (const who of [it1, it2]) {
      const d = ageDecrypt(r.path, who.identity);
      expect(d.status, d.stderr).toBe(0);
      const doc = JSON.parse(d.stdout.toString('utf8')) as { totals: unknown; conversations: { messages: { text: string }[] }[] };
      expect(doc.totals).toEqual({ conversations: 400, messages: 800 });
      expect(validator()(doc)).toBe(true);
      expect(doc.conversations[0]?.messages[0]?.text).toContain('CANARY');
    }
    const refused = ageDecrypt(r.path, stranger.identity);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/no identity matched/);
    // The library (the reference implementation) reads the same file.
    expect(JSON.parse((await libDecrypt(r.path, { identity: it2.identity })).toString('utf8'))).toMatchObject({ totals: { messages: 800 } });

    // Cut at the end (the final chunk lost) or one byte changed: the real tool refuses.
    const cut = path.join(out, 'cut.json.age');
    fs.writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
    expect(ageDecrypt(cut, it1.identity).status).not.toBe(0);
    // Cut exactly at a chunk boundary (the whole final chunk dropped): the chunk now last is not
    // flagged last, so the file is known to be short.
    const macLine = bytes.indexOf('\n---') + 1;
    const payloadStart = bytes.indexOf('\n', macLine) + 1 + 16;
    const fullChunks = Math.floor((bytes.length - payloadStart) / (65_536 + 16));
    expect(fullChunks).toBeGreaterThanOrEqual(2);
    fs.writeFileSync(cut, bytes.subarray(0, payloadStart + fullChunks * (65_536 + 16)));
    const short = ageDecrypt(cut, it1.identity);
    expect(short.status).not.toBe(0);
    expect(short.stderr).toMatch(/truncated|last chunk|unexpected EOF|decrypt/i);
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 30] = (flipped[flipped.length - 30] as number) ^ 1;
    fs.writeFileSync(cut, flipped);
    const bad = ageDecrypt(cut, it1.identity);
    expect(bad.status).not.toBe(0);
  });

  it('with a passphrase: the real `age -d` (on a pseudo-terminal) and the library read it; a wrong one is refused', async () => {
    const { s, out } = await seeded(300);
    const seal = await exportSeal({ passphrase: 'export pass 123' });
    const r = createExport(s.db, { dataDir: s.paths.dataDir, format: 'csv', scope: { kind: 'all' }, now: T0, ...(seal ? { seal } : {}) }, { kind: 'dir', dir: out });
    const plain = createExport(s.db, { dataDir: s.paths.dataDir, format: 'csv', scope: { kind: 'all' }, now: T0 }, { kind: 'dir', dir: out });
    expect(r.fileName.endsWith('.csv.age')).toBe(true);
    const bytes = fs.readFileSync(r.path);
    expect(bytes.includes(Buffer.from('CANARY'))).toBe(false);
    // One scrypt stanza, work factor as documented.
    expect(bytes.toString('latin1').split('\n')[1]).toMatch(new RegExp(`^-> scrypt [A-Za-z0-9+/]{22} ${AGE_SCRYPT_LOG_N}$`));
    const decrypted = path.join(out, 'decrypted.csv');
    const ok = ageDecryptPassphrase(r.path, 'export pass 123', decrypted);
    expect(ok.status, ok.output).toBe(0);
    expect(fs.readFileSync(decrypted).equals(fs.readFileSync(plain.path))).toBe(true);
    const wrong = ageDecryptPassphrase(r.path, 'not the passphrase', path.join(out, 'never.csv'));
    expect(wrong.status).not.toBe(0);
    expect(wrong.output).toContain('incorrect passphrase');
    expect(fs.existsSync(path.join(out, 'never.csv'))).toBe(false);
    expect((await libDecrypt(r.path, { passphrase: 'export pass 123' })).equals(fs.readFileSync(plain.path))).toBe(true);
    await expect(libDecrypt(r.path, { passphrase: 'not the passphrase' })).rejects.toThrow();
  });

  it('an export whose size is an exact number of 64 KiB chunks, and an empty one, decrypt with the real tool', async () => {
    const keys = tempDir('hushdesk-age-keys-');
    const k = keygen(keys, 'k');
    const out = tempDir('hushdesk-out-');
    for (const size of [0, 1, 65_536, 2 * 65_536, 65_537]) {
      const seal = await prepareAgeSeal({ recipients: [k.recipient] });
      const parts: Buffer[] = [];
      const sink = new AgeSink({ write: (b) => parts.push(Buffer.from(b)) }, seal);
      const data = Buffer.alloc(size, 'hushdesk ');
      // Written in uneven pieces, as the export's text buffer does.
      for (let off = 0; off < size; off += 10_007) sink.write(data.subarray(off, Math.min(size, off + 10_007)));
      sink.end();
      const file = path.join(out, `${size}.age`);
      fs.writeFileSync(file, Buffer.concat(parts));
      const d = ageDecrypt(file, k.identity);
      expect(d.status, `${size}: ${d.stderr}`).toBe(0);
      expect(d.stdout.equals(data), String(size)).toBe(true);
    }
  });

  it('refuses bad keys by name, a short passphrase, and a passphrase on top of configured keys', async () => {
    const good = keygen(tempDir('hushdesk-age-keys-'), 'k').recipient;
    const typo = `${good.slice(0, 20)}${good[20] === 'q' ? 'p' : 'q'}${good.slice(21)}`;
    await expect(exportSeal({ recipients: [typo] })).rejects.toMatchObject({ error: { code: 'invalid_input', message: expect.stringContaining('checksum') } });
    await expect(exportSeal({ recipients: ['age1short'] })).rejects.toMatchObject({ error: { code: 'invalid_input', message: expect.stringContaining('62 characters') } });
    await expect(exportSeal({ recipients: ['ssh-ed25519 AAAA'] })).rejects.toMatchObject({ error: { code: 'invalid_input', message: expect.stringContaining('age1') } });
    await expect(exportSeal({ passphrase: 'short' })).rejects.toMatchObject({ error: { code: 'invalid_input', message: expect.stringContaining('at least 8') } });
    await expect(exportSeal({ passphrase: 'long enough pass', recipients: [good] })).rejects.toMatchObject({ error: { code: 'invalid_input', message: expect.stringContaining('Leave the passphrase empty') } });
    expect(await exportSeal({ recipients: [] })).toBeUndefined();
  });
});

describe('exports from Hushdesk 0.1 (.hdenc)', () => {
  it('the docs/EXPORT.md snippet still decrypts one with plain Node, byte for byte, and rejects a wrong passphrase', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs', 'EXPORT.md'), 'utf8');
    const code = /```js\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(code).toContain('aes-256-gcm');
    const script = path.join(tempDir(), 'decrypt.js');
    fs.writeFileSync(script, code as string);
    // Written by Hushdesk 0.1's envelope (scrypt log2 N = 10 to keep the test fast).
    const enc = path.join(__dirname, 'fixtures', 'legacy-0.1.csv.hdenc');
    const run = (pass: string) => spawnSync(process.execPath, [script, enc], { env: { ...process.env, HUSHDESK_EXPORT_PASSPHRASE: pass }, maxBuffer: 64 << 20 });
    const ok = run('legacy export 0.1');
    expect(ok.status, ok.stderr.toString()).toBe(0);
    expect(ok.stdout.equals(fs.readFileSync(path.join(__dirname, 'fixtures', 'legacy-0.1.csv')))).toBe(true);
    expect(run('not the passphrase').status).not.toBe(0);
  });
});

describe('atomic writes and audit', () => {
  it('each export is one audit event with counts and format, never content', async () => {
    const { s, out } = await seeded(3);
    createExport(s.db, { dataDir: s.paths.dataDir, format: 'csv', scope: { kind: 'all' }, now: T0 }, { kind: 'dir', dir: out });
    const seal = await exportSeal({ passphrase: 'abcdefgh', scryptLogN: 10 });
    createExport(s.db, { dataDir: s.paths.dataDir, format: 'md', scope: { kind: 'conversation', conversationId: 'c1' }, now: T0, ...(seal ? { seal } : {}) }, { kind: 'dir', dir: out });
    const keys = tempDir('hushdesk-age-keys-');
    const toKeys = await exportSeal({ recipients: [keygen(keys, 'a').recipient, keygen(keys, 'b').recipient] });
    createExport(s.db, { dataDir: s.paths.dataDir, format: 'json', scope: { kind: 'all' }, now: T0, ...(toKeys ? { seal: toKeys } : {}) }, { kind: 'dir', dir: out });
    const events = listAudit(s.db).filter((e) => e.kind === 'export');
    // How it was encrypted and to how many keys; never the keys, never the passphrase.
    expect(events.map((e) => e.detail)).toEqual([
      { what: 'conversations', scope: 'all', format: 'json', conversations: 3, messages: 6, encrypted: true, encryptedTo: 'recipients', recipients: 2 },
      { what: 'conversations', scope: 'conversation', format: 'md', conversations: 1, messages: 2, encrypted: true, encryptedTo: 'passphrase' },
      { what: 'conversations', scope: 'all', format: 'csv', conversations: 3, messages: 6, encrypted: false },
    ]);
    const raw = s.db.prepare('SELECT group_concat(detail) AS d FROM audit_log').get() as { d: string };
    expect(raw.d).not.toContain('CANARY');
    expect(raw.d).not.toContain('age1');
    expect(raw.d).not.toContain('abcdefgh');
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
  it("carries the shop's name (branding), not the app's", async () => {
    const { s } = await seeded(2);
    const { text } = qrText(s.db, 'c1', 'Tienda Luna');
    expect(text.split('\n')[0]).toMatch(/^Tienda Luna chat /);
    expect(text).toMatch(/\nTienda Luna: /);
    expect(text).not.toMatch(/Hushdesk/);
    expect(qrText(s.db, 'c1').text).toMatch(/^Shop chat [\s\S]*\nShop: /);
  });
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
    expect(enc.out).toContain('as json (age, passphrase)');
    const encFile = fs.readdirSync(out).find((f) => f.endsWith('.json.age'));
    expect(encFile).toBeDefined();
    const back = await libDecrypt(path.join(out, encFile as string), { passphrase: 'take away 2025' });
    expect(JSON.parse(back.toString('utf8'))).toMatchObject({ totals: { messages: 8 } });
  });

  it('--recipient (repeatable) encrypts to those keys; without flags the keys set in settings apply', async () => {
    const { s, dir, out } = await seeded(5);
    const keys = tempDir('hushdesk-age-keys-');
    const a = keygen(keys, 'a');
    const b = keygen(keys, 'b');
    const c = keygen(keys, 'c');
    s.close();
    open.splice(0);
    const file = path.join(out, 'to-it.json.age');
    const r = await cli(['export', '--data-dir', dir, '--format', 'json', '--recipient', a.recipient, `--recipient=${b.recipient}`, '--out', file]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('as json (age, to 2 public keys)');
    for (const who of [a, b]) {
      const d = ageDecrypt(file, who.identity);
      expect(d.status, d.stderr).toBe(0);
      expect(JSON.parse(d.stdout.toString('utf8'))).toMatchObject({ totals: { conversations: 5, messages: 10 } });
    }
    expect(ageDecrypt(file, c.identity).status).not.toBe(0);

    // An IT department's key in the settings: a plain `hushdesk export` is encrypted to it.
    const st = await openAt(dir);
    setSetting(st.db, SETTINGS_KEY, { exportRecipients: [c.recipient] });
    st.close();
    const auto = await cli(['export', '--data-dir', dir, '--format', 'csv', '--out', out]);
    expect(auto.code, auto.err).toBe(0);
    expect(auto.out).toContain('as csv (age, to 1 public key)');
    const autoFile = fs.readdirSync(out).find((f) => f.endsWith('.csv.age'));
    expect(autoFile).toBeDefined();
    const d = ageDecrypt(path.join(out, autoFile as string), c.identity);
    expect(d.status, d.stderr).toBe(0);
    expect((parseCsv(d.stdout.toString('utf8'), { bom: true, columns: true }) as unknown[]).length).toBe(10);
    // ...so stdout (text only) is refused rather than written in clear.
    const std = await cli(['export', '--data-dir', dir, '--format', 'json', '--out', '-']);
    expect(std.code).toBe(2);
    expect(std.err).toContain('public key(s) set in the settings');
    expect(std.out).toBe('');
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
      ['export', '--data-dir', dir, '--format', 'json', '--recipient', 'age1notakey'],
      ['export', '--data-dir', dir, '--format', 'json', '--recipient', AGE_KEY_OF_SPEC, '--encrypt'],
      ['export', '--data-dir', dir, '--format', 'json', '--recipient', AGE_KEY_OF_SPEC, '--out', '-'],
      ['export', '--data-dir', dir, '--format', 'json', '--recipient'],
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
