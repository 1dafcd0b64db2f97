/**
 * Worker thread of the knowledge-base editor, kept warm between jobs (main/workers/warm-worker.ts):
 * the sentence encoder loads once, and the live and new models stay in memory from one job to the
 * next (a publish no longer reads, serialises and sends the live model). Two jobs:
 * - publish: train the new knowledge base, every language (loadOrTrainModel, as everywhere: the
 *   cache, the training state and the phrase vectors are used), then the publish report (every test phrase through the
 *   live and the new model; each other language's on its own live and new model: report.languages);
 *   answers with the report (the new model is in the cache).
 * - health: each intent's tests on the live model (the editor's health marks), which used to run
 *   the encoder on the thread that serves the UI.
 * The report's phrases are embedded once ever: from the probe vectors of earlier publishes (the
 * build ships the default knowledge base's), else from the training's phrase vectors (an example
 * the draft adds was embedded by its training, one it drops by the live one's).
 */
import { join } from 'node:path';
import { embedTexts, FileVectorCache, getEncoder, kbForLanguage, kbLanguages, kbTrainingRows, loadOrTrainModel, type KnowledgeBase, type Model, type VectorCache } from '../engine';
import { encoderInput, encoderInputUncorrected, encoderText } from '../engine/model';
import { LANGUAGE_TRAINING } from '../engine/train-kb';
import { vectorKey } from '../engine/vectors';
import { languageDir, SHIPPED_MODEL_DIR, VECTORS_FILE } from '../engine/cache';
import { useEncoderLink, type EncoderLink } from '../engine/encoder';
import { workerData } from 'node:worker_threads';
import { startSvmHelper } from '../engine/svm';
import { serveWarmJobs } from '../workers/warm-worker';
import type { IntentHealth, PublishReport } from '../../shared/kb-editor';
import { answerer, intentHealth, languageReport, PROBE_VECTORS_FILE, publishReport, type AnswerMemo } from './report';

export type PublishWorkerJob =
  | {
      kind: 'publish';
      next: KnowledgeBase;
      live: KnowledgeBase;
      /** The model cache folder (the new model, its training state, phrase and probe vectors). */
      cacheDir: string;
    }
  | { kind: 'health'; kb: KnowledgeBase; cacheDir: string }
  /**
   * Embed a draft's phrases ahead (sent when the owner saves a draft or looks at an import
   * preview): its training phrases and what its report will score, so Publish finds them embedded.
   * `live`: the knowledge base answering now (the report scores the draft's new examples on it).
   */
  | { kind: 'embed'; draft: KnowledgeBase; live: KnowledgeBase; cacheDir: string };

export type PublishWorkerResult =
  | {
      kind: 'publish';
      report: PublishReport;
    }
  | { kind: 'health'; health: IntentHealth[] }
  | { kind: 'embed'; embedded: number };

/** Models kept in memory, by knowledge-base hash: the live one and the one just trained. */
const KEEP_MODELS = 2;
const models = new Map<string, Model>();
/** What those models answered to each phrase (report.ts AnswerMemo): dropped with the model. */
const answers: AnswerMemo = new WeakMap();

/** Puts `model` last in `kept` (most recently used), dropping the oldest past `limit`. */
function keep(kept: Map<string, Model>, limit: number, hash: string, model: Model): Model {
  kept.delete(hash);
  kept.set(hash, model);
  while (kept.size > limit) kept.delete(kept.keys().next().value as string);
  return model;
}

function remember(hash: string, model: Model): Model {
  return keep(models, KEEP_MODELS, hash, model);
}

/** The other languages' models (by their view's hash), kept apart so they never push out the default ones. */
const languageModels = new Map<string, Model>();
const KEEP_LANGUAGE_MODELS = 6;

/**
 * The model of one more language of `kb`, live: in memory, else its cache (or the shipped one),
 * else trained into that cache (the publish's training then replaces it, as for the default one).
 */
function languageModelOf(kb: KnowledgeBase, language: string, cacheDir: string): Model {
  const view = kbForLanguage(kb, language);
  const model = languageModels.get(view.hash) ?? loadOrTrainModel(view, languageDir(cacheDir, kb, language), languageDir(SHIPPED_MODEL_DIR, kb, language)).model;
  return keepLanguageModel(view.hash, model);
}

function keepLanguageModel(hash: string, model: Model): Model {
  return keep(languageModels, KEEP_LANGUAGE_MODELS, hash, model);
}

/** The model of a knowledge base: in memory, else the cached or shipped one, else trained (and cached). */
function modelOf(kb: KnowledgeBase, cacheDir: string): Model {
  const hit = models.get(kb.hash);
  if (hit) return remember(kb.hash, hit);
  // loadOrTrainModel reads the cached or shipped model first; it trains only when neither matches.
  return remember(kb.hash, loadOrTrainModel(kb, cacheDir).model);
}

/** The probe vectors, then the phrase vectors given (read only); new probe vectors go to the probe file. */
function probeCache(cacheDir: string, also: VectorCache[]): { cache: VectorCache; save: () => void } {
  const probes = new FileVectorCache(join(cacheDir, PROBE_VECTORS_FILE), join(SHIPPED_MODEL_DIR, PROBE_VECTORS_FILE));
  return {
    cache: {
      get(key) {
        const own = probes.get(key);
        if (own) return own;
        for (const c of also) {
          const v = c.get(key);
          if (v) return v;
        }
        return undefined;
      },
      set: (key, v) => probes.set(key, v),
    },
    save: () => probes.save(),
  };
}

