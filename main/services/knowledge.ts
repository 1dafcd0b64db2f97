/**
 * The knowledge base in use and its trained model. The shipped default KB is used until the shop
 * imports its own; an import is validated (errors by field path), stored as a new version in the
 * encrypted store, trained, and only then swapped in: a bad file never replaces a good one.
 * The trained model is cached on disk keyed by engine version and KB hash.
 */
import type { KbInfo, TryPhraseResult } from '../../shared/domain';
import {
  createDialogue,
  loadDefaultKnowledgeBase,
  loadKnowledgeBase,
  loadOrTrainModel,
  type Dialogue,
  type KnowledgeBase,
  type Model,
} from '../engine';
import { insertKbVersion, latestKbVersion, type Db } from '../store';
import type { AuditSink, Clock } from './ports';

export interface KnowledgeService {
  dialogue(): Dialogue;
  info(): KbInfo;
  /** The decision the chat makes for this message, after `previous` when given (same code path). */
  tryPhrase(text: string, previous?: string): TryPhraseResult;
  import(fileName: string, content: string): KbInfo;
  resetDefault(): KbInfo;
}

interface Loaded {
  kb: KnowledgeBase;
  model: Model;
  dialogue: Dialogue;
  source: KbInfo['source'];
}

/** A knowledge base given for this run only (e.g. `hushdesk chat --kb FILE`): used, never stored. */
export interface KbOverride {
  fileName: string;
  content: string;
}

export function createKnowledgeService(db: () => Db, cacheDir: string, audit: AuditSink, now: Clock, override?: KbOverride): KnowledgeService {
  let loaded: Loaded | null = null;

  function build(kb: KnowledgeBase, source: KbInfo['source']): Loaded {
    const { model } = loadOrTrainModel(kb, cacheDir);
    return { kb, model, dialogue: createDialogue(kb, model), source };
  }

  function current(): Loaded {
    if (loaded) return loaded;
    if (override) {
      loaded = build(loadKnowledgeBase(override.content, override.fileName), 'imported');
      return loaded;
    }
    const saved = latestKbVersion(db());
    if (saved && saved.source === 'imported') {
      try {
        loaded = build(loadKnowledgeBase(saved.content, saved.name), 'imported');
        return loaded;
      } catch {
        // A stored KB that no longer validates (older app rules) falls back to the default
        // rather than leaving the kiosk without a bot; the stored version is kept for staff.
      }
    }
    loaded = build(loadDefaultKnowledgeBase(), 'default');
    return loaded;
  }

  function info(l: Loaded): KbInfo {
    return {
      name: l.kb.name,
      version: l.kb.version,
      hash: l.kb.hash,
      language: l.kb.settings.language,
      source: l.source,
      intents: l.kb.intents.map((it) => ({ id: it.id, title: it.title, examples: it.examples.length })),
    };
  }

  return {
    dialogue: () => current().dialogue,
    info: () => info(current()),
    tryPhrase(text, previous) {
      const { dialogue } = current();
      const state = previous ? dialogue.respond(null, previous, {}).state : null;
      const d = dialogue.decide(state, text);
      return { intent: d.intent, confidence: d.confidence, ranking: d.ranking, outOfScope: d.outOfScope, context: d.context };
    },
    import(fileName, content) {
      const kb = loadKnowledgeBase(content, fileName); // throws kb_invalid with details by path
      const next = build(kb, 'imported');
      insertKbVersion(db(), { hash: kb.hash, name: kb.name, version: kb.version, source: 'imported', importedAt: now(), content });
      loaded = next;
      audit('kb_changed', { source: 'imported', intents: kb.intents.length, hash: kb.hash.slice(0, 16) });
      return info(next);
    },
    resetDefault() {
      const kb = loadDefaultKnowledgeBase();
      const next = build(kb, 'default');
      insertKbVersion(db(), { hash: kb.hash, name: kb.name, version: kb.version, source: 'default', importedAt: now(), content: '' });
      loaded = next;
      audit('kb_changed', { source: 'default', intents: kb.intents.length, hash: kb.hash.slice(0, 16) });
      return info(next);
    },
  };
}
