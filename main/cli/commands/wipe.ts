/**
 * `hushdesk wipe --scope conversation:ID|day|all [--yes]`. Without --yes a terminal is asked to type
 * "wipe" after seeing exactly what goes; without --yes and without a terminal nothing is touched
 * (exit 2). `--scope all` needs no passphrase: it destroys the key file and deletes the files, and
 * refuses (`locked`) while any process has the store open. One conversation and the day go through
 * the app's backend (`wipe.preview`, `wipe.run`: the same worker, key rotation and audit as a wipe
 * from the app); opening it records the unlock in the audit log, confirmed or not.
 */
import type { WipeScope } from '../../../shared/domain';
import { AppFailure } from '../../../shared/result';
import { ownedFiles, recoverWipeAll, wipeAll } from '../../data';
import { isStoreInUse } from '../../store';
import { flag, option, parseArgs } from '../args';
import { EXIT, type CliCommand, type CliIo } from '../command';
import { withCliBackend } from '../backend-access';
import { resolveDataDir, STORE_OPTIONS } from '../store-access';
import { promptLine } from '../prompt';

export function parseWipeScope(text: string | undefined): WipeScope {
  if (text === 'day') return { kind: 'day' };
  if (text === 'all') return { kind: 'all' };
  const m = /^conversation:([A-Za-z0-9_-]{1,64})$/.exec(text ?? '');
  if (m) return { kind: 'conversation', conversationId: m[1] as string };
  throw new AppFailure('invalid_input', '--scope must be conversation:ID, day or all');
}

async function confirm(io: CliIo, summary: string[]): Promise<boolean> {
  io.stderr(`${summary.join('\n')}\n`);
  const answer = await promptLine(io, "Type 'wipe' to confirm: ", false);
  return answer.trim() === 'wipe';
}

const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;

export const wipeCommand: CliCommand = {
  name: 'wipe',
  usage: 'wipe --scope conversation:ID|day|all [--yes] [--data-dir DIR]',
  summary: 'delete one conversation, the day (new key), or everything',
  async run(argv, io) {
    const args = parseArgs(argv, { flags: ['yes'], options: [...STORE_OPTIONS, 'scope'] });
    const scope = parseWipeScope(option(args, 'scope'));
    const yes = flag(args, 'yes');
    if (!yes && !io.stdinIsTty) {
      // Checked before anything is opened: nothing is read, nothing deleted.
      throw new AppFailure('invalid_input', 'refusing to wipe without confirmation: pass --yes, or run in a terminal');
    }
    const dataDir = resolveDataDir(args, io);

    if (scope.kind === 'all') {
      recoverWipeAll(dataDir);
      const files = ownedFiles(dataDir);
      if (files.length === 0) {
        io.stdout(`nothing to erase in ${dataDir}\n`);
        return EXIT.ok;
      }
      if (isStoreInUse(dataDir)) throw new AppFailure('locked', `${dataDir} is in use by another Hushdesk process (close the app first)`);
      if (!yes && !(await confirm(io, [`This erases everything Hushdesk keeps in ${dataDir}:`, ...files.map((f) => `  ${f}`), 'The key is destroyed first: nothing can be recovered.']))) {
        io.stderr('not confirmed; nothing was deleted\n');
        return EXIT.usage;
      }
      const removed = wipeAll(dataDir);
      io.stdout(`erased ${plural(removed.length, 'file')} in ${dataDir}; the next start is a first start\n`);
      return EXIT.ok;
    }

    return withCliBackend(args, io, async ({ call }) => {
      const preview = await call('wipe.preview', { scope });
      const g = preview.goes;
      const goes = `${plural(g.conversations, 'conversation')}, ${plural(g.messages, 'message')}, ${plural(g.consents, 'consent record')}`;
      if (!yes && !(await confirm(io, [`This deletes ${goes}.`, `Stays: ${preview.stays.join('; ')}.`]))) {
        io.stderr('not confirmed; nothing was deleted\n');
        return EXIT.usage;
      }
      const { deleted } = await call('wipe.run', { scope });
      const d = `${plural(deleted.conversations, 'conversation')}, ${plural(deleted.messages, 'message')}, ${plural(deleted.consents, 'consent record')}`;
      io.stdout(`deleted ${d}${scope.kind === 'day' ? '; the database was compacted and re-encrypted under a new key' : ''}\n`);
      return EXIT.ok;
    });
  },
};
