/**
 * The knowledge base in use and its trained model. The shipped default KB is used until the shop
 * imports its own; an import is validated (errors by field path), stored as a new version in the
 * encrypted store, trained, and only then swapped in: a bad file never replaces a good one.
 * The trained model is cached on disk keyed by engine version and KB hash. Training runs in a worker
 * thread (engine/train-off-thread.ts) for the warm-up at unlock, imports and resets, so the thread
 * that serves the UI keeps answering with the current model meanwhile.
 */
import type { KbInfo, TryPhraseResult } from '../../shared/domain';
import {
  createMultilingualDialogue,
  kbForLanguage,
  kbLanguages,
  loadDefaultKnowledgeBase,
  loadKnowledgeBase,
  loadOrTrainModel,
  type KnowledgeBase,
  type Model,
  type MultilingualDialogue,
} from '../engine';
import { languageDir, SHIPPED_MODEL_DIR } from '../engine/cache';
import { trainModelOffThread } from '../engine/train-off-thread';
import { insertKbVersion, latestKbVersion, type Db } from '../store';
import type { AuditSink, Clock } from './ports';

export interface KnowledgeService {
  dialogue(): MultilingualDialogue;
  /** The knowledge base in use (its hash changes with every import, publish or reset). */
  knowledgeBase(): KnowledgeBase;
  info(): KbInfo;
  /** Trains (or loads from the cache) the model in use, off the UI thread; call once after unlock. */
  warm(): Promise<KbInfo>;
  /**
   * The decision the chat makes for this message, after `previous` when given (same code path);
   * `language`: in that language's model only (the editor's chosen language), not the detected one.
   */
  tryPhrase(text: string, previous?: string, language?: string): TryPhraseResult;
  import(fileName: string, content: string): Promise<KbInfo>;
  resetDefault(): Promise<KbInfo>;
}

interface Loaded {
  kb: KnowledgeBase;
  /** The default language's model. */
  model: Model;
  dialogue: MultilingualDialogue;
  source: KbInfo['source'];
}

/** A knowledge base given for this run only (e.g. `hushdesk chat --kb FILE`): used, never stored. */
export interface KbOverride {
  fileName: string;
  content: string;
}

export function createKnowledgeService(db: () => Db, cacheDir: string, audit: AuditSink, now: Clock, override?: KbOverride): KnowledgeService {
  let loaded: Loaded | null = null;

  // One model per language, each cached in its own folder (cache.ts languageDir) like the default one.
  function assemble(kb: KnowledgeBase, models: Record<string, Model>, source: KbInfo['source']): Loaded {
    return { kb, model: models[kb.settings.language] as Model, dialogue: createMultilingualDialogue(kb, models), source };
  }

  function build(kb: KnowledgeBase, source: KbInfo['source']): Loaded {
    const models: Record<string, Model> = {};
    for (const lang of kbLanguages(kb)) models[lang] = loadOrTrainModel(kbForLanguage(kb, lang), languageDir(cacheDir, kb, lang), languageDir(SHIPPED_MODEL_DIR, kb, lang)).model;
    return assemble(kb, models, source);
  }

  async function buildOffThread(kb: KnowledgeBase, source: KbInfo['source']): Promise<Loaded> {
    const models: Record<string, Model> = {};
    // One after the other: two trainings at once would only compete for the same cores.
    for (const lang of kbLanguages(kb)) models[lang] = (await trainModelOffThread(kbForLanguage(kb, lang), languageDir(cacheDir, kb, lang), languageDir(SHIPPED_MODEL_DIR, kb, lang))).model;
    return assemble(kb, models, source);
  }

  /** The knowledge base to use: this run's override, else the latest stored import, else the default. */
  function chosen(): { kb: KnowledgeBase; source: KbInfo['source'] } {
    if (override) return { kb: loadKnowledgeBase(override.content, override.fileName), source: 'imported' };
    const saved = latestKbVersion(db());
    if (saved && saved.source === 'imported') {
      try {
        return { kb: loadKnowledgeBase(saved.content, saved.name), source: 'imported' };
      } catch {
        // A stored KB that no longer validates (older app rules) falls back to the default
        // rather than leaving the kiosk without a bot; the stored version is kept for staff.
      }
    }
    return { kb: loadDefaultKnowledgeBase(), source: 'default' };
  }

  function current(): Loaded {
    if (loaded) return loaded;
    // Only before warm() finished (a message in the first seconds after unlock): train here.
    const c = chosen();
    loaded = build(c.kb, c.source);
    return loaded;
  }

  function info(l: Loaded): KbInfo {
    return {
      name: l.kb.name,
      version: l.kb.version,
      hash: l.kb.hash,
      language: l.kb.settings.language,
      languages: kbLanguages(l.kb),
      source: l.source,
      intents: l.kb.intents.map((it) => ({ id: it.id, title: it.title, examples: it.examples.length, ...otherTitles(l.kb, it.id) })),
    };
  }

  return {
    dialogue: () => current().dialogue,
    knowledgeBase: () => current().kb,
    info: () => info(current()),
    async warm() {
      if (!loaded) {
        const c = chosen();
        const next = await buildOffThread(c.kb, c.source);
        loaded ??= next;
      }
      return info(loaded);
    },
    tryPhrase(text, previous, language) {
      const dialogue = language ? current().dialogue.only(language) : current().dialogue;
      const state = previous ? dialogue.respond(null, previous, {}).state : null;
      const d = dialogue.decide(state, text);
      return { intent: d.intent, confidence: d.confidence, ranking: d.ranking, outOfScope: d.outOfScope, context: d.context };
    },
    async import(fileName, content) {
      const kb = loadKnowledgeBase(content, fileName); // throws kb_invalid with details by path
      const next = await buildOffThread(kb, 'imported');
      insertKbVersion(db(), { hash: kb.hash, name: kb.name, version: kb.version, source: 'imported', importedAt: now(), content });
      loaded = next;
      audit('kb_changed', { source: 'imported', intents: kb.intents.length, hash: kb.hash.slice(0, 16) });
      return info(next);
    },
    async resetDefault() {
      const kb = loadDefaultKnowledgeBase();
      const next = await buildOffThread(kb, 'default');
      insertKbVersion(db(), { hash: kb.hash, name: kb.name, version: kb.version, source: 'default', importedAt: now(), content: '' });
      loaded = next;
      audit('kb_changed', { source: 'default', intents: kb.intents.length, hash: kb.hash.slice(0, 16) });
      return info(next);
    },
  };
}

/** An intent's title in each other language that has one, for screens in that language (kb.info). */
function otherTitles(kb: KnowledgeBase, id: string): { titles?: Record<string, string> } {
  const titles: Record<string, string> = {};
  for (const [code, words] of Object.entries(kb.languages ?? {})) {
    const title = words.intents[id]?.title;
    if (code !== kb.settings.language && title) titles[code] = title;
  }
  return Object.keys(titles).length > 0 ? { titles } : {};
}
