/**
 * How a `hushdesk` command reaches the store: through the same backend the app runs
 * (createBackend: its opening, start-up recovery and duties, its services, its audit), never by
 * opening the file or writing tables itself. The person at the terminal typed the passphrase, so
 * they are the `operator`: staff-only channels ask them for no staff PIN, and what they do is
 * audited `via: cli`, the unlock included (a store opened from a terminal shows in its audit log
 * like one opened in the app).
 */
import type { ChannelName, Responses } from '../../shared/contract';
import { AppFailure, type AppError } from '../../shared/result';
import { createBackendWithContext, type Backend } from '../backend';
import type { BackendContext } from '../backend/context';
import type { Request } from '../backend/router';
import { assertExportDir, checkExportFile } from '../data/export/target';
import { readKeyFile, storePaths } from '../store';
import type { ParsedArgs } from './args';
import type { CliIo } from './command';
import { cliFailure, readPassphrase, resolveDataDir } from './store-access';

/** One channel of the backend, its failure thrown as the AppFailure it is (index.ts prints one line). */
export type CliCall = <K extends ChannelName>(channel: K, request: Request<K>) => Promise<Responses[K]>;

export interface CliBackend {
  call: CliCall;
  /** The context behind the channels, for what a channel cannot carry (stdout, file health). */
  ctx: BackendContext;
  dataDir: string;
  /** Why the store could not be opened, when the command asked to see it (`doctor`); else null. */
  openError: AppError | null;
}

export interface CliBackendOptions {
  /** Train or load the knowledge base's model at unlock (commands that chat or publish). */
  warmUp?: boolean;
  /** Hand a damaged store's open error to the command instead of failing with it (`doctor`). */
  showOpenError?: boolean;
  /**
   * An inspection (`stats`, `doctor`, `audit`, `report`): the app's start-up duties (due wipes,
   * retention purges) do not run, so it shows the store as the app left it. Commands that change
   * the store or take data out of it (`export`, `wipe`, `retention`, `kb`) run them first, as the
   * app does before it answers anyone: nothing past its retention leaves in an export.
   */
  inspect?: boolean;
}

/**
 * Opens the backend on an existing store for one command and closes it afterwards (after any wipe
 * or purge it started has finished). A folder without a store is `not_found`: a command never
 * creates one by accident.
 */
export async function withCliBackend<T>(args: ParsedArgs, io: CliIo, run: (b: CliBackend) => Promise<T>, opts: CliBackendOptions = {}): Promise<T> {
  const dataDir = resolveDataDir(args, io);
  const passphrase = await readPassphrase(io, dataDir);
  if (!readKeyFile(storePaths(dataDir).key)) throw new AppFailure('not_found', `no Hushdesk store in ${dataDir}`);
  let opened: { backend: Backend; ctx: BackendContext };
  try {
    opened = await createBackendWithContext({ dataDir, host: 'node', passphrase, operator: true, warmUp: opts.warmUp ?? false, duties: !opts.inspect });
  } catch (e) {
    throw e instanceof AppFailure ? cliFailure(e, dataDir) : e;
  }
  const { backend, ctx } = opened;
  const call: CliCall = async (channel, request) => {
    const r = await backend.handle(channel, request);
    if (!r.ok) throw new AppFailure(r.error.code, r.error.message, r.error.details ? { details: r.error.details } : undefined);
    return r.value as Responses[typeof channel];
  };
  try {
    const openError = ctx.openError();
    if (openError && !opts.showOpenError) throw cliFailure(new AppFailure(openError.code, openError.message), dataDir);
    return await run({ call, ctx, dataDir: ctx.dataDir, openError });
  } finally {
    await backend.close();
  }
}

/**
 * Checks a file or folder a command is to write (an export, the audit log, a report) before the
 * store is opened: a target the rules refuse (inside the data folder, a device, an existing file
 * without --force) is refused with nothing opened and nothing written, not even the unlock's audit
 * entry. The write checks again (the folder can change in between).
 */
export function checkOutputFirst(args: ParsedArgs, io: CliIo, target: { file: string; force: boolean } | { dir: string }): void {
  const dataDir = resolveDataDir(args, io);
  if ('dir' in target) assertExportDir(target.dir, { dataDir });
  else checkExportFile(target.file, { dataDir, force: target.force });
}
