#!/usr/bin/env node
// tsc compiles main/ to dist/main but copies only the JSON it imports; the engine's word vectors
// (main/engine/data/embeddings.bin) are read from disk at run time, so they are copied beside the
// compiled engine (and from there into the packaged app).
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const from = path.join(root, 'main', 'engine', 'data');
const to = path.join(root, 'dist', 'main', 'main', 'engine', 'data');
if (existsSync(from)) {
  mkdirSync(to, { recursive: true });
  cpSync(from, to, { recursive: true });
}
