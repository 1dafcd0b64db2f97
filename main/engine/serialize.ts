/**
 * Model bytes: "HDM1", a little-endian u32 header length, a JSON header, then the typed arrays
 * (each padded to 4 bytes). Same model -> same bytes, so a test can compare two trainings directly.
 */
import { loadEmbeddings } from './embeddings';
import { Featurizer } from './features';
import { currentEncoderHash } from './encoder';
import { ENGINE_VERSION, warm, type Model } from './model';

const MAGIC = 'HDM1';

interface Header {
  engineVersion: string;
  sourceHash: string;
  labels: string[];
  oosIndex: number;
  bias: number;
  scale: number;
  threshold: number;
  negativeMargin: number;
  features: ReturnType<Featurizer['state']>['options'];
  words: string[];
  embedDims: number;
  /** Hash of the word-vector file the model was trained with ('' when none). */
  embeddingsHash: string;
  exact: [string, number][];
  entities: Model['entities'];
  /** The sentence encoder the model was trained with (null: none). */
  encoder: { hash: string; dims: number; weight: number } | null;
  /** Cosine threshold of the nearest-example gate (null: no gate). */
  nearest: { threshold: number } | null;
  sizes: { hashes: number; charFlags: number; idf: number; weights: number; embedMean: number; embedProj: number; encMean: number; nearestVecs: number; nearestLabels: number };
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}

export function serializeModel(model: Model): Buffer {
  const st = model.featurizer.state();
  const header: Header = {
    engineVersion: model.engineVersion,
    sourceHash: model.sourceHash,
    labels: model.labels,
    oosIndex: model.oosIndex,
    bias: model.bias,
    scale: model.scale,
    threshold: model.threshold,
    negativeMargin: model.negativeMargin,
    features: st.options,
    words: st.words,
    embedDims: st.embedDims,
    embeddingsHash: st.embedDims > 0 ? (loadEmbeddings()?.hash ?? '') : '',
    exact: [...model.exact.entries()],
    entities: model.entities,
    encoder: model.enc ? { hash: model.enc.hash, dims: model.enc.dims, weight: model.enc.weight } : null,
    nearest: model.nearest ? { threshold: model.nearest.threshold } : null,
    sizes: { hashes: st.hashes.length, charFlags: st.charFlags.length, idf: st.idf.length, weights: model.weights.length, embedMean: st.embedMean.length, embedProj: st.embedProj.length, encMean: model.enc ? model.enc.mean.length : 0, nearestVecs: model.nearest ? model.nearest.vecs.length : 0, nearestLabels: model.nearest ? model.nearest.labels.length : 0 },
  };
  const head = Buffer.from(JSON.stringify(header), 'utf8');
  const parts: Uint8Array[] = [
    new Uint8Array(st.hashes.buffer, st.hashes.byteOffset, st.hashes.byteLength),
    new Uint8Array(st.charFlags.buffer, st.charFlags.byteOffset, st.charFlags.byteLength),
    new Uint8Array(st.idf.buffer, st.idf.byteOffset, st.idf.byteLength),
    new Uint8Array(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength),
    new Uint8Array(st.embedMean.buffer, st.embedMean.byteOffset, st.embedMean.byteLength),
    new Uint8Array(st.embedProj.buffer, st.embedProj.byteOffset, st.embedProj.byteLength),
    ...(model.enc ? [new Uint8Array(model.enc.mean.buffer, model.enc.mean.byteOffset, model.enc.mean.byteLength)] : []),
    ...(model.nearest
      ? [
          new Uint8Array(model.nearest.vecs.buffer, model.nearest.vecs.byteOffset, model.nearest.vecs.byteLength),
          new Uint8Array(model.nearest.labels.buffer, model.nearest.labels.byteOffset, model.nearest.labels.byteLength),
        ]
      : []),
  ];
  let total = 8 + pad4(head.length);
  for (const p of parts) total += pad4(p.byteLength);
  const out = Buffer.alloc(total);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(head.length, 4);
  head.copy(out, 8);
  let off = 8 + pad4(head.length);
  for (const p of parts) {
    out.set(p, off);
    off += pad4(p.byteLength);
  }
  return out;
}

