/** `hushdesk kb check FILE`: validate a knowledge base, train it and run its own held-out tests. */
import { readFileSync } from 'node:fs';
import { AppFailure, isAppFailure } from '../../../shared/result';
import { checkKnowledgeBase } from '../../engine/kb-check';
import { loadKnowledgeBase } from '../../engine/kb';
import { parseArgs } from '../args';
import { EXIT, type CliCommand } from '../command';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export const kbCommand: CliCommand = {
  name: 'kb',
  usage: 'kb check FILE',
  summary: 'validate a knowledge base, train it, run its test phrases',
  async run(argv, io) {
    const args = parseArgs(argv, {});
    const [sub, file] = args.positionals;
    if (sub !== 'check' || !file) throw new AppFailure('invalid_input', 'usage: hushdesk kb check FILE');
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
    const r = checkKnowledgeBase(kb);
    io.stdout(`${file}: valid (${kb.intents.length} intents, ${r.examples} examples, schema ${kb.schemaVersion}, hash ${kb.hash.slice(0, 12)})\n`);
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
    return EXIT.ok;
  },
};
