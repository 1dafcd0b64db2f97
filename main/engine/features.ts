/**
 * Features: word unigrams and bigrams plus character n-grams taken inside word boundaries, weighted
 * by sublinear TF-IDF and L2-normalised per group (words, characters) before the groups are joined.
 * Character n-grams make typos and word forms ("refunded" / "refund") overlap; words keep meaning.
 *
 * Terms are identified by a 31-bit FNV-1a hash computed straight from character codes, so extracting
 * ~170 n-grams per sentence allocates no strings (this is most of the training time otherwise).
 * Collisions among ~10^5 terms in 2^31 are a handful and harmless for a linear model.
 */
import { loadEmbeddings, type Embeddings } from './embeddings';
import { SpellIndex } from './spell';
import { tokens } from './normalize';

export interface FeatureOptions {
  /** Shortest and longest character n-gram (the word is padded with boundary marks first). */
  charMin: number;
  charMax: number;
  /** Relative weight of the character group against the word group. */
  charWeight: number;
  /** Correct unknown words to the closest known word at classification time. */
  spelling: boolean;
  /**
   * Weight of the sentence vector (IDF-weighted mean of unit word vectors, L2-normalised) appended
   * after the sparse features; 0 leaves it out. Carries meaning that no shared n-gram shows.
   */
  embedWeight: number;
  /** Keep only terms that occur in at least this many training texts. */
  minDf: number;
  /**
   * Project the sentence vector onto its this many leading principal directions on the training
   * texts (0: keep every dimension). Fewer dense dimensions make each SVM step cheaper.
   */
  embedPca: number;
  /** How training and classification texts were normalised (normalizeText's language; absent: 'en'). */
  language?: string;
}

export const DEFAULT_FEATURES: FeatureOptions = { charMin: 2, charMax: 5, charWeight: 1, spelling: true, embedWeight: 1, minDf: 1, embedPca: 0 };

/** A sparse vector: sorted feature indices with their values. */
export interface SparseVec {
  idx: Int32Array;
  val: Float32Array;
}

/** Serialisable state of a fitted featurizer. */
export interface FeaturizerState {
  options: FeatureOptions;
  /** Term hashes in feature-index order. */
  hashes: Int32Array;
  /** 1 where the term is a character n-gram (normalised as its own group). */
  charFlags: Uint8Array;
  idf: Float32Array;
  /** Known words, most frequent first (for spelling correction). */
  words: string[];
  /** Dimensions of the appended sentence vector (0: none); they follow the sparse features. */
  embedDims: number;
  /** embedDims x (word-vector dims) projection applied after centring, or empty for none. */
  embedProj: Float32Array;
  /**
   * Mean training sentence vector (one value per word-vector dimension), subtracted from every
   * sentence vector before any projection. Word vectors share a large common direction (the mean's norm is ~0.9 on banking77): uncentred, it
   * acts as a second, correlated bias feature and slows the SVM's coordinate descent.
   */
  embedMean: Float32Array;
}

const FNV_PRIME = 16777619;
const WORD_SEED = 2166136261 | 0;
const BIGRAM_SALT = 0x5bd1e995;
const CHAR_SEED = 0x811c9dc5 ^ 0x2545f491;

function hashWord(w: string): number {
  let h = WORD_SEED;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), FNV_PRIME);
  return h;
}

// Words and bigrams use keys below 2^30, character n-grams keys from 2^30 up, so a key says its group.
const wordKey = (h: number): number => h & 0x3fffffff;
const charKey = (h: number): number => (h & 0x3fffffff) | 0x40000000;
export const isCharKey = (k: number): boolean => k >= 0x40000000;

/** Scratch buffer for the keys of one text (reused: extraction allocates nothing per n-gram). */
let scratch = new Int32Array(4096);

