/**
 * Languages (issue 17): the default knowledge base's held-out tests per language, each language's
 * model beside NLP.js 4.27 with that language's pipeline ('en' / 'es') on the same phrases, and the
 * Spanish ablation (with the English sentence encoder / the English word vectors); then language
 * detection on the mixed English and Spanish held-out phrases of 3+ words, beside NLP.js's own
 * language guesser restricted to the same two languages.
 *
 *   npm run bench -- --only languages
 */
import { createRequire } from 'node:module';
import { kbForLanguage, kbLanguageDetector, kbLanguages, kbTrainingRows, loadDefaultKnowledgeBase, OOS_LABEL, predict, trainModel, type KnowledgeBase } from '../main/engine';
import { wordCount } from '../main/engine/detect-language';
import { quietly } from '../main/engine/evaluate';
import { checkKnowledgeBase } from '../main/engine/kb-check';
import { LANGUAGE_TRAINING } from '../main/engine/train-kb';
import type { BenchTable } from './index';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
}

interface NlpManager {
  addDocument(lang: string, text: string, intent: string): void;
  train(): Promise<void>;
  process(lang: string, text: string): Promise<{ intent?: string; classifications?: { intent: string; score: number }[] }>;
}

const load = createRequire(__filename);


/** Ours: the view's model on its own held-out tests (kb check's figures), with per-phrase timings. */
function ours(view: KnowledgeBase, system: string): (string | number)[] {
  const t0 = performance.now();
  const model = trainModel(view);
  const trainMs = Math.round(performance.now() - t0);
  const r = checkKnowledgeBase(view, model);
  const times: number[] = [];
  for (const text of [...view.intents.flatMap((it) => it.tests), ...view.outOfScopeTests]) {
    const s = performance.now();
    predict(model, text);
    times.push(performance.now() - s);
  }
  return [view.settings.language, system, pct(r.inScopeAccuracy), pct(r.closedAccuracy), pct(r.oosRecall), trainMs, quantile(times, 0.5).toFixed(3), quantile(times, 0.99).toFixed(3)];
}

/** NLP.js with the language's own pipeline, trained on the same rows (out-of-scope examples as its None intent). */
async function nlpjs(view: KnowledgeBase): Promise<(string | number)[]> {
  const lang = view.settings.language;
  const { NlpManager } = load(['node', 'nlp'].join('-')) as { NlpManager: new (o: Record<string, unknown>) => NlpManager };
  const manager = new NlpManager({ languages: [lang], nlu: { log: false }, autoSave: false });
  const t0 = performance.now();
  for (const r of kbTrainingRows(view)) manager.addDocument(lang, r.text, r.intent === OOS_LABEL ? 'None' : r.intent);
  await quietly(() => manager.train());
  const trainMs = Math.round(performance.now() - t0);
  let n = 0;
  let ok = 0;
  let top = 0;
  let refused = 0;
  const times: number[] = [];
  await quietly(async () => {
    for (const it of view.intents) {
      for (const text of it.tests) {
        const s = performance.now();
        const res = await manager.process(lang, text);
        times.push(performance.now() - s);
        n++;
        if (res.intent === it.id) ok++;
        if ((res.classifications ?? []).find((c) => c.intent !== 'None')?.intent === it.id) top++;
      }
    }
    for (const text of view.outOfScopeTests) {
      const s = performance.now();
      const res = await manager.process(lang, text);
      times.push(performance.now() - s);
      if (!res.intent || res.intent === 'None') refused++;
    }
  });
  return [lang, `NLP.js 4.27 ('${lang}' pipeline)`, pct(ok / n), pct(top / n), pct(refused / view.outOfScopeTests.length), trainMs, quantile(times, 0.5).toFixed(3), quantile(times, 0.99).toFixed(3)];
}

/** The held-out phrases of every language, with the language they are written in. */
function mixedPhrases(kb: KnowledgeBase): { text: string; lang: string }[] {
  return kbLanguages(kb).flatMap((lang) => {
    const v = kbForLanguage(kb, lang);
    return [...v.intents.flatMap((it) => it.tests), ...v.outOfScopeTests].map((text) => ({ text, lang }));
  });
}

