/**
 * Publishing from the knowledge-base editor (issue 11): the whole publish (training the draft and
 * the report in the editor's worker, storing the version, swapping it in) for the default knowledge
 * base (one phrase changed, so it really retrains: first on a fresh install, then again after one
 * more edit) and for 500- and 2,000-phrase knowledge bases built from banking77's TRAIN split
 * (bench/kb-fixtures.ts; the test split is never read), each published new and then again after a
 * one-phrase edit; and opening the editor (its health marks: every test phrase on the live model).
 * Beside each, the longest event-loop stall on the main thread meanwhile (a 1 ms timer; what the
 * UI would feel).
 *
 * Previous beside now in one run: the same cases run on the code of PREVIOUS_COMMIT (a git worktree
 * of it in a temporary folder, its own default model built there, this file run in it), then here.
 * HUSHDESK_BENCH_PREVIOUS=<rev> picks another commit, =none skips it.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createBackendContext } from '../main/backend';
import type { KnowledgeBaseFile } from '../main/knowledge/kb-file';
import type { BenchTable } from './index';
import { bankingKb, datasetsDir, withOnePhrase } from './kb-fixtures';

/** The last commit before the editor's warm worker (a new worker, tsx compile and encoder load per publish; health marks on the main thread). */
export const PREVIOUS_COMMIT = 'aaf6d83';

type Row = (string | number)[];

/** How long the bench "reads" an import preview before applying it (a person reads it for longer). */
const PREVIEW_READ_MS = 3000;

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

/** Peak resident memory of this process in MB (VmHWM: every thread, the editor's worker included). */
function peakRssMb(): number {
  const m = /VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Math.round((Number(m[1]) * 1024) / 1e6) : Math.round(process.resourceUsage().maxRSS / 1000);
}

