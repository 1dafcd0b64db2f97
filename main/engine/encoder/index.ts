/**
 * The sentence encoder: all-mpnet-base-v2 as an int8 ONNX graph (main/engine/data/encoder/, built by
 * `npm run build:encoder`: the graph in model.onnx, its weights in the files beside it), run by
 * onnxruntime-node, CPU only: one session per process, in a thread of its own that every thread
 * embeds through (service.ts). The graph does mean pooling and L2 normalisation itself, so a phrase
 * goes in as word-piece ids and comes out as a unit vector (768 dimensions).
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
import type { MessagePort } from 'node:worker_threads';
import { WordPiece, type SpecialPieces } from './wordpiece';
import { EncoderClient, startEncoderService, type EncoderService, type SessionOptions } from './service';

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

/** The manifest of an encoder directory and its sha256 (which encoder produced a vector). */
function readManifest(dir: string): { manifest: Manifest; hash: string } {
  const raw = readFileSync(join(dir, 'manifest.json'));
  return { manifest: JSON.parse(raw.toString('utf8')) as Manifest, hash: createHash('sha256').update(raw).digest('hex') };
}

/** The vocabulary, read once and checked against the manifest: the ids are made from it. */
function checkedVocab(dir: string, manifest: Manifest): string {
  const bytes = readFileSync(join(dir, 'vocab.txt'));
  const got = createHash('sha256').update(bytes).digest('hex');
  const want = manifest.files['vocab.txt'] ?? '';
  if (got !== want) throw new Error(`vocab.txt does not match the manifest (sha256 ${got.slice(0, 12)}…, expected ${want.slice(0, 12)}…)`);
  return bytes.toString('utf8');
}

interface VerifiedFiles {
  manifest: Manifest;
  hash: string;
  modelPath: string;
  vocab: string;
}

/**
 * Checks the manifest and every file it lists (sha256) and throws a message saying what is wrong.
 * The session then opens model.onnx by path, and onnxruntime maps the weight files beside it from
 * disk: the check and the load are two reads of a file the app ships, not a defence against someone
 * who can rewrite the app's own files between them (they could as well rewrite the manifest).
 */
