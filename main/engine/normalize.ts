/**
 * Text normalisation: the one place raw user text becomes comparable tokens. Every later stage
 * (features, spelling correction, lookup) sees only this output, so training and classification
 * can never disagree about how a phrase is read.
 */

import { TEXTING_LEXICON, textingNumbers } from './lexicon';
import { spanishTokens } from './normalize-es';

/** Characters of raw input considered at all. Longer input is cut, never rejected: a kiosk user who
 * pastes a novel still gets an answer, and the cost per message stays bounded. */
export const MAX_INPUT_CHARS = 1000;
/** Tokens kept after normalisation (bounds feature extraction work). */
export const MAX_TOKENS = 64;
/** Longest token kept whole; longer runs (base64 blobs, keyboard mashing) are cut to this. */
const MAX_TOKEN_CHARS = 24;

// Contractions with an apostrophe. Order matters: the irregular negatives first.
const APOSTROPHE_RULES: [RegExp, string][] = [
  [/\bcan't\b/g, 'can not'],
  [/\bwon't\b/g, 'will not'],
  [/\bshan't\b/g, 'shall not'],
  [/\bain't\b/g, 'is not'],
  [/n't\b/g, ' not'],
  [/'re\b/g, ' are'],
  [/'m\b/g, ' am'],
  [/'ve\b/g, ' have'],
  [/'ll\b/g, ' will'],
  [/'d\b/g, ' would'],
  // "what's", "it's", "that's"... read as "is"; any other 's is a possessive and is dropped.
  [/\b(what|where|when|who|how|it|that|there|here|he|she|this|why|which)'s\b/g, '$1 is'],
  [/'s\b/g, ''],
];

// The same contractions typed without an apostrophe (common on touch keyboards).
const BARE_CONTRACTIONS = new Map<string, string>(Object.entries({
  dont: 'do not',
  doesnt: 'does not',
  didnt: 'did not',
  cant: 'can not',
  cannot: 'can not',
  isnt: 'is not',
  arent: 'are not',
  wasnt: 'was not',
  werent: 'were not',
  havent: 'have not',
  hasnt: 'has not',
  hadnt: 'had not',
  wouldnt: 'would not',
  shouldnt: 'should not',
  couldnt: 'could not',
  whats: 'what is',
  wheres: 'where is',
  whens: 'when is',
  hows: 'how is',
  thats: 'that is',
  im: 'i am',
  ive: 'i have',
  youre: 'you are',
  theyre: 'they are',
  wanna: 'want to',
  gonna: 'going to',
  gotta: 'got to',
  ...TEXTING_LEXICON,
}));

// C0/C1 controls, bidi overrides and isolates, zero-width characters, BOM, lone surrogates.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

let lexiconOn = true;
/** Texting forms the engine read before the lexicon was added (kept when the ablation turns it off). */
const SLANG_BEFORE_LEXICON = new Set(['pls', 'plz', 'thx', 'u', 'ur', 'r']);

/**
 * Switches the texting lexicon off or on for this process (the bench's ablation only; the app never
 * calls it). Returns the previous setting.
 */
export function setTextingLexicon(on: boolean): boolean {
  const was = lexiconOn;
  lexiconOn = on;
  return was;
}

/**
 * Lower-cased, accent-free, contraction-expanded text with only letters, digits and single spaces,
 * as `language` reads it: English (the default) expands contractions and texting forms; Spanish
 * (normalize-es.ts) keeps ñ, folds the other accents, reads its own texting forms, drops articles
 * and stems; any other language only folds accents and punctuation.
 */
export function normalizeText(input: unknown, language = 'en'): string {
  if (typeof input !== 'string' || input.length === 0) return '';
  // Cut before NFKC (which can expand a string) and again after, so work stays linear and small.
  let s = input.length > MAX_INPUT_CHARS ? input.slice(0, MAX_INPUT_CHARS) : input;
  s = s.replace(INVISIBLE, ' ');
  s = s.normalize('NFKC');
  if (s.length > MAX_INPUT_CHARS) s = s.slice(0, MAX_INPUT_CHARS);
  s = s.toLowerCase();
  if (language === 'es') return spanishTokens(s, MAX_TOKENS, MAX_TOKEN_CHARS, lexiconOn).join(' ');
  if (language !== 'en') {
    const t = s.normalize('NFD').replace(/\p{M}+/gu, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    return t.length === 0 ? '' : t.split(' ').slice(0, MAX_TOKENS).map((w) => w.slice(0, MAX_TOKEN_CHARS)).join(' ');
  }
  // Strip combining marks (accents) so "café" and "cafe" are one word.
  s = s.normalize('NFD').replace(/\p{M}+/gu, '');
  s = s.replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'");
  for (const [re, rep] of APOSTROPHE_RULES) s = s.replace(re, rep);
  s = s.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  if (s.length === 0) return '';
  const out: string[] = [];
  for (const raw of s.split(' ')) {
    const tok = raw.length > MAX_TOKEN_CHARS ? raw.slice(0, MAX_TOKEN_CHARS) : raw;
    const expanded = lexiconOn || !(tok in TEXTING_LEXICON) || SLANG_BEFORE_LEXICON.has(tok) ? BARE_CONTRACTIONS.get(tok) : undefined;
    if (expanded) out.push(...expanded.split(' '));
    else out.push(tok);
    if (out.length >= MAX_TOKENS) break;
  }
  return (lexiconOn ? textingNumbers(out.slice(0, MAX_TOKENS)) : out.slice(0, MAX_TOKENS)).join(' ');
}

/** Tokens of already-normalised text. */
export function tokens(normalized: string): string[] {
  return normalized.length === 0 ? [] : normalized.split(' ');
}