export function detection(kb: KnowledgeBase): BenchTable {
  const phrases = mixedPhrases(kb).filter((p) => wordCount(p.text) >= 3);
  const b0 = performance.now();
  const detector = kbLanguageDetector(kb);
  const buildMs = performance.now() - b0;
  const rows: (string | number)[][] = [];
  // Twice: the first pass warms the code; the figures are the second's.
  // Wall time, and CPU time (process.cpuUsage, µs): on a loaded machine the wall p99 is mostly
  // time spent descheduled, which the CPU time leaves out.
  const run = (guess: (t: string) => string): { acc: number; times: number[]; cpu: number[] } => {
    let ok = 0;
    const times: number[] = [];
    const cpu: number[] = [];
    for (const p of phrases) {
      const c = process.cpuUsage();
      const s = performance.now();
      const g = guess(p.text);
      times.push(performance.now() - s);
      const d = process.cpuUsage(c);
      cpu.push((d.user + d.system) / 1000);
      if (g === p.lang) ok++;
    }
    return { acc: ok / phrases.length, times, cpu };
  };
  // A warm-up pass, then 5 passes; the figures are the median pass's (five agents share two cores
  // here, and one descheduled call is 1% of a pass).
  const timed = (guess: (t: string) => string): { acc: number; p50: string; p99: string; cpu99: string } => {
    run(guess);
    const passes = Array.from({ length: 5 }, () => run(guess));
    const mid = (xs: number[]): string => (quantile(xs, 0.5) * 1000).toFixed(1);
    return { acc: passes[0]?.acc ?? 0, p50: mid(passes.map((p) => quantile(p.times, 0.5))), p99: mid(passes.map((p) => quantile(p.times, 0.99))), cpu99: mid(passes.map((p) => quantile(p.cpu, 0.99))) };
  };
  const mine = timed((t) => detector.detect(t).language);
  rows.push(['hushdesk (per-KB character trigrams + words)', phrases.length, pct(mine.acc), mine.p50, mine.p99, mine.cpu99, buildMs.toFixed(1)]);
  try {
    const { Language } = load('@nlpjs/language') as { Language: new () => { guess(t: string, allow: string[], limit: number): { alpha2: string }[] | undefined } };
    const guesser = new Language();
    // It throws on a few phrases (inside its trigram code); those count as wrong, as 'none' does.
    const guess = (t: string): string => {
      try {
        return guesser.guess(t, ['en', 'es'], 1)?.[0]?.alpha2 ?? 'none';
      } catch {
        return 'none';
      }
    };
    const theirs = timed(guess);
    rows.push(['NLP.js 4.27 language guesser (allow-list en, es)', phrases.length, pct(theirs.acc), theirs.p50, theirs.p99, theirs.cpu99, '-']);
  } catch (e) {
    rows.push(['NLP.js language guesser', phrases.length, `failed: ${e instanceof Error ? e.message : String(e)}`, '-', '-', '-', '-']);
  }
  return {
    title: 'Language of a message: the default KB\'s English and Spanish held-out phrases of 3+ words (shorter ones keep the conversation\'s language)',
    columns: ['detector', 'phrases', 'accuracy', 'p50 µs', 'p99 µs', 'p99 CPU µs', 'build ms'],
    rows,
    notes: ['Target: >= 97% on 3+ words, <= 1 ms at p99. The detector learns from the KB\'s own titles, examples, answers and out-of-scope examples in each language, never from these test phrases.'],
  };
}

export async function languagesBench(): Promise<BenchTable[]> {
  const kb = loadDefaultKnowledgeBase();
  // First: NLP.js's language guesser scored 93.2% when run first and 60.1% after the NlpManager
  // trainings below in the same process (cause not investigated); it is measured at its best.
  const detect = detection(kb);
  const rows: (string | number)[][] = [];
  for (const lang of kbLanguages(kb)) {
    const view = kbForLanguage(kb, lang);
    rows.push(ours(view, 'hushdesk'));
    if (lang === 'es') {
      // Ablation: what the English meaning models do for Spanish (both are off in the shipped setting).
      const es = LANGUAGE_TRAINING.es as { encoder: boolean; wordVectors: boolean };
      const saved = { ...es };
      try {
        Object.assign(es, { encoder: true, wordVectors: false });
        rows.push(ours(view, 'hushdesk + English sentence encoder (MPNet)'));
        Object.assign(es, { encoder: false, wordVectors: true });
        rows.push(ours(view, 'hushdesk + English word vectors (GloVe)'));
      } finally {
        Object.assign(es, saved);
      }
    }
    rows.push(await nlpjs(view));
  }
  return [
    {
      title: 'Default knowledge base per language: its own held-out test phrases (in scope: right intent with the threshold applied; top-1 ignores it), same run, same machine',
      columns: ['language', 'system', 'in-scope acc', 'top-1', 'oos recall', 'train ms', 'p50 ms', 'p99 ms'],
      rows,
      notes: [
        `English: ${kb.intents.reduce((n, it) => n + it.tests.length, 0)} in-scope and ${kb.outOfScopeTests.length} out-of-scope tests; Spanish: its own ${kbForLanguage(kb, 'es').intents.reduce((n, it) => n + it.tests.length, 0)} and ${kbForLanguage(kb, 'es').outOfScopeTests.length} (typos, texting forms, missing accents).`,
        'Targets for Spanish: in scope >= 90%, oos recall >= 80%.',
      ],
    },
    detect,
  ];
}
