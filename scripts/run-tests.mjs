#!/usr/bin/env node
// `npm test`: everything, in order — build, typecheck, lint, then every vitest project (unit,
// integration, browser in real Chromium). The last line sums up every suite as
// `tests: N passed, N failed[, N skipped]` (CI reads it). Exit code non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const results = [];

function step(name, cmd, args) {
  process.stdout.write(`\n== ${name}: ${[path.basename(cmd), ...args].join(' ')}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  const ok = r.status === 0;
  results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });
  return ok;
}

const built = step('build', 'npm', ['run', '--silent', 'build']);
step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
step('lint', 'npm', ['run', '--silent', 'lint']);

mkdirSync(path.join(root, 'test-results'), { recursive: true });
const report = path.join(root, 'test-results', 'vitest.json');
if (built) {
  const extra = process.argv.slice(2);
  const r = spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra], {
    cwd: root,
    stdio: 'inherit',
    env: process.env,
  });
  if (existsSync(report)) {
    const j = JSON.parse(readFileSync(report, 'utf8'));
    results.push({
      name: 'vitest',
      passed: j.numPassedTests,
      failed: j.numFailedTests + (r.status !== 0 && j.numFailedTests === 0 ? 1 : 0),
      skipped: j.numPendingTests + j.numTodoTests,
    });
  } else {
    results.push({ name: 'vitest', passed: 0, failed: 1, skipped: 0 });
  }
} else {
  results.push({ name: 'vitest (not run: build failed)', passed: 0, failed: 1, skipped: 0 });
}

const sum = (k) => results.reduce((n, r) => n + r[k], 0);
process.stdout.write('\n');
for (const r of results) process.stdout.write(`  ${r.name.padEnd(12)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}\n`);
const skipped = sum('skipped');
process.stdout.write(`tests: ${sum('passed')} passed, ${sum('failed')} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(sum('failed') === 0 ? 0 : 1);
