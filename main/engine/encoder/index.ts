/**
 * The sentence encoder: all-mpnet-base-v2 as an int8 ONNX graph (main/engine/data/encoder/, built by
 * `npm run build:encoder`: the graph in model.onnx, its weights in the files beside it), run by
 * onnxruntime-node in this process, CPU only (two threads on the main thread, one in a worker). The graph
 * does mean pooling and L2 normalisation itself, so a phrase goes in as word-piece ids and comes
 * out as a unit vector (768 dimensions).
 *
 * Loading verifies every file against manifest.json (sha256) and refuses a mismatch: the engine then
 * runs without the encoder (today's TF-IDF + word-vector pipeline) and `encoderStatus()` says why
 * (shown by `hushdesk doctor`). onnxruntime loads a local file and opens no socket (test/engine/
 * encoder.test.ts watches for one). HUSHDESK_ENCODER may point at another directory (packaging,
 * tests); HUSHDESK_ENCODER=off disables it.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { WordPiece, type SpecialPieces } from './wordpiece';
import { EncoderHelper, HELPER_MIN_TEXTS, type SessionOptions } from './helper';

export interface Encoder {
  readonly dims: number;
  /** sha256 of the manifest: which encoder produced a vector (models and vector caches record it). */
  readonly hash: string;
  readonly maxTokens: number;
  /** Unit vectors, one per text (each text run alone: a vector never depends on its neighbours). */
  embed(texts: readonly string[]): Float32Array[];
  /** Word-piece count of a text (with the opening and closing pieces, capped at the window). */
  tokenCount(text: string): number;
  /** True when a lower-case word is one whole entry of the encoder's vocabulary (a real word to it). */
  knowsWord(word: string): boolean;
}

export interface EncoderStatus {
  state: 'ready' | 'off' | 'failed' | 'not-loaded';
  dir: string;
  detail: string;
}

interface Manifest {
  name: string;
  source_package: string;
  source_version: string;
  dims: number;
  max_tokens: number;
  /** The vocabulary's opening, closing and unknown pieces ([CLS]/[SEP]/[UNK] when absent). */
  specials?: SpecialPieces;
  inputs: string[];
  output: string;
  /** The files beside model.onnx that hold its weights (onnxruntime maps them; each is in `files`). */
  weights?: string[];
  files: Record<string, string>;
}

/** Raw text read at all before tokenising: far more than the window needs, bounded whatever comes in. */
const MAX_TEXT_CHARS = 4000;

