/**
 * The knowledge-base editor: the draft, publishing (train off the UI thread, run the knowledge
 * base's own tests on the live and the new model, store a version with its report), versions (view,
 * diff, restore), imports with a preview, exports, "Try a phrase", and the missed-questions actions.
 * The app, the preview host and the CLI all use this one service; every change is audited with the
 * role that made it (never a person, never content).
 */
import type { ImportFormat, ImportPreview, IntentHealth, KbAuthorRole, KbDiff, KbDraftState, KbVersionInfo, MissGroup, PublishReport, PublishResult, TryAnswer } from '../../shared/kb-editor';
import { AppFailure } from '../../shared/result';
import { loadDefaultKnowledgeBase, loadKnowledgeBase, normalizeText, type KnowledgeBase, type TurnContext } from '../engine';
import type { KnowledgeService } from '../services/knowledge';
import type { AuditSink, Clock } from '../services/ports';
import { annotateKbVersion, deleteKbDraft, getKbVersionContent, insertKbVersion, latestKbVersion, latestKbVersionId, listPublishedVersions, readKbDraft, transaction, writeKbDraft, type Db, type PublishedVersionRow } from '../store';
import { diffKb, isEmptyDiff } from './diff';
import { exportKbText, type KbExportFormat } from './export';
import { prepareImport, type ImportInput } from './imports';
import { checkKbContent, toKbFile, type KnowledgeBaseFile } from './kb-file';
import { draftWarnings, type KbLanguage } from '../engine/kb';
import type { MissInbox } from './misses';
import type { PublishWorkerJob, PublishWorkerResult } from './publish-worker';
import { WarmWorker } from '../workers/warm-worker';
import { encoderLinkForWorker } from '../engine/encoder';

const MAX_DRAFT_CHARS = 5_000_000;
/**
 * The editor's worker (training, the report, health marks) ends after this long without a job: it
 * holds the encoder and two models (~150 MB), and an owner editing comes back within minutes.
 */
export const EDITOR_WORKER_IDLE_MS = 10 * 60_000;

export interface KbEditorDeps {
  db(): Db;
  knowledge: KnowledgeService;
  misses: MissInbox;
  cacheDir: string;
  audit: AuditSink;
  now: Clock;
  /** The shop's calendar day and region, so "Try a phrase" reads dates and phones as the chat does. */
  turnContext?(): TurnContext;
}

export interface KbEditorService {
  draft(): KbDraftState;
  saveDraft(content: unknown, role: KbAuthorRole): KbDraftState;
  discardDraft(role: KbAuthorRole): KbDraftState;
  publish(role: KbAuthorRole): Promise<PublishResult>;
  versions(): KbVersionInfo[];
  version(n: number): { info: KbVersionInfo; content: KnowledgeBaseFile; report: PublishReport | null };
  /** What changed from version `from` to version `to` (default: the draft). */
  diff(from: number, to?: number): KbDiff;
  restore(n: number, role: KbAuthorRole): Promise<PublishResult>;
  health(): Promise<IntentHealth[]>;
  /** `language`: tried in that language only (the editor's chosen one); else as the chat detects it. */
  tryAnswer(text: string, language?: string): TryAnswer;
  importPreview(input: ImportInput, format?: ImportFormat): ImportPreview;
  /** Puts the import into the draft (nothing else changes); refused while the preview has errors. */
  importApply(input: ImportInput, format: ImportFormat | undefined, role: KbAuthorRole): { preview: ImportPreview; draft: KbDraftState };
  exportText(format: KbExportFormat, which: 'live' | 'draft'): string;
  missGroups(): MissGroup[];
  assignMisses(group: string, intentId: string, role: KbAuthorRole): { added: number; draft: KbDraftState };
  /**
   * A group in another language than the default one needs `defaultExample` and `defaultAnswer`:
   * the new intent's default-language words (an intent always has them; its other languages are
   * translations).
   */
  createIntentFromMisses(group: string, o: { id: string; title: string; answer: string; defaultExample?: string | undefined; defaultAnswer?: string | undefined }, role: KbAuthorRole): { added: number; draft: KbDraftState };
  dismissMisses(group: string, role: KbAuthorRole): { dismissed: number };
  /** Ends the editor's worker thread (the backend closes, or the store is erased). */
  close(): Promise<void>;
}

