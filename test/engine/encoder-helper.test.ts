/**
 * The publish worker's second threads (encoder/helper.ts: a second encoder session; svm.ts: a kept
 * SVM thread) on real parts: the shipped encoder, the real default knowledge base, real training.
 * What they must keep: the same vector bytes and the same model bytes as one thread, and work on
 * when the helper is gone.
 */
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { kbTrainingRows, loadDefaultKnowledgeBase, serializeModel, trainModelWithState, type Encoder } from '../../main/engine';
import { encoderHelperReady, getEncoder, startEncoderHelper, stopEncoderHelper } from '../../main/engine/encoder';
import { encoderText } from '../../main/engine/model';
import { startSvmHelper, stopSvmHelper } from '../../main/engine/svm';

function encoder(): Encoder {
  const e = getEncoder();
  if (!e) throw new Error('the shipped encoder did not load');
  return e;
}

async function helperReady(e: Encoder): Promise<void> {
  const t0 = Date.now();
  while (!encoderHelperReady(e)) {
    if (Date.now() - t0 > 20_000) throw new Error('the encoder helper did not load');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const bytes = (v: Float32Array): Buffer => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

afterAll(() => {
  stopEncoderHelper(getEncoder());
  stopSvmHelper();
});

describe('second encoder session and SVM thread', () => {
  const kb = loadDefaultKnowledgeBase();
  const texts = [...new Set(kbTrainingRows(kb).map((r) => encoderText(r.text)))];

  it('embeds a batch on two sessions with the bytes of one', async () => {
    const e = encoder();
    stopEncoderHelper(e);
    const alone = e.embed(texts);
    expect(startEncoderHelper(e)).toBe(true);
    await helperReady(e);
    const both = e.embed(texts);
    expect(both).toHaveLength(texts.length);
    const differ = texts.filter((_, i) => !bytes(both[i] as Float32Array).equals(bytes(alone[i] as Float32Array)));
    expect(differ).toEqual([]);
  });

  it('trains the same model bytes and training state with both helpers as on one thread', async () => {
    const e = encoder();
    stopEncoderHelper(e);
    stopSvmHelper();
    const one = trainModelWithState(kb);
    startEncoderHelper(e);
    expect(startSvmHelper()).toBe(true);
    await helperReady(e);
    const two = trainModelWithState(kb);
    expect(sha(serializeModel(two.model))).toBe(sha(serializeModel(one.model)));
    expect(sha(Buffer.from(two.state.alphas.buffer))).toBe(sha(Buffer.from(one.state.alphas.buffer)));
    expect(two.model.threshold).toBe(one.model.threshold);
  }, 120_000);

  it('embeds everything itself when the helper is gone, with the same bytes', async () => {
    const e = encoder();
    startEncoderHelper(e);
    await helperReady(e);
    const some = texts.slice(0, 40);
    const before = e.embed(some);
    stopEncoderHelper(e);
    expect(encoderHelperReady(e)).toBe(false);
    const after = e.embed(some);
    expect(after.every((v, i) => bytes(v).equals(bytes(before[i] as Float32Array)))).toBe(true);
  });
});
