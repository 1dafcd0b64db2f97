/**
 * Which of a knowledge base's languages a message is written in: a character-trigram naive Bayes
 * model (plus whole words) fitted on the KB's own text in each language (titles, examples, answers,
 * quick replies, fallbacks, out-of-scope examples; never its test phrases, which measure it).
 * Built per KB because it only ever chooses among the KB's languages, and the KB's text is exactly
 * the vocabulary its customers use ("devolución", "click and collect"); no dependency, no download,
 * a few milliseconds to build, a few microseconds per message. Accents, ñ, ¿ and ¡ are kept here:
 * they are the strongest signs of Spanish there are.
 */

export interface LanguageGuess {
  language: string;
  /** Mean log-likelihood advantage per feature over the runner-up (0 with one language). */
  margin: number;
}

export interface LanguageDetector {
  readonly languages: readonly string[];
  detect(text: string): LanguageGuess;
}

/** Messages of fewer words keep the conversation's language (too little to go on). */
export const MIN_WORDS_TO_SWITCH = 3;
/** Additive smoothing of the n-gram counts. */
const ALPHA = 0.5;
/** Weight of a whole word against one character trigram. */
const WORD_WEIGHT = 2;

function clean(text: string): string {
  return text
    .slice(0, 1000)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}¿¡?! ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The text without what is in no language: tokens with a digit (order numbers "HD-123456", postcodes,
 * e-mail addresses, phone numbers) and capitalised words inside a sentence (names: "me llamo Kevin
 * Walsh"). A message dominated by them ("HD-123456 me llamo Kevin Walsh") was read as English by
 * the name's letters. Names are kept when dropping them would leave fewer than two words (a message
 * typed In Title Case, or one that is only a name).
 */
function languageWords(text: string): string {
  const tokens = text.slice(0, 1000).split(/\s+/).filter((t) => t.length > 0 && !/\p{N}/u.test(t));
  const named = tokens.filter((t, i) => {
    const before = tokens[i - 1];
    const sentenceStart = before === undefined || /[.!?:]$/.test(before) || /^[¿¡]/.test(t);
    return sentenceStart || !/^\p{Lu}\p{Ll}/u.test(t);
  });
  return (named.length >= 2 ? named : tokens).join(' ');
}

/** The features of a text: character trigrams of each word padded with spaces, and the words. */
function features(text: string, out: (f: string, w: number) => void): void {
  for (const word of clean(languageWords(text)).split(' ')) {
    if (word.length === 0 || /^\d+$/.test(word)) continue;
    out(`w:${word}`, WORD_WEIGHT);
    const p = ` ${word} `;
    for (let i = 0; i + 3 <= p.length; i++) out(p.slice(i, i + 3), 1);
  }
}

/** Word count as the switch rule counts them: the words in a language (not ids, not names). */
export function wordCount(text: string): number {
  return clean(languageWords(text)).split(' ').filter((w) => /\p{L}/u.test(w)).length;
}

interface LangModel {
  logp: Map<string, number>;
  unseen: number;
}

/** Fits the detector on each language's sample texts (deterministic: order does not matter). */
export function buildLanguageDetector(samples: Readonly<Record<string, readonly string[]>>): LanguageDetector {
  const languages = Object.keys(samples).sort();
  const vocab = new Set<string>();
  const counts = new Map<string, Map<string, number>>();
  for (const lang of languages) {
    const c = new Map<string, number>();
    for (const t of samples[lang] ?? []) features(t, (f, w) => c.set(f, (c.get(f) ?? 0) + w));
    for (const f of c.keys()) vocab.add(f);
    counts.set(lang, c);
  }
  const v = vocab.size + 1;
  const models = new Map<string, LangModel>();
  for (const lang of languages) {
    const c = counts.get(lang) as Map<string, number>;
    let total = 0;
    for (const n of c.values()) total += n;
    const denom = Math.log(total + ALPHA * v);
    const logp = new Map<string, number>();
    for (const [f, n] of c) logp.set(f, Math.log(n + ALPHA) - denom);
    models.set(lang, { logp, unseen: Math.log(ALPHA) - denom });
  }
  return {
    languages,
    detect(text) {
      const first = languages[0] ?? 'en';
      if (languages.length < 2) return { language: first, margin: 0 };
      const scores = new Map(languages.map((l) => [l, 0]));
      let n = 0;
      features(text, (f, w) => {
        // A feature no language has seen says nothing; one seen somewhere counts everywhere.
        if (!vocab.has(f)) return;
        n += w;
        for (const l of languages) {
          const m = models.get(l) as LangModel;
          scores.set(l, (scores.get(l) as number) + w * (m.logp.get(f) ?? m.unseen));
        }
      });
      const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      const [best, second] = ranked as [[string, number], [string, number]];
      return { language: n === 0 ? first : best[0], margin: n === 0 ? 0 : (best[1] - second[1]) / n };
    },
  };
}
