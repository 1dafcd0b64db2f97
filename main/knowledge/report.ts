/**
 * The publish report: the new knowledge base's own test phrases (and the examples this draft adds)
 * run through the live model and through the new one. Accuracy before/after, every phrase whose
 * answer changed, regressions marked, and each intent's health on the new model.
 */
import type { AccuracyFigures, ChangedAnswer, IntentHealth, LanguageReport, PublishReport } from '../../shared/kb-editor';
import { embedTexts, getEncoder, kbForLanguage, kbLanguages, predictWith, type KnowledgeBase, type Model, type VectorCache } from '../engine';
import { encoderInput } from '../engine/model';

/** Sentence vectors of the phrases the report scores (test phrases change rarely), beside the model cache. */
export const PROBE_VECTORS_FILE = 'report-vectors.bin';

/**
 * Added and removed examples are probed up to this many each (the test phrases always all): enough
 * for any edit a person makes by hand; a whole new knowledge base is judged by its tests.
 */
export const MAX_EXAMPLE_PROBES = 500;

interface Probe {
  text: string;
  expected: string | null;
  kind: ChangedAnswer['kind'];
}

function probesOf(next: KnowledgeBase, live: KnowledgeBase | null): Probe[] {
  const out: Probe[] = [];
  for (const it of next.intents) for (const text of it.tests) out.push({ text, expected: it.id, kind: 'test' });
  for (const text of next.outOfScopeTests) out.push({ text, expected: null, kind: 'oos_test' });
  const before = new Map((live?.intents ?? []).map((it) => [it.id, new Set(it.examples)]));
  let added = 0;
  for (const it of next.intents) {
    const had = before.get(it.id);
    for (const text of it.examples) if (!had?.has(text) && added < MAX_EXAMPLE_PROBES) {
      out.push({ text, expected: it.id, kind: 'new_example' });
      added++;
    }
  }
  // Phrases this version no longer teaches at all (a removed intent, a restore): what do they get now?
  const kept = new Set(next.intents.flatMap((it) => it.examples));
  const removed = (live?.intents ?? []).flatMap((it) => it.examples.filter((text) => !kept.has(text)));
  for (const text of removed.slice(0, MAX_EXAMPLE_PROBES)) out.push({ text, expected: null, kind: 'removed_example' });
  return out;
}

/**
 * Answers already given by a model, by phrase (a model is immutable once trained, so its answer to
 * a phrase never changes). The editor's worker keeps one for the models it holds: a publish after an
 * edit then classifies only on the new model (the live model's answers are those of its own
 * publish), and the health marks reuse the report's answers.
 */
export type AnswerMemo = WeakMap<Model, Map<string, string | null>>;

/**
 * What a model's refusals depend on besides its scores: the softmax scale, the confidence threshold,
 * the negative class's margin and the nearest-example gate. The calibration refits them together
 * (main/engine/model.ts fitThreshold), and a small edit keeps them (train-state.ts).
 */
export interface Refusal {
  scale: number;
  threshold: number;
  negativeMargin: number;
  /** The nearest-example gate's cosine, or null: no gate. */
  gate: number | null;
}

export function refusalOf(model: Model): Refusal {
  return { scale: model.scale, threshold: model.threshold, negativeMargin: model.negativeMargin, gate: model.nearest ? model.nearest.threshold : null };
}

function sameRefusal(a: Refusal, b: Refusal): boolean {
  return a.scale === b.scale && a.threshold === b.threshold && a.negativeMargin === b.negativeMargin && a.gate === b.gate;
}

/** The model with another model's refusal settings (a gate only where it has the vectors for one). */
function heldTo(model: Model, r: Refusal): Model {
  if (sameRefusal(refusalOf(model), r)) return model;
  const nearest = r.gate === null || !model.nearest ? null : { ...model.nearest, threshold: r.gate };
  return { ...model, scale: r.scale, threshold: r.threshold, negativeMargin: r.negativeMargin, nearest };
}

/**
 * Answers phrases on one or more models, embedding each distinct encoder input once: the report
 * scores every probe on the live model, the new one and again for the health marks, and the
 * encoder is nearly all of that cost. `cache` (the probe vectors of earlier publishes) spares even
 * that first embedding for test phrases that have not changed.
 */
