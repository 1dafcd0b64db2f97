/**
 * Features: word unigrams and bigrams plus character n-grams taken inside word boundaries, weighted
 * by sublinear TF-IDF and L2-normalised per group (words, characters) before the groups are joined.
 * Character n-grams make typos and word forms ("refunded" / "refund") overlap; words keep meaning.
 */
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
}

export const DEFAULT_FEATURES: FeatureOptions = { charMin: 2, charMax: 5, charWeight: 1, spelling: true };

/** A sparse vector: sorted feature indices with their values. */
export interface SparseVec {
  idx: Int32Array;
  val: Float32Array;
}

/** Serialisable state of a fitted featurizer. */
export interface FeaturizerState {
  options: FeatureOptions;
  /** Feature strings in index order: 'w:' word, 'b:' bigram, 'c:' char n-gram. */
  terms: string[];
  idf: number[];
}

type Counts = Map<string, number>;

function wordTerms(toks: readonly string[], out: Counts): void {
  for (let i = 0; i < toks.length; i++) {
    const w = 'w:' + toks[i];
    out.set(w, (out.get(w) ?? 0) + 1);
    if (i + 1 < toks.length) {
      const b = 'b:' + toks[i] + ' ' + toks[i + 1];
      out.set(b, (out.get(b) ?? 0) + 1);
    }
  }
}

function charTerms(toks: readonly string[], o: FeatureOptions, out: Counts): void {
  for (const t of toks) {
    const padded = '<' + t + '>';
    for (let n = o.charMin; n <= o.charMax; n++) {
      if (n > padded.length) break;
      for (let i = 0; i + n <= padded.length; i++) {
        const g = 'c:' + padded.slice(i, i + n);
        out.set(g, (out.get(g) ?? 0) + 1);
      }
    }
  }
}

export class Featurizer {
  readonly options: FeatureOptions;
  private readonly index: Map<string, number>;
  readonly terms: string[];
  private readonly idf: Float32Array;
  private readonly isChar: Uint8Array;
  private spell: SpellIndex | null = null;

  private constructor(state: FeaturizerState) {
    this.options = state.options;
    this.terms = state.terms;
    this.idf = Float32Array.from(state.idf);
    this.index = new Map();
    this.isChar = new Uint8Array(state.terms.length);
    state.terms.forEach((t, i) => {
      this.index.set(t, i);
      if (t.startsWith('c:')) this.isChar[i] = 1;
    });
  }

  get size(): number {
    return this.terms.length;
  }

  /** Learns the vocabulary and IDF from normalised training texts (deterministic: first-seen order). */
  static fit(texts: readonly string[], options: FeatureOptions = DEFAULT_FEATURES): Featurizer {
    const df = new Map<string, number>();
    for (const text of texts) {
      const counts = Featurizer.rawCounts(tokens(text), options);
      for (const term of counts.keys()) df.set(term, (df.get(term) ?? 0) + 1);
    }
    const terms = [...df.keys()];
    const n = texts.length;
    // Smoothed IDF as in scikit-learn: never zero, never infinite.
    const idf = terms.map((t) => Math.log((1 + n) / (1 + (df.get(t) as number))) + 1);
    return new Featurizer({ options, terms, idf });
  }

  static restore(state: FeaturizerState): Featurizer {
    return new Featurizer(state);
  }

  state(): FeaturizerState {
    return { options: this.options, terms: this.terms, idf: Array.from(this.idf) };
  }

  private static rawCounts(toks: readonly string[], o: FeatureOptions, charToks: readonly string[] = toks): Counts {
    const counts: Counts = new Map();
    wordTerms(toks, counts);
    charTerms(charToks, o, counts);
    return counts;
  }

  /** Replaces unknown words by the closest known word (kept only for word features). */
  private corrected(toks: string[]): string[] {
    if (!this.options.spelling) return toks;
    if (!this.spell) {
      const words = this.terms.filter((t) => t.startsWith('w:')).map((t) => t.slice(2));
      this.spell = new SpellIndex(words);
    }
    let out: string[] | null = null;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i] as string;
      if (this.index.has('w:' + t)) continue;
      const fix = this.spell.correct(t);
      if (fix) (out ??= toks.slice())[i] = fix;
    }
    return out ?? toks;
  }

  /** The TF-IDF vector of a normalised text; unknown features are dropped. */
  transform(text: string, correct = true): SparseVec {
    const toks = tokens(text);
    const wordToks = correct ? this.corrected(toks) : toks;
    const counts = Featurizer.rawCounts(wordToks, this.options, toks);
    const idx: number[] = [];
    const val: number[] = [];
    let wNorm = 0;
    let cNorm = 0;
    for (const [term, c] of counts) {
      const i = this.index.get(term);
      if (i === undefined) continue;
      const v = (1 + Math.log(c)) * (this.idf[i] as number);
      idx.push(i);
      val.push(v);
      if (this.isChar[i]) cNorm += v * v;
      else wNorm += v * v;
    }
    const ws = wNorm > 0 ? 1 / Math.sqrt(wNorm) : 0;
    const cs = cNorm > 0 ? this.options.charWeight / Math.sqrt(cNorm) : 0;
    let total = 0;
    for (let k = 0; k < idx.length; k++) {
      const v = (val[k] as number) * (this.isChar[idx[k] as number] ? cs : ws);
      val[k] = v;
      total += v * v;
    }
    const ts = total > 0 ? 1 / Math.sqrt(total) : 0;
    // Sort by index so vectors are canonical (deterministic dot products and serialisation).
    const order = idx.map((_, k) => k).sort((a, b) => (idx[a] as number) - (idx[b] as number));
    const out: SparseVec = { idx: new Int32Array(order.length), val: new Float32Array(order.length) };
    order.forEach((k, j) => {
      out.idx[j] = idx[k] as number;
      out.val[j] = (val[k] as number) * ts;
    });
    return out;
  }
}
