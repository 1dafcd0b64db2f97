/**
 * Build step (npm run build:main): trains the shipped default knowledge base's model once, into
 * main/engine/data/prebuilt/ (gitignored; copied into dist by copy-main-assets.mjs). A fresh install
 * then answers at once, and every test that starts a backend on the default knowledge base loads it
 * instead of training again. The app uses it only when it matches its engine, KB and encoder.
 */
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { kbForLanguage, kbLanguages, loadDefaultKnowledgeBase, loadOrTrainModel, FileVectorCache } from '../main/engine';
import { embedReportPhrases, PROBE_VECTORS_FILE } from '../main/knowledge/report';
import { languageDir, MODEL_FILE, SHIPPED_MODEL_DIR, TRAIN_STATE_FILE, VECTORS_FILE } from '../main/engine/cache';

const t0 = performance.now();
const kb = loadDefaultKnowledgeBase();
// One model per language (the default one in the folder itself, the others in lang/<code>).
const dirs = kbLanguages(kb).map((lang) => languageDir(SHIPPED_MODEL_DIR, kb, lang));
let fromCache = true;
for (const lang of kbLanguages(kb)) {
  const dir = languageDir(SHIPPED_MODEL_DIR, kb, lang);
  fromCache = loadOrTrainModel(kbForLanguage(kb, lang), dir, dir).fromCache && fromCache;
}
// The publish report's phrases (the default KB's test phrases as its model reads them) ship too:
// a fresh install's first publish then embeds only what the owner changed.
const probes = new FileVectorCache(join(SHIPPED_MODEL_DIR, PROBE_VECTORS_FILE));
embedReportPhrases(kb, loadOrTrainModel(kb, SHIPPED_MODEL_DIR).model, probes);
probes.save();
// The model, its training state and the default phrases' vectors ship: a fresh install answers at
// once, and the owner's first edit retrains from them (only the new phrases are embedded, the SVM
// starts from the shipped solution) instead of embedding all of the default knowledge base again.
// Part of the app, readable by whoever runs it (the model cache's 0600 is for the data folder).
for (const dir of dirs) {
  chmodSync(dir, 0o755);
  for (const file of [MODEL_FILE, TRAIN_STATE_FILE, VECTORS_FILE, PROBE_VECTORS_FILE]) {
    if (existsSync(`${dir}/${file}`)) chmodSync(`${dir}/${file}`, 0o644);
  }
}
if (existsSync(`${SHIPPED_MODEL_DIR}/lang`)) chmodSync(`${SHIPPED_MODEL_DIR}/lang`, 0o755);
process.stdout.write(`default models (${kbLanguages(kb).join(', ')}): ${fromCache ? 'up to date' : `trained in ${Math.round(performance.now() - t0)} ms`} (${SHIPPED_MODEL_DIR})\n`);