/** Writes the term keys of one text into `scratch` (unsorted, with repeats) and returns how many. */
function termKeys(wordToks: readonly string[], charToks: readonly string[], o: FeatureOptions): number {
  let n = 0;
  const push = (k: number): void => {
    if (n === scratch.length) {
      const bigger = new Int32Array(scratch.length * 2);
      bigger.set(scratch);
      scratch = bigger;
    }
    scratch[n++] = k;
  };
  let prev = 0;
  for (let i = 0; i < wordToks.length; i++) {
    const h = hashWord(wordToks[i] as string);
    push(wordKey(h));
    if (i > 0) push(wordKey(Math.imul(prev ^ BIGRAM_SALT, FNV_PRIME) ^ h));
    prev = h;
  }
  for (const t of charToks) {
    const len = t.length + 2;
    for (let i = 0; i < len; i++) {
      let h = CHAR_SEED;
      for (let j = i; j < len && j - i < o.charMax; j++) {
        const code = j === 0 ? 60 : j === len - 1 ? 62 : t.charCodeAt(j - 1);
        h = Math.imul(h ^ code, FNV_PRIME);
        const len2 = j - i + 1;
        if (len2 >= o.charMin) push(charKey(h ^ Math.imul(len2, 0x9e3779b1)));
      }
    }
  }
  return n;
}

/** Unique keys of the last counted text and their counts (reused buffers, ascending key order). */
let uKeys = new Int32Array(1024);
let uCounts = new Uint16Array(1024);

/** Counts the terms of one text into uKeys/uCounts; returns how many distinct terms. */
function countTerms(wordToks: readonly string[], charToks: readonly string[], o: FeatureOptions): number {
  const n = termKeys(wordToks, charToks, o);
  if (uKeys.length < n) {
    uKeys = new Int32Array(scratch.length);
    uCounts = new Uint16Array(scratch.length);
  }
  const sorted = scratch.subarray(0, n).sort();
  let u = 0;
  for (let i = 0; i < n; i++) {
    const k = sorted[i] as number;
    if (u > 0 && uKeys[u - 1] === k) uCounts[u - 1] = Math.min(65535, (uCounts[u - 1] as number) + 1);
    else {
      uKeys[u] = k;
      uCounts[u] = 1;
      u++;
    }
  }
  return u;
}

/**
 * Training vectors: the sparse terms as one compressed-sparse-row block (row i is idx/val[ptr[i] ..
 * ptr[i+1])), the sentence vectors as one dense block (row i is dense[i*denseDims ..], features
 * denseBase ..). Dense values need no index: 4 bytes per value instead of 8, and a faster loop.
 */
export interface SparseMatrix {
  ptr: Int32Array;
  idx: Int32Array;
  val: Float32Array;
  dense: Float32Array;
  denseDims: number;
  denseBase: number;
}

/** Feature indices and raw weights of the text being vectorised (reused). */
let vIdx = new Int32Array(1024);
let vVal = new Float64Array(1024);

export class Featurizer {
  readonly options: FeatureOptions;
  private readonly index: Map<number, number>;
  private st: FeaturizerState;
  private readonly wordSet: Set<string>;
  private spell: SpellIndex | null = null;
  private readonly emb: Embeddings | null;
  private readonly maxIdf: number;

  private constructor(state: FeaturizerState) {
    this.options = state.options;
    this.st = state;
    this.index = new Map();
    state.hashes.forEach((h, i) => this.index.set(h, i));
    this.wordSet = new Set(state.words);
    // Built now rather than on the first message, so that message is not the slow one.
    if (state.options.spelling) this.spell = new SpellIndex(state.words);
    const emb = state.embedDims > 0 ? loadEmbeddings() : null;
    // A model trained with vectors of another size cannot use these (the cache hash prevents it).
    const rawDims = state.embedProj.length > 0 ? state.embedProj.length / state.embedDims : state.embedDims;
    this.emb = emb && emb.dims === rawDims ? emb : null;
    let maxIdf = 1;
    for (const v of state.idf) if (v > maxIdf) maxIdf = v;
    this.maxIdf = maxIdf;
  }

  /** Number of features: sparse terms, then the sentence-vector dimensions. */
  get size(): number {
    return this.st.hashes.length + this.st.embedDims;
  }

