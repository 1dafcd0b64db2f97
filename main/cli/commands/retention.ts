/**
 * `hushdesk retention show|set <hours:N|days:N|end_of_day|none>`: the policy new conversations get;
 * `set` goes through the app's settings service: stored conversations come under a stricter policy
 * (expiries only move earlier) and what is past it is purged at once, as in the app.
 */
import { AppFailure } from '../../../shared/result';
import { formatRetention, parseRetention, wipeScheduleLabel, wipeScheduleOf } from '../../data';
import { flag, parseArgs } from '../args';
import { withCliBackend } from '../backend-access';
import { EXIT, type CliCommand } from '../command';
import { STORE_OPTIONS } from '../store-access';

export const retentionCommand: CliCommand = {
  name: 'retention',
  usage: 'retention show|set <hours:N|days:N|end_of_day|none> [--json]',
  summary: 'show or change how long conversations are kept',
  async run(argv, io) {
    const args = parseArgs(argv, { flags: ['json'], options: [...STORE_OPTIONS] });
    const [sub, value, ...extra] = args.positionals;
    if (extra.length > 0) throw new AppFailure('invalid_input', `unexpected argument ${extra[0]}`);
    if (sub === 'show') {
      if (value !== undefined) throw new AppFailure('invalid_input', `unexpected argument ${value}`);
    } else if (sub === 'set') {
      if (value === undefined || !parseRetention(value)) throw new AppFailure('invalid_input', 'usage: hushdesk retention set hours:N|days:N|end_of_day|none');
    } else throw new AppFailure('invalid_input', 'usage: hushdesk retention show|set <policy>');

    // Through the app's settings service: the same audit, the same rule that a stricter policy
    // applies to what is stored, the same purge of what is now past it.
    return withCliBackend(args, io, async ({ call }) => {
      if (sub === 'set') {
        const policy = parseRetention(value as string)!;
        const before = (await call('privacy.facts', undefined)).counts.conversations;
        await call('settings.set', { patch: { retention: policy } });
        const facts = await call('privacy.facts', undefined);
        const gone = before - facts.counts.conversations;
        io.stdout(
          `retention set to ${formatRetention(policy)} (${facts.retentionText}); ${gone} stored conversation${gone === 1 ? ' was' : 's were'} past it and deleted, ${facts.counts.conversations} kept\n`,
        );
        return EXIT.ok;
      }
      const [facts, settings] = [await call('privacy.facts', undefined), await call('settings.get', undefined)];
      const report = {
        policy: formatRetention(facts.retention),
        text: facts.retentionText,
        endOfDayWipeAt: settings.endOfDayWipeAt,
        // "after closing" when the wipe follows the opening hours (issue 13), else the set time.
        schedule: wipeScheduleLabel(wipeScheduleOf(settings)),
        nextScheduledWipe: facts.nextScheduledWipe,
        lastWipe: facts.lastWipe,
      };
      if (flag(args, 'json')) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      else
        io.stdout(
          [
            `policy             ${report.policy} (kept ${report.text === 'not kept' ? 'nowhere: not kept' : `for ${report.text}`})`,
            `end-of-day wipe    ${report.schedule ?? 'not scheduled'}`,
            `next wipe          ${report.nextScheduledWipe ? new Date(report.nextScheduledWipe).toString() : '-'}`,
            `last wipe          ${report.lastWipe ? new Date(report.lastWipe.at).toString() : 'never'}`,
          ].join('\n') + '\n',
        );
      return EXIT.ok;
    });
  },
};
