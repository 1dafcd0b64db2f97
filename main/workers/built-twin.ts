/**
 * In the source tree (tests, the preview host, the CLI under tsx), the compiled twin of a module in
 * `dist/` when the build is current: newer than every source file under main/ and shared/. A worker
 * started from its twin skips transpiling its whole import graph in every thread (about a second
 * each under tsx), and a build made after the last edit runs the same code. Right after an edit
 * the build is older than the source and the TypeScript file is used, so nothing stale ever runs.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

function newestSourceMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMs(p));
    else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** The repository root above `dir` (its package.json names hushdesk), or null outside a checkout. */
function repoRoot(dir: string): string | null {
  for (let d = dir, i = 0; i < 8; i++, d = path.dirname(d)) {
    try {
      if ((JSON.parse(readFileSync(path.join(d, 'package.json'), 'utf8')) as { name?: string }).name === 'hushdesk') return d;
    } catch {
      // no package.json here: one folder up
    }
  }
  return null;
}

const current = new Map<string, boolean>();

/** True when `dist/` was built after the last change to main/ and shared/ (checked once per root). */
export function buildIsCurrent(root: string): boolean {
  let known = current.get(root);
  if (known === undefined) {
    try {
      const built = statSync(path.join(root, 'dist', 'main', 'main', 'cli', 'index.js')).mtimeMs;
      known = built >= Math.max(newestSourceMs(path.join(root, 'main')), newestSourceMs(path.join(root, 'shared')));
    } catch {
      known = false;
    }
    current.set(root, known);
  }
  return known;
}

/** `dist/main/<dir relative to the root>/<name>.js` when it exists and the build is current, else null. */
export function builtTwin(dir: string, name: string): string | null {
  const root = repoRoot(dir);
  if (!root) return null;
  const rel = path.relative(root, dir);
  if (rel.startsWith('..') || rel.startsWith('dist')) return null;
  const js = path.join(root, 'dist', 'main', rel, `${name}.js`);
  return existsSync(js) && buildIsCurrent(root) ? js : null;
}
