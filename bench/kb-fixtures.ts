/**
 * Knowledge bases of a chosen size for the training and publishing benches, built from banking77's
 * TRAIN split (its test split is never read): `intents` intents x `perIntent` example phrases, and
 * 5 more train phrases of each intent as its test phrases.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KnowledgeBaseFile } from '../main/knowledge/kb-file';

interface Row {
  text: string;
  intent: string;
}

export function datasetsDir(): string {
  return process.env.HUSHDESK_DATASETS ?? join(__dirname, '..', '..', 'shared', 'datasets');
}

/** `skip`: leave out the first intents (in label order), for a second knowledge base of other intents. */
export function bankingKb(datasets: string, intents: number, perIntent: number, skip = 0): KnowledgeBaseFile {
  const ds = JSON.parse(readFileSync(join(datasets, 'banking77.json'), 'utf8')) as { train: Row[] };
  const by = new Map<string, string[]>();
  for (const r of ds.train) by.set(r.intent, [...(by.get(r.intent) ?? []), r.text]);
  const labels = [...by.keys()].sort().slice(skip, skip + intents);
  const seen = new Set<string>();
  const list = labels.map((label) => {
    const texts = (by.get(label) ?? []).filter((t) => {
      const k = t.trim().toLowerCase();
      if (seen.has(k) || t.length > 300) return false;
      seen.add(k);
      return true;
    });
    return { id: label.toLowerCase().replace(/[^a-z0-9_]/g, '_'), title: label.replace(/_/g, ' '), examples: texts.slice(0, perIntent), tests: texts.slice(perIntent, perIntent + 5), responses: [`Here is how ${label.replace(/_/g, ' ')} works.`] };
  });
  return {
    schemaVersion: 1,
    name: `banking77 (${intents * perIntent} phrases)`,
    version: '1',
    settings: { language: 'en', fallbackReplies: ['Sorry, I did not get that.'], handoffReply: 'Let me get a person.', confidenceThreshold: 'auto' },
    entities: [],
    intents: list,
    outOfScopeExamples: [],
    outOfScopeTests: [],
  };
}

/** The same knowledge base with one more example phrase in its first intent (a small edit). */
export function withOnePhrase(kb: KnowledgeBaseFile, phrase: string): KnowledgeBaseFile {
  const out = structuredClone(kb);
  out.intents[0]?.examples.push(phrase);
  return out;
}
