/**
 * The previous release, run beside today's engine in the same bench: the code and the
 * all-MiniLM-L6-v2 encoder of commit PREVIOUS_RELEASE, checked out from git history into a worktree
 * in the temp folder (node_modules linked from this checkout) and run through its own CLI
 * (`hushdesk eval --dataset F --json [--teach-rounds N]`) in a child process: its encoder and ours
 * cannot share one process (the shipped encoder is loaded once per process). Null, with the reason,
 * when git history is not there (a shallow clone).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EvalReport, TeachDay } from '../main/engine/evaluate';

/** The last commit that shipped the MiniLM encoder (engine version 5). */
export const PREVIOUS_RELEASE = '21a5789';

const root = join(__dirname, '..');

function worktree(): string {
  const dir = join(tmpdir(), `hd-release-${PREVIOUS_RELEASE}`);
  if (!existsSync(join(dir, 'main', 'cli', 'index.ts'))) {
    execFileSync('git', ['worktree', 'add', '--force', '--detach', dir, PREVIOUS_RELEASE], { cwd: root, stdio: 'ignore' });
  }
  if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

export interface ReleaseRun {
  report: EvalReport;
  days: TeachDay[];
}

/** The previous release on one dataset file, or the reason it could not run. */
export function previousRelease(datasetFile: string, teachRounds = 0): ReleaseRun | { why: string } {
  try {
    const dir = worktree();
    const args = ['--import', 'tsx', join(dir, 'main', 'cli', 'index.ts'), 'eval', '--dataset', datasetFile, '--json', ...(teachRounds > 0 ? ['--teach-rounds', String(teachRounds)] : [])];
    const env = { ...process.env };
    delete env.HUSHDESK_ENCODER;
    const out = execFileSync(process.execPath, args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 16 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const report = lines.find((l) => !('day' in l)) as unknown as EvalReport | undefined;
    if (!report) return { why: 'the previous release printed no report' };
    return { report: { ...report, system: 'previous release (MiniLM-L6)' }, days: lines.filter((l) => 'day' in l).map((d) => ({ ...(d as unknown as TeachDay), system: 'previous release (MiniLM-L6)' })) };
  } catch (e: unknown) {
    return { why: `previous release unavailable (${e instanceof Error ? e.message.split('\n')[0] : String(e)})` };
  }
}
