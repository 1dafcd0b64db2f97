import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ENGINE_VERSION, FileVectorCache, kbTrainingRows, loadDefaultKnowledgeBase, loadKnowledgeBase, loadOrTrainModel, predict, serializeModel, trainModelWithState, TRAIN_STATE_FILE } from '../../main/engine';
import { Featurizer, DEFAULT_FEATURES } from '../../main/engine/features';
import { DEFAULT_SVM, trainOvr } from '../../main/engine/svm';
import { calibrationReusable, changedRows, pickedWeightReusable, deserializeTrainState, EDITED_SHARE, readTrainState, rowKey, rowKeys, serializeTrainState, warmStartFrom, type TrainState } from '../../main/engine/train-state';
import { smallKb } from './helpers';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'hd-train-state-'));
  dirs.push(d);
  return d;
}

const calibration = { scale: 5, threshold: 0.41, sim: 0.4, margin: 0.2, editedSince: 0 };

function stateOf(rows: { text: string; intent: string }[], labels: string[], alphas: number[]): TrainState {
  return { engineVersion: ENGINE_VERSION, config: 'cfg', labels, rowKeys: rowKeys(rows), alphas: Float32Array.from(alphas), calibration, picked: { weight: 0.5, editedSince: 3 } };
}

describe('training state: warm start', () => {
  const rows = [
    { text: 'When do you open?', intent: 'hours' },
    { text: 'where is the shop', intent: 'location' },
  ];
  const prev = stateOf(rows, ['hours', 'location'], [0.5, 0.25, 0, 0.75]);

  it('matches rows by intent and normalised text, and a changed or moved phrase starts from zero', () => {
    // Same phrase in other case and spacing: same row. A new phrase, and a phrase moved to another
    // intent (its old dual variables describe the other label), start cold.
    const next = [
      { text: 'where is the shop', intent: 'location' },
      { text: 'when do you   open', intent: 'hours' },
      { text: 'where is the car park', intent: 'location' },
      { text: 'where is the shop', intent: 'hours' },
    ];
    const init = warmStartFrom(prev, rowKeys(next), ['hours', 'location']);
    expect(Array.from(init ?? [])).toEqual([0, 0.75, 0.5, 0.25, 0, 0, 0, 0]);
    expect(rowKey('hours', 'When do you open?')).toBe(rowKey('hours', 'when do you open'));
    expect(rowKey('hours', 'when do you open')).not.toBe(rowKey('location', 'when do you open'));
  });

  it('maps labels by name: a new intent starts from zero, a removed one is dropped', () => {
    const init = warmStartFrom(prev, rowKeys(rows), ['delivery', 'hours']);
    expect(Array.from(init ?? [])).toEqual([0, 0.5, 0, 0]);
  });

  it('ignores a state from another engine version', () => {
    expect(warmStartFrom({ ...prev, engineVersion: 'hushdesk-engine/0' }, rowKeys(rows), ['hours', 'location'])).toBeNull();
  });

  it('reaches the cold optimum from a warm start (the SVM problem is strictly convex)', () => {
    const texts = ['open on sunday', 'opening hours today', 'when do you close', 'where is the shop', 'shop address', 'how do i find you', 'track my order', 'where is my parcel', 'order status please'];
    const ys = Int32Array.from([0, 0, 0, 1, 1, 1, 2, 2, 2]);
    const { featurizer, matrix } = Featurizer.fit(texts, { ...DEFAULT_FEATURES, embedWeight: 0 });
    let alphas: Float32Array = new Float32Array(0);
    const tight = { ...DEFAULT_SVM, eps: 1e-4, maxIter: 2000 };
    const cold = trainOvr(matrix, ys, 3, featurizer.size, tight, { onAlphas: (a) => (alphas = a) });
    expect(alphas.length).toBe(texts.length * 3);
    expect(alphas.every((a) => a >= 0)).toBe(true);
    // Start from a perturbed solution: it must come back to the same weights.
    const start = alphas.map((a, i) => a * (i % 2 ? 1.5 : 0.5));
    const warm = trainOvr(matrix, ys, 3, featurizer.size, tight, { init: start });
    const diff = Math.max(...Array.from(cold, (w, i) => Math.abs(w - (warm[i] as number))));
    expect(diff).toBeLessThan(1e-2);
    expect(Math.max(...Array.from(cold, Math.abs))).toBeGreaterThan(0.1);
  });
});

