/**
 * How the tests start `hushdesk`: a real process. The built CLI (`node bin/hushdesk.js`, what
 * `npm install` ships) when the build is newer than every source file under main/ and shared/ — as
 * in `npm test`, which builds first — else the TypeScript source under tsx, so a test run right
 * after an edit never tests a stale build. The built one starts in a fraction of the time (no
 * transpiling in every process), which is most of what the CLI tests used to spend.
 */
import { spawnSync, type SpawnSyncOptionsWithStringEncoding, type SpawnSyncReturns } from 'node:child_process';
import path from 'node:path';
import { buildIsCurrent } from '../../main/workers/built-twin';

export const ROOT = path.resolve(__dirname, '..', '..');

let command: { cmd: string; args: string[] } | null = null;

/** The command line that runs `hushdesk` (decided once per test file). */
export function hushdeskCommand(): { cmd: string; args: string[] } {
  command ??= buildIsCurrent(ROOT)
    ? { cmd: process.execPath, args: [path.join(ROOT, 'bin', 'hushdesk.js')] }
    : { cmd: path.join(ROOT, 'node_modules', '.bin', 'tsx'), args: [path.join(ROOT, 'main', 'cli', 'index.ts')] };
  return command;
}

/** Runs `hushdesk ARGS` to completion in the repository root. */
export function runHushdesk(args: string[], options: Omit<SpawnSyncOptionsWithStringEncoding, 'encoding'> = {}): SpawnSyncReturns<string> {
  const { cmd, args: prefix } = hushdeskCommand();
  return spawnSync(cmd, [...prefix, ...args], { cwd: ROOT, ...options, encoding: 'utf8' });
}
