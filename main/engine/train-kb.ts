/** Turns a validated knowledge base into training rows and trains its model. */
import { createHash } from 'node:crypto';
import type { KnowledgeBase } from './kb';
import { trainRowsWithState, type Model, type TrainingRow } from './model';
import type { TrainState } from './train-state';
import type { VectorCache } from './vectors';

/**
 * How a language's model is trained, where it differs from English. Spanish leaves out the English
 * word vectors (GloVe) and the English sentence encoder: measured on the default KB's Spanish tests,
 * see README "Spanish"; its meaning comes from its own examples (stems, character n-grams, spelling).
 */
export const LANGUAGE_TRAINING: Record<string, { encoder: boolean; wordVectors: boolean }> = {
  en: { encoder: true, wordVectors: true },
  es: { encoder: false, wordVectors: false },
};

/** Label of the negative class trained from `outOfScopeExamples` (never answered). */
export const OOS_LABEL = '__out_of_scope__';

export function kbTrainingRows(kb: KnowledgeBase): TrainingRow[] {
  const rows: TrainingRow[] = [];
  for (const it of kb.intents) {
    // The title is a natural short phrase too ("Opening hours"), and it is what suggestion chips show.
    rows.push({ text: it.title, intent: it.id });
    for (const ex of it.examples) {
      // An example written as a comma-separated keyword list ("toilet, loo, restroom") trains each
      // keyword as its own short phrase, so a one-word question matches it at full strength.
      const parts = ex.includes(',') ? ex.split(',').map((p) => p.trim()).filter((p) => p.length > 0) : [ex];
      for (const part of parts) rows.push({ text: part, intent: it.id });
    }
  }
  for (const ex of kb.outOfScopeExamples) rows.push({ text: ex, intent: OOS_LABEL });
  return rows;
}

/** Trains the knowledge base's model (with the shipped sentence encoder when it loads). */
export function trainModel(kb: KnowledgeBase, vectorCache?: VectorCache): Model {
  return trainModelWithState(kb, vectorCache).model;
}

/**
 * trainModel, starting from what the training of an earlier version left (`previous`, see
 * train-state.ts), and the state this one leaves for the next.
 */
export function trainModelWithState(kb: KnowledgeBase, vectorCache?: VectorCache, previous: TrainState | null = null): { model: Model; state: TrainState } {
  return trainRowsWithState(kbTrainingRows(kb), { previous, vectorCache, ...trainingInputs(kb), sourceHash: trainingHash(kb) });
}

/** Everything of `kb` the training reads besides its rows (kbTrainingRows). */
function trainingInputs(kb: KnowledgeBase) {
  return {
    // Always named: a knowledge base without out-of-scope examples still gets the background ones
    // (English; model.ts withBackground), and with neither the class simply has no rows.
    oosLabel: OOS_LABEL,
    threshold: kb.settings.confidenceThreshold,
    calibrate: true,
    entities: kb.entities,
    ...languageOptions(kb.settings.language),
  };
}

const trainingHashes = new WeakMap<KnowledgeBase, string>();

/**
 * The hash of what the model is trained from: the training rows and the other inputs above, nothing
 * else. It keys the model (cache and shipped) instead of the whole file's hash, so an edit the model
 * never reads (an answer's wording, a quick reply, a slot prompt, a test phrase, another language's
 * words) publishes the very same model: no retraining, and no answer can change because of it.
 */
export function trainingHash(kb: KnowledgeBase): string {
  let h = trainingHashes.get(kb);
  if (h === undefined) {
    h = createHash('sha256').update(JSON.stringify({ rows: kbTrainingRows(kb), ...trainingInputs(kb) })).digest('hex');
    trainingHashes.set(kb, h);
  }
  return h;
}

/** The training options of one language (English: the defaults, as before languages). */
export function languageOptions(language: string): { features?: { language: string; embedWeight?: number }; encoder?: null } {
  if (language === 'en') return {};
  const t = LANGUAGE_TRAINING[language] ?? { encoder: false, wordVectors: false };
  return { features: { language, ...(t.wordVectors ? {} : { embedWeight: 0 }) }, ...(t.encoder ? {} : { encoder: null }) };
}
