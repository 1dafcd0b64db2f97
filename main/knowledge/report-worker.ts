/**
 * Worker thread: the publish report (every test phrase through the live and the new model: a few
 * thousand classifications with the sentence encoder, seconds of CPU) off the thread that serves
 * the UI. Gets both models as bytes, answers with the report.
 */
import { join } from 'node:path';
import { deserializeModel, FileVectorCache, getEncoder, type KnowledgeBase } from '../engine';
import { serveJob } from '../workers/run-in-worker';
import { AppFailure } from '../../shared/result';
import type { PublishReport } from '../../shared/kb-editor';
import { publishReport } from './report';

export interface ReportJob {
  next: KnowledgeBase;
  live: KnowledgeBase;
  nextModel: Uint8Array;
  liveModel: Uint8Array;
  trainMs: number;
  fromCache: boolean;
  /** The model cache folder: the probes' sentence vectors are kept there between publishes. */
  cacheDir?: string;
}

/** Sentence vectors of the phrases the report scores (test phrases change rarely), beside the model cache. */
export const PROBE_VECTORS_FILE = 'report-vectors.bin';

serveJob<ReportJob, PublishReport>((job) => {
  // The models record the encoder they were trained with: load it before reading them.
  getEncoder();
  const read = (bytes: Uint8Array) => {
    const m = deserializeModel(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (!m) throw new AppFailure('internal', 'a model could not be read in the report worker');
    return m;
  };
  const vectorCache = new FileVectorCache(job.cacheDir ? join(job.cacheDir, PROBE_VECTORS_FILE) : null);
  const report = publishReport({ next: job.next, model: read(job.nextModel), live: { kb: job.live, model: read(job.liveModel) }, trainMs: job.trainMs, fromCache: job.fromCache, vectorCache });
  vectorCache.save();
  return report;
});
