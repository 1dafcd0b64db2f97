/**
 * A worker started in the source tree runs its compiled twin only when the build is current (newer
 * than every source under main/ and shared/); one edit after the build and the TypeScript file is
 * used again, so a stale build never runs. A real folder tree with real modification times.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { workerEntry } from '../../main/workers/run-in-worker';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

function tree(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hushdesk-twin-'));
  roots.push(root);
  const write = (rel: string, text: string, at: number): void => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
    fs.utimesSync(path.join(root, rel), at, at);
  };
  write('package.json', JSON.stringify({ name: 'hushdesk' }), 1000);
  write('main/jobs/job-worker.ts', 'export {};', 1000);
  write('shared/types.ts', 'export {};', 1000);
  write('dist/main/main/cli/index.js', '', 2000);
  write('dist/main/main/jobs/job-worker.js', '', 2000);
  return root;
}

describe('workerEntry in the source tree', () => {
  it('takes the built twin when the build is newer than every source file', () => {
    const root = tree();
    expect(workerEntry(path.join(root, 'main', 'jobs'), 'job-worker')).toEqual({ entry: path.join(root, 'dist', 'main', 'main', 'jobs', 'job-worker.js'), eval: false });
  });

  it('takes the TypeScript source under tsx when a source (main/ or shared/) changed after the build', () => {
    for (const edited of ['main/jobs/job-worker.ts', 'shared/types.ts']) {
      const root = tree();
      fs.utimesSync(path.join(root, edited), 3000, 3000);
      const e = workerEntry(path.join(root, 'main', 'jobs'), 'job-worker');
      expect(e.eval).toBe(true);
      expect(e.entry).toContain("require('tsx/cjs')");
      expect(e.entry).toContain(JSON.stringify(path.join(root, 'main', 'jobs', 'job-worker.ts')));
    }
  });

  it('takes the source when there is no twin, and the file beside it in a build', () => {
    const root = tree();
    fs.rmSync(path.join(root, 'dist', 'main', 'main', 'jobs', 'job-worker.js'));
    expect(workerEntry(path.join(root, 'main', 'jobs'), 'job-worker').eval).toBe(true);
    // A packaged app: the compiled worker sits beside its caller.
    const built = path.join(root, 'dist', 'main', 'main', 'cli');
    fs.writeFileSync(path.join(built, 'x-worker.js'), '');
    expect(workerEntry(built, 'x-worker')).toEqual({ entry: path.join(built, 'x-worker.js'), eval: false });
  });
});
