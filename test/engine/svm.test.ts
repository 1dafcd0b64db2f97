import { describe, expect, it } from 'vitest';
import { loadEmbeddings } from '../../main/engine/embeddings';
import { Featurizer, DEFAULT_FEATURES } from '../../main/engine/features';
import { normalizeText } from '../../main/engine/normalize';
import { trainOvr, DEFAULT_SVM, PARALLEL_MIN_WORK } from '../../main/engine/svm';
import { kbTrainingRows } from '../../main/engine/train-kb';
import { loadDefaultKnowledgeBase } from '../../main/engine';

describe('svm and features', () => {
  it('gives identical weights on one thread and split across a worker thread', () => {
    // The knowledge base's rows five times over: big enough for the worker split to kick in.
    const base = kbTrainingRows(loadDefaultKnowledgeBase());
    const rows = [...base, ...base, ...base, ...base, ...base];
    const labels = [...new Set(rows.map((r) => r.intent))].sort();
    const ys = Int32Array.from(rows, (r) => labels.indexOf(r.intent));
    const { featurizer, matrix } = Featurizer.fit(rows.map((r) => normalizeText(r.text)), DEFAULT_FEATURES, true);
    const one = trainOvr(matrix, ys, labels.length, featurizer.size, { ...DEFAULT_SVM, threads: 1 });
    const two = trainOvr(matrix, ys, labels.length, featurizer.size, { ...DEFAULT_SVM, threads: 2 });
    expect(rows.length * labels.length).toBeGreaterThanOrEqual(PARALLEL_MIN_WORK);
    expect(Buffer.compare(Buffer.from(one.buffer), Buffer.from(two.buffer))).toBe(0);
  });

  it('ships word vectors that put related words closer than unrelated ones', () => {
    const emb = loadEmbeddings();
    expect(emb).not.toBeNull();
    const vec = (w: string): Float64Array => {
      const out = new Float64Array(emb!.dims);
      emb!.addUnit(emb!.row(w), 1, out);
      return out;
    };
    const cos = (a: Float64Array, b: Float64Array): number => a.reduce((s, v, i) => s + v * (b[i] as number), 0);
    expect(emb!.row('refund')).toBeGreaterThanOrEqual(0);
    expect(emb!.row('qwzxv')).toBe(-1);
    expect(cos(vec('refund'), vec('money'))).toBeGreaterThan(cos(vec('refund'), vec('giraffe')) + 0.1);
  });
});
