/**
 * Uncased WordPiece tokenizer (BERT's steps; all-mpnet-base-v2 uses them with its own vocabulary and
 * special pieces), the same steps as the reference BertTokenizer / MPNetTokenizer: drop control characters, spaces around CJK ideographs, lower case,
 * strip accents (NFD, drop combining marks), split on whitespace and punctuation, then greedy
 * longest-match word pieces ("##" continues a word). Checked against the reference tokenizer's ids
 * in test/engine/encoder.test.ts (fixture written by scripts/build-encoder/build.py).
 */

/** The pieces that open and close a sentence and stand for an unknown word (the manifest names them). */
export interface SpecialPieces {
  cls: string;
  sep: string;
  unk: string;
}
const BERT_SPECIALS: SpecialPieces = { cls: '[CLS]', sep: '[SEP]', unk: '[UNK]' };
/** Words longer than this become one [UNK], as in the reference (bounds the greedy search too). */
const MAX_WORD_CHARS = 100;

const CONTROL = /^\p{C}$/u;
const SPACE = /^[\s\p{Zs}]$/u;
const PUNCT = /^\p{P}$/u;
const COMBINING = /\p{Mn}/gu;

function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

function isPunct(ch: string, cp: number): boolean {
  // ASCII symbols count as punctuation for BERT even where Unicode calls them symbols ($, +, ^ ...).
  if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) return true;
  return PUNCT.test(ch);
}

export class WordPiece {
  private readonly vocab: Map<string, number>;
  readonly clsId: number;
  readonly sepId: number;
  readonly unkId: number;

  constructor(vocabText: string, specials: SpecialPieces = BERT_SPECIALS) {
    this.vocab = new Map();
    vocabText.split('\n').forEach((line, i) => {
      const t = line.replace(/\r$/, '');
      if (t.length > 0 && !this.vocab.has(t)) this.vocab.set(t, i);
    });
    const id = (t: string): number => {
      const v = this.vocab.get(t);
      if (v === undefined) throw new Error(`vocabulary has no ${t}`);
      return v;
    };
    this.clsId = id(specials.cls);
    this.sepId = id(specials.sep);
    this.unkId = id(specials.unk);
  }

  has(piece: string): boolean {
    return this.vocab.has(piece);
  }

  /** Words and punctuation marks of a text after BERT's normalisation. */
  basicTokens(text: string): string[] {
    let cleaned = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0) as number;
      if (cp === 0 || cp === 0xfffd) continue;
      if (ch === '\t' || ch === '\n' || ch === '\r' || SPACE.test(ch)) cleaned += ' ';
      else if (CONTROL.test(ch)) continue;
      else if (isCjk(cp)) cleaned += ` ${ch} `;
      else cleaned += ch;
    }
    const lowered = cleaned.toLowerCase().normalize('NFD').replace(COMBINING, '');
    const out: string[] = [];
    for (const word of lowered.split(' ')) {
      if (word.length === 0) continue;
      let cur = '';
      for (const ch of word) {
        if (isPunct(ch, ch.codePointAt(0) as number)) {
          if (cur) out.push(cur);
          out.push(ch);
          cur = '';
        } else cur += ch;
      }
      if (cur) out.push(cur);
    }
    return out;
  }

  /** Greedy longest-match word pieces of one basic token (ids), or [UNK] when it cannot be split. */
  private pieces(word: string, out: number[]): void {
    const chars = [...word];
    if (chars.length > MAX_WORD_CHARS) {
      out.push(this.unkId);
      return;
    }
    const start = out.length;
    let i = 0;
    while (i < chars.length) {
      let j = chars.length;
      let found = -1;
      while (j > i) {
        const sub = (i > 0 ? '##' : '') + chars.slice(i, j).join('');
        const id = this.vocab.get(sub);
        if (id !== undefined) {
          found = id;
          break;
        }
        j--;
      }
      if (found < 0) {
        out.length = start;
        out.push(this.unkId);
        return;
      }
      out.push(found);
      i = j;
    }
  }

  /**
   * Opening piece, word pieces, closing piece, cut to `maxTokens` in all (the encoder's window). Stops reading words once
   * the window is full, so a 100 kB message costs no more than a long sentence.
   */
  encode(text: string, maxTokens: number): number[] {
    const ids: number[] = [this.clsId];
    const room = maxTokens - 1;
    for (const w of this.basicTokens(text)) {
      this.pieces(w, ids);
      if (ids.length >= room) break;
    }
    if (ids.length > room) ids.length = room;
    ids.push(this.sepId);
    return ids;
  }
}