function verified(dir: string): VerifiedFiles {
  const { manifest, hash } = readManifest(dir);
  if (!manifest.files || typeof manifest.files !== 'object' || !manifest.files['model.onnx'] || !manifest.files['vocab.txt']) throw new Error('manifest lists no model.onnx/vocab.txt');
  for (const name of manifest.weights ?? []) if (!manifest.files[name]) throw new Error(`manifest lists no hash for ${name}`);
  for (const [name, want] of Object.entries(manifest.files)) {
    if (name === 'vocab.txt') continue; // checkedVocab below
    const got = fileSha256(join(dir, name));
    if (got !== want) throw new Error(`${name} does not match the manifest (sha256 ${got.slice(0, 12)}…, expected ${want.slice(0, 12)}…)`);
  }
  return { manifest, hash, modelPath: join(dir, 'model.onnx'), vocab: checkedVocab(dir, manifest) };
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

/** What both kinds of encoder share: the manifest, the tokenizer, and embed() over word-piece ids. */
abstract class WordPieceEncoder implements Encoder {
  readonly dims: number;
  readonly maxTokens: number;

  constructor(
    protected readonly tok: WordPiece,
    protected readonly manifest: Manifest,
    readonly hash: string,
  ) {
    this.dims = manifest.dims;
    this.maxTokens = manifest.max_tokens;
  }

  knowsWord(word: string): boolean {
    return this.tok.has(word);
  }

  tokenCount(text: string): number {
    return this.ids(text).length;
  }

  private ids(text: string): number[] {
    return this.tok.encode(text.slice(0, MAX_TEXT_CHARS), this.maxTokens);
  }

  embed(texts: readonly string[]): Float32Array[] {
    return this.embedIds(texts.map((t) => this.ids(typeof t === 'string' ? t : '')));
  }

  protected abstract embedIds(all: readonly number[][]): Float32Array[];
}

/** A session in this thread (openEncoder: tests, tools, and the fallback when no service thread can start). */
class OnnxEncoder extends WordPieceEncoder {
  private readonly fetches: Record<string, null>;

  constructor(
    private readonly Tensor: TensorCtor,
    private readonly session: NativeSession,
    tok: WordPiece,
    manifest: Manifest,
    hash: string,
  ) {
    super(tok, manifest, hash);
    this.fetches = { [manifest.output]: null };
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

  protected embedIds(all: readonly number[][]): Float32Array[] {
    return all.map((ids) => this.run(ids));
  }
}

/** The process's one session, in the encoder thread (service.ts), reached through this thread's port. */
class ServedEncoder extends WordPieceEncoder {
  constructor(
    readonly client: EncoderClient,
    tok: WordPiece,
    manifest: Manifest,
    hash: string,
    readonly dir: string,
  ) {
    super(tok, manifest, hash);
  }

  protected embedIds(all: readonly number[][]): Float32Array[] {
    return this.client.embedIds(all, this.dims);
  }
}

let cached: Encoder | null | undefined;
let loadedDir = '';
let loadedHash = '';
let service: EncoderService | null = null;
let status: EncoderStatus = { state: 'not-loaded', dir: defaultEncoderDir(), detail: 'not loaded yet' };

/**
 * Sequential execution; each phrase split over two threads: p50 8.2 ms against 12.4 with one on
 * these 2 cores (hardware-store-dev's messages). Each output element is still summed in the same
 * order, so a vector has the same bytes with one thread or two (test/engine/encoder-service.test.ts).
 * onnxruntime's second thread spins briefly for the next piece of work instead of sleeping: 9.9 ms
 * a banking77 phrase against 12.3 with spinning off (a new knowledge base's batch), for a few
 * milliseconds of one core after each message.
 */
function sessionOptions(threads: number): SessionOptions {
  return { intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' };
}
const SERVICE_THREADS = 2;

/** A session in this thread over files already verified. */
function sessionOver(files: VerifiedFiles, threads: number): Encoder {
  const { rt, Tensor } = loadRuntime();
  rt.initOrt();
  const session = new rt.binding.InferenceSession();
  session.loadModel(files.modelPath, { ...sessionOptions(threads) });
  return new OnnxEncoder(Tensor, session, new WordPiece(files.vocab, files.manifest.specials), files.manifest, files.hash);
}

/** Loads an encoder session in this thread from a directory (no caching); throws with the reason when it cannot. */
export function openEncoder(dir: string, threads = 1): Encoder {
  return sessionOver(verified(dir), threads);
}

/** What a worker thread needs to use its parent's encoder thread: a port to it, and which encoder it runs. */
export interface EncoderLink {
  port: MessagePort;
  /** The service's running flag (shared memory): a request fails at once once it is 0. */
  alive: Int32Array;
  dir: string;
  hash: string;
}

/** The link a worker thread was started with (useEncoderLink), if any. */
let link: EncoderLink | null = null;

/**
 * For a thread about to start a worker that embeds: a new port to this process's encoder thread
 * (put it in the worker's workerData, with the port in its transfer list), or null when there is no
 * encoder thread (switched off, failed, or a session of this thread's own).
 */
export function encoderLinkForWorker(): EncoderLink | null {
  const enc = getEncoder();
  if (!(enc instanceof ServedEncoder)) return null;
  return { port: enc.client.mintPort(), alive: enc.client.alive, dir: enc.dir, hash: enc.hash };
}

/** In a worker: embed through the link its parent passed (encoderLinkForWorker) instead of loading a session. */
export function useEncoderLink(l: EncoderLink | null | undefined): void {
  if (!l || !l.port || !(l.alive instanceof Int32Array) || typeof l.dir !== 'string' || typeof l.hash !== 'string') return;
  link = l;
  cached = undefined;
}

/** The encoder reached through the link: the tokenizer and manifest read here, the session shared. */
function linkedEncoder(l: EncoderLink): ServedEncoder {
  const { manifest, hash } = readManifest(l.dir);
  if (hash !== l.hash) throw new Error('the encoder files changed since the encoder thread loaded them');
  return new ServedEncoder(new EncoderClient(l.port, l.alive), new WordPiece(checkedVocab(l.dir, manifest), manifest.specials), manifest, hash, l.dir);
}

/**
 * True when the parent's encoder thread runs the encoder of `dir`: the same directory, or a copy of
 * the same files elsewhere (same manifest). A worker started from its compiled twin in dist/
 * (workers/built-twin.ts) looks in dist/'s copy while the parent loaded the source tree's; without
 * the second test it started a second encoder thread with a second copy of the weights (~190 MB).
 */
function sameEncoder(l: EncoderLink, dir: string): boolean {
  if (l.dir === dir) return true;
  try {
    return readManifest(dir).hash === l.hash;
  } catch {
    return false;
  }
}

/**
 * The process's encoder: the files checked here, the session in its own thread (service.ts). When
 * no thread can be started the session opens in this thread instead (same bytes).
 */
function startedEncoder(dir: string): { enc: Encoder; how: string } {
  const files = verified(dir);
  const { manifest, hash, modelPath, vocab } = files;
  const started = startEncoderService(modelPath, sessionOptions(SERVICE_THREADS), { inputs: manifest.inputs, output: manifest.output });
  if (started.client) {
    service = started;
    return { enc: new ServedEncoder(started.client, new WordPiece(vocab, manifest.specials), manifest, hash, dir), how: 'one session for the process, in its own thread' };
  }
  // The model itself would not load: a session here would fail the same way.
  if (started.modelFailed) throw new Error(started.failure);
  return { enc: sessionOver(files, SERVICE_THREADS), how: `a session in this thread (${started.failure})` };
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
  // Another directory than the one the running service loaded (tests, HUSHDESK_ENCODER changed):
  // that service ends, and the requests of any encoder still held from it fail at once.
  if (service) void service.stop();
  service = null;
  try {
    const t0 = performance.now();
    const { enc, how } = link && sameEncoder(link, dir) ? { enc: linkedEncoder(link), how: "the parent's encoder thread" } : startedEncoder(dir);
    cached = enc;
    loadedHash = enc.hash;
    status = { state: 'ready', dir, detail: `${enc.dims} dims, ${enc.maxTokens}-token window, ${how}, ready in ${Math.round(performance.now() - t0)} ms` };
  } catch (e: unknown) {
    cached = null;
    loadedHash = '';
    status = { state: 'failed', dir, detail: e instanceof Error ? e.message : String(e) };
  }
  return cached;
}

/** Ends this process's encoder thread (tests); the next getEncoder() starts a new one. */
export async function stopEncoderService(): Promise<void> {
  const s = service;
  service = null;
  cached = undefined;
  loadedHash = '';
  if (s) await s.stop();
}

/** Hash of the encoder loaded now ('' when none is): models trained with another are refused. */
export function currentEncoderHash(): string {
  return loadedHash;
}

export function encoderStatus(): EncoderStatus {
  return status;
}

export { WordPiece };
