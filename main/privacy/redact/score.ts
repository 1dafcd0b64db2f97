/**
 * Span-level scoring of the redactor on a labelled set. A finding is a true positive when its type
 * matches an expected item and its span covers the expected value; each expected item and each
 * finding is used at most once. Unmatched findings are false positives of their own type.
 */
import { createRedactor, type Redactor } from './redactor';
import { PII_TYPES, type Finding, type PiiType, type RedactionOptions } from './types';

export interface PiiCase {
  text: string;
  expect: { type: PiiType; value: string }[];
  /** Region to redact with (the store's region); defaults to the scoring options' region. */
  region?: string;
  /** The shop's other countries for phones; defaults to the scoring options' countries. */
  countries?: string[];
  note?: string;
}

export interface TypeScore {
  /** Expected items of this type in the set. */
  expected: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface ScoreMiss {
  caseIndex: number;
  text: string;
  kind: 'fp' | 'fn';
  type: PiiType;
  value: string;
}

export interface PiiScore {
  perType: Record<PiiType, TypeScore>;
  misses: ScoreMiss[];
  cases: number;
}

/** `create` builds the redactor under test (today's by default; the bench passes the previous one too). */
export function scorePii(
  cases: readonly PiiCase[],
  options: RedactionOptions = {},
  create: (o: RedactionOptions) => Redactor = createRedactor,
): PiiScore {
  const redactors = new Map<string, Redactor>();
  const redactorFor = (region: string, countries: string[] | undefined): Redactor => {
    const key = `${region}|${(countries ?? []).join(',')}`;
    let r = redactors.get(key);
    if (!r) {
      r = create({ ...options, region, countries: countries ?? options.countries ?? [] });
      redactors.set(key, r);
    }
    return r;
  };
  const counts = Object.fromEntries(PII_TYPES.map((t) => [t, { expected: 0, tp: 0, fp: 0, fn: 0 }])) as Record<
    PiiType,
    { expected: number; tp: number; fp: number; fn: number }
  >;
  const misses: ScoreMiss[] = [];

  cases.forEach((c, caseIndex) => {
    const { findings } = redactorFor(c.region ?? options.region ?? 'US', c.countries)(c.text);
    const used = new Set<Finding>();
    let searchFrom = new Map<string, number>();
    for (const e of c.expect) {
      counts[e.type].expected++;
      const vs = c.text.indexOf(e.value, searchFrom.get(e.value) ?? 0);
      if (vs < 0) throw new Error(`Case ${caseIndex}: expected value "${e.value}" is not in the text`);
      searchFrom.set(e.value, vs + e.value.length);
      const ve = vs + e.value.length;
      const hit = findings.find((f) => !used.has(f) && f.type === e.type && f.start <= vs && f.end >= ve);
      if (hit) {
        used.add(hit);
        counts[e.type].tp++;
      } else {
        counts[e.type].fn++;
        misses.push({ caseIndex, text: c.text, kind: 'fn', type: e.type, value: e.value });
      }
    }
    searchFrom = new Map();
    for (const f of findings) {
      if (used.has(f)) continue;
      counts[f.type].fp++;
      misses.push({ caseIndex, text: c.text, kind: 'fp', type: f.type, value: c.text.slice(f.start, f.end) });
    }
  });

  const perType = Object.fromEntries(
    PII_TYPES.map((t) => {
      const { expected, tp, fp, fn } = counts[t];
      const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
      const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
      const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
      return [t, { expected, tp, fp, fn, precision, recall, f1 }];
    }),
  ) as Record<PiiType, TypeScore>;
  return { perType, misses, cases: cases.length };
}
