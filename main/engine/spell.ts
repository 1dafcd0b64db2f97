/**
 * Spelling correction against the model's own word vocabulary. A kiosk user types "retrun" or
 * "warrenty"; character n-grams already soften such typos, and mapping the word to the closest known
 * word (edit distance 1, or 2 for long words) recovers the word and bigram features as well.
 */

/** Damerau-Levenshtein (optimal string alignment) distance, giving up above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  let prev2 = new Array<number>(lb + 1).fill(0);
  let prev = new Array<number>(lb + 1);
  let cur = new Array<number>(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= lb; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, (prev2[j - 2] as number) + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb] as number;
}

/** Words grouped by length, so a lookup only compares candidates of a plausible length. */
export class SpellIndex {
  private readonly byLength = new Map<number, string[]>();
  private readonly cache = new Map<string, string | null>();
  private readonly known = new Set<string>();

  /** `words` in a deterministic order; earlier words win ties (callers pass them by frequency). */
  constructor(words: readonly string[]) {
    for (const w of words) {
      if (w.length < 3 || /\d/.test(w)) continue;
      let list = this.byLength.get(w.length);
      if (!list) this.byLength.set(w.length, (list = []));
      list.push(w);
      this.known.add(w);
    }
  }

  /**
   * A known word that is the typed word with one letter doubled ("helo" -> "hello", "adress" ->
   * "address"): the commonest typo, preferred over other words one edit away ("help").
   */
  private doubled(word: string): string | null {
    for (let i = 0; i < word.length; i++) {
      const cand = word.slice(0, i + 1) + (word[i] as string) + word.slice(i + 1);
      if (this.known.has(cand)) return cand;
    }
    return null;
  }

  /** The closest known word, or null when none is close enough (or the word is too short to guess). */
  correct(word: string): string | null {
    if (word.length < 4 || word.length > 20 || /\d/.test(word)) return null;
    const hit = this.cache.get(word);
    if (hit !== undefined) return hit;
    const max = word.length >= 8 ? 2 : 1;
    const twice = this.doubled(word);
    if (twice) {
      if (this.cache.size > 5000) this.cache.clear();
      this.cache.set(word, twice);
      return twice;
    }
    let best: string | null = null;
    let bestD = max + 1;
    for (let len = word.length - max; len <= word.length + max; len++) {
      const list = this.byLength.get(len);
      if (!list) continue;
      for (const cand of list) {
        // Typos rarely change the first letter; requiring it keeps false corrections down.
        if (cand.charCodeAt(0) !== word.charCodeAt(0)) continue;
        const d = editDistance(word, cand, bestD - 1 < max ? bestD - 1 : max);
        if (d < bestD) {
          bestD = d;
          best = cand;
          if (d === 1) break;
        }
      }
    }
    // The cache is bounded so hostile streams of unique words cannot grow memory.
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(word, best);
    return best;
  }
}
