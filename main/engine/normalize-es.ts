/**
 * Spanish normalisation: what normalizeText(text, 'es') does after the shared clean-up (invisible
 * characters, NFKC, lower case, cut to size). Accents are folded for matching ("devolución" and
 * "devolucion" are one word: people type both) but `ñ` stays its own letter ("año" is not "ano");
 * ¿ and ¡ go with the other punctuation; texting forms ("q", "xq", "tb", "k") are read as the words
 * they stand for; del/al are split (de el, a el) and articles and the most common prepositions are
 * dropped; every word is cut to a light stem (plural and gender endings, a few verb endings), so
 * "devoluciones", "devolver" and "devuelto" share more than their first letters.
 */

/** Texting forms and common misspellings of Spanish customers (single tokens only). */
export const SPANISH_TEXTING: Readonly<Record<string, string>> = {
  q: 'que',
  k: 'que',
  ke: 'que',
  qe: 'que',
  xq: 'porque',
  pq: 'porque',
  porq: 'porque',
  xk: 'porque',
  tb: 'tambien',
  tmb: 'tambien',
  tbn: 'tambien',
  tmbn: 'tambien',
  x: 'por',
  xa: 'para',
  pa: 'para',
  d: 'de',
  dnd: 'donde',
  dnde: 'donde',
  cdo: 'cuando',
  qdo: 'cuando',
  xfa: 'por favor',
  xfavor: 'por favor',
  porfa: 'por favor',
  porfis: 'por favor',
  plis: 'por favor',
  pls: 'por favor',
  grax: 'gracias',
  grcs: 'gracias',
  grs: 'gracias',
  msj: 'mensaje',
  finde: 'fin de semana',
  toy: 'estoy',
  tng: 'tengo',
  tngo: 'tengo',
  bn: 'bien',
  hla: 'hola',
  ola: 'hola',
  kiero: 'quiero',
  qiero: 'quiero',
  aki: 'aqui',
  aqi: 'aqui',
  ud: 'usted',
  vd: 'usted',
  uds: 'ustedes',
  vds: 'ustedes',
  hs: 'horas',
  hrs: 'horas',
  mins: 'minutos',
  n: 'en',
  ntp: 'no te preocupes',
  salu2: 'saludos',
  tlf: 'telefono',
  tfno: 'telefono',
  telf: 'telefono',
  cel: 'movil',
  wasap: 'whatsapp',
  guasap: 'whatsapp',
};

/** Articles and the commonest prepositions/conjunctions: they say nothing about what is asked. */
const STOP = new Set(['el', 'la', 'los', 'las', 'un', 'una', 'unos', 'unas', 'lo', 'de', 'a', 'en', 'y', 'e', 'o', 'u']);

/** Endings cut from words of at least MIN_STEM + ending letters, longest first (a light stemmer). */
const SUFFIXES = [
  'amientos', 'imientos', 'aciones', 'uciones', 'amiento', 'imiento', 'mente',
  'acion', 'ucion', 'ciones', 'cion', 'iendo', 'ando', 'adas', 'idas', 'ados', 'idos', 'ada', 'ida', 'ado', 'ido',
  'aron', 'ieron', 'aba', 'ia', 'ar', 'er', 'ir', 'es', 'os', 'as', 'o', 'a', 'e', 's',
];
const MIN_STEM = 4;

/** Light stem of one folded word (`ñ` and digits kept; short words untouched). */
export function spanishStem(word: string): string {
  if (word.length <= MIN_STEM || /\d/.test(word)) return word;
  for (const suf of SUFFIXES) {
    if (word.length - suf.length >= MIN_STEM && word.endsWith(suf)) return word.slice(0, word.length - suf.length);
  }
  return word;
}

/** Marks the ñ while accents are stripped (a private-use character no input keeps: see INVISIBLE). */
const ENYE = '\ue000';

/** Spanish tokens of already cleaned, lower-cased text (see normalizeText). */
export function spanishTokens(lower: string, maxTokens: number, maxTokenChars: number, lexicon: boolean): string[] {
  let s = lower.replace(/\ue000/g, ' ').replace(/ñ/g, ENYE);
  s = s.normalize('NFD').replace(/\p{M}+/gu, '').replace(/\ue000/g, 'ñ');
  s = s.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  if (s.length === 0) return [];
  const out: string[] = [];
  for (const raw of s.split(' ')) {
    const tok = raw.length > maxTokenChars ? raw.slice(0, maxTokenChars) : raw;
    const expanded = lexicon ? SPANISH_TEXTING[tok] : undefined;
    const words = expanded ? expanded.split(' ') : tok === 'del' ? ['de', 'el'] : tok === 'al' ? ['a', 'el'] : [tok];
    for (const w of words) if (!STOP.has(w)) out.push(spanishStem(w));
    if (out.length >= maxTokens) break;
  }
  return out.slice(0, maxTokens);
}
