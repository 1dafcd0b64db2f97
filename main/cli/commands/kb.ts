/**
 * `hushdesk kb ...`: check a file; and the editor's loop on the store: publish the draft, list and
 * restore versions, export, import (with a preview; applied and published unless --dry-run).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChangedAnswer, ImportFormat, ImportPreview, PublishResult } from '../../../shared/kb-editor';
import { AppFailure, isAppFailure } from '../../../shared/result';
import { checkKnowledgeBase } from '../../engine/kb-check';
import { loadKnowledgeBase, type KnowledgeBase } from '../../engine/kb';
import { kbForLanguage, kbLanguages } from '../../engine/languages';
import { writeKbExport } from '../../knowledge/export-file';
import { flag, option, parseArgs, type ParsedArgs } from '../args';
import { EXIT, type CliCommand, type CliIo } from '../command';
import { confirmed, withEditor } from '../editor-access';
import { STORE_OPTIONS } from '../store-access';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const USAGE =
  'usage: hushdesk kb check FILE | publish [--yes] | versions [--json] | restore N [--yes] | export [--format json|faq-csv] [--out FILE] [--force] | import FILE [--format faq-csv|dialogflow|rasa|nlpjs|kb-json] [--domain FILE] [--dry-run] [--yes] [--json]';
const IMPORT_FORMATS: readonly ImportFormat[] = ['faq-csv', 'dialogflow', 'rasa', 'nlpjs', 'kb-json'];

function readBytes(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new AppFailure('not_found', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

function check(file: string, io: CliIo): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new AppFailure('io_error', `cannot read ${file}`);
  }
  let kb;
  try {
    kb = loadKnowledgeBase(text, file);
  } catch (e) {
    if (isAppFailure(e) && e.error.code === 'kb_invalid') {
      io.stderr(`${file}: invalid knowledge base\n`);
      for (const d of e.error.details ?? []) io.stderr(`  ${d.path}: ${d.message}\n`);
      return EXIT.failed;
    }
    throw e;
  }
  const langs = kbLanguages(kb);
  const examples = kb.intents.reduce((n, it) => n + it.examples.length, 0);
  io.stdout(`${file}: valid (${kb.intents.length} intents, ${examples} examples, schema ${kb.schemaVersion}, hash ${kb.hash.slice(0, 12)}${langs.length > 1 ? `, languages ${langs.join(', ')}` : ''})\n`);
  // One model per language, each checked on that language's own held-out phrases.
  for (const lang of langs) {
    if (langs.length > 1) io.stdout(`\n[${lang}]${lang === kb.settings.language ? ' (default)' : ''}\n`);
    checkLanguage(kbForLanguage(kb, lang), io);
  }
  if (kb.warnings.length > 0) {
    io.stdout(`\nwarnings (${kb.warnings.length}):\n`);
    for (const w of kb.warnings.slice(0, 50)) io.stdout(`  ${w.path}: ${w.message}\n`);
    if (kb.warnings.length > 50) io.stdout(`  ... and ${kb.warnings.length - 50} more\n`);
  }
  return EXIT.ok;
}

function checkLanguage(kb: KnowledgeBase, io: CliIo): void {
  const r = checkKnowledgeBase(kb);
  io.stdout(`trained in ${r.trainMs} ms; threshold ${r.threshold} (${kb.settings.confidenceThreshold === 'auto' ? 'auto, from held-out folds' : 'set in the file'})\n`);
  io.stdout(`in-scope tests: ${pct(r.inScopeAccuracy)} of ${r.inScopeTests} answered with the right intent (top-1 ignoring threshold ${pct(r.closedAccuracy)})\n`);
  if (r.oosTests > 0) io.stdout(`out-of-scope tests: ${pct(r.oosRecall)} of ${r.oosTests} refused\n`);
  if (r.confusedPairs.length > 0) {
    io.stdout('\nmost confused (expected -> got: count):\n');
    for (const c of r.confusedPairs.slice(0, 10)) io.stdout(`  ${c.expected} -> ${c.got}: ${c.count}\n`);
  }
  if (r.belowThreshold.length > 0) {
    io.stdout('\nin-scope phrases below the threshold (refused):\n');
    for (const b of r.belowThreshold.slice(0, 30)) io.stdout(`  [${b.expected}] "${b.text}" (top ${b.top} ${b.confidence.toFixed(2)})\n`);
  }
  if (r.oosAnswered.length > 0) {
    io.stdout('\nout-of-scope phrases answered anyway:\n');
    for (const b of r.oosAnswered.slice(0, 30)) io.stdout(`  "${b.text}" -> ${b.got} ${b.confidence.toFixed(2)}\n`);
  }
}

function printReport(io: CliIo, r: PublishResult): void {
  const { report } = r;
  io.stdout(`published version ${r.version.version} (${r.version.summary})\n`);
  io.stdout(`trained in ${report.trainMs} ms${report.fromCache ? ' (from the cache)' : ''}\n`);
  io.stdout(`test phrases: ${pct(report.before.inScopeAccuracy)} -> ${pct(report.after.inScopeAccuracy)} of ${report.after.inScopeTests}; out of scope refused ${pct(report.before.oosRecall)} -> ${pct(report.after.oosRecall)} of ${report.after.oosTests}\n`);
  io.stdout(`${report.changed.length} answer(s) changed, ${report.regressions} regression(s)\n`);
  const line = (c: ChangedAnswer) => `  ${c.regression ? 'REGRESSION ' : ''}"${c.text}": ${c.before ?? '(refused)'} -> ${c.after ?? '(refused)'} (${c.kind === 'removed_example' ? 'no longer taught' : `expected ${c.expected ?? 'refusal'}`})\n`;
  for (const c of report.changed.slice(0, 50)) io.stdout(line(c));
  if (report.thresholdOnly.length > 0) {
    const margin = report.negativeMargin && report.negativeMargin.before !== report.negativeMargin.after ? `; out-of-scope margin ${report.negativeMargin.before ?? '-'} -> ${report.negativeMargin.after}` : '';
    io.stdout(`${report.thresholdOnly.length} answer(s) changed only because the refusal settings were refitted (threshold ${report.threshold?.before ?? '-'} -> ${report.threshold?.after ?? '-'}${margin})\n`);
    for (const c of report.thresholdOnly.slice(0, 50)) io.stdout(line(c));
  }
  // Each other language on its own tests and model (the lines above are the default language's).
  for (const l of report.languages ?? []) {
    const before = (x: number) => (l.before ? pct(x) : '-');
    io.stdout(`[${l.language}] test phrases: ${before(l.before?.inScopeAccuracy ?? 0)} -> ${pct(l.after.inScopeAccuracy)} of ${l.after.inScopeTests}; out of scope refused ${before(l.before?.oosRecall ?? 0)} -> ${pct(l.after.oosRecall)} of ${l.after.oosTests}; ${l.changed.length + l.thresholdOnly.length} answer(s) changed, ${l.regressions} regression(s)\n`);
    for (const c of [...l.changed, ...l.thresholdOnly].slice(0, 50)) io.stdout(line(c));
  }
}

function printPreview(io: CliIo, p: ImportPreview): void {
  io.stdout(`${p.format}: ${p.intents.length} intent(s), ${p.phrases} phrase(s), ${p.answers} answer(s), ${p.entities} entit${p.entities === 1 ? 'y' : 'ies'}\n`);
  for (const it of p.intents.slice(0, 100)) io.stdout(`  ${it.replaces ? '~' : '+'} ${it.id} "${it.title}" (${it.examples} phrases, ${it.responses} answers)\n`);
  for (const w of p.warnings) io.stdout(`  warning: ${w.message}\n`);
  for (const e of [...p.errors, ...p.draftProblems]) io.stderr(`  ${e.path}: ${e.message}\n`);
}

async function importCommand(args: ParsedArgs, file: string, io: CliIo): Promise<number> {
  const format = option(args, 'format') as ImportFormat | undefined;
  if (format !== undefined && !IMPORT_FORMATS.includes(format)) throw new AppFailure('invalid_input', `--format must be one of ${IMPORT_FORMATS.join(', ')}`);
  const domain = option(args, 'domain');
  const input = {
    fileName: path.basename(file),
    bytes: readBytes(file),
    ...(domain ? { extra: { fileName: path.basename(domain), bytes: readBytes(domain) } } : {}),
  };
  const dry = flag(args, 'dry-run');
  return withEditor(args, io, async (s) => {
    const preview = s.kbEditor.importPreview(input, format);
    if (flag(args, 'json') && dry) io.stdout(`${JSON.stringify(preview, null, 2)}\n`);
    else printPreview(io, preview);
    if (preview.errors.length > 0 || preview.draftProblems.length > 0) {
      io.stderr(`${file}: ${preview.errors.length + preview.draftProblems.length} problem(s); nothing changed\n`);
      return EXIT.failed;
    }
    if (dry) return EXIT.ok;
    await confirmed(io, flag(args, 'yes'), `Import ${preview.intents.length} intent(s) and publish?`);
    s.kbEditor.importApply(input, format, 'cli');
    printReport(io, await s.kbEditor.publish('cli'));
    return EXIT.ok;
  });
}

export const kbCommand: CliCommand = {
  name: 'kb',
  usage: 'kb check FILE | publish | versions [--json] | restore N | export [--format json|faq-csv] [--out FILE] | import FILE [--format F] [--dry-run]',
  summary: 'check a knowledge-base file; publish, list, restore, export and import the knowledge base in the store',
  async run(argv, io) {
    const args = parseArgs(argv, { flags: ['json', 'yes', 'dry-run', 'force'], options: [...STORE_OPTIONS, 'format', 'out', 'domain'] });
    const [sub, arg, ...extra] = args.positionals;
    if (extra.length > 0) throw new AppFailure('invalid_input', `unexpected argument ${extra[0]}`);
    switch (sub) {
      case 'check':
        if (!arg) throw new AppFailure('invalid_input', 'usage: hushdesk kb check FILE');
        return check(arg, io);
      case 'publish':
        return withEditor(args, io, async (s) => {
          const draft = s.kbEditor.draft();
          if (draft.problems.length > 0) {
            for (const d of draft.problems) io.stderr(`  ${d.path}: ${d.message}\n`);
            throw new AppFailure('kb_invalid', `the draft has ${draft.problems.length} problem(s); nothing published`);
          }
          if (!draft.changed) io.stdout('the draft has no changes; publishing it as a new version anyway\n');
          const r = await s.kbEditor.publish('cli');
          if (flag(args, 'json')) io.stdout(`${JSON.stringify(r)}\n`);
          else printReport(io, r);
          return EXIT.ok;
        });
      case 'versions':
        return withEditor(args, io, async (s) => {
          const versions = s.kbEditor.versions();
          if (flag(args, 'json')) for (const v of versions) io.stdout(`${JSON.stringify({ version: v.version, time: new Date(v.at).toISOString(), role: v.role, summary: v.summary, live: v.live })}\n`);
          else if (versions.length === 0) io.stdout('no versions yet: the built-in knowledge base is in use\n');
          else for (const v of versions) io.stdout(`${v.live ? '*' : ' '} ${String(v.version).padStart(4)}  ${new Date(v.at).toISOString()}  ${v.role.padEnd(6)} ${v.summary || '-'}\n`);
          return EXIT.ok;
        });
      case 'restore': {
        const n = Number(arg);
        if (!arg || !Number.isInteger(n) || n < 1) throw new AppFailure('invalid_input', 'usage: hushdesk kb restore N (a version number from kb versions)');
        return withEditor(args, io, async (s) => {
          s.kbEditor.version(n); // not_found before asking
          await confirmed(io, flag(args, 'yes'), `Restore version ${n} and publish it as the newest version?`);
          const r = await s.kbEditor.restore(n, 'cli');
          if (flag(args, 'json')) io.stdout(`${JSON.stringify(r)}\n`);
          else printReport(io, r);
          return EXIT.ok;
        });
      }
      case 'export': {
        const format = option(args, 'format') ?? 'json';
        if (format !== 'json' && format !== 'faq-csv') throw new AppFailure('invalid_input', '--format must be json or faq-csv');
        const out = option(args, 'out');
        return withEditor(args, io, async (s, { dataDir }) => {
          const text = s.kbEditor.exportText(format, 'live');
          if (out === '-') {
            io.stdout(text);
            return EXIT.ok;
          }
          const day = new Date().toISOString().slice(0, 10);
          const r = writeKbExport(text, { dataDir, ...(out !== undefined ? { out } : { dir: process.cwd() }), base: `hushdesk-knowledge-base-${day}`, ext: format === 'json' ? '.json' : '.csv', force: flag(args, 'force') });
          io.stdout(`wrote ${r.path} (${r.bytes} bytes)\n`);
          return EXIT.ok;
        });
      }
      case 'import':
        if (!arg) throw new AppFailure('invalid_input', 'usage: hushdesk kb import FILE [--format F] [--dry-run]');
        return importCommand(args, arg, io);
      default:
        throw new AppFailure('invalid_input', USAGE);
    }
  },
};
