/**
 * Worker thread: trains (or loads from the cache) the model of one knowledge base and hands back its
 * serialised bytes. Runs the same loadOrTrainModel as in-thread training, so the cache, the vector
 * cache and determinism are the same; only the thread differs.
 */
import { serveJob } from '../workers/run-in-worker';
import { loadOrTrainModel } from './cache';
import type { KnowledgeBase } from './kb';
import { serializeModel } from './serialize';
import { useEncoderLink, type EncoderLink } from './encoder';

export interface TrainJob {
  kb: KnowledgeBase;
  cacheDir: string;
  /** Where the build put this model (a language's folder; default SHIPPED_MODEL_DIR). */
  shippedDir?: string;
  /** The parent's encoder thread (encoderLinkForWorker), so this worker loads no session of its own. */
  encoder?: EncoderLink | null;
}

export interface TrainResult {
  bytes: Uint8Array;
  fromCache: boolean;
  trainMs: number;
}

serveJob<TrainJob, TrainResult>((job) => {
  useEncoderLink(job.encoder);
  const t0 = performance.now();
  const { model, fromCache } = loadOrTrainModel(job.kb, job.cacheDir, job.shippedDir);
  return { bytes: serializeModel(model), fromCache, trainMs: Math.round(performance.now() - t0) };
});
