/**
 * How a `hushdesk` command that changes something reaches the store: through the same backend the
 * app runs (createBackend: its opening and start-up recovery, its services, its audit), never by
 * writing tables itself. The person at the terminal typed the passphrase, so they are the
 * `operator`: staff-only channels ask them for no staff PIN, and what they do is audited `via: cli`.
 */
import type { ChannelName, Responses } from '../../shared/contract';
import { AppFailure } from '../../shared/result';
import { createBackend, type Backend } from '../backend';
import type { Request } from '../backend/router';
import { readKeyFile, storePaths } from '../store';
import type { ParsedArgs } from './args';
import type { CliIo } from './command';
import { cliFailure, readPassphrase, resolveDataDir } from './store-access';

/** One channel of the backend, its failure thrown as the AppFailure it is (index.ts prints one line). */
export type CliCall = <K extends ChannelName>(channel: K, request: Request<K>) => Promise<Responses[K]>;

export interface CliBackend {
  call: CliCall;
  dataDir: string;
}

/**
 * Opens the backend on an existing store for one command and closes it afterwards (after any wipe
 * or purge it started has finished). A folder without a store is `not_found`: a command never
 * creates one by accident.
 */
export async function withCliBackend<T>(args: ParsedArgs, io: CliIo, run: (b: CliBackend) => Promise<T>): Promise<T> {
  const dataDir = resolveDataDir(args, io);
  if (!readKeyFile(storePaths(dataDir).key)) throw new AppFailure('not_found', `no Hushdesk store in ${dataDir}`);
  const passphrase = await readPassphrase(io, dataDir);
  let backend: Backend;
  try {
    backend = await createBackend({ dataDir, host: 'node', passphrase, operator: true, warmUp: false });
  } catch (e) {
    throw e instanceof AppFailure ? cliFailure(e, dataDir) : e;
  }
  const call: CliCall = async (channel, request) => {
    const r = await backend.handle(channel, request);
    if (!r.ok) throw new AppFailure(r.error.code, r.error.message, r.error.details ? { details: r.error.details } : undefined);
    return r.value as Responses[typeof channel];
  };
  try {
    return await run({ call, dataDir });
  } finally {
    await backend.close();
  }
}
