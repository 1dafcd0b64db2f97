/**
 * Sentence vectors of training phrases, cached so that retraining after a small knowledge-base edit
 * embeds only the new phrases. A key is sha256(encoder hash, engine version, normalised phrase), so a
 * new encoder or engine never reuses an old vector. The file form ("HDV1", u32 count, u32 dims, then
 * count x (32-byte key, dims float32)) lives beside the cached model and is written atomically.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Encoder } from './encoder';
import { ENGINE_VERSION } from './version';

const MAGIC = 'HDV1';
/** Most vectors a cache file keeps (a knowledge base has hundreds; bounds a runaway file). */
const MAX_ENTRIES = 50_000;

export interface VectorCache {
  get(key: string): Float32Array | undefined;
  set(key: string, v: Float32Array): void;
}

export function vectorKey(encoderHash: string, text: string): string {
  return createHash('sha256').update(`${encoderHash}\0${ENGINE_VERSION}\0${text}`).digest('hex');
}

/** Vectors for the texts, from the cache where it has them; the rest are embedded and added. */
export function embedTexts(encoder: Encoder, texts: readonly string[], cache?: VectorCache): Float32Array[] {
  const out: (Float32Array | undefined)[] = new Array(texts.length);
  const missing = new Map<string, number[]>();
  texts.forEach((t, i) => {
    const key = vectorKey(encoder.hash, t);
    const hit = cache?.get(key);
    if (hit && hit.length === encoder.dims) out[i] = hit;
    else missing.set(t, [...(missing.get(t) ?? []), i]);
  });
  const todo = [...missing.keys()];
  const vecs = encoder.embed(todo);
  todo.forEach((t, k) => {
    const v = vecs[k] as Float32Array;
    for (const i of missing.get(t) as number[]) out[i] = v;
    cache?.set(vectorKey(encoder.hash, t), v);
  });
  return out as Float32Array[];
}

/** An in-memory cache, optionally loaded from and saved to one file. */
export class FileVectorCache implements VectorCache {
  private readonly map = new Map<string, Float32Array>();
  private readonly used = new Set<string>();
  private dirty = false;

  /**
   * `seed`: a read-only file loaded first (the vectors shipped with the prebuilt default model), so
   * a fresh install's first retrain embeds only what the owner changed; only `file` is written.
   */
  constructor(
    private readonly file: string | null = null,
    seed: string | null = null,
  ) {
    if (seed && seed !== file) this.load(seed);
    if (file) this.load(file);
  }

  get size(): number {
    return this.map.size;
  }

  get(key: string): Float32Array | undefined {
    const v = this.map.get(key);
    if (v) this.used.add(key);
    return v;
  }

  set(key: string, v: Float32Array): void {
    this.map.set(key, v);
    this.used.add(key);
    this.dirty = true;
  }

  private load(file: string): void {
    let buf: Buffer;
    try {
      buf = readFileSync(file);
    } catch {
      return;
    }
    // A damaged or foreign file is ignored (the vectors are recomputed), never trusted in part.
    if (buf.length < 12 || buf.toString('latin1', 0, 4) !== MAGIC) return;
    const count = buf.readUInt32LE(4);
    const dims = buf.readUInt32LE(8);
    const rec = 32 + 4 * dims;
    if (dims === 0 || dims > 4096 || count > MAX_ENTRIES || buf.length !== 12 + count * rec) return;
    for (let i = 0; i < count; i++) {
      const at = 12 + i * rec;
      const key = buf.toString('hex', at, at + 32);
      const v = new Float32Array(dims);
      for (let d = 0; d < dims; d++) v[d] = buf.readFloatLE(at + 32 + 4 * d);
      this.map.set(key, v);
    }
  }

  /**
   * Writes the vectors used since loading (so phrases deleted from the knowledge base drop out).
   * A failed write only costs re-embedding next time.
   */
  save(): void {
    if (!this.file) return;
    const keys = [...this.used].filter((k) => this.map.has(k)).slice(0, MAX_ENTRIES);
    if (!this.dirty && keys.length === this.map.size) return;
    const dims = keys.length > 0 ? (this.map.get(keys[0] as string) as Float32Array).length : 0;
    const rec = 32 + 4 * dims;
    const buf = Buffer.alloc(12 + keys.length * rec);
    buf.write(MAGIC, 0, 'latin1');
    buf.writeUInt32LE(keys.length, 4);
    buf.writeUInt32LE(dims, 8);
    keys.forEach((k, i) => {
      const at = 12 + i * rec;
      buf.write(k, at, 'hex');
      const v = this.map.get(k) as Float32Array;
      for (let d = 0; d < dims; d++) buf.writeFloatLE(v[d] as number, at + 32 + 4 * d);
    });
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
      writeFileSync(tmp, buf, { mode: 0o600 });
      renameSync(tmp, this.file);
      this.dirty = false;
    } catch {
      try {
        rmSync(tmp, { force: true });
      } catch {
        /* nothing to clean */
      }
    }
  }
}
