/**
 * The process's one encoder session in its own thread (encoder/service.ts) and the kept SVM thread
 * (svm.ts), on real parts: the shipped encoder, the real default knowledge base, real training, a
 * real worker thread. What they must keep: the same vector bytes as a session of one's own (one
 * thread or two), a worker that embeds through the service instead of loading a session, a message
 * answered between the phrases of another thread's batch, the same model bytes with the SVM thread,
 * and a clear failure once the service has stopped.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { kbTrainingRows, loadDefaultKnowledgeBase, serializeModel, trainModelWithState, type Encoder } from '../../main/engine';
import { defaultEncoderDir, encoderLinkForWorker, encoderStatus, getEncoder, openEncoder, stopEncoderService } from '../../main/engine/encoder';
import { encoderText } from '../../main/engine/model';
import { startSvmHelper, stopSvmHelper } from '../../main/engine/svm';

function encoder(): Encoder {
  const e = getEncoder();
  if (!e) throw new Error('the shipped encoder did not load');
  return e;
}

const bytes = (v: Float32Array): Buffer => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const ENCODER_MODULE = path.join(__dirname, '..', '..', 'main', 'engine', 'encoder', 'index.ts');

/**
 * A worker thread that uses the link, embeds `texts` (after setting `started[0]`), and answers with
 * its vectors, its encoder status and when it finished (Date.now()).
 */
function embedInWorker(texts: string[], started?: Int32Array, encoderDir?: string): Promise<{ vecs: Float32Array[]; detail: string; state: string; endedAt: number }> {
  const link = encoderLinkForWorker();
  if (!link) throw new Error('no encoder thread to link to');
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    if (workerData.encoderDir) process.env.HUSHDESK_ENCODER = workerData.encoderDir;
    require('tsx/cjs');
    const enc = require(${JSON.stringify(ENCODER_MODULE)});
    enc.useEncoderLink(workerData.link);
    const e = enc.getEncoder();
    if (workerData.started) { Atomics.store(workerData.started, 0, 1); Atomics.notify(workerData.started, 0); }
    const vecs = e ? e.embed(workerData.texts) : [];
    const endedAt = Date.now();
    parentPort.postMessage({ vecs, endedAt, detail: enc.encoderStatus().detail, state: enc.encoderStatus().state });
  `;
  return new Promise((resolve, reject) => {
    const w = new Worker(source, { eval: true, workerData: { link, texts, started, encoderDir }, transferList: [link.port] });
    w.once('message', (m: { vecs: Float32Array[]; detail: string; state: string; endedAt: number }) => {
      void w.terminate();
      resolve(m);
    });
    w.once('error', reject);
  });
}

afterAll(() => {
  stopSvmHelper();
});

describe('the encoder thread and the SVM thread', () => {
  const kb = loadDefaultKnowledgeBase();
  const texts = [...new Set(kbTrainingRows(kb).map((r) => encoderText(r.text)))];

  it('embeds with the bytes of a session of its own, one thread or two', () => {
    const served = encoder().embed(texts.slice(0, 60));
    expect(encoderStatus().detail).toMatch(/one session for the process, in its own thread/);
    for (const threads of [1, 2]) {
      const own = openEncoder(defaultEncoderDir(), threads).embed(texts.slice(0, 60));
      const differ = own.filter((v, i) => !bytes(v).equals(bytes(served[i] as Float32Array)));
      expect(differ).toEqual([]);
    }
  });

  it('a worker embeds through the process encoder thread (no session of its own), with the same bytes', async () => {
    const some = texts.slice(0, 40);
    const here = encoder().embed(some);
    const there = await embedInWorker(some);
    expect(there.state).toBe('ready');
    expect(there.detail).toMatch(/the parent's encoder thread/);
    expect(there.vecs).toHaveLength(some.length);
    expect(there.vecs.every((v, i) => bytes(v).equals(bytes(here[i] as Float32Array)))).toBe(true);
  });

  it('a worker whose encoder folder is a copy of the same files (a compiled twin in dist/) still uses the process encoder thread', async () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'hushdesk-encoder-copy-'));
    try {
      // The copy as dist/ holds it: the same files in another folder (linked here, not copied: 120 MB).
      for (const f of readdirSync(defaultEncoderDir())) symlinkSync(path.join(defaultEncoderDir(), f), path.join(copy, f));
      const some = texts.slice(0, 10);
      const here = encoder().embed(some);
      const there = await embedInWorker(some, undefined, copy);
      expect(there.detail).toMatch(/the parent's encoder thread/);
      expect(there.vecs.every((v, i) => bytes(v).equals(bytes(here[i] as Float32Array)))).toBe(true);
      // Another encoder's files in that folder (its manifest differs): the worker loads its own, never the parent's.
      rmSync(path.join(copy, 'manifest.json'));
      writeFileSync(path.join(copy, 'manifest.json'), readFileSync(path.join(defaultEncoderDir(), 'manifest.json'), 'utf8').replace('"dims": 768', '"dims": 767'));
      const other = await embedInWorker([], undefined, copy);
      expect(other.detail).not.toMatch(/the parent's encoder thread/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it("answers this thread's message between the phrases of a worker's batch", async () => {
    const started = new Int32Array(new SharedArrayBuffer(4));
    // ~300 phrases: seconds of work for the service; a single message is ~10 ms.
    const batch = embedInWorker(texts.slice(0, 300), started);
    const t0 = Date.now();
    while (Atomics.load(started, 0) === 0 && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 5));
    // Give the batch time to be under way in the service, then ask for one message.
    await new Promise((r) => setTimeout(r, 300));
    const [one] = encoder().embed(['is anyone there']);
    const answeredAt = Date.now();
    const done = await batch;
    expect(one).toHaveLength(encoder().dims);
    expect(done.vecs).toHaveLength(300);
    expect(answeredAt).toBeLessThan(done.endedAt);
  });

  it('trains the same model bytes and training state with the SVM thread as on one thread', () => {
    stopSvmHelper();
    const one = trainModelWithState(kb);
    expect(startSvmHelper()).toBe(true);
    const two = trainModelWithState(kb);
    expect(sha(serializeModel(two.model))).toBe(sha(serializeModel(one.model)));
    expect(sha(Buffer.from(two.state.alphas.buffer))).toBe(sha(Buffer.from(one.state.alphas.buffer)));
    expect(two.model.threshold).toBe(one.model.threshold);
  });

  it('fails at once once the encoder thread has stopped, and the next getEncoder starts a new one', async () => {
    const old = encoder();
    const before = old.embed(['where is my order']);
    await stopEncoderService();
    expect(() => old.embed(['where is my order'])).toThrow(/encoder thread has stopped/);
    const fresh = encoder();
    expect(fresh).not.toBe(old);
    expect(bytes(fresh.embed(['where is my order'])[0] as Float32Array).equals(bytes(before[0] as Float32Array))).toBe(true);
  });
});