export function answerer(cache?: VectorCache, answers: AnswerMemo = new WeakMap()): (model: Model, text: string, refusal?: Refusal) => string | null {
  const memo = new Map<string, Float32Array | null>();
  const vectorOf = (model: Model, input: string): Float32Array | null => {
    const encoder = getEncoder();
    // Only the encoder the model was trained with gives it vectors (as sentenceVector checks).
    if (!encoder || !model.enc || encoder.hash !== model.enc.hash || input.length === 0) return null;
    let v = memo.get(input);
    if (v === undefined) {
      try {
        v = embedTexts(encoder, [input], cache)[0] ?? null;
      } catch {
        v = null;
      }
      memo.set(input, v);
    }
    return v;
  };
  // `refusal`: answer as this model would with another model's refusal settings (the live model's).
  const answer = (model: Model, text: string, refusal: Refusal | null): string | null => {
    try {
      const input = encoderInput(model, text);
      const p = predictWith(refusal ? heldTo(model, refusal) : model, text, input === null ? null : vectorOf(model, input));
      return p.outOfScope ? null : p.intent;
    } catch {
      return null;
    }
  };
  return (model, text, refusal) => {
    if (refusal && !sameRefusal(refusal, refusalOf(model))) return answer(model, text, refusal);
    let known = answers.get(model);
    if (!known) answers.set(model, (known = new Map()));
    const hit = known.get(text);
    if (hit !== undefined) return hit;
    const got = answer(model, text, null);
    known.set(text, got);
    return got;
  };
}

/**
 * Puts the vectors of a knowledge base's test phrases, as its model reads them, into `cache`: what
 * the build ships beside the default model, so a fresh install's first publish embeds none of them.
 */
export function embedReportPhrases(kb: KnowledgeBase, model: Model, cache: VectorCache): void {
  const answerOf = answerer(cache);
  for (const p of probesOf(kb, kb)) answerOf(model, p.text);
}

function figures(probes: Probe[], got: (string | null)[]): AccuracyFigures {
  let n = 0;
  let ok = 0;
  let oos = 0;
  let oosOk = 0;
  probes.forEach((p, i) => {
    if (p.kind === 'test') {
      n++;
      if (got[i] === p.expected) ok++;
    } else if (p.kind === 'oos_test') {
      oos++;
      if (got[i] === null) oosOk++;
    }
  });
  return { inScopeTests: n, inScopeAccuracy: n ? ok / n : 0, oosTests: oos, oosRecall: oos ? oosOk / oos : 0 };
}

