/**
 * `hushdesk retention show|set <hours:N|days:N|end_of_day|none>`: the policy new conversations get;
 * `set` also brings stored conversations under a stricter policy (expiries only move earlier; the
 * purge runs at the app's next start or hourly task).
 */
import type { Settings } from '../../../shared/domain';
import { AppFailure } from '../../../shared/result';
import { appendAudit, applyPolicyToExisting, formatRetention, lastWipe, nextScheduledWipe, parseRetention, retentionText, scheduleBaseline } from '../../data';
import { mergeSettings, SETTINGS_KEY } from '../../services/settings';
import { getSetting, setSetting, type Db } from '../../store';
import { flag, parseArgs } from '../args';
import { EXIT, type CliCommand } from '../command';
import { openStoreForCli, STORE_OPTIONS } from '../store-access';

function settingsOf(db: Db): Settings {
  return mergeSettings(getSetting<Partial<Settings>>(db, SETTINGS_KEY));
}

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

    const store = await openStoreForCli(args, io, { create: false });
    try {
      const db = store.db;
      const now = Date.now();
      if (sub === 'set') {
        const policy = parseRetention(value as string)!;
        const saved = getSetting<Partial<Settings>>(db, SETTINGS_KEY) ?? {};
        setSetting(db, SETTINGS_KEY, { ...saved, retention: policy });
        appendAudit(db, 'settings_changed', { keys: 'retention', via: 'cli' }, now);
        const changed = applyPolicyToExisting(db, policy, settingsOf(db).endOfDayWipeAt, now);
        io.stdout(`retention set to ${formatRetention(policy)} (${retentionText(policy, settingsOf(db).endOfDayWipeAt)}); ${changed} stored conversation${changed === 1 ? '' : 's'} now expire sooner\n`);
        return EXIT.ok;
      }
      const s = settingsOf(db);
      const last = lastWipe(db);
      const report = {
        policy: formatRetention(s.retention),
        text: retentionText(s.retention, s.endOfDayWipeAt),
        endOfDayWipeAt: s.endOfDayWipeAt,
        nextScheduledWipe: nextScheduledWipe(s.endOfDayWipeAt, scheduleBaseline(db, now), now),
        lastWipe: last ? { at: last.at, scope: last.scope } : null,
      };
      if (flag(args, 'json')) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      else
        io.stdout(
          [
            `policy             ${report.policy} (kept ${report.text === 'not kept' ? 'nowhere: not kept' : `for ${report.text}`})`,
            `end-of-day wipe    ${report.endOfDayWipeAt ?? 'not scheduled'}`,
            `next wipe          ${report.nextScheduledWipe ? new Date(report.nextScheduledWipe).toString() : '-'}`,
            `last wipe          ${report.lastWipe ? new Date(report.lastWipe.at).toString() : 'never'}`,
          ].join('\n') + '\n',
        );
      return EXIT.ok;
    } finally {
      store.close();
    }
  },
};