describe('training state: calibration reuse', () => {
  const rows = Array.from({ length: 400 }, (_, i) => ({ text: `phrase number ${i}`, intent: i % 2 ? 'a' : 'b' }));
  const keys = rowKeys(rows);
  const prev: TrainState = { engineVersion: ENGINE_VERSION, config: 'cfg', labels: ['a', 'b'], rowKeys: keys, alphas: new Float32Array(800), calibration, picked: null };

  it('keeps a large set\'s picked encoder weight after a small edit, counting the edits, and picks again after a big one or none', () => {
    const withPick: TrainState = { ...prev, picked: { weight: 0.5, editedSince: 2 } };
    const edited = [...keys.slice(1), rowKey('a', 'a brand new phrase')];
    expect(pickedWeightReusable(withPick, edited)).toEqual({ weight: 0.5, editedSince: 4 });
    expect(pickedWeightReusable(withPick, keys.slice(50))).toBeNull();
    expect(pickedWeightReusable(prev, edited)).toBeNull();
    expect(pickedWeightReusable({ ...withPick, engineVersion: 'hushdesk-engine/0' }, edited)).toBeNull();
  });

  it('keeps the calibration after a small edit and counts the rows changed since it was fitted', () => {
    const edited = [...keys.slice(1), rowKey('a', 'a brand new phrase')];
    expect(changedRows(keys, edited)).toBe(2);
    expect(calibrationReusable(prev, 'cfg', edited, ['a', 'b'])).toEqual({ calibration, editedSince: 2 });
  });

  it('refits when the intents, the configuration or the engine changed, or when edits add up', () => {
    expect(calibrationReusable(prev, 'cfg', keys, ['a', 'b', 'c'])).toBeNull();
    expect(calibrationReusable(prev, 'other threshold option', keys, ['a', 'b'])).toBeNull();
    expect(calibrationReusable({ ...prev, engineVersion: 'hushdesk-engine/0' }, 'cfg', keys, ['a', 'b'])).toBeNull();
    expect(calibrationReusable({ ...prev, calibration: null }, 'cfg', keys, ['a', 'b'])).toBeNull();
    const limit = Math.floor(EDITED_SHARE * keys.length);
    expect(calibrationReusable({ ...prev, calibration: { ...calibration, editedSince: limit - 2 } }, 'cfg', [...keys.slice(1), 'x'], ['a', 'b'])).not.toBeNull();
    expect(calibrationReusable({ ...prev, calibration: { ...calibration, editedSince: limit - 1 } }, 'cfg', [...keys.slice(1), 'x'], ['a', 'b'])).toBeNull();
  });
});

describe('training state: file', () => {
  const rows = [
    { text: 'when do you open', intent: 'hours' },
    { text: 'where is the shop', intent: 'location' },
  ];
  const s = stateOf(rows, ['hours', 'location'], [0.5, 0, 0, 0.75]);

  it('round-trips, and refuses damaged, foreign or other-engine files', () => {
    const bytes = serializeTrainState(s);
    expect(deserializeTrainState(bytes)).toEqual(s);
    expect(deserializeTrainState(bytes.subarray(0, bytes.length - 1))).toBeNull();
    expect(deserializeTrainState(Buffer.from('HDM1 not a state'))).toBeNull();
    const negative = Buffer.from(bytes);
    negative.writeFloatLE(-1, negative.length - 4);
    expect(deserializeTrainState(negative)).toBeNull();
    const dir = tempDir();
    const file = join(dir, TRAIN_STATE_FILE);
    writeFileSync(file, serializeTrainState({ ...s, engineVersion: 'hushdesk-engine/0' }));
    expect(readTrainState(file)).toBeNull();
    writeFileSync(file, bytes);
    expect(readTrainState(file)).toEqual(s);
  });
});