/** The cases on the code of this tree: one row per case, in order. */
export async function publishRows(): Promise<Row[]> {
  const datasets = datasetsDir();
  const dir = mkdtempSync(join(tmpdir(), 'hushdesk-bench-publish-'));
  const rows: Row[] = [];
  const runtime = await createBackendContext({ dataDir: join(dir, 'data'), host: 'node', passphrase: 'bench passphrase 1' });
  try {
    const s = runtime.ctx.services();
    const base = s.kbEditor.draft().content as KnowledgeBaseFile;
    const kb500 = bankingKb(datasets, 20, 25);
    const kb2000 = bankingKb(datasets, 40, 50);
    // `save`: the draft is saved just before Publish, as the editor does (an import stored it already).
    const publish = async (label: string, content: KnowledgeBaseFile, save = true) => {
      if (save) s.kbEditor.saveDraft(content, 'owner');
      const phrases = content.intents.reduce((n, it) => n + it.examples.length, 0);
      const r = await withStallMeter(() => s.kbEditor.publish('owner'));
      const rep = r.value.report;
      rows.push([label, phrases, Math.round(r.ms), rep.trainMs, rep.after.inScopeTests, rep.changed.length, rep.regressions, Math.round(r.maxStallMs), Math.round(r.p99StallMs), r.ms <= 2000 ? 'yes' : 'no']);
    };
    // A customer's message first, as on a kiosk that is already answering: the chat's main thread
    // has its model and encoder loaded, so the peak RSS below is the whole backend's.
    const chat = s.chat.start('en');
    if (chat.consentRequired) s.chat.consent(chat.conversationId, 'dont_save');
    s.chat.send(chat.conversationId, 'what time do you open on sunday');
    // Each case is a draft published over the one before: a new knowledge base trains cold, a
    // one-phrase edit retrains from the state the previous publish left.
    const edited = withOnePhrase(base, 'when are your doors open on a weekday');
    await publish('default knowledge base, one phrase added (first publish on a fresh install; nothing opened the editor before, as `hushdesk kb publish`)', edited);
    const open = await withStallMeter(() => s.kbEditor.health());
    const tests = open.value.reduce((n, h) => n + h.tests, 0);
    rows.push(['open the editor: health marks (each intent\'s tests on the live model)', '', Math.round(open.ms), '', tests, '', '', Math.round(open.maxStallMs), Math.round(open.p99StallMs), '']);
    await publish('default knowledge base, one more phrase (retrain after an edit, the editor open)', withOnePhrase(edited, 'are you open late on thursdays'));
    await publish('500-phrase knowledge base (banking77 train, 20 intents), new', kb500);
    await publish('500-phrase knowledge base, one phrase added (retrain after an edit)', withOnePhrase(kb500, 'my new card has still not arrived'));
    // The same size, other intents (nothing of it embedded or trained before), imported the way an
    // owner does it: the editor open, the import preview read for PREVIEW_READ_MS, then applied and
    // published (the clock runs from Publish; whatever the worker has not embedded yet is waited for).
    const kb500b = bankingKb(datasets, 20, 25, 20);
    const input = { fileName: 'banking.json', bytes: Buffer.from(JSON.stringify(kb500b)) };
    s.kbEditor.importPreview(input, 'kb-json');
    await new Promise((r) => setTimeout(r, PREVIEW_READ_MS));
    s.kbEditor.importApply(input, 'kb-json', 'owner');
    await publish(`500-phrase knowledge base (other 20 intents), new, imported: the preview read for ${PREVIEW_READ_MS / 1000} s, then Publish`, s.kbEditor.draft().content as KnowledgeBaseFile, false);
    await publish('2,000-phrase knowledge base (banking77 train, 40 intents), new', kb2000);
    await publish('2,000-phrase knowledge base, one phrase added (retrain after an edit)', withOnePhrase(kb2000, 'my new card has still not arrived'));
  } finally {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

const SHIPPED_MODELS_SCRIPT = `import { kbForLanguage, kbLanguages, loadDefaultKnowledgeBase, loadOrTrainModel } from '../main/engine';
import { languageDir, SHIPPED_MODEL_DIR } from '../main/engine/cache';
const kb = loadDefaultKnowledgeBase();
for (const lang of kbLanguages(kb)) loadOrTrainModel(kbForLanguage(kb, lang), languageDir(SHIPPED_MODEL_DIR, kb, lang), languageDir(SHIPPED_MODEL_DIR, kb, lang));
`;

/** The same cases on the code of `rev`: a worktree of it with this file copied in, run there. */
function previousRows(rev: string): { rows: Row[]; peakRssMb: number } {
  const root = join(__dirname, '..');
  const wt = mkdtempSync(join(tmpdir(), 'hushdesk-bench-previous-'));
  rmSync(wt, { recursive: true, force: true });
  execFileSync('git', ['worktree', 'add', '--detach', wt, rev], { cwd: root, stdio: 'ignore' });
  try {
    symlinkSync(join(root, 'node_modules'), join(wt, 'node_modules'));
    const env = { ...process.env, HUSHDESK_DATASETS: datasetsDir() };
    // Its shipped default models, as its build trains them (each language's model, training state and
    // phrase vectors), written by a two-line script so a build step that changed since cannot break it.
    writeFileSync(join(wt, 'bench', 'build-models-now.ts'), SHIPPED_MODELS_SCRIPT);
    execFileSync(join(root, 'node_modules', '.bin', 'tsx'), ['bench/build-models-now.ts'], { cwd: wt, env, stdio: 'ignore' });
    copyFileSync(__filename, join(wt, 'bench', 'kb-publish-now.ts'));
    // The fixtures of this tree (the same knowledge bases on both sides; bench code, not app code).
    copyFileSync(join(__dirname, 'kb-fixtures.ts'), join(wt, 'bench', 'kb-fixtures.ts'));
    return rowsInChild(join(wt, 'bench', 'kb-publish-now.ts'), wt, env);
  } finally {
    execFileSync('git', ['worktree', 'remove', '--force', wt], { cwd: root, stdio: 'ignore' });
    rmSync(wt, { recursive: true, force: true });
  }
}

/** One side's rows, run by `file --rows` in a fresh process (its peak RSS is that side's alone). */
function rowsInChild(file: string, cwd: string, env: NodeJS.ProcessEnv): { rows: Row[]; peakRssMb: number } {
  const out = execFileSync(join(__dirname, '..', 'node_modules', '.bin', 'tsx'), [file, '--rows'], { cwd, env, maxBuffer: 16 << 20 });
  // The result is the last line (anything the code there logs comes before).
  return JSON.parse(out.toString('utf8').trim().split('\n').pop() ?? '{"rows":[],"peakRssMb":0}') as { rows: Row[]; peakRssMb: number };
}

export async function kbPublishBench(): Promise<BenchTable[]> {
  const rev = process.env.HUSHDESK_BENCH_PREVIOUS ?? PREVIOUS_COMMIT;
  const prev = rev === 'none' ? null : previousRows(rev);
  const previous = prev?.rows ?? null;
  const here = rowsInChild(__filename, join(__dirname, '..'), process.env);
  const now = here.rows;
  const rows: Row[] = [];
  now.forEach((r, i) => {
    const p = previous?.[i];
    if (p) rows.push([p[0] as string, `previous (${rev})`, ...p.slice(1)]);
    rows.push([r[0] as string, 'now', ...r.slice(1)]);
  });
  return [
    {
      title: 'Publishing from the editor: time and the longest main-thread stall (previous beside now, one run)',
      columns: ['knowledge base', 'code', 'example phrases', 'publish ms (all of it)', 'training ms (worker)', 'test phrases run', 'answers changed', 'regressions', 'longest stall ms', 'p99 stall ms', 'publish <= 2 s'],
      rows,
      notes: [
        `Previous: the code of ${rev} (a worker started per publish: tsx compiles it here, it loads the encoder, the live model is serialised to it; the report embeds the examples the draft adds or drops; the health marks run on the main thread). Now: the editor's worker stays warm between jobs (main/workers/warm-worker.ts, main/knowledge/publish-worker.ts) with the encoder and the live model in memory, the report reads the training's phrase vectors and the shipped test-phrase vectors, and the health marks run in that worker.`,
        'Publish = training and the report in the worker + store + swap (the knowledge service loads the new model from the cache); the chat answers with the live model meanwhile. Training ms: the training inside the worker. Answers changed: those the model changed (threshold-only changes are listed apart in the report; the previous code had no such list).',
        'A one-phrase edit retrains from the training state the previous publish left (SVM warm start, calibration kept; main/engine/train-state.ts) and embeds only the new phrase. A new knowledge base embeds every phrase (~10 ms each on an idle core with the MPNet encoder) and fits the 4 calibration folds.',
        'Stall: the longest gap seen by a 1 ms timer on the main thread during the publish (the UI thread under Electron).',
        `Peak RSS of the whole backend process (VmHWM: main thread with a chat answered first, the encoder thread, the editor's worker and its SVM thread, SQLite; tsx included): now ${here.peakRssMb} MB${prev ? `, previous ${prev.peakRssMb} MB` : ''}. Budget (issue 16): <= 300 MB.`,
      ],
    },
  ];
}

if (require.main === module) {
  if (process.argv.includes('--rows')) void publishRows().then((rows) => process.stdout.write(`${JSON.stringify({ rows, peakRssMb: peakRssMb() })}\n`));
  else void kbPublishBench().then((t) => process.stdout.write(`${JSON.stringify(t, null, 2)}\n`));
}
