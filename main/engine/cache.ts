/**
 * Model cache: one file per cache directory, rebuilt only when the engine version or what the model
 * is trained from (train-kb.ts trainingHash: not the answers, tests or other languages' words)
 * differs from what the file records. Written atomically (temp file + rename) so a crash
 * mid-write leaves the old model or none, never half a model.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { KnowledgeBase } from './kb';
import { ENGINE_VERSION, type Model } from './model';
import { deserializeModel, serializeModel } from './serialize';
import { trainingHash, trainModelWithState } from './train-kb';
import { readTrainState, writeTrainState } from './train-state';
import { getEncoder } from './encoder';
import { FileVectorCache, type VectorCache } from './vectors';

/**
 * The cache file's vectors, then those embedded ahead (the editor's worker embeds a draft's
 * phrases while the owner edits): one found ahead is copied into the file's set, so it is saved.
 */
function readThrough(file: VectorCache, ahead: VectorCache): VectorCache {
  return {
    get(key) {
      const own = file.get(key);
      if (own) return own;
      const v = ahead.get(key);
      if (v) file.set(key, v);
      return v;
    },
    set: (key, v) => file.set(key, v),
  };
}

export const MODEL_FILE = 'intent-model.bin';
/** Sentence vectors of the training phrases (see vectors.ts), beside the model. */
export const VECTORS_FILE = 'intent-vectors.bin';
/** What the last training left for the next (dual variables, calibration; see train-state.ts). */
export const TRAIN_STATE_FILE = 'intent-train-state.bin';

/**
 * Reads a cached model if it matches this engine, this knowledge base and the sentence encoder that
 * loads now; otherwise null.
 */
export function readCachedModel(kb: KnowledgeBase, cacheDir: string): Model | null {
  // The encoder is loaded first so the model's encoder hash can be checked (serialize.ts).
  getEncoder();
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(cacheDir, MODEL_FILE));
  } catch {
    return null;
  }
  const model = deserializeModel(bytes);
  if (!model || model.engineVersion !== ENGINE_VERSION || model.sourceHash !== trainingHash(kb)) return null;
  return model;
}

/**
 * Models trained at build time (scripts/build-default-model.ts: the shipped default knowledge base),
 * so a fresh install answers at once instead of training first. Used only when it matches this engine,
 * this knowledge base and this encoder, exactly like a cache entry; gitignored, rebuilt by every build.
 */
export const SHIPPED_MODEL_DIR = join(__dirname, 'data', 'prebuilt');

/**
 * Where the model of one language of a knowledge base is cached: the cache directory itself for the
 * default language (as before languages), a `lang/<code>` folder under it for each other language.
 */
export function languageDir(dir: string, kb: Pick<KnowledgeBase, 'settings'>, language: string): string {
  return language === kb.settings.language ? dir : join(dir, 'lang', language);
}

/** This cache's model, else the shipped one, when either matches (see readCachedModel); else null. */
export function readCachedOrShippedModel(kb: KnowledgeBase, cacheDir: string, shippedDir: string = SHIPPED_MODEL_DIR): Model | null {
  return readCachedModel(kb, cacheDir) ?? (cacheDir === shippedDir ? null : readCachedModel(kb, shippedDir));
}

/**
 * The cached (or shipped) model of `kb`, else a trained one written to the cache. `shippedDir` is
 * where the build put this model (languageDir of SHIPPED_MODEL_DIR for a language view).
 */
export function loadOrTrainModel(kb: KnowledgeBase, cacheDir: string, shippedDir: string = SHIPPED_MODEL_DIR, ahead?: VectorCache): { model: Model; fromCache: boolean } {
  const cached = readCachedOrShippedModel(kb, cacheDir, shippedDir);
  if (cached) return { model: cached, fromCache: true };
  // After an edit only the new phrases are embedded (the others come from the vector file), the SVM
  // starts from the last training's solution, and a small edit keeps its calibration.
  // A fresh install starts from what the build left beside the shipped model (when it did).
  const vectors = new FileVectorCache(join(cacheDir, VECTORS_FILE), join(shippedDir, VECTORS_FILE));
  const stateFile = join(cacheDir, TRAIN_STATE_FILE);
  // The shipped model itself always trains cold: a build's output must not depend on the last build.
  const previous = cacheDir === shippedDir ? null : (readTrainState(stateFile) ?? readTrainState(join(shippedDir, TRAIN_STATE_FILE)));
  const { model, state } = trainModelWithState(kb, ahead ? readThrough(vectors, ahead) : vectors, previous);
  vectors.save();
  writeTrainState(stateFile, state);
  const target = join(cacheDir, MODEL_FILE);
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    writeFileSync(tmp, serializeModel(model), { mode: 0o600 });
    renameSync(tmp, target);
  } catch {
    // A read-only or full disk only costs a retrain next start; the model in hand still works.
    try {
      rmSync(tmp, { force: true });
    } catch {
      /* nothing to clean */
    }
  }
  return { model, fromCache: false };
}