  /**
   * Learns the vocabulary and IDF from normalised training texts and returns the training vectors
   * too (computed from the same counts, so each text is read once). Deterministic: first-seen order.
   */
  static fit(texts: readonly string[], options: FeatureOptions = DEFAULT_FEATURES, shared = false): { featurizer: Featurizer; matrix: SparseMatrix } {
    // Two passes over the texts (count terms for the vocabulary, then count again to vectorise)
    // instead of keeping every text's term counts in between: on banking77 that is ~1.7M terms,
    // and recounting (~0.3 s) is cheaper than holding them at the peak of training memory.
    const df = new Map<number, number>();
    const wordFreq = new Map<string, number>();
    for (const text of texts) {
      const toks = tokens(text);
      for (const t of toks) wordFreq.set(t, (wordFreq.get(t) ?? 0) + 1);
      const u = countTerms(toks, toks, options);
      for (let j = 0; j < u; j++) df.set(uKeys[j] as number, (df.get(uKeys[j] as number) ?? 0) + 1);
    }
    // Terms seen in fewer than minDf texts are dropped (with lots of data they are mostly noise).
    const keys: number[] = [];
    let nnz = 0;
    for (const [k, c] of df) {
      if (c < options.minDf) continue;
      keys.push(k);
      nnz += c;
    }
    const n = texts.length;
    const hashes = Int32Array.from(keys);
    const charFlags = Uint8Array.from(keys, (k) => (isCharKey(k) ? 1 : 0));
    // Smoothed IDF as in scikit-learn: never zero, never infinite.
    const idf = Float32Array.from(keys, (k) => Math.log((1 + n) / (1 + (df.get(k) as number))) + 1);
    df.clear();
    const words = [...wordFreq.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[0]);
    const emb = options.embedWeight > 0 ? loadEmbeddings() : null;
    const embedDims = emb ? emb.dims : 0;
    const embedMean = new Float32Array(embedDims);
    const featurizer = new Featurizer({ options, hashes, charFlags, idf, words, embedDims, embedMean, embedProj: new Float32Array(0) });
    // Each kept term of each text is one entry, plus embedDims per text: the size is exact.
    // `shared`: the SVM will hand the matrix to a worker thread; allocating it shared saves a copy.
    const mem = (bytes: number): ArrayBuffer | SharedArrayBuffer => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    const ptr = new Int32Array(mem(4 * (n + 1)));
    const idx = new Int32Array(mem(4 * nnz));
    const val = new Float32Array(mem(4 * nnz));
    const dense = new Float32Array(mem(4 * n * embedDims));
    let p = 0;
    for (let i = 0; i < n; i++) {
      ptr[i] = p;
      const toks = tokens(texts[i] as string);
      const u = countTerms(toks, toks, options);
      p += featurizer.vectorizeInto(uKeys, uCounts, 0, u, toks, idx, val, p, dense, i * embedDims);
    }
    ptr[n] = p;
    // The vectors above were written with a zero mean; centre them now that the mean is known.
    if (embedDims > 0 && n > 0) {
      const sum = new Float64Array(embedDims);
      for (let i = 0; i < n; i++) for (let d = 0; d < embedDims; d++) sum[d] = (sum[d] as number) + (dense[i * embedDims + d] as number);
      for (let d = 0; d < embedDims; d++) embedMean[d] = (sum[d] as number) / n;
      for (let i = 0; i < n; i++) for (let d = 0; d < embedDims; d++) dense[i * embedDims + d] = (dense[i * embedDims + d] as number) - (embedMean[d] as number);
    }
    const k = options.embedPca;
    if (embedDims > 0 && n > 0 && k > 0 && k < embedDims) {
      const proj = Float32Array.from(pcaBasis(dense, n, embedDims, k));
      const out = new Float32Array(mem(4 * n * k));
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < k; j++) {
          let t = 0;
          for (let d = 0; d < embedDims; d++) t += (proj[j * embedDims + d] as number) * (dense[i * embedDims + d] as number);
          out[i * k + j] = t;
        }
      }
      featurizer.st = { ...featurizer.st, embedDims: k, embedProj: proj };
      return { featurizer, matrix: { ptr, idx, val, dense: out, denseDims: k, denseBase: hashes.length } };
    }
    return { featurizer, matrix: { ptr, idx, val, dense, denseDims: embedDims, denseBase: hashes.length } };
  }

  static restore(state: FeaturizerState): Featurizer {
    return new Featurizer(state);
  }

  state(): FeaturizerState {
    return this.st;
  }

  /** Replaces unknown words by the closest known word (used for word features only). */
  private corrected(toks: string[]): string[] {
    if (!this.options.spelling) return toks;
    this.spell ??= new SpellIndex(this.st.words);
    let out: string[] | null = null;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i] as string;
      if (this.wordSet.has(t)) continue;
      const fix = this.spell.correct(t);
      if (fix) (out ??= toks.slice())[i] = fix;
    }
    return out ?? toks;
  }

  /**
   * A normalised text with unknown words replaced by the closest known word ("retrun my kettel" ->
   * "return my kettle"): what the sentence encoder reads, so typos do not move its vector. Words
   * `keep` accepts stay as typed (the encoder knows English words the knowledge base never uses).
   */
  correctedText(text: string, keep: (word: string) => boolean = () => false): string {
    const toks = tokens(text);
    const fixed = this.corrected(toks);
    if (fixed === toks) return text;
    return toks.map((t, i) => (keep(t) ? t : (fixed[i] as string))).join(' ');
  }

  /** Words of a normalised text that the model has never seen (after spelling correction). */
  unknownWords(text: string): number {
    let unknown = 0;
    for (const t of this.corrected(tokens(text))) if (!this.wordSet.has(t)) unknown++;
    return unknown;
  }

  /** The TF-IDF vector of a normalised text; unknown features are dropped. */
  transform(text: string): SparseVec {
    const toks = tokens(text);
    const fixed = this.corrected(toks);
    const u = countTerms(fixed, toks, this.options);
    const cap = u + this.st.embedDims;
    const idx = new Int32Array(cap);
    const val = new Float32Array(cap);
    const k = this.vectorizeInto(uKeys, uCounts, 0, u, fixed, idx, val, 0);
    return k === cap ? { idx, val } : { idx: idx.slice(0, k), val: val.slice(0, k) };
  }

  /**
   * IDF-weighted mean of the unit word vectors of `toks`, L2-normalised (zero when no word has a
   * vector). Frequent words ("i", "the", "my") get a low IDF from the training data, so the vector
   * leans on the words that say what is asked.
   */
  sentenceVector(toks: readonly string[]): Float64Array | null {
    const emb = this.emb;
    if (!emb) return null;
    const out = new Float64Array(emb.dims);
    for (const t of toks) {
      const r = emb.row(t);
      if (r < 0) continue;
      const i = this.index.get(wordKey(hashWord(t)));
      emb.addUnit(r, i === undefined ? this.maxIdf : (this.st.idf[i] as number), out);
    }
    let n = 0;
    for (let d = 0; d < out.length; d++) n += (out[d] as number) * (out[d] as number);
    if (n === 0) return out;
    const s = 1 / Math.sqrt(n);
    for (let d = 0; d < out.length; d++) out[d] = (out[d] as number) * s;
    return out;
  }

  /**
   * Writes the weighted vector of one text (term keys[from..to) with their counts, then the sentence
   * vector of `toks`) into outIdx/outVal at `at`; returns how many entries it wrote. With `denseOut`
   * the sentence vector goes there instead (at `denseAt`) and is not counted.
   */
  private vectorizeInto(
    keys: Int32Array,
    counts: Uint16Array,
    from: number,
    to: number,
    toks: readonly string[],
    outIdx: Int32Array,
    outVal: Float32Array,
    at: number,
    denseOut: Float32Array | null = null,
    denseAt = 0,
  ): number {
    const { idf, charFlags } = this.st;
    if (vIdx.length < to - from) {
      vIdx = new Int32Array(2 * (to - from));
      vVal = new Float64Array(2 * (to - from));
    }
    let m = 0;
    let wNorm = 0;
    let cNorm = 0;
    for (let t = from; t < to; t++) {
      const i = this.index.get(keys[t] as number);
      if (i === undefined) continue;
      const v = (1 + Math.log(counts[t] as number)) * (idf[i] as number);
      vIdx[m] = i;
      vVal[m] = v;
      m++;
      if (charFlags[i]) cNorm += v * v;
      else wNorm += v * v;
    }
    const ws = wNorm > 0 ? 1 / Math.sqrt(wNorm) : 0;
    const cs = cNorm > 0 ? this.options.charWeight / Math.sqrt(cNorm) : 0;
    let total = 0;
    for (let k = 0; k < m; k++) {
      const v = (vVal[k] as number) * (charFlags[vIdx[k] as number] ? cs : ws);
      vVal[k] = v;
      total += v * v;
    }
    const ts = total > 0 ? 1 / Math.sqrt(total) : 0;
    // Entries come in key order (deterministic); index order is not needed by any consumer.
    for (let k = 0; k < m; k++) {
      outIdx[at + k] = vIdx[k] as number;
      outVal[at + k] = (vVal[k] as number) * ts;
    }
    const sv = this.sentenceVector(toks);
    if (!sv) return m;
    const ew = this.options.embedWeight;
    const mean = this.st.embedMean;
    if (denseOut) {
      // Training: the sentence vector goes to the dense block, only sparse entries are counted.
      for (let d = 0; d < sv.length; d++) denseOut[denseAt + d] = ew * (sv[d] as number);
      return m;
    }
    const base = this.st.hashes.length;
    for (let d = 0; d < sv.length; d++) sv[d] = ew * (sv[d] as number) - (mean[d] as number);
    const proj = this.st.embedProj;
    if (proj.length === 0) {
      for (let d = 0; d < sv.length; d++) {
        outIdx[at + m + d] = base + d;
        outVal[at + m + d] = sv[d] as number;
      }
      return m + sv.length;
    }
    const k = this.st.embedDims;
    const D = sv.length;
    for (let j = 0; j < k; j++) {
      let t = 0;
      for (let d = 0; d < D; d++) t += (proj[j * D + d] as number) * (sv[d] as number);
      outIdx[at + m + j] = base + j;
      outVal[at + m + j] = t;
    }
    return m + k;
  }
}