/**
 * Vectors embedded ahead of a publish (embed jobs), by vector key: read by the training and the
 * report after their own files. Bounded: a draft has hundreds of phrases; past the bound it starts
 * over (the next embed job refills what the current draft needs).
 */
const MAX_AHEAD = 20_000;
const ahead = new Map<string, Float32Array>();
const aheadCache: VectorCache = {
  get: (key) => ahead.get(key),
  set(key, v) {
    if (ahead.size >= MAX_AHEAD) ahead.clear();
    ahead.set(key, v);
  },
};

function embedAheadJob(job: Extract<PublishWorkerJob, { kind: 'embed' }>): PublishWorkerResult {
  const encoder = getEncoder();
  if (!encoder) return { kind: 'embed', embedded: 0 };
  const lang = job.draft.settings.language;
  const inputs = new Set<string>();
  // The training's phrases, only for a language whose model uses the encoder (train-kb.ts).
  if (LANGUAGE_TRAINING[lang]?.encoder) for (const r of kbTrainingRows(job.draft)) inputs.add(encoderText(r.text, lang));
  // The report's: the draft's tests and examples as the new model will most likely read them (its
  // spelling correction only touches words the encoder does not know), and on the live model exactly.
  const live = modelOf(job.live, job.cacheDir);
  const probes = [...job.draft.intents.flatMap((it) => [...it.tests, ...it.examples]), ...job.draft.outOfScopeTests];
  for (const text of probes) {
    inputs.add(encoderInputUncorrected(text, lang));
    const onLive = live.enc && live.enc.hash === encoder.hash ? encoderInput(live, text) : null;
    if (onLive) inputs.add(onLive);
  }
  const files = [trainingVectors(job.cacheDir), probeCache(job.cacheDir, []).cache];
  const missing = [...inputs].filter((t) => t.length > 0 && !files.some((f) => f.get(vectorKey(encoder.hash, t))) && !ahead.has(vectorKey(encoder.hash, t)));
  embedTexts(encoder, missing, aheadCache);
  return { kind: 'embed', embedded: missing.length };
}

function trainingVectors(cacheDir: string): FileVectorCache {
  return new FileVectorCache(join(cacheDir, VECTORS_FILE), join(SHIPPED_MODEL_DIR, VECTORS_FILE));
}

function publish(job: Extract<PublishWorkerJob, { kind: 'publish' }>): PublishWorkerResult {
  // The live model first: the training below replaces the cached model file with the new one.
  const live = modelOf(job.live, job.cacheDir);
  const others = kbLanguages(job.next).slice(1);
  // Each other language's live model too, before its training replaces its cached file.
  const liveOthers = new Map(others.filter((lang) => kbLanguages(job.live).includes(lang)).map((lang) => [lang, languageModelOf(job.live, lang, job.cacheDir)]));
  const liveVectors = trainingVectors(job.cacheDir);
  const t0 = performance.now();
  // Always through the cache: the knowledge service loads the new model from it next.
  const { model, fromCache } = loadOrTrainModel(job.next, job.cacheDir, SHIPPED_MODEL_DIR, aheadCache);
  // The other languages' models too, here where the worker is warm (each language's view has its
  // own hash, so any edit retrains it: from its training state, in a few hundred ms); the knowledge
  // service then only reads them from the cache instead of starting a training worker per language.
  const nextOthers = others.map((lang) => {
    const view = kbForLanguage(job.next, lang);
    return { lang, view, model: loadOrTrainModel(view, languageDir(job.cacheDir, job.next, lang), languageDir(SHIPPED_MODEL_DIR, job.next, lang)).model };
  });
  const trainMs = Math.round(performance.now() - t0);
  remember(job.next.hash, model);
  const vectors = probeCache(job.cacheDir, [trainingVectors(job.cacheDir), liveVectors, aheadCache]);
  const report = publishReport({ next: job.next, model, live: { kb: job.live, model: live }, trainMs, fromCache, vectorCache: vectors.cache, answers });
  // Each other language on its own tests, live model against new (in memory for the next publish).
  const languages = nextOthers.map(({ lang, view, model: next }) => {
    keepLanguageModel(view.hash, next);
    return languageReport({ language: lang, next: job.next, live: job.live, models: { next, live: liveOthers.get(lang) ?? null }, vectorCache: vectors.cache, answers });
  });
  if (languages.length > 0) report.languages = languages;
  vectors.save();
  // No model bytes back: the knowledge service reads the new model from the cache this training wrote.
  return { kind: 'publish', report };
}

function health(job: Extract<PublishWorkerJob, { kind: 'health' }>): PublishWorkerResult {
  const model = modelOf(job.kb, job.cacheDir);
  const vectors = probeCache(job.cacheDir, [trainingVectors(job.cacheDir)]);
  const result = intentHealth(job.kb, model, answerer(vectors.cache, answers));
  vectors.save();
  return { kind: 'health', health: result };
}

// Loaded before the first job arrives (the worker is started when the editor opens): the encoder is
// the process's one session, reached through the link the knowledge service passed (encoder/
// service.ts), and an SVM thread beside this one, so a new knowledge base's classes train on both
// cores (same bytes as on one; svm.ts).
useEncoderLink((workerData as { encoder?: EncoderLink } | null)?.encoder);
getEncoder();
startSvmHelper();

serveWarmJobs<PublishWorkerJob, PublishWorkerResult>((job) => (job.kind === 'publish' ? publish(job) : job.kind === 'health' ? health(job) : embedAheadJob(job)));
