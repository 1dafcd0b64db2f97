/**
 * Build step (npm run build:main): trains the shipped default knowledge base's model once, into
 * main/engine/data/prebuilt/ (gitignored; copied into dist by copy-main-assets.mjs). A fresh install
 * then answers at once, and every test that starts a backend on the default knowledge base loads it
 * instead of training again. The app uses it only when it matches its engine, KB and encoder.
 */
import { chmodSync, existsSync } from 'node:fs';
import { loadDefaultKnowledgeBase, loadOrTrainModel } from '../main/engine';
import { MODEL_FILE, SHIPPED_MODEL_DIR, TRAIN_STATE_FILE, VECTORS_FILE } from '../main/engine/cache';

const t0 = performance.now();
const kb = loadDefaultKnowledgeBase();
const { fromCache } = loadOrTrainModel(kb, SHIPPED_MODEL_DIR);
// The model, its training state and the default phrases' vectors ship: a fresh install answers at
// once, and the owner's first edit retrains from them (only the new phrases are embedded, the SVM
// starts from the shipped solution) instead of embedding all of the default knowledge base again.
// Part of the app, readable by whoever runs it (the model cache's 0600 is for the data folder).
chmodSync(SHIPPED_MODEL_DIR, 0o755);
for (const file of [MODEL_FILE, TRAIN_STATE_FILE, VECTORS_FILE]) {
  if (existsSync(`${SHIPPED_MODEL_DIR}/${file}`)) chmodSync(`${SHIPPED_MODEL_DIR}/${file}`, 0o644);
}
process.stdout.write(`default model: ${fromCache ? 'up to date' : `trained in ${Math.round(performance.now() - t0)} ms`} (${SHIPPED_MODEL_DIR})\n`);
