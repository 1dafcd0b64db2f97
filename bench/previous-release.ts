/**
 * Earlier engines, run beside today's in the same bench: the code (and encoder files) of a commit,
 * checked out from git history into a worktree in the temp folder (node_modules linked from this
 * checkout) and run through its own CLI (`hushdesk eval --dataset F --json [--teach-rounds N]`) in
 * a child process: another encoder and ours cannot share one process (the shipped encoder is loaded
 * once per process). Two are run: the previous release (PREVIOUS_RELEASE, all-MiniLM-L6-v2) and the
 * previous engine (PREVIOUS_ENGINE, the last commit before this engine version;
 * HUSHDESK_BENCH_PREVIOUS_ENGINE=<rev> picks another, =none skips it). A reason instead of figures
 * when git history is not there (a shallow clone).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EvalReport, TeachDay } from '../main/engine/evaluate';

/** The last commit that shipped the MiniLM encoder (engine version 5). */
export const PREVIOUS_RELEASE = '21a5789';
/** The last commit of engine version 6 (all-mpnet-base-v2, no negative-class margin, one encoder weight for every set). */
export const PREVIOUS_ENGINE = 'b314acc';

/** An earlier engine: its commit and its name in the tables. */
export interface EarlierEngine {
  rev: string;
  label: string;
}
export const RELEASE: EarlierEngine = { rev: PREVIOUS_RELEASE, label: 'previous release (MiniLM-L6)' };
/** The previous engine, or null when HUSHDESK_BENCH_PREVIOUS_ENGINE=none. */
export function previousEngine(): EarlierEngine | null {
  const rev = process.env.HUSHDESK_BENCH_PREVIOUS_ENGINE ?? PREVIOUS_ENGINE;
  return rev === 'none' ? null : { rev, label: `previous engine (${rev})` };
}

const root = join(__dirname, '..');

function worktree(rev: string): string {
  const dir = join(tmpdir(), `hd-release-${rev}`);
  if (!existsSync(join(dir, 'main', 'cli', 'index.ts'))) {
    execFileSync('git', ['worktree', 'add', '--force', '--detach', dir, rev], { cwd: root, stdio: 'ignore' });
  }
  if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

export interface ReleaseRun {
  report: EvalReport;
  days: TeachDay[];
}

/** An earlier engine on one dataset file, or the reason it could not run. */
export function earlierEngineRun(engine: EarlierEngine, datasetFile: string, teachRounds = 0): ReleaseRun | { why: string } {
  const { rev, label } = engine;
  try {
    const dir = worktree(rev);
    const args = ['--import', 'tsx', join(dir, 'main', 'cli', 'index.ts'), 'eval', '--dataset', datasetFile, '--json', ...(teachRounds > 0 ? ['--teach-rounds', String(teachRounds)] : [])];
    const env = { ...process.env };
    delete env.HUSHDESK_ENCODER;
    const out = execFileSync(process.execPath, args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 16 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const report = lines.find((l) => !('day' in l)) as unknown as EvalReport | undefined;
    if (!report) return { why: `${label} printed no report` };
    return { report: { ...report, system: label }, days: lines.filter((l) => 'day' in l).map((d) => ({ ...(d as unknown as TeachDay), system: label })) };
  } catch (e: unknown) {
    return { why: `${label} unavailable (${e instanceof Error ? e.message.split('\n')[0] : String(e)})` };
  }
}