/** Rows the principal directions are estimated from (at most about this many). */
const PCA_ROWS = 2500;

/**
 * The k leading principal directions (rows of a k x dims matrix, largest variance first) of n
 * centred rows: cyclic Jacobi rotations of the dims x dims scatter matrix. Deterministic (fixed
 * rotation order, ties broken by index); ~0.1 s for 100 dimensions, nearly all in the rotations.
 */
export function pcaBasis(rows: Float32Array, n: number, dims: number, k: number): Float64Array {
  const a = new Float64Array(dims * dims);
  // A few thousand rows pin the leading directions down as well as all of them do, and the
  // scatter matrix then costs a few milliseconds instead of ~0.1 s.
  const stride = Math.max(1, Math.floor(n / PCA_ROWS));
  for (let i = 0; i < n; i += stride) {
    const r = i * dims;
    for (let p = 0; p < dims; p++) {
      const x = rows[r + p] as number;
      if (x === 0) continue;
      for (let q = p; q < dims; q++) a[p * dims + q] = (a[p * dims + q] as number) + x * (rows[r + q] as number);
    }
  }
  for (let p = 0; p < dims; p++) for (let q = 0; q < p; q++) a[p * dims + q] = a[q * dims + p] as number;
  // v accumulates the rotations: its columns end as the eigenvectors.
  const v = new Float64Array(dims * dims);
  for (let p = 0; p < dims; p++) v[p * dims + p] = 1;
  let diagSum = 0;
  for (let p = 0; p < dims; p++) diagSum += Math.abs(a[p * dims + p] as number);
  for (let sweep = 0; sweep < 30; sweep++) {
    let off = 0;
    for (let p = 0; p < dims; p++) for (let q = p + 1; q < dims; q++) off += (a[p * dims + q] as number) ** 2;
    if (off <= 1e-12 * (diagSum * diagSum + 1e-300)) break;
    for (let p = 0; p < dims; p++) {
      for (let q = p + 1; q < dims; q++) {
        const apq = a[p * dims + q] as number;
        if (apq === 0) continue;
        const theta = ((a[q * dims + q] as number) - (a[p * dims + p] as number)) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < dims; r++) {
          const arp = a[r * dims + p] as number;
          const arq = a[r * dims + q] as number;
          a[r * dims + p] = c * arp - s * arq;
          a[r * dims + q] = s * arp + c * arq;
        }
        for (let r = 0; r < dims; r++) {
          const apr = a[p * dims + r] as number;
          const aqr = a[q * dims + r] as number;
          a[p * dims + r] = c * apr - s * aqr;
          a[q * dims + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < dims; r++) {
          const vrp = v[r * dims + p] as number;
          const vrq = v[r * dims + q] as number;
          v[r * dims + p] = c * vrp - s * vrq;
          v[r * dims + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const order = Array.from({ length: dims }, (_, i) => i).sort((x, y) => (a[y * dims + y] as number) - (a[x * dims + x] as number) || x - y);
  const out = new Float64Array(k * dims);
  for (let j = 0; j < k; j++) {
    const col = order[j] as number;
    for (let d = 0; d < dims; d++) out[j * dims + d] = v[d * dims + col] as number;
  }
  return out;
}
