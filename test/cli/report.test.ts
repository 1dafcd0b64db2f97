/**
 * `hushdesk report` on a real encrypted store: chats that carry a canary, a manual end-of-day wipe,
 * then the report as PDF (read back with poppler's pdftotext) and as HTML. It names the period,
 * the wipe and the chain's head hash, and never the canary. Bad arguments exit 2.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHushdesk } from '../support/cli';
import { cleanupTempDirs, tempDir } from '../store/helpers';

afterAll(cleanupTempDirs);

const env = { ...process.env, HUSHDESK_PASSPHRASE: 'correct horse battery staple' };
const hushdesk = (args: string[], input = '') => runHushdesk(args, { input, env, timeout: 60_000 });
const CANARY = 'Zebracanary7731';

/**
 * The chain's head as the newest report read it: the entry just before the report's own export
 * entry (the report opens the store, which audits the unlock, reads the chain, writes, then audits
 * its export).
 */
function headReadByReport(dir: string): string {
  const list = hushdesk(['audit', 'list', '--json', '--limit', '20', '--data-dir', dir]);
  expect(list.status, list.stderr).toBe(0);
  const entries = JSON.parse(list.stdout) as { seq: number; kind: string; hash: string; detail: { what?: string } }[];
  const report = entries.find((e) => e.kind === 'export' && e.detail.what === 'report');
  return entries.find((e) => e.seq === (report?.seq ?? 0) - 1)?.hash ?? 'no report in the log';
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe('hushdesk report', () => {
  let dir = '';
  let out = '';

  beforeAll(() => {
    dir = tempDir('hushdesk-cli-report-');
    out = tempDir('hushdesk-cli-report-out-');
    for (const line of [`my name is ${CANARY} and do you price match`, `where is my order ${CANARY}, write to zebra7731@example.com`]) {
      const r = hushdesk(['chat', '--data-dir', dir], `${line}\n`);
      expect(r.status, r.stderr).toBe(0);
    }
    const w = hushdesk(['wipe', '--scope', 'day', '--yes', '--data-dir', dir]);
    expect(w.status, w.stderr).toBe(0);
  }, 180_000);

  it('--format pdf: pdftotext reads the period, the wipe, the verified chain and its head hash; no canary', () => {
    const file = path.join(out, 'report.pdf');
    const r = hushdesk(['report', '--from', today(), '--to', today(), '--out', file, '--format', 'pdf', '--data-dir', dir]);
    expect(r.status, r.stderr).toBe(0);
    const head = headReadByReport(dir);
    expect(head).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(`${today()} to ${today()}`);
    // The wipe row, in words (not the log's codes "day", "cli"): the end-of-day wipe, from the command line, completed, two conversations.
    expect(text).toMatch(/End-of-day wipe\s+The command line\s+completed\s+2\s+4/);
    expect(text).toContain('verified:');
    // A 64-hex hash may wrap in the layout only if it does not fit; it fits on A4 at 8.5 pt.
    expect(text.replace(/\s+/g, '')).toContain(head);
    expect(text).toContain('new key (end-of-day wipe)');
    // The e-mail address was masked before saving: the report counts it, by type, and never shows it.
    expect(text).toMatch(/Redactions by type\s+email: 1/);
    expect(text).not.toContain('zebra7731');
    expect(text.toLowerCase()).not.toContain(CANARY.toLowerCase());
    expect(text).not.toContain('price match');
    // The raw file too (a compressed stream could hide it from a text search, but not from pdftotext).
    expect(fs.readFileSync(file).toString('latin1')).not.toContain(CANARY);
  }, 60_000);

  it('--format html: one self-contained page with the same facts, no canary, no script', () => {
    const file = path.join(out, 'report.html');
    const r = hushdesk(['report', '--from', today(), '--to', today(), '--out', file, '--data-dir', dir]);
    expect(r.status, r.stderr).toBe(0);
    const head = headReadByReport(dir);
    expect(head).toMatch(/^[0-9a-f]{64}$/);
    const html = fs.readFileSync(file, 'utf8');
    expect(html).toContain(`${today()} to ${today()}`);
    expect(html).toContain(head);
    expect(html).toMatch(/<td>End-of-day wipe<\/td><td>The command line<\/td><td>completed<\/td><td>2<\/td><td>4<\/td>/);
    expect(html).not.toContain(CANARY);
    expect(html).not.toMatch(/<script|src=|href=/i);
    expect(html).toContain('@media print');
  }, 60_000);

  it.each([
    [['--from', '2026-13-01', '--to', '2026-12-31'], /--from must be a date/],
    [['--from', '2026-02-30', '--to', '2026-03-01'], /--from must be a date/],
    [['--from', '2026-12-02', '--to', 'yesterday'], /--to must be a date/],
    [['--from', '2026-12-03', '--to', '2026-12-02'], /starts \(2026-12-03\) after it ends/],
    [['--from', '2026-12-01', '--to', '2026-12-02', '--format', 'docx'], /--format must be html or pdf/],
  ])('bad arguments %j exit 2 with one line, nothing written', (args, message) => {
    const file = path.join(out, 'bad.pdf');
    const r = hushdesk(['report', ...args, '--out', file, '--data-dir', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(fs.existsSync(file)).toBe(false);
  });
});
