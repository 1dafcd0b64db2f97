/**
 * `hushdesk export`: conversations as JSON / CSV / Markdown, all or a date range or one
 * conversation, to a file (atomic), a folder (generated name) or stdout (`--out -`). Encrypted in
 * the age format (docs/EXPORT.md): `--encrypt` with a passphrase, `--recipient age1…` (repeatable)
 * to public keys, and without either to the keys set in the app's settings, if any (the same rule
 * as the app). Opened through the app's backend and audited like an export from the app.
 */
import * as fs from 'node:fs';
import type { ExportFormat } from '../../../shared/domain';
import { AppFailure } from '../../../shared/result';
import { checkRecipients, createExport, exportSeal, markdownLabels, scopeOf, type ExportTarget } from '../../data';
import { flag, option, options, parseArgs } from '../args';
import { EXIT, type CliCommand, type CliIo } from '../command';
import { promptLine } from '../prompt';
import { checkOutputFirst, withCliBackend } from '../backend-access';
import { STORE_OPTIONS } from '../store-access';

export const EXPORT_PASSPHRASE_ENV = 'HUSHDESK_EXPORT_PASSPHRASE';

/**
 * A CLI date: YYYY-MM-DD is local midnight (for `--to`, the end of that day: the next midnight, so
 * the day is included), anything else must be an ISO date-time.
 */
export function parseCliDate(text: string, end: boolean): number {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (d) {
    const [y, m, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
    const t = new Date(y, m - 1, day + (end ? 1 : 0)).getTime();
    const check = new Date(y, m - 1, day);
    if (check.getMonth() !== m - 1 || check.getDate() !== day) throw new AppFailure('invalid_input', `not a date: ${text}`);
    return t;
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) throw new AppFailure('invalid_input', `not a date: ${text} (use YYYY-MM-DD or an ISO date-time)`);
  const t = Date.parse(text);
  if (!Number.isFinite(t)) throw new AppFailure('invalid_input', `not a date: ${text}`);
  return t;
}

async function exportPassphrase(io: CliIo): Promise<string> {
  const env = io.env[EXPORT_PASSPHRASE_ENV];
  if (env !== undefined && env !== '') return env;
  if (!io.stdinIsTty) throw new AppFailure('invalid_input', `--encrypt needs a passphrase: set ${EXPORT_PASSPHRASE_ENV} or run in a terminal`);
  const a = await promptLine(io, 'Passphrase for the export file: ', true);
  const b = await promptLine(io, 'Again: ', true);
  if (a !== b) throw new AppFailure('invalid_input', 'the two passphrases differ');
  return a;
}

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export --format json|csv|md [--from D] [--to D] [--conversation ID] [--out FILE|DIR|-] [--force] [--encrypt | --recipient age1… ...]',
  summary: 'export conversations (stored, redacted text); audited',
  async run(argv, io) {
    const args = parseArgs(argv, { flags: ['encrypt', 'force'], options: [...STORE_OPTIONS, 'format', 'from', 'to', 'conversation', 'out', 'recipient'] });
    const format = option(args, 'format');
    if (format !== 'json' && format !== 'csv' && format !== 'md') throw new AppFailure('invalid_input', '--format must be json, csv or md');
    if (args.positionals.length > 0) throw new AppFailure('invalid_input', `unexpected argument ${args.positionals[0]}`);
    const from = option(args, 'from');
    const to = option(args, 'to');
    const scope = scopeOf({
      conversationId: option(args, 'conversation'),
      from: from !== undefined ? parseCliDate(from, false) : undefined,
      to: to !== undefined ? parseCliDate(to, true) : undefined,
    });
    const out = option(args, 'out');
    const encrypt = flag(args, 'encrypt');
    const given = options(args, 'recipient');
    if (encrypt && given.length > 0) throw new AppFailure('invalid_input', '--encrypt (a passphrase) and --recipient (public keys) cannot be combined: an age file has one or the other');
    // Checked before any prompt or store access: a typo in a key names itself at once.
    const keys = given.length > 0 ? checkRecipients(given) : [];
    if ((encrypt || keys.length > 0) && out === '-') throw new AppFailure('invalid_input', `${encrypt ? '--encrypt' : '--recipient'} writes binary: give --out FILE, not -`);
    let target: ExportTarget;
    if (out === '-') target = { kind: 'sink', sink: { write: (b) => io.stdout(b.toString('utf8')) } };
    else if (out === undefined) target = { kind: 'dir', dir: process.cwd() };
    else if (fs.existsSync(out) && fs.statSync(out).isDirectory()) target = { kind: 'dir', dir: out };
    // A named file: checked in createExport (never inside the data folder, never a device, folder or
    // link, an existing file only with --force).
    else target = { kind: 'file', path: out, ...(flag(args, 'force') ? { force: true } : {}) };
    if (target.kind === 'file') checkOutputFirst(args, io, { file: target.path, force: target.force ?? false });
    else if (target.kind === 'dir') checkOutputFirst(args, io, { dir: target.dir });
    const passphrase = encrypt ? await exportPassphrase(io) : undefined;
    // The file, folder or stdout a terminal names is no channel's (those write to the export folder):
    // the export runs on the backend's open store, with its settings.
    return withCliBackend(args, io, async ({ ctx }) => {
      // Neither flag: the public keys an IT department set in the app's settings, as the app does.
      const recipients = passphrase === undefined && keys.length === 0 ? ctx.settings().get().exportRecipients : keys;
      if (passphrase === undefined && recipients.length > 0 && out === '-') {
        throw new AppFailure('invalid_input', `exports here are encrypted to the ${recipients.length} public key(s) set in the settings (binary): give --out FILE or DIR, not -`);
      }
      const seal = await exportSeal({ passphrase, recipients });
      const labels = markdownLabels(ctx.settings().get().branding.shopName, ctx.services().knowledge.info());
      const r = createExport(ctx.services().store.db, { format: format as ExportFormat, scope, dataDir: ctx.dataDir, now: ctx.now(), labels, ...(seal ? { seal } : {}) }, target);
      const where = r.path ? ` to ${r.path}` : '';
      const how = !seal ? '' : seal.mode === 'passphrase' ? ' (age, passphrase)' : ` (age, to ${seal.recipients} public key${seal.recipients === 1 ? '' : 's'})`;
      const line = `exported ${r.conversations} conversation${r.conversations === 1 ? '' : 's'}, ${r.messages} message${r.messages === 1 ? '' : 's'} as ${format}${how}${where} (${r.bytes} bytes)\n`;
      // With `--out -` stdout carries the export itself, so the summary goes to stderr.
      if (out === '-') io.stderr(line);
      else io.stdout(line);
      return EXIT.ok;
    });
  },
};
