#!/usr/bin/env node
// `npm run dist [-- --linux|--win|--mac ...]`: builds main + renderer, then packages with
// electron-builder (electron-builder.yml: asar, fuses, AppImage/deb, NSIS, dmg). Needs internet
// (Electron zips, headers). electron-builder rebuilds the SQLite module in node_modules for
// Electron (npmRebuild); this script puts the Node build back afterwards so `npm test` still works.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const win = process.platform === 'win32';

function run(cmd, args) {
  process.stdout.write(`dist: ${cmd} ${args.join(' ')}\n`);
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: win }).status === 0;
}

if (!run(win ? 'npm.cmd' : 'npm', ['run', 'build'])) {
  process.stderr.write('dist: the build failed\n');
  process.exit(1);
}

const nodeBinding = path.join(
  path.dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json')),
  'build',
  'Release',
  'better_sqlite3.node',
);
const backupDir = mkdtempSync(path.join(os.tmpdir(), 'hushdesk-dist-'));
const backup = path.join(backupDir, 'better_sqlite3.node');
if (existsSync(nodeBinding)) copyFileSync(nodeBinding, backup);

const builderCli = require.resolve('electron-builder/cli.js');
let ok = false;
try {
  ok = run(process.execPath, [builderCli, '--config', 'electron-builder.yml', '--publish', 'never', ...process.argv.slice(2)]);
} finally {
  if (existsSync(backup)) {
    copyFileSync(backup, nodeBinding);
    process.stdout.write('dist: restored the Node build of better-sqlite3-multiple-ciphers\n');
  }
  rmSync(backupDir, { recursive: true, force: true });
}
if (!ok) {
  process.stderr.write('dist: electron-builder failed\n');
  process.exit(1);
}
process.stdout.write('dist: packages are in release/\n');
