/**
 * Worker thread: one publish's heavy work off the thread that serves the UI, in one worker so the
 * sentence encoder loads once (starting a worker and loading the encoder cost ~0.5-1.5 s each time,
 * more than a retrain after an edit): train the new knowledge base (or load it from the cache; the
 * same loadOrTrainModel as everywhere, so the training state and the vector cache are used), then
 * the publish report (every test phrase through the live and the new model). Gets the live model
 * as bytes, answers with the new model's bytes and the report.
 */
import { join } from 'node:path';
import { deserializeModel, FileVectorCache, getEncoder, loadOrTrainModel, serializeModel, type KnowledgeBase } from '../engine';
import { serveJob } from '../workers/run-in-worker';
import { AppFailure } from '../../shared/result';
import type { PublishReport } from '../../shared/kb-editor';
import { publishReport } from './report';

export interface PublishJob {
  next: KnowledgeBase;
  live: KnowledgeBase;
  liveModel: Uint8Array;
  /** The model cache folder (the new model, its training state, phrase and probe vectors). */
  cacheDir: string;
}

export interface PublishJobResult {
  /** The new model, serialised. */
  bytes: Uint8Array;
  report: PublishReport;
}

/** Sentence vectors of the phrases the report scores (test phrases change rarely), beside the model cache. */
export const PROBE_VECTORS_FILE = 'report-vectors.bin';

serveJob<PublishJob, PublishJobResult>((job) => {
  const t0 = performance.now();
  const { model, fromCache } = loadOrTrainModel(job.next, job.cacheDir);
  const trainMs = Math.round(performance.now() - t0);
  // The live model records the encoder it was trained with: the encoder is loaded by now.
  getEncoder();
  const live = deserializeModel(Buffer.from(job.liveModel.buffer, job.liveModel.byteOffset, job.liveModel.byteLength));
  if (!live) throw new AppFailure('internal', 'the live model could not be read in the publish worker');
  const vectorCache = new FileVectorCache(join(job.cacheDir, PROBE_VECTORS_FILE));
  const report = publishReport({ next: job.next, model, live: { kb: job.live, model: live }, trainMs, fromCache, vectorCache });
  vectorCache.save();
  return { bytes: serializeModel(model), report };
});