export function defaultEncoderDir(): string {
  if (process.env.HUSHDESK_ENCODER && process.env.HUSHDESK_ENCODER !== 'off') return process.env.HUSHDESK_ENCODER;
  // Packaged, this file is inside app.asar, which only Electron's fs can read; onnxruntime opens the
  // model itself, so the encoder folder ships unpacked beside the archive (electron-builder.yml).
  return join(__dirname, '..', 'data', 'encoder').replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/** sha256 of a file, read in slices: the 60 MB weight files are never held whole. */
function fileSha256(path: string): string {
  const h = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(1 << 20);
    for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) h.update(chunk.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}

/**
 * Checks the manifest and every file it lists (sha256) and throws a message saying what is wrong.
 * The session then opens model.onnx by path, and onnxruntime maps the weight files beside it from
 * disk: the check and the load are two reads of a file the app ships, not a defence against someone
 * who can rewrite the app's own files between them (they could as well rewrite the manifest).
 */
function verified(dir: string): { manifest: Manifest; hash: string; modelPath: string; vocab: string } {
  const raw = readFileSync(join(dir, 'manifest.json'));
  const manifest = JSON.parse(raw.toString('utf8')) as Manifest;
  if (!manifest.files || typeof manifest.files !== 'object' || !manifest.files['model.onnx'] || !manifest.files['vocab.txt']) throw new Error('manifest lists no model.onnx/vocab.txt');
  for (const name of manifest.weights ?? []) if (!manifest.files[name]) throw new Error(`manifest lists no hash for ${name}`);
  for (const [name, want] of Object.entries(manifest.files)) {
    const got = fileSha256(join(dir, name));
    if (got !== want) throw new Error(`${name} does not match the manifest (sha256 ${got.slice(0, 12)}…, expected ${want.slice(0, 12)}…)`);
  }
  return { manifest, hash: createHash('sha256').update(raw).digest('hex'), modelPath: join(dir, 'model.onnx'), vocab: readFileSync(join(dir, 'vocab.txt'), 'utf8') };
}

/** The part of onnxruntime-node's native session this module uses. */
interface NativeSession {
  loadModel(path: string, options: Record<string, unknown>): void;
  run(feeds: Record<string, unknown>, fetches: Record<string, null>, options: Record<string, unknown>): Record<string, { data: unknown; dims: readonly number[] }>;
}
interface NativeRuntime {
  binding: { InferenceSession: new () => NativeSession };
  initOrt(): void;
}
type TensorCtor = new (type: 'int64', data: BigInt64Array, dims: readonly number[]) => unknown;

/**
 * onnxruntime-node's native session runs synchronously; its public `InferenceSession.run` only
 * defers that call with setImmediate and wraps it in a promise. Calling the native session
 * directly keeps the engine's API synchronous (training, classify and the dialogue stay as they
 * were), at the cost of depending on the package's layout: the version is pinned exactly, and
 * test/engine/encoder.test.ts fails if the layout changes (the engine would fall back, not break).
 */
function loadRuntime(): { rt: NativeRuntime; Tensor: TensorCtor } {
  /* eslint-disable @typescript-eslint/no-require-imports -- native module of a pinned package, loaded on first use */
  const rt = require('onnxruntime-node/dist/binding') as NativeRuntime;
  const { Tensor } = require('onnxruntime-common') as { Tensor: TensorCtor };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { rt, Tensor };
}

class OnnxEncoder implements Encoder {
  readonly dims: number;
  readonly maxTokens: number;
  private readonly fetches: Record<string, null>;

  constructor(
    private readonly Tensor: TensorCtor,
    private readonly session: NativeSession,
    private readonly tok: WordPiece,
    private readonly manifest: Manifest,
    readonly hash: string,
  ) {
    this.dims = manifest.dims;
    this.maxTokens = manifest.max_tokens;
    this.fetches = { [manifest.output]: null };
  }

  knowsWord(word: string): boolean {
    return this.tok.has(word);
  }

  tokenCount(text: string): number {
    return this.tok.encode(text.slice(0, MAX_TEXT_CHARS), this.maxTokens).length;
  }

  /** A second session in a worker thread for batches (helper.ts), or null. */
  helper: EncoderHelper | null = null;

  private ids(text: string): number[] {
    return this.tok.encode(text.slice(0, MAX_TEXT_CHARS), this.maxTokens);
  }

  private run(ids: readonly number[]): Float32Array {
    const n = ids.length;
    const feeds = {
      [this.manifest.inputs[0] as string]: new this.Tensor('int64', BigInt64Array.from(ids, (i) => BigInt(i)), [1, n]),
      [this.manifest.inputs[1] as string]: new this.Tensor('int64', new BigInt64Array(n).fill(1n), [1, n]),
    };
    const out = this.session.run(feeds, this.fetches, {});
    const t = out[this.manifest.output];
    if (!t || !(t.data instanceof Float32Array) || t.data.length !== this.dims) throw new Error('encoder output has the wrong shape');
    return Float32Array.from(t.data);
  }

  embed(texts: readonly string[]): Float32Array[] {
    const all = texts.map((t) => this.ids(typeof t === 'string' ? t : ''));
    const helper = this.helper;
    if (helper?.available && all.length >= HELPER_MIN_TEXTS) return helper.embedIds(all, this.dims, (ids) => this.run(ids));
    return all.map((ids) => this.run(ids));
  }
}

let cached: Encoder | null | undefined;
let loadedDir = '';
let loadedHash = '';
let status: EncoderStatus = { state: 'not-loaded', dir: defaultEncoderDir(), detail: 'not loaded yet' };

/**
 * Sequential execution and one thread per worker-thread session: the editor's worker embeds its
 * batches on two cores with a second session (startEncoderHelper), one phrase per session at a time.
 * The main thread answers one message at a time instead, and its session splits each message over
 * two threads: p50 8.2 ms against 12.4 on these 2 cores (dev-set messages). Each output element is
 * still summed in the same order, so a vector has the same bytes with one thread or two
 * (test/engine/encoder-helper.test.ts compares the two sessions' vectors).
 */
function sessionOptions(threads: number): SessionOptions {
  const options: SessionOptions = { intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' };
  // The second thread sleeps between messages instead of spinning: the cores are shared with the
  // editor's worker and the store, and a spinning thread on a busy 2-core machine slows them all.
  if (threads > 1) options.extra = { session: { intra_op: { allow_spinning: '0' } } };
  return options;
}
const HELPER_SESSION = sessionOptions(1);

/** Where each opened encoder came from, for its helper session (which verifies the files again). */
const opened = new WeakMap<Encoder, { dir: string; hash: string }>();

/** Loads an encoder from a directory (no caching); throws with the reason when it cannot. */
export function openEncoder(dir: string, threads = isMainThread ? 2 : 1): Encoder {
  const { manifest, hash, modelPath, vocab } = verified(dir);
  const { rt, Tensor } = loadRuntime();
  rt.initOrt();
  const session = new rt.binding.InferenceSession();
  session.loadModel(modelPath, { ...sessionOptions(threads) });
  const enc = new OnnxEncoder(Tensor, session, new WordPiece(vocab, manifest.specials), manifest, hash);
  opened.set(enc, { dir, hash });
  return enc;
}

/**
 * Gives an encoder a second session in a worker thread (helper.ts), so its batches of 8 phrases or
 * more run on two cores with the same bytes. For the thread that trains (the editor's worker): it
 * costs a second session (~130 MB of packed weights) and ~0.3 s to load, in the background. Idempotent;
 * false when the encoder is not an ONNX one or the thread cannot start.
 */
export function startEncoderHelper(encoder: Encoder | null = getEncoder()): boolean {
  if (!(encoder instanceof OnnxEncoder)) return false;
  if (encoder.helper) return true;
  const src = opened.get(encoder);
  if (!src) return false;
  let files: ReturnType<typeof verified>;
  try {
    files = verified(src.dir);
  } catch {
    return false; // changed or damaged since the encoder was opened: batches stay on this thread
  }
  if (files.hash !== src.hash) return false;
  encoder.helper = new EncoderHelper(files.modelPath, HELPER_SESSION, { inputs: files.manifest.inputs, output: files.manifest.output });
  return true;
}

/** Blocks until the encoder's helper session has loaded or failed (see EncoderHelper.waitForLoad). */
export function waitForEncoderHelper(encoder: Encoder | null = getEncoder(), timeoutMs = 60_000): boolean {
  return encoder instanceof OnnxEncoder && encoder.helper !== null && encoder.helper.waitForLoad(timeoutMs);
}

/** Ends an encoder's helper session (the encoder keeps working on its own thread). */
export function stopEncoderHelper(encoder: Encoder | null = getEncoder()): void {
  if (!(encoder instanceof OnnxEncoder) || !encoder.helper) return;
  encoder.helper.close();
  encoder.helper = null;
}

/** True when the encoder's helper session is loaded and takes part in batches. */
export function encoderHelperReady(encoder: Encoder | null = getEncoder()): boolean {
  return encoder instanceof OnnxEncoder && encoder.helper !== null && encoder.helper.available;
}

/**
 * The shipped encoder, loaded once per process (and per HUSHDESK_ENCODER value); null when it is
 * switched off or cannot be loaded (see encoderStatus()). Never throws.
 */
export function getEncoder(): Encoder | null {
  const dir = defaultEncoderDir();
  if (process.env.HUSHDESK_ENCODER === 'off') {
    status = { state: 'off', dir, detail: 'switched off (HUSHDESK_ENCODER=off)' };
    loadedHash = '';
    return null;
  }
  if (cached !== undefined && loadedDir === dir) return cached;
  loadedDir = dir;
  try {
    const t0 = performance.now();
    const enc = openEncoder(dir);
    cached = enc;
    loadedHash = enc.hash;
    status = { state: 'ready', dir, detail: `${enc.dims} dims, ${enc.maxTokens}-token window, loaded in ${Math.round(performance.now() - t0)} ms` };
  } catch (e: unknown) {
    cached = null;
    loadedHash = '';
    status = { state: 'failed', dir, detail: e instanceof Error ? e.message : String(e) };
  }
  return cached;
}

/** Hash of the encoder loaded now ('' when none is): models trained with another are refused. */
export function currentEncoderHash(): string {
  return loadedHash;
}

export function encoderStatus(): EncoderStatus {
  return status;
}

export { WordPiece };
