#!/usr/bin/env node
// `npm start [-- --kiosk] [-- --no-build]`: builds main + renderer, makes sure an Electron build of
// the SQLite module exists beside the Node one (scripts/native-binding.mjs), then runs Electron on
// this folder with HUSHDESK_NATIVE_BINDING pointing at that build. Needs internet the first time
// (Electron's binary and headers); nothing in node_modules is rebuilt, so `npm test` keeps working.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronBinding } from './native-binding.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const args = process.argv.slice(2);
const ownFlags = new Set(['--no-build']);

function fail(message) {
  process.stderr.write(`start: ${message}\n`);
  process.exit(1);
}

const [major] = process.versions.node.split('.').map(Number);
if (major < 22) process.stderr.write(`start: Node ${process.versions.node} found; Electron's tooling wants Node 22 or later.\n`);

if (!args.includes('--no-build')) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) fail('the build failed');
}

let binding;
try {
  binding = ensureElectronBinding();
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
}

// The electron package's main export is the path of its binary (downloaded on first use).
let electronBinary;
try {
  electronBinary = require('electron');
} catch (e) {
  fail(`the Electron binary is not available (${e instanceof Error ? e.message : String(e)})`);
}

const env = { ...process.env, HUSHDESK_NATIVE_BINDING: binding };
// Would make Electron behave as plain Node and ignore the app.
delete env.ELECTRON_RUN_AS_NODE;

const child = spawn(electronBinary, [root, ...args.filter((a) => !ownFlags.has(a))], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (!child.killed) child.kill(signal);
  });
}
child.on('error', (e) => fail(`could not run Electron: ${e.message}`));
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