describe('retraining after an edit (default knowledge base)', () => {
  it('starts from the last training, keeps the auto threshold after a small edit, answers the new phrase, and refits after a big one', () => {
    const kb = loadDefaultKnowledgeBase();
    expect(kb.settings.confidenceThreshold).toBe('auto');
    const vectors = new FileVectorCache();
    const cold = trainModelWithState(kb, vectors);
    expect(cold.state.calibration?.editedSince).toBe(0);
    // Cold training stays deterministic: no previous state, same bytes.
    expect(serializeModel(trainModelWithState(kb, vectors).model).equals(serializeModel(cold.model))).toBe(true);

    const data = JSON.parse(readFileSync(join(__dirname, '..', '..', 'main', 'kb', 'default-kb.json'), 'utf8')) as { intents: { id: string; examples: string[] }[] };
    const target = data.intents[0] as { id: string; examples: string[] };
    target.examples.push('is the shop open on bank holiday mondays');
    const edited = loadKnowledgeBase(JSON.stringify(data), 'edited.json');
    const warm = trainModelWithState(edited, vectors, cold.state);
    expect(warm.model.threshold).toBe(cold.model.threshold);
    expect(warm.model.scale).toBe(cold.model.scale);
    expect(warm.model.nearest?.threshold).toBe(cold.model.nearest?.threshold);
    expect(warm.state.calibration?.editedSince).toBe(1);
    expect(predict(warm.model, 'is the shop open on bank holiday mondays').intent).toBe(target.id);
    // The warm model answers the knowledge base's own tests as the cold one of the same draft does.
    const coldEdited = trainModelWithState(edited, vectors);
    const tests = edited.intents.flatMap((it) => it.tests);
    const agree = tests.filter((t) => predict(warm.model, t).intent === predict(coldEdited.model, t).intent).length;
    // Measured 337 of 344 (97.97 %) with MPNet and the background out-of-scope phrases; a warm start
    // that kept stale weights disagrees on far more (the calibration test below refits instead).
    expect(agree / tests.length).toBeGreaterThanOrEqual(0.97);

    // Many new phrases (more than the share that keeps the calibration): the folds run again.
    // (the rows the training read: the knowledge base's, then the background out-of-scope phrases)
    const rows = warm.state.rowKeys.length;
    for (let i = 0; i < Math.ceil(EDITED_SHARE * rows) + 1; i++) target.examples.push(`opening question variant ${i} please`);
    const big = trainModelWithState(loadKnowledgeBase(JSON.stringify(data), 'edited.json'), vectors, warm.state);
    expect(big.state.calibration?.editedSince).toBe(0);
  });

  it('loadOrTrainModel writes the state beside the model and a retrain after an edit uses it', () => {
    const dir = tempDir();
    const auto = (): ReturnType<typeof smallKb> => {
      const k = smallKb();
      (k.settings as Record<string, unknown>).confidenceThreshold = 'auto';
      return k;
    };
    const kb = loadKnowledgeBase(JSON.stringify(auto()), 'small.json');
    loadOrTrainModel(kb, dir);
    const first = readTrainState(join(dir, TRAIN_STATE_FILE));
    expect(first?.rowKeys.slice(0, kbTrainingRows(kb).length)).toEqual(rowKeys(kbTrainingRows(kb)));
    const changed = auto();
    changed.intents[0]!.examples = [...(changed.intents[0]!.examples as string[]), 'how much is left on my gift card'];
    const kb2 = loadKnowledgeBase(JSON.stringify(changed), 'small.json');
    loadOrTrainModel(kb2, dir);
    const second = readTrainState(join(dir, TRAIN_STATE_FILE));
    expect(second?.rowKeys.slice(0, kbTrainingRows(kb2).length)).toEqual(rowKeys(kbTrainingRows(kb2)));
    expect(second?.calibration?.editedSince).toBe(1);
    // A damaged state file is ignored: the next training is cold (its calibration fitted afresh).
    writeFileSync(join(dir, TRAIN_STATE_FILE), 'HDS1 damaged');
    changed.intents[1]!.examples = [...(changed.intents[1]!.examples as string[]), 'my gift card has gone missing'];
    loadOrTrainModel(loadKnowledgeBase(JSON.stringify(changed), 'small.json'), dir);
    expect(readTrainState(join(dir, TRAIN_STATE_FILE))?.calibration?.editedSince).toBe(0);
  });
});

describe('phrase vectors seeded from a shipped file', () => {
  it('reads the seed, writes only its own file, and its own vectors win', () => {
    const dir = tempDir();
    const seedFile = join(dir, 'seed.bin');
    const own = join(dir, 'own.bin');
    const seed = new FileVectorCache(seedFile);
    seed.set('a'.repeat(64), Float32Array.from([1, 0]));
    seed.set('b'.repeat(64), Float32Array.from([0, 1]));
    seed.save();
    const first = new FileVectorCache(own, seedFile);
    expect(Array.from(first.get('a'.repeat(64)) ?? [])).toEqual([1, 0]);
    first.set('b'.repeat(64), Float32Array.from([0.5, 0.5]));
    first.save();
    const seedBytes = readFileSync(seedFile);
    const again = new FileVectorCache(own, seedFile);
    expect(Array.from(again.get('b'.repeat(64)) ?? [])).toEqual([0.5, 0.5]);
    expect(readFileSync(seedFile).equals(seedBytes)).toBe(true);
  });
});