/** Each intent's own tests on a model: passed, refused (below the threshold), most confused with. */
export function intentHealth(kb: KnowledgeBase, model: Model, answerOf = answerer()): IntentHealth[] {
  return kb.intents.map((it) => {
    let passed = 0;
    let below = 0;
    const confused = new Map<string, number>();
    for (const text of it.tests) {
      const got = answerOf(model, text);
      if (got === it.id) passed++;
      else if (got === null) below++;
      else confused.set(got, (confused.get(got) ?? 0) + 1);
    }
    const worst = [...confused.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    return { id: it.id, tests: it.tests.length, passed, belowThreshold: below, confusedWith: worst ? worst[0] : null };
  });
}

/** An in-memory vector cache (when the caller keeps none). */
function mapCache(): VectorCache {
  const m = new Map<string, Float32Array>();
  return { get: (k) => m.get(k), set: (k, v) => void m.set(k, v) };
}

/**
 * Embeds, in one batch, what the encoder will be asked for when these texts are answered on these
 * models (each distinct input once, none already in `cache` or already answered), so the encoder
 * thread gets one request (encoder/service.ts) instead of one per phrase.
 */
export function embedAhead(models: readonly Model[], texts: readonly string[], cache: VectorCache, answers?: AnswerMemo): void {
  const encoder = getEncoder();
  if (!encoder) return;
  const inputs = new Set<string>();
  for (const model of models) {
    if (!model.enc || model.enc.hash !== encoder.hash) continue;
    const known = answers?.get(model);
    for (const text of texts) {
      if (known?.has(text)) continue;
      try {
        const input = encoderInput(model, text);
        if (input !== null && input.length > 0) inputs.add(input);
      } catch {
        // answered without a vector (as answerer does)
      }
    }
  }
  try {
    embedTexts(encoder, [...inputs], cache);
  } catch {
    // each phrase is embedded (or not) again when it is answered
  }
}

export function publishReport(o: { next: KnowledgeBase; model: Model; live: { kb: KnowledgeBase; model: Model } | null; trainMs: number; fromCache: boolean; vectorCache?: VectorCache; answers?: AnswerMemo }): PublishReport {
  const cache = o.vectorCache ?? mapCache();
  const answerOf = answerer(cache, o.answers);
  const probes = probesOf(o.next, o.live?.kb ?? null);
  embedAhead(o.live ? [o.model, o.live.model] : [o.model], probes.map((p) => p.text), cache, o.answers);
  const after = probes.map((p) => answerOf(o.model, p.text));
  const before = probes.map((p) => (o.live ? answerOf(o.live.model, p.text) : null));
  const changed: ChangedAnswer[] = [];
  const thresholdOnly: ChangedAnswer[] = [];
  const liveRefusal = o.live ? refusalOf(o.live.model) : null;
  const refitted = liveRefusal !== null && !sameRefusal(liveRefusal, refusalOf(o.model));
  probes.forEach((p, i) => {
    if (before[i] === after[i]) return;
    // A phrase no longer taught has no right answer: its change is shown, never counted as a regression.
    const c: ChangedAnswer =
      p.kind === 'removed_example'
        ? { text: p.text, expected: null, before: before[i] ?? null, after: after[i] ?? null, kind: p.kind, regression: false }
        : { text: p.text, expected: p.expected, before: before[i] ?? null, after: after[i] ?? null, kind: p.kind, regression: before[i] === p.expected && after[i] !== p.expected };
    // Only the refitted refusal settings moved this answer when the new model, held to the live
    // model's (threshold, negative-class margin, gate, scale), gives the live answer.
    const byThreshold = refitted && answerOf(o.model, p.text, liveRefusal) === before[i];
    (byThreshold ? thresholdOnly : changed).push(c);
  });
  // Regressions first: they are what the person must look at before going live.
  const regressionsFirst = (a: ChangedAnswer, b: ChangedAnswer) => Number(b.regression) - Number(a.regression);
  changed.sort(regressionsFirst);
  thresholdOnly.sort(regressionsFirst);
  return {
    before: figures(probes, before),
    after: figures(probes, after),
    changed,
    thresholdOnly,
    threshold: { before: liveRefusal?.threshold ?? null, after: o.model.threshold },
    negativeMargin: { before: liveRefusal?.negativeMargin ?? null, after: o.model.negativeMargin },
    regressions: changed.filter((c) => c.regression).length + thresholdOnly.filter((c) => c.regression).length,
    trainMs: o.trainMs,
    fromCache: o.fromCache,
    health: intentHealth(o.next, o.model, answerOf),
  };
}

/**
 * A language's view as its report reads it: an intent it has not translated carries the default
 * language's phrases in the view (the model trains on them), but they are not this language's
 * tests, so they are left out of its figures and changed phrases.
 */
function ownWordsView(kb: KnowledgeBase, language: string): KnowledgeBase {
  const view = kbForLanguage(kb, language);
  const translated = new Set(Object.keys(kb.languages?.[language]?.intents ?? {}));
  return { ...view, intents: view.intents.map((it) => (translated.has(it.id) ? it : { ...it, examples: [], tests: [] })) };
}

/**
 * One more language's part of the report: its own test phrases, and the examples this version
 * adds or drops, on the live model of that language (when the live knowledge base speaks it) and
 * on the new one. `models.next`/`models.live`: those models (trained on kbForLanguage views).
 */
export function languageReport(o: { language: string; next: KnowledgeBase; live: KnowledgeBase; models: { next: Model; live: Model | null }; vectorCache?: VectorCache; answers?: AnswerMemo }): LanguageReport {
  const next = ownWordsView(o.next, o.language);
  const spoken = kbLanguages(o.live).includes(o.language) && o.models.live !== null;
  const live = spoken ? { kb: ownWordsView(o.live, o.language), model: o.models.live as Model } : null;
  const r = publishReport({ next, model: o.models.next, live, trainMs: 0, fromCache: false, vectorCache: o.vectorCache, answers: o.answers });
  return { language: o.language, before: live ? r.before : null, after: r.after, changed: r.changed, thresholdOnly: r.thresholdOnly, regressions: r.regressions };
}
