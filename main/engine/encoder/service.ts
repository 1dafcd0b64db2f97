/**
 * One encoder session per process, in a thread of its own: every thread that embeds (the chat on the
 * main thread, the editor's worker, a training worker) sends word-piece ids to it and blocks until
 * the vectors are back. A session holds ~130 MB of packed weights; before this the editor's worker
 * loaded its own and a second "helper" session besides, and the backend peaked at ~940 MB.
 *
 * The API stays synchronous (training and classify are): a request puts the ids in shared memory,
 * posts it on the thread's MessagePort and waits on Atomics for the service to write the vectors.
 * Electron's main process may block in Atomics.wait (its isolate is created with kAllowAtomicsWait,
 * shell/browser/javascript_environment.cc; only Blink's main thread forbids it); it waits about as
 * long as running the session itself would take.
 * Each phrase is run alone, so a vector has the same bytes whoever asked for it and whatever else
 * was asked at the time. Between the phrases of a batch the service answers what other threads have
 * waiting, so a customer's message is not queued behind a new knowledge base's 500 phrases.
 *
 * Ports: the thread that starts the service gets the first one; `EncoderClient.mintPort()` makes
 * another for a worker (transferred in its workerData; the worker's getEncoder uses it). The
 * service thread is unref'd: it never keeps the process alive.
 */
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';

/** What the session is opened with (onnxruntime-node's session options). */
export interface SessionOptions {
  intraOpNumThreads: number;
  interOpNumThreads: number;
  executionMode: 'sequential';
  graphOptimizationLevel: 'all';
}

/** How long a request may wait beyond its own phrases' time before the caller gives up on the service. */
const STUCK_MS = 60_000;
/** Generous time per phrase: a 128-piece phrase takes ~0.15 s on a busy core. */
const PER_PHRASE_MS = 2_000;

/** One request, all in shared memory. */
interface Request {
  /** Word-piece ids of every phrase, one after the other. */
  ids: Int32Array;
  /** Phrase k's ids are ids[offsets[k] .. offsets[k + 1]). */
  offsets: Int32Array;
  out: Float32Array;
  /** 0 while running, 1 when every vector is written, 2 when the session failed. */
  done: Int32Array;
  dims: number;
}

/** The service's whole program: plain JavaScript (no TypeScript loader in a worker), absolute requires. */
function serviceSource(): string {
  return `
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
let Tensor, session;
try {
  const rt = require(workerData.binding);
  Tensor = require(workerData.common).Tensor;
  rt.initOrt();
  session = new rt.binding.InferenceSession();
  session.loadModel(workerData.modelPath, workerData.options);
} catch (e) {
  Atomics.store(workerData.ready, 0, 2);
  Atomics.notify(workerData.ready, 0);
  throw e;
}
const fetches = { [workerData.output]: null };
const ports = new Set();
function runOne(ids, dims) {
  const n = ids.length;
  const big = new BigInt64Array(n);
  for (let i = 0; i < n; i++) big[i] = BigInt(ids[i]);
  const feeds = {
    [workerData.inputs[0]]: new Tensor('int64', big, [1, n]),
    [workerData.inputs[1]]: new Tensor('int64', new BigInt64Array(n).fill(1n), [1, n]),
  };
  const t = session.run(feeds, fetches, {})[workerData.output];
  if (!t || !(t.data instanceof Float32Array) || t.data.length !== dims) throw new Error('shape');
  return t.data;
}
function serve(port, r) {
  const count = r.offsets.length - 1;
  try {
    for (let k = 0; k < count; k++) {
      r.out.set(runOne(r.ids.subarray(r.offsets[k], r.offsets[k + 1]), r.dims), k * r.dims);
      // A batch lets the other threads' waiting requests go first (a chat message during a publish).
      if (count > 1) for (const p of ports) if (p !== port) for (let m = receiveMessageOnPort(p); m; m = receiveMessageOnPort(p)) handle(p, m.message);
    }
    Atomics.store(r.done, 0, 1);
  } catch (e) {
    Atomics.store(r.done, 0, 2);
  }
  Atomics.notify(r.done, 0);
}
function handle(port, m) {
  if (m && m.addPort) listen(m.addPort);
  else if (m && m.done) serve(port, m);
}
function listen(port) {
  ports.add(port);
  port.on('message', (m) => handle(port, m));
  port.on('close', () => ports.delete(port));
}
listen(workerData.port);
Atomics.store(workerData.ready, 0, 1);
Atomics.notify(workerData.ready, 0);
`;
}

