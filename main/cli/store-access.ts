/**
 * What every `hushdesk` command that needs the store is given: `--data-dir` (default: the app's own
 * data folder) and the passphrase (env HUSHDESK_PASSPHRASE, else a prompt on a TTY, else exit 2).
 * Failures become one-line AppFailures naming the folder (index.ts prints them, no stack). The store
 * itself is opened by the app's backend (backend-access.ts).
 */
import { AppFailure } from '../../shared/result';
import { defaultDataDir, storePaths } from '../store';
import { option, type ParsedArgs } from './args';
import type { CliIo } from './command';
import { promptLine } from './prompt';

export const PASSPHRASE_ENV = 'HUSHDESK_PASSPHRASE';

/** Options every store command accepts (pass to parseArgs). */
export const STORE_OPTIONS = ['data-dir'] as const;

export function resolveDataDir(args: ParsedArgs, io: Pick<CliIo, 'env'>): string {
  const dir = option(args, 'data-dir');
  if (dir !== undefined && dir.trim() === '') throw new AppFailure('invalid_input', '--data-dir is empty');
  return storePaths(dir ?? defaultDataDir(io.env)).dataDir;
}

export async function readPassphrase(io: CliIo, dataDir: string): Promise<string> {
  const fromEnv = io.env[PASSPHRASE_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!io.stdinIsTty) {
    // invalid_input -> exit code 2 (missing input), one line.
    throw new AppFailure('invalid_input', `no passphrase: set ${PASSPHRASE_ENV} or run in a terminal`);
  }
  const value = await promptLine(io, `Passphrase for ${dataDir}: `, true);
  if (value === '') throw new AppFailure('invalid_input', 'no passphrase given');
  return value;
}

/** One line per failure, naming the folder; the code is kept so callers/tests can switch on it. */
export function cliFailure(e: AppFailure, dataDir: string): AppFailure {
  const code = e.error.code;
  const messages: Partial<Record<typeof code, string>> = {
    wrong_key: `wrong passphrase for ${dataDir}`,
    locked: `${dataDir} is in use by another Hushdesk process (close the app first)`,
    not_found: `no Hushdesk store in ${dataDir}`,
    protector_unavailable: `${dataDir} is protected by the device keychain; the CLI can only open passphrase-protected stores`,
  };
  // Store messages name files by role ("the database"), never by path: the CLI says which folder.
  return new AppFailure(code, messages[code] ?? `${dataDir}: ${e.error.message}`);
}
