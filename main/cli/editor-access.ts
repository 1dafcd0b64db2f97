/**
 * The knowledge-base editor from a terminal: the services of the backend the app runs
 * (backend-access.ts), opened with the passphrase, the model loaded as at an unlock. Changes are
 * made in the role 'cli'.
 */
import type { OpenServices } from '../backend/context';
import { AppFailure } from '../../shared/result';
import type { ParsedArgs } from './args';
import { withCliBackend } from './backend-access';
import type { CliIo } from './command';
import { promptLine } from './prompt';

export async function withEditor<T>(args: ParsedArgs, io: CliIo, fn: (s: OpenServices, ctx: { dataDir: string }) => Promise<T>): Promise<T> {
  return withCliBackend(args, io, ({ ctx, dataDir }) => fn(ctx.services(), { dataDir }), { warmUp: true });
}

/** --yes, or "yes" typed on a terminal; otherwise nothing changes (exit 2). */
export async function confirmed(io: CliIo, yes: boolean, question: string): Promise<void> {
  if (yes) return;
  if (!io.stdinIsTty) throw new AppFailure('invalid_input', 'refusing without confirmation: pass --yes, or run in a terminal');
  const answer = await promptLine(io, `${question} Type 'yes' to confirm: `, false);
  if (answer.trim().toLowerCase() !== 'yes') throw new AppFailure('invalid_input', 'not confirmed; nothing changed');
}