/** A stored report; those stored before threshold-only changes were listed apart read with none. */
function storedReport(json: string): PublishReport {
  const r = JSON.parse(json) as Omit<PublishReport, 'thresholdOnly' | 'threshold'> & Partial<Pick<PublishReport, 'thresholdOnly' | 'threshold'>>;
  return { ...r, thresholdOnly: r.thresholdOnly ?? [], threshold: r.threshold ?? null };
}

function versionInfo(r: PublishedVersionRow, liveId: number | null): KbVersionInfo {
  return { version: r.id, at: r.at, role: r.author, summary: r.summary, name: r.name, kbVersion: r.version, hash: r.hash, source: r.source, live: r.id === liveId };
}

export function createKbEditorService(deps: KbEditorDeps): KbEditorService {
  let publishing = false;
  // Started by the first job (the editor's health marks when it opens) and kept warm between jobs.
  // Each new thread gets a port to this process's encoder thread: it embeds there instead of
  // loading a session (~130 MB) of its own.
  const worker = new WarmWorker<PublishWorkerJob, PublishWorkerResult>(__dirname, 'publish-worker', EDITOR_WORKER_IDLE_MS, () => {
    const encoder = encoderLinkForWorker();
    return { data: { encoder }, transfer: encoder ? [encoder.port] : [] };
  });

  // Validating a knowledge base costs 0.1-0.2 s of this thread (the regex guard's probe): the live
  // one is validated once per version, a draft once per content.
  let liveMemo: { id: number | null; value: { kb: KnowledgeBase; version: number | null } } | null = null;
  let checkMemo: { json: string; value: ReturnType<typeof checkKbContent> } | null = null;

  function check(content: unknown): ReturnType<typeof checkKbContent> {
    const json = JSON.stringify(content);
    if (checkMemo?.json === json) return checkMemo.value;
    const value = checkKbContent(content);
    checkMemo = { json, value };
    return value;
  }

  function liveKb(): { kb: KnowledgeBase; version: number | null } {
    const id = latestKbVersionId(deps.db());
    if (liveMemo && liveMemo.id === id) return liveMemo.value;
    const value = readLiveKb();
    liveMemo = { id, value };
    return value;
  }

  /** What the knowledge service answers with (it picks the same: latest stored import, else the default). */
  function readLiveKb(): { kb: KnowledgeBase; version: number | null } {
    const saved = latestKbVersion(deps.db());
    if (saved && saved.source === 'imported') {
      try {
        return { kb: loadKnowledgeBase(saved.content, saved.name), version: saved.id };
      } catch {
        // As the knowledge service does: a stored KB that no longer validates falls back to the default.
      }
    }
    return { kb: loadDefaultKnowledgeBase(), version: saved?.id ?? null };
  }

  function draftContent(): { content: unknown; baseVersion: number | null } {
    const row = readKbDraft(deps.db());
    if (row) return { content: JSON.parse(row.content) as unknown, baseVersion: row.baseVersion };
    const live = liveKb();
    return { content: toKbFile(live.kb), baseVersion: live.version };
  }

  function state(): KbDraftState {
    const { content, baseVersion } = draftContent();
    const { kb, problems } = check(content);
    const diff = kb ? diffKb(toKbFile(liveKb().kb), toKbFile(kb)) : null;
    // A draft with problems still has its translation warnings where they can be read (ids and
    // slot names): the owner fixing a typo should not lose the list of what is left to translate.
    return { content, baseVersion, problems, warnings: kb ? kb.warnings : draftWarnings(content), changed: diff ? !isEmptyDiff(diff) : true, diff };
  }

  function validDraft(): KnowledgeBase {
    const { content } = draftContent();
    const { kb, problems } = check(content);
    if (!kb) throw new AppFailure('kb_invalid', `The draft has ${problems.length} problem(s); fix them before publishing.`, { details: problems });
    return kb;
  }

  function storeDraft(content: KnowledgeBaseFile | unknown): void {
    const json = JSON.stringify(content);
    if (json.length > MAX_DRAFT_CHARS) throw new AppFailure('too_large', 'The draft is larger than 5 MB.');
    writeKbDraft(deps.db(), { content: json, baseVersion: draftContent().baseVersion, updatedAt: deps.now() });
  }

  /**
   * While the editor is open (its worker running), a valid draft's phrases are embedded in the
   * background (publish-worker.ts 'embed'), so Publish finds them embedded: for a new 500-phrase
   * knowledge base that is most of the publish. Never starts the worker (the CLI's import and
   * publish stay one job each). Its failure is not the owner's: Publish then embeds them itself.
   * `kb`: the draft as already validated (null: it has problems, nothing to embed).
   */
  function embedAhead(kb: KnowledgeBase | null): void {
    if (!worker.running || !kb) return;
    worker.run({ kind: 'embed', draft: kb, live: liveKb().kb, cacheDir: deps.cacheDir }).catch(() => undefined);
  }

  function editableDraft(): KnowledgeBaseFile {
    const { content } = draftContent();
    const { kb, problems } = check(content);
    if (!kb) throw new AppFailure('kb_invalid', 'Fix the problems in the draft first.', { details: problems });
    return toKbFile(kb);
  }

  /** Trains `next`, reports it against the live model, installs it as a new version. */
  async function goLive(next: KnowledgeBase, content: string, source: 'default' | 'imported', role: KbAuthorRole, summaryPrefix: string): Promise<PublishResult> {
    if (publishing) throw new AppFailure('conflict', 'A publish is already running.');
    publishing = true;
    try {
      const live = liveKb();
      // Training and the report in the editor's warm worker (publish-worker.ts): the encoder is
      // loaded and the live model in its memory already; the new model comes back through the cache.
      const done = await worker.run({ kind: 'publish', next, live: live.kb, cacheDir: deps.cacheDir });
      if (done.kind !== 'publish') throw new AppFailure('internal', 'the publish worker answered another job');
      const report = done.report;
      const diff = diffKb(toKbFile(live.kb), toKbFile(next));
      const summary = summaryPrefix ? `${summaryPrefix}${isEmptyDiff(diff) ? '' : `: ${diff.summary}`}` : diff.summary;
      const db0 = deps.db();
      if (!latestKbVersion(db0)) {
        // The built-in knowledge base becomes version 1, so the first publish can be undone by a restore.
        const id = insertKbVersion(db0, { hash: live.kb.hash, name: live.kb.name, version: live.kb.version, source: 'default', importedAt: deps.now(), content: '' });
        annotateKbVersion(db0, id, { author: 'system', summary: 'built-in knowledge base', report: null });
      }
      // The knowledge service stores the version and swaps the model in; its model cache was just
      // written by the training above, so this is a cache load, not a second training.
      if (source === 'default') await deps.knowledge.resetDefault();
      else await deps.knowledge.import(next.fileName, content);
      const db = deps.db();
      const row = latestKbVersion(db);
      if (!row) throw new AppFailure('internal', 'the new version was not stored');
      transaction(db, () => {
        annotateKbVersion(db, row.id, { author: role, summary, report: JSON.stringify(report) });
        deleteKbDraft(db);
      });
      deps.audit('kb_published', { version: row.id, role, intents: next.intents.length, regressions: report.regressions, accuracyBefore: Math.round(report.before.inScopeAccuracy * 1000) / 1000, accuracyAfter: Math.round(report.after.inScopeAccuracy * 1000) / 1000 });
      const info = listPublishedVersions(db).find((v) => v.id === row.id) as PublishedVersionRow;
      return { version: versionInfo(info, row.id), report };
    } finally {
      publishing = false;
    }
  }

  function versionRow(n: number): PublishedVersionRow & { content: string } {
    const row = getKbVersionContent(deps.db(), n);
    if (!row) throw new AppFailure('not_found', `There is no version ${n}.`);
    return row;
  }

  function kbOfVersion(row: PublishedVersionRow & { content: string }): KnowledgeBase {
    return row.source === 'default' ? loadDefaultKnowledgeBase() : loadKnowledgeBase(row.content, `version-${row.id}.json`);
  }

  /**
   * Adds `texts` to `intent.examples` (an intent of the file, or its words in another language),
   * leaving out a phrase `file` already has in `language` (any intent's example, or out of scope).
   */
  function addToIntent(intent: { examples: string[] }, texts: readonly string[], file: KnowledgeBaseFile, language: string): number {
    const taken = taughtPhrases(file, language);
    let added = 0;
    for (const t of texts) {
      const phrase = t.replace(/\s+/g, ' ').trim().slice(0, 300);
      const n = normalizeText(phrase, language);
      if (n.length === 0 || taken.has(n)) continue;
      intent.examples.push(phrase);
      taken.add(n);
      added++;
    }
    return added;
  }

  /** Every (normalised) phrase one language of `file` teaches: its intents' examples and its out-of-scope ones. */
  function taughtPhrases(file: KnowledgeBaseFile, language: string): Set<string> {
    const l = language === file.settings.language ? { intents: file.intents, outOfScopeExamples: file.outOfScopeExamples } : { intents: Object.values(file.languages?.[language]?.intents ?? {}), outOfScopeExamples: file.languages?.[language]?.outOfScopeExamples ?? [] };
    return new Set([...l.intents.flatMap((it) => it.examples), ...l.outOfScopeExamples].map((ex) => normalizeText(ex, language)));
  }

  /** Stores the draft with the intent made from a group of missed questions, and marks the group assigned. */
  function finishCreate(file: KnowledgeBaseFile, group: string, questions: number, added: number, id: string, role: KbAuthorRole, language: string): { added: number; draft: KbDraftState } {
    const { problems } = checkKbContent(file);
    if (problems.length > 0) throw new AppFailure('kb_invalid', 'The new intent has problems.', { details: problems });
    storeDraft(file);
    deps.misses.mark(group, 'assigned', id);
    deps.audit('misses_assigned', { role, questions, added, newIntent: true, language });
    return { added, draft: state() };
  }

  /** The group's language, which the draft must still answer in (its words go there). */
  function languageOfGroup(file: KnowledgeBaseFile, rows: readonly { language: string }[]): string {
    const language = rows[0]?.language ?? file.settings.language;
    if (language !== file.settings.language && !file.languages?.[language]) {
      throw new AppFailure('conflict', `These questions were asked in "${language}", which the draft no longer answers in.`, {
        details: [{ path: `$.languages.${language}`, message: `the draft has no language "${language}"`, code: 'unknown_language', params: { language } }],
      });
    }
    return language;
  }

  return {
    draft: state,
    saveDraft(content, role) {
      if (content === null || typeof content !== 'object' || Array.isArray(content)) throw new AppFailure('invalid_input', 'A draft is a knowledge-base object.');
      storeDraft(content);
      deps.audit('kb_draft_saved', { role });
      const saved = state();
      // Validated by state() just now (check's memo answers).
      embedAhead(check(content).kb);
      return saved;
    },
    discardDraft(role) {
      deleteKbDraft(deps.db());
      deps.audit('kb_draft_discarded', { role });
      return state();
    },
    async publish(role) {
      const kb = validDraft();
      return goLive(kb, JSON.stringify(toKbFile(kb), null, 2), 'imported', role, '');
    },
    versions() {
      const rows = listPublishedVersions(deps.db());
      const liveId = rows[0]?.id ?? null;
      return rows.map((r) => versionInfo(r, liveId));
    },
    version(n) {
      const row = versionRow(n);
      const liveId = latestKbVersion(deps.db())?.id ?? null;
      return { info: versionInfo(row, liveId), content: toKbFile(kbOfVersion(row)), report: row.report ? storedReport(row.report) : null };
    },
    diff(from, to) {
      const a = toKbFile(kbOfVersion(versionRow(from)));
      if (to !== undefined) return diffKb(a, toKbFile(kbOfVersion(versionRow(to))));
      return diffKb(a, editableDraft());
    },
    async restore(n, role) {
      const row = versionRow(n);
      const kb = kbOfVersion(row);
      return goLive(kb, row.content, row.source, role, `restored version ${n}`);
    },
    async health() {
      // In the worker: every test phrase through the encoder took ~1-2 s of this thread.
      const done = await worker.run({ kind: 'health', kb: liveKb().kb, cacheDir: deps.cacheDir });
      if (done.kind !== 'health') throw new AppFailure('internal', 'the editor worker answered another job');
      return done.health;
    },
    tryAnswer(text, language) {
      const d = deps.knowledge.tryPhrase(text, undefined, language);
      const dialogue = language ? deps.knowledge.dialogue().only(language) : deps.knowledge.dialogue();
      // No facts of the app's: each language's dialogue fills in its own default wording (English:
      // DEFAULT_FACTS), so a Spanish privacy answer is not given English facts.
      const turn = dialogue.respond(null, text, {}, deps.turnContext?.());
      return {
        ranking: d.ranking.slice(0, 5),
        intent: d.intent,
        confidence: d.confidence,
        outOfScope: d.outOfScope,
        // The turn's own entities: read once, in the language the phrase was answered in.
        entities: turn.entities.map((e) => ({ entity: e.entity, value: e.value, text: e.text })),
        answer: turn.messages.map((m) => m.text),
      };
    },
    importPreview(input, format) {
      const { preview, kb } = prepareImport(editableDraft(), input, format);
      // While the owner reads the preview: what applying it would bring is embedded already.
      embedAhead(kb);
      return preview;
    },
    importApply(input, format, role) {
      const { preview, merged } = prepareImport(editableDraft(), input, format);
      if (!merged) throw new AppFailure('kb_invalid', 'The file has problems; nothing was changed.', { details: [...preview.errors, ...preview.draftProblems] });
      storeDraft(merged);
      deps.audit('kb_imported', { role, format: preview.format, intents: preview.intents.length, phrases: preview.phrases });
      return { preview, draft: state() };
    },
    exportText(format, which) {
      const file = which === 'draft' ? editableDraft() : toKbFile(liveKb().kb);
      deps.audit('kb_exported', { format, which });
      return exportKbText(file, format);
    },
    missGroups: () => deps.misses.groups(),
    assignMisses(group, intentId, role) {
      const rows = deps.misses.rowsOf(group);
      const file = editableDraft();
      const intent = file.intents.find((it) => it.id === intentId);
      if (!intent) throw new AppFailure('not_found', `The draft has no intent ${intentId}.`);
      const language = languageOfGroup(file, rows);
      // Asked in another language: the phrases teach that language's words of the intent.
      const words = language === file.settings.language ? intent : file.languages?.[language]?.intents[intentId];
      if (!words) {
        throw new AppFailure('conflict', `Intent ${intentId} is not translated into "${language}" yet; translate it first.`, {
          details: [{ path: `$.languages.${language}.intents.${intentId}`, message: `not translated into "${language}"`, code: 'intent_untranslated', params: { language, intent: intentId } }],
        });
      }
      const added = addToIntent(words, rows.map((r) => r.text), file, language);
      storeDraft(file);
      deps.misses.mark(group, 'assigned', intentId);
      deps.audit('misses_assigned', { role, questions: rows.length, added, language });
      return { added, draft: state() };
    },
    createIntentFromMisses(group, o, role) {
      const rows = deps.misses.rowsOf(group);
      const file = editableDraft();
      if (file.intents.some((it) => it.id === o.id)) throw new AppFailure('conflict', `The draft already has an intent ${o.id}.`);
      const language = languageOfGroup(file, rows);
      const texts = rows.map((r) => r.text);
      if (language === file.settings.language) {
        const intent: KnowledgeBaseFile['intents'][number] = { id: o.id, title: o.title, examples: [], tests: [], responses: [o.answer] };
        const added = addToIntent(intent, texts, file, language);
        if (added === 0) throw new AppFailure('conflict', 'Every question of this group is already taught to another intent.');
        file.intents.push(intent);
        return finishCreate(file, group, rows.length, added, o.id, role, language);
      }
      const missing = [...(o.defaultExample ? [] : ['defaultExample']), ...(o.defaultAnswer ? [] : ['defaultAnswer'])];
      if (missing.length > 0) {
        throw new AppFailure('invalid_input', `Questions asked in "${language}" make an intent that also needs an example and an answer in "${file.settings.language}".`, {
          details: missing.map((path) => ({ path, message: 'is required for an intent made from questions in another language', code: 'too_small', params: { minimum: 1, origin: 'string' } })),
        });
      }
      const words: KbLanguage['intents'][string] = { title: o.title, examples: [], tests: [], responses: [o.answer] };
      const added = addToIntent(words, texts, file, language);
      if (added === 0) throw new AppFailure('conflict', 'Every question of this group is already taught to another intent.');
      file.intents.push({ id: o.id, title: o.defaultExample as string, examples: [o.defaultExample as string], tests: [], responses: [o.defaultAnswer as string] });
      const l = file.languages?.[language] as KbLanguage;
      l.intents[o.id] = words;
      return finishCreate(file, group, rows.length, added, o.id, role, language);
    },
    dismissMisses(group, role) {
      const dismissed = deps.misses.mark(group, 'dismissed', null);
      deps.audit('misses_dismissed', { role, questions: dismissed });
      return { dismissed };
    },
    close: () => worker.close(),
  };
}
