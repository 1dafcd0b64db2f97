/** `hushdesk misses list [--json] | assign GROUP --intent ID | dismiss GROUP`: the missed-questions inbox. */
import { AppFailure } from '../../../shared/result';
import { flag, option, parseArgs } from '../args';
import { EXIT, type CliCommand } from '../command';
import { withEditor } from '../editor-access';
import { STORE_OPTIONS } from '../store-access';

export const missesCommand: CliCommand = {
  name: 'misses',
  usage: 'misses list [--json] | assign GROUP --intent ID | dismiss GROUP',
  summary: 'questions the bot missed: list them grouped, add a group to an intent (draft), dismiss',
  async run(argv, io) {
    const args = parseArgs(argv, { flags: ['json'], options: [...STORE_OPTIONS, 'intent'] });
    const [sub, group, ...extra] = args.positionals;
    if (extra.length > 0) throw new AppFailure('invalid_input', `unexpected argument ${extra[0]}`);
    if (sub === 'list') {
      return withEditor(args, io, async (s) => {
        const groups = s.kbEditor.missGroups();
        if (flag(args, 'json')) for (const g of groups) io.stdout(`${JSON.stringify({ id: g.id, language: g.language, texts: g.texts, count: g.count, lastDay: g.lastDay, suggested: g.suggested })}\n`);
        else if (groups.length === 0) io.stdout('no missed questions\n');
        else for (const g of groups) io.stdout(`${g.id.padEnd(8)} x${String(g.count).padEnd(4)} ${g.lastDay} [${g.language}] "${g.texts[0]}"${g.texts.length > 1 ? ` (+${g.texts.length - 1} similar)` : ''}  suggested: ${g.suggested.map((x) => x.intent).join(', ') || '-'}\n`);
        return EXIT.ok;
      });
    }
    if (sub === 'assign') {
      const intent = option(args, 'intent');
      if (!group || !intent) throw new AppFailure('invalid_input', 'usage: hushdesk misses assign GROUP --intent ID');
      return withEditor(args, io, async (s) => {
        const r = s.kbEditor.assignMisses(group, intent, 'cli');
        io.stdout(`${r.added} phrase(s) added to ${intent} in the draft; publish with: hushdesk kb publish\n`);
        return EXIT.ok;
      });
    }
    if (sub === 'dismiss') {
      if (!group) throw new AppFailure('invalid_input', 'usage: hushdesk misses dismiss GROUP');
      return withEditor(args, io, async (s) => {
        const r = s.kbEditor.dismissMisses(group, 'cli');
        io.stdout(`${r.dismissed} question(s) dismissed\n`);
        return EXIT.ok;
      });
    }
    throw new AppFailure('invalid_input', 'usage: hushdesk misses list [--json] | assign GROUP --intent ID | dismiss GROUP');
  },
};
