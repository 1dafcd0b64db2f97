/**
 * Training off the thread that serves the UI: a 2 s training on Electron's main process froze every
 * window. The worker (train-worker.ts) trains or loads from the cache and sends the model's bytes;
 * this thread only deserialises them (a few ms). The chat keeps answering with the current model
 * meanwhile: nothing here replaces it until the caller installs the new one.
 */
import type { KnowledgeBase } from './kb';
import type { Model } from './model';
import { readCachedOrShippedModel } from './cache';
import { deserializeModel } from './serialize';
import { encoderLinkForWorker, getEncoder } from './encoder';
import { AppFailure } from '../../shared/result';
import { runInWorker } from '../workers/run-in-worker';
import type { TrainJob, TrainResult } from './train-worker';

export async function trainModelOffThread(kb: KnowledgeBase, cacheDir: string, shippedDir?: string): Promise<{ model: Model; fromCache: boolean; trainMs: number }> {
  // A cached (or shipped) model is read here: a few ms, less than starting a worker.
  const cached = readCachedOrShippedModel(kb, cacheDir, shippedDir);
  if (cached) return { model: cached, fromCache: true, trainMs: 0 };
  // The worker embeds through this process's encoder thread instead of loading a session of its own.
  const encoder = encoderLinkForWorker();
  const job: TrainJob = { kb, cacheDir, ...(shippedDir ? { shippedDir } : {}), encoder };
  const r = await runInWorker<TrainResult>(__dirname, 'train-worker', job, encoder ? [encoder.port] : []);
  // The model records the encoder it was trained with: load the same one here before reading it.
  getEncoder();
  const model = deserializeModel(Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength));
  if (!model) throw new AppFailure('internal', 'the trained model could not be read back');
  return { model, fromCache: r.fromCache, trainMs: r.trainMs };
}