/** Reads model bytes; returns null when they are not a model of this engine version (or damaged). */
export function deserializeModel(bytes: Uint8Array): Model | null {
  try {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (buf.length < 8 || buf.toString('latin1', 0, 4) !== MAGIC) return null;
    const headLen = buf.readUInt32LE(4);
    if (8 + headLen > buf.length) return null;
    const header = JSON.parse(buf.toString('utf8', 8, 8 + headLen)) as Header;
    if (header.engineVersion !== ENGINE_VERSION) return null;
    // Trained with other word vectors than the ones shipped now: the features would not match.
    if (header.embedDims > 0 && (loadEmbeddings()?.hash ?? '') !== header.embeddingsHash) return null;
    // Trained with a sentence encoder that is not the one loaded now (or none is): retrain.
    if (header.encoder && currentEncoderHash() !== header.encoder.hash) return null;
    // Copy into a fresh, aligned buffer so typed-array views are valid whatever the source offset.
    const body = new Uint8Array(buf.length - (8 + pad4(headLen)));
    body.set(buf.subarray(8 + pad4(headLen)));
    let off = 0;
    const take = <T>(n: number, bytesPer: number, make: (b: ArrayBuffer, o: number, n: number) => T): T => {
      if (off + n * bytesPer > body.byteLength) throw new Error('truncated model');
      const v = make(body.buffer, off, n);
      off += pad4(n * bytesPer);
      return v;
    };
    const s = header.sizes;
    const hashes = take(s.hashes, 4, (b, o, n) => new Int32Array(b, o, n));
    const charFlags = take(s.charFlags, 1, (b, o, n) => new Uint8Array(b, o, n));
    const idf = take(s.idf, 4, (b, o, n) => new Float32Array(b, o, n));
    const weights = take(s.weights, 4, (b, o, n) => new Float32Array(b, o, n));
    const embedMean = take(s.embedMean, 4, (b, o, n) => new Float32Array(b, o, n));
    const encDims = header.encoder ? header.encoder.dims : 0;
    if (weights.length !== (hashes.length + header.embedDims + encDims + 1) * header.labels.length) return null;
    const embedProj = take(s.embedProj, 4, (b, o, n) => new Float32Array(b, o, n));
    // Centring works on the word vectors' own dimensions; the projection maps them to embedDims.
    if (embedProj.length === 0 ? embedMean.length !== header.embedDims : embedProj.length !== header.embedDims * embedMean.length) return null;
    const encMean = take(s.encMean ?? 0, 4, (b, o, n) => new Float32Array(b, o, n));
    if (encMean.length !== encDims) return null;
    const nearestVecs = take(s.nearestVecs ?? 0, 4, (b, o, n) => new Float32Array(b, o, n));
    const nearestLabels = take(s.nearestLabels ?? 0, 4, (b, o, n) => new Int32Array(b, o, n));
    // The margin is a probability difference: a missing or other value is not a model of this engine.
    if (!(typeof header.negativeMargin === 'number' && header.negativeMargin >= 0 && header.negativeMargin <= 1)) return null;
    if (header.nearest && (encDims === 0 || nearestVecs.length !== nearestLabels.length * encDims)) return null;
    return warm({
      engineVersion: header.engineVersion,
      sourceHash: header.sourceHash,
      labels: header.labels,
      oosIndex: header.oosIndex,
      featurizer: Featurizer.restore({ options: header.features, hashes, charFlags, idf, words: header.words, embedDims: header.embedDims, embedMean, embedProj }),
      weights,
      bias: header.bias,
      scale: header.scale,
      threshold: header.threshold,
      negativeMargin: header.negativeMargin,
      exact: new Map(header.exact),
      entities: header.entities ?? [],
      enc: header.encoder ? { hash: header.encoder.hash, dims: encDims, weight: header.encoder.weight, mean: encMean } : null,
      nearest: header.nearest ? { vecs: nearestVecs, labels: nearestLabels, threshold: header.nearest.threshold } : null,
    });
  } catch {
    return null;
  }
}