function shared<T extends Int32Array | Float32Array>(Ctor: new (b: SharedArrayBuffer) => T, count: number): T {
  return new Ctor(new SharedArrayBuffer(Math.max(1, count) * 4));
}

/** A thread's way to the service: synchronous batches of word-piece ids in, unit vectors out. */
export class EncoderClient {
  /** `alive`: 1 while the service runs, set to 0 when it is stopped or its thread exits (shared by every client). */
  constructor(
    private readonly port: MessagePort,
    readonly alive: Int32Array,
  ) {}

  /** The vectors of the tokenised phrases, in order; throws when the service fails or stops answering. */
  embedIds(all: readonly (readonly number[])[], dims: number): Float32Array[] {
    if (all.length === 0) return [];
    const total = all.reduce((n, ids) => n + ids.length, 0);
    const r: Request = { ids: shared(Int32Array, total), offsets: shared(Int32Array, all.length + 1), out: shared(Float32Array, all.length * dims), done: shared(Int32Array, 1), dims };
    let at = 0;
    all.forEach((ids, k) => {
      r.offsets[k] = at;
      r.ids.set(ids, at);
      at += ids.length;
    });
    r.offsets[all.length] = at;
    this.port.postMessage(r);
    const deadline = Date.now() + STUCK_MS + all.length * PER_PHRASE_MS;
    while (Atomics.load(r.done, 0) === 0) {
      if (Atomics.load(this.alive, 0) !== 1) throw new Error('the encoder thread has stopped');
      if (Date.now() > deadline) throw new Error('the encoder thread did not answer');
      Atomics.wait(r.done, 0, 0, 250);
    }
    if (Atomics.load(r.done, 0) !== 1) throw new Error('the encoder thread could not embed a phrase');
    return all.map((_, k) => r.out.slice(k * dims, (k + 1) * dims));
  }

  /** A new port to the same service, for a worker thread (transfer it in the worker's workerData). */
  mintPort(): MessagePort {
    const { port1, port2 } = new MessageChannel();
    this.port.postMessage({ addPort: port2 }, [port2]);
    return port1;
  }

  close(): void {
    this.port.close();
  }
}

/** The service thread and the starting thread's client (null `client` when it could not load). */
export interface EncoderService {
  client: EncoderClient | null;
  /** Why it could not start, when `client` is null. */
  failure: string;
  /** True when onnxruntime refused the model (not the thread): no session anywhere will load it. */
  modelFailed: boolean;
  /** Ends the service thread (tests). Never while it loads: ending a thread inside onnxruntime's load aborts the process. */
  stop(): Promise<void>;
}

/**
 * Starts the service on `modelPath` (already verified by the caller) and blocks until its session
 * has loaded or failed (at most `timeoutMs`).
 */
export function startEncoderService(modelPath: string, options: SessionOptions, io: { inputs: string[]; output: string }, timeoutMs = 120_000): EncoderService {
  const ready = shared(Int32Array, 1);
  const alive = shared(Int32Array, 1);
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(serviceSource(), {
      eval: true,
      workerData: { ready, port: port2, modelPath, options, inputs: io.inputs, output: io.output, binding: require.resolve('onnxruntime-node/dist/binding'), common: require.resolve('onnxruntime-common') },
      transferList: [port2],
    });
  } catch (e) {
    port1.close();
    return { client: null, failure: `the encoder thread could not start (${e instanceof Error ? e.message : String(e)})`, modelFailed: false, stop: async () => undefined };
  }
  worker.unref();
  // Its errors surface through `ready` (load) or as failed requests; an 'error' event must not crash the process.
  worker.on('error', () => undefined);
  worker.on('exit', () => Atomics.store(alive, 0, 0));
  const end = Date.now() + timeoutMs;
  while (Atomics.load(ready, 0) === 0 && Date.now() < end) Atomics.wait(ready, 0, 0, Math.max(1, end - Date.now()));
  const state = Atomics.load(ready, 0);
  const stop = async (): Promise<void> => {
    Atomics.store(alive, 0, 0);
    port1.close();
    await worker.terminate();
  };
  if (state === 1) {
    Atomics.store(alive, 0, 1);
    return { client: new EncoderClient(port1, alive), failure: '', modelFailed: false, stop };
  }
  port1.close();
  return { client: null, failure: state === 2 ? 'onnxruntime could not load the model' : 'the encoder thread did not finish loading', modelFailed: state === 2, stop: state === 2 ? stop : async () => undefined };
}
