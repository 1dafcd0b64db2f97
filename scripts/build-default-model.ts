/**
 * Build step (npm run build:main): trains the shipped default knowledge base's model once, into
 * main/engine/data/prebuilt/ (gitignored; copied into dist by copy-main-assets.mjs). A fresh install
 * then answers at once, and every test that starts a backend on the default knowledge base loads it
 * instead of training again. The app uses it only when it matches its engine, KB and encoder.
 */
import { chmodSync, rmSync } from 'node:fs';
import { loadDefaultKnowledgeBase, loadOrTrainModel } from '../main/engine';
import { SHIPPED_MODEL_DIR } from '../main/engine/cache';

const t0 = performance.now();
const kb = loadDefaultKnowledgeBase();
const { fromCache } = loadOrTrainModel(kb, SHIPPED_MODEL_DIR);
// Only the model ships: the phrase-vector cache is for incremental retraining on the device.
rmSync(`${SHIPPED_MODEL_DIR}/intent-vectors.bin`, { force: true });
// Part of the app, readable by whoever runs it (the model cache's 0600 is for the data folder).
chmodSync(SHIPPED_MODEL_DIR, 0o755);
chmodSync(`${SHIPPED_MODEL_DIR}/intent-model.bin`, 0o644);
process.stdout.write(`default model: ${fromCache ? 'up to date' : `trained in ${Math.round(performance.now() - t0)} ms`} (${SHIPPED_MODEL_DIR})\n`);
