#!/usr/bin/env node
// npm run build:encoder [-- --check]: a Python venv under .venv-encoder/ (build time only), the
// pinned packages of requirements.txt, then build.py writes main/engine/data/encoder/ and the
// reference fixture for the TypeScript tokenizer/runtime tests. --check rebuilds into a temporary
// directory and compares with the committed files instead of overwriting them.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const venv = join(root, '.venv-encoder');
const py = join(venv, 'bin', 'python');
const datasets = process.env.HUSHDESK_DATASETS ?? resolve(root, '../shared/datasets');
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit', cwd: here });

if (!existsSync(py)) run(process.env.PYTHON ?? 'python3.11', ['-m', 'venv', venv]);
run(py, ['-m', 'pip', 'install', '--quiet', '-r', join(here, 'requirements.txt')]);
const args = [join(here, 'build.py'), join(root, 'main/engine/data/encoder'), join(root, 'test/engine/fixtures/encoder-reference.json'), datasets];
if (process.argv.includes('--check')) args.push('--check');
run(py, ['-X', 'utf8', ...args]);
