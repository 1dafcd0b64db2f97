/**
 * Worker thread: the publish report (every test phrase through the live and the new model: a few
 * thousand classifications with the sentence encoder, seconds of CPU) off the thread that serves
 * the UI. Gets both models as bytes, answers with the report.
 */
import { deserializeModel, getEncoder, type KnowledgeBase } from '../engine';
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
}

serveJob<ReportJob, PublishReport>((job) => {
  // The models record the encoder they were trained with: load it before reading them.
  getEncoder();
  const read = (bytes: Uint8Array) => {
    const m = deserializeModel(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (!m) throw new AppFailure('internal', 'a model could not be read in the report worker');
    return m;
  };
  return publishReport({ next: job.next, model: read(job.nextModel), live: { kb: job.live, model: read(job.liveModel) }, trainMs: job.trainMs, fromCache: job.fromCache });
});
