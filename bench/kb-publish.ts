/**
 * Publishing from the knowledge-base editor (issue 11): the whole publish (live model from the
 * cache, training the draft in the worker, the KB's own tests on both models, storing the version,
 * swapping it in) for the default knowledge base (one phrase changed, so it really retrains: first
 * on a fresh install, then again after one more edit) and for 500- and 2,000-phrase knowledge bases
 * built from banking77's TRAIN split (bench/kb-fixtures.ts; the test split is never read), each
 * published new and then again after a one-phrase edit. Beside it, the longest event-loop stall on
 * the main thread while each publish runs (a 1 ms timer; what the UI would feel).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createBackendContext } from '../main/backend';
import type { KnowledgeBaseFile } from '../main/knowledge/kb-file';
import type { BenchTable } from './index';
import { bankingKb, datasetsDir, withOnePhrase } from './kb-fixtures';

/** Runs fn while a 1 ms timer measures how late the event loop runs it (the longest gap). */
async function withStallMeter<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; maxStallMs: number; p99StallMs: number }> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const t = performance.now();
    worst = Math.max(worst, t - last);
    last = t;
  }, 1);
  h.enable();
  const t0 = performance.now();
  try {
    const value = await fn();
    const ms = performance.now() - t0;
    worst = Math.max(worst, performance.now() - last);
    return { value, ms, maxStallMs: worst, p99StallMs: h.percentile(99) / 1e6 };
  } finally {
    clearInterval(timer);
    h.disable();
  }
}

export async function kbPublishBench(): Promise<BenchTable[]> {
  const datasets = datasetsDir();
  const dir = mkdtempSync(join(tmpdir(), 'hushdesk-bench-publish-'));
  const rows: (string | number)[][] = [];
  const runtime = await createBackendContext({ dataDir: join(dir, 'data'), host: 'node', passphrase: 'bench passphrase 1' });
  try {
    const s = runtime.ctx.services();
    const base = s.kbEditor.draft().content as KnowledgeBaseFile;
    const kb500 = bankingKb(datasets, 20, 25);
    const kb2000 = bankingKb(datasets, 40, 50);
    // Each case is a draft published over the one before: a new knowledge base trains cold, a
    // one-phrase edit retrains from the state the previous publish left.
    const cases: [string, KnowledgeBaseFile][] = [
      ['default knowledge base, one phrase added (first publish on a fresh install)', withOnePhrase(base, 'when are your doors open on a weekday')],
      ['default knowledge base, one more phrase (retrain after an edit)', withOnePhrase(withOnePhrase(base, 'when are your doors open on a weekday'), 'are you open late on thursdays')],
      ['500-phrase knowledge base (banking77 train, 20 intents), new', kb500],
      ['500-phrase knowledge base, one phrase added (retrain after an edit)', withOnePhrase(kb500, 'my new card has still not arrived')],
      ['2,000-phrase knowledge base (banking77 train, 40 intents), new', kb2000],
      ['2,000-phrase knowledge base, one phrase added (retrain after an edit)', withOnePhrase(kb2000, 'my new card has still not arrived')],
    ];
    for (const [label, content] of cases) {
      s.kbEditor.saveDraft(content, 'owner');
      const phrases = content.intents.reduce((n, it) => n + it.examples.length, 0);
      const r = await withStallMeter(() => s.kbEditor.publish('owner'));
      const rep = r.value.report;
      rows.push([label, phrases, Math.round(r.ms), rep.trainMs, rep.after.inScopeTests, rep.changed.length, rep.regressions, Math.round(r.maxStallMs), Math.round(r.p99StallMs), r.ms <= 2000 ? 'yes' : 'no']);
    }
  } finally {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    {
      title: 'Publishing from the editor: time and the longest main-thread stall',
      columns: ['knowledge base', 'example phrases', 'publish ms (all of it)', 'training ms (worker)', 'test phrases run', 'answers changed', 'regressions', 'longest stall ms', 'p99 stall ms', 'publish <= 2 s'],
      rows,
      notes: [
        'Publish = live model from the cache + one worker thread that trains and runs the tests on both models (main/knowledge/publish-worker.ts; the encoder loads once) + store + swap; the chat answers with the live model meanwhile. Training ms: the training inside that worker.',
        'A one-phrase edit retrains from the training state the previous publish left (SVM warm start, calibration kept; main/engine/train-state.ts) and embeds only the new phrase; the report embeds each probe once and keeps probe vectors between publishes.',
        'The first publish on a fresh install embeds every phrase: the build ships the default model and its training state, not its phrase vectors (scripts/build-default-model.ts deletes them).',
        'Stall: the longest gap seen by a 1 ms timer on the main thread during the publish (the UI thread under Electron).',
      ],
    },
  ];
}

if (require.main === module) {
  void kbPublishBench().then((t) => process.stdout.write(`${JSON.stringify(t, null, 2)}\n`));
}
