/**
 * The knowledge-base editor from a terminal: the same backend context (services, audit, model
 * cache) the app builds, opened with the passphrase. Changes are made in the role 'cli'.
 */
import { createBackendContext } from '../backend';
import type { OpenServices } from '../backend/context';
import { AppFailure } from '../../shared/result';
import type { ParsedArgs } from './args';
import type { CliIo } from './command';
import { promptLine } from './prompt';
import { readPassphrase, resolveDataDir } from './store-access';

export async function withEditor<T>(args: ParsedArgs, io: CliIo, fn: (s: OpenServices, ctx: { dataDir: string }) => Promise<T>): Promise<T> {
  const dataDir = resolveDataDir(args, io);
  const passphrase = await readPassphrase(io, dataDir);
  const runtime = await createBackendContext({ dataDir, host: 'node', passphrase });
  try {
    const err = runtime.ctx.openError();
    if (err) throw new AppFailure(err.code, `${dataDir}: ${err.message}`);
    return await fn(runtime.ctx.services(), { dataDir: runtime.ctx.dataDir });
  } finally {
    await runtime.close();
  }
}

/** --yes, or "yes" typed on a terminal; otherwise nothing changes (exit 2). */
export async function confirmed(io: CliIo, yes: boolean, question: string): Promise<void> {
  if (yes) return;
  if (!io.stdinIsTty) throw new AppFailure('invalid_input', 'refusing without confirmation: pass --yes, or run in a terminal');
  const answer = await promptLine(io, `${question} Type 'yes' to confirm: `, false);
  if (answer.trim().toLowerCase() !== 'yes') throw new AppFailure('invalid_input', 'not confirmed; nothing changed');
}
