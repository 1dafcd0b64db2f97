/**
 * The knowledge-base file: its schema (version 1, or 2 with other languages beside the default one),
 * validation that names the file and the JSON path of every problem, and the content hash that keys
 * the model cache. Nothing is silently skipped: a duplicate id, an unknown placeholder or an empty
 * example list is an error. The only warnings are intents (or slot prompts) a language has not
 * translated yet: the bot then answers those in the default language and says so (languages.ts).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppFailure, type ErrorDetail } from '../../shared/result';
import type { KbWarning } from '../../shared/kb-editor';
import { issueDetails } from '../../shared/issue-paths';
import { visibleString } from '../../shared/visible-text';
import { canMatchEmpty, probeInWorker, structuralProblem } from '../safety/regex-guard';
import { BUILTIN_ENTITIES, compileEntityRegex, type EntityDef } from './entities';
import { normalizeText } from './normalize';
import defaultKbJson from '../kb/default-kb.json';

/** The newest schema: 2 adds `languages` (schema 1 files load unchanged, as one language). */
export const KB_SCHEMA_VERSION = 2;
/** The action values an intent may ask the UI to confirm. */
export const KB_ACTIONS = ['confirm_delete_conversation'] as const;
const MAX_KB_BYTES = 5_000_000;
/**
 * Size caps. Training cost grows with intents x phrases: 3,000 intents took 28 s and 30,000 never
 * finished, while a large shop needs a few hundred intents. Each cap is an error naming the limit.
 */
export const KB_LIMITS = { intents: 500, examplesPerIntent: 500, testsPerIntent: 500, totalPhrases: 20_000, entities: 100, entityValues: 2_000 } as const;
/** Knowledge-base regexes run on every message: kept short (and probed, see main/safety/regex-guard.ts). */
export const MAX_ENTITY_PATTERN = 200;

const phrase = visibleString(300);
const name = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'must be lower-case letters, digits or _ and start with a letter')
  .max(40);
const intentId = z
  .string()
  .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, 'must be dotted lower-case words, e.g. "store.hours"')
  .max(64);

const slotSchema = z.strictObject({
  name,
  entity: name,
  prompt: phrase,
  reprompt: phrase,
  required: z.boolean().default(true),
  /** How a valid value looks, said when the customer's value does not fit ("HD-123456, or 6 to 8 digits"). */
  format: phrase.optional(),
  /** Keep a reference the customer typed even when it does not fit the pattern (the shop takes other shapes). */
  acceptOther: z.boolean().optional(),
});

const intentSchema = z.strictObject({
  id: intentId,
  title: phrase,
  examples: z.array(phrase).min(1, 'needs at least one example phrase').max(KB_LIMITS.examplesPerIntent, `at most ${KB_LIMITS.examplesPerIntent} example phrases per intent`),
  tests: z.array(phrase).max(KB_LIMITS.testsPerIntent, `at most ${KB_LIMITS.testsPerIntent} test phrases per intent`).default([]),
  responses: z.array(visibleString(2000)).min(1, 'needs at least one response'),
  quickReplies: z.array(visibleString(60)).max(8).optional(),
  slots: z.array(slotSchema).optional(),
  handoff: z.boolean().optional(),
  action: z.enum(KB_ACTIONS).optional(),
  /** Intents that make sense right after this one (offered as quick replies, and preferred in context). */
  followUps: z.array(intentId).optional(),
});

const entitySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    name,
    kind: z.literal('list'),
    values: z
      .array(z.strictObject({ value: phrase, synonyms: z.array(phrase).max(100).default([]) }))
      .min(1, 'needs at least one value')
      .max(KB_LIMITS.entityValues, `at most ${KB_LIMITS.entityValues} values`),
  }),
  z.strictObject({ name, kind: z.literal('regex'), pattern: z.string().min(1).max(MAX_ENTITY_PATTERN, `must be at most ${MAX_ENTITY_PATTERN} characters`), flags: z.string().regex(/^[imsu]*$/).optional() }),
]);

const languageCode = z.string().regex(/^[a-z]{2}$/, 'must be a two-letter language code');
const examplesSchema = z.array(phrase).min(1, 'needs at least one example phrase').max(KB_LIMITS.examplesPerIntent, `at most ${KB_LIMITS.examplesPerIntent} example phrases per intent`);
const testsSchema = z.array(phrase).max(KB_LIMITS.testsPerIntent, `at most ${KB_LIMITS.testsPerIntent} test phrases per intent`).default([]);

/** One intent in another language: the words only (id, slots' entities, hand-off and action are shared). */
const languageIntentSchema = z.strictObject({
  title: phrase,
  examples: examplesSchema,
  tests: testsSchema,
  responses: z.array(visibleString(2000)).min(1, 'needs at least one response'),
  quickReplies: z.array(visibleString(60)).max(8).optional(),
  /** Per slot name of the intent: what the bot asks in this language. */
  slots: z.record(name, z.strictObject({ prompt: phrase, reprompt: phrase, format: phrase.optional() })).optional(),
});

/** Everything the customer reads or types in one more language. */
const languageSchema = z.strictObject({
  settings: z.strictObject({
    fallbackReplies: z.array(phrase).min(1, 'needs at least one fallback reply'),
    handoffReply: phrase,
    welcome: phrase.optional(),
    welcomeQuickReplies: z.array(visibleString(60)).max(8).optional(),
  }),
  intents: z.record(intentId, languageIntentSchema).default({}),
  outOfScopeExamples: z.array(phrase).default([]),
  outOfScopeTests: z.array(phrase).default([]),
});

const kbSchema = z.strictObject({
  schemaVersion: z.union([z.literal(1), z.literal(2)], { message: `must be 1 or ${KB_SCHEMA_VERSION}` }),
  name: phrase,
  version: z.string().min(1).max(40),
  settings: z.strictObject({
    language: z.string().regex(/^[a-z]{2}$/, 'must be a two-letter language code'),
    fallbackReplies: z.array(phrase).min(1, 'needs at least one fallback reply'),
    handoffReply: phrase,
    confidenceThreshold: z.union([z.number().min(0).max(1), z.literal('auto')]),
    welcome: phrase.optional(),
    welcomeQuickReplies: z.array(visibleString(60)).max(8).optional(),
  }),
  entities: z.array(entitySchema).max(KB_LIMITS.entities, `at most ${KB_LIMITS.entities} entities`).default([]),
  intents: z.array(intentSchema).min(2, 'needs at least two intents').max(KB_LIMITS.intents, `at most ${KB_LIMITS.intents} intents`),
  /** Phrases the bot must refuse, used only as a negative class in training (never tested on). */
  outOfScopeExamples: z.array(phrase).default([]),
  /** Phrases the bot must refuse, held out for `kb check` and tests. */
  outOfScopeTests: z.array(phrase).default([]),
  /** Schema 2: the other languages the shop answers in, by two-letter code (settings.language is the default). */
  languages: z.record(languageCode, languageSchema).optional(),
});

export type KnowledgeBaseFile = z.infer<typeof kbSchema>;
export type KbIntent = KnowledgeBaseFile['intents'][number];
export type KbSlot = NonNullable<KbIntent['slots']>[number];
export type KbLanguage = NonNullable<KnowledgeBaseFile['languages']>[string];

export interface KnowledgeBase extends KnowledgeBaseFile {
  /** SHA-256 of the canonical JSON of the validated content, every language included (keys the model cache). */
  hash: string;
  fileName: string;
  entities: EntityDef[];
  /** What a language has not translated yet (path, code and what the bot does instead); never blocks loading. */
  warnings: KbWarning[];
}


const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Checks that need the whole file: ids, references, placeholders, duplicates, patterns. */
function semanticErrors(kb: KnowledgeBaseFile, facts: readonly string[]): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const entityNames = new Set<string>(BUILTIN_ENTITIES);
  const probe: { index: number; regex: RegExp }[] = [];
  kb.entities.forEach((e, i) => {
    if (entityNames.has(e.name)) errors.push({ path: `$.entities[${i}].name`, message: `duplicate entity name "${e.name}" (built-ins: ${BUILTIN_ENTITIES.join(', ')})`, code: 'duplicate_entity', params: { name: e.name } });
    entityNames.add(e.name);
    if (e.kind === 'regex') {
      const regex = compileEntityRegex(e);
      const shape = regex ? structuralProblem(e.pattern) : null;
      if (!regex) errors.push({ path: `$.entities[${i}].pattern`, message: 'is not a valid regular expression', code: 'bad_regex' });
      else if (shape) errors.push({ path: `$.entities[${i}].pattern`, message: `${shape} (can hang on long input)`, code: 'regex_hangs' });
      else if (canMatchEmpty(regex)) errors.push({ path: `$.entities[${i}].pattern`, message: 'can match the empty string', code: 'regex_matches_empty' });
      else probe.push({ index: i, regex });
    }
  });
  const total =
    kb.intents.reduce((n, it) => n + it.examples.length + it.tests.length, 0) +
    kb.outOfScopeExamples.length +
    kb.outOfScopeTests.length +
    Object.values(kb.languages ?? {}).reduce((n, l) => n + Object.values(l.intents).reduce((m, it) => m + it.examples.length + it.tests.length, 0) + l.outOfScopeExamples.length + l.outOfScopeTests.length, 0);
  if (total > KB_LIMITS.totalPhrases) errors.push({ path: '$.intents', message: `has ${total} phrases in all; at most ${KB_LIMITS.totalPhrases} are allowed`, code: 'too_many_phrases', params: { n: total, maximum: KB_LIMITS.totalPhrases } });
  // Shapes the structural check cannot see (alternations such as (a|aa)+$): a timed run on hostile
  // input in a worker, only when everything else is valid (a worker costs a few tens of ms).
  if (errors.length === 0 && probe.length > 0) {
    const slow = probeInWorker(probe.map((p) => ({ source: p.regex.source, flags: p.regex.flags })));
    if (slow !== null) errors.push({ path: `$.entities[${(probe[slow] as { index: number }).index}].pattern`, message: 'is too slow on long input (catastrophic backtracking); simplify it', code: 'regex_hangs' });
  }
  const ids = new Map<string, number>();
  kb.intents.forEach((it, i) => {
    if (ids.has(it.id)) errors.push({ path: `$.intents[${i}].id`, message: `duplicate intent id "${it.id}" (first at $.intents[${ids.get(it.id)}])`, code: 'duplicate_intent', params: { id: it.id } });
    else ids.set(it.id, i);
  });
  const seen = new Map<string, string>();
  kb.intents.forEach((it, i) => {
    const slotNames = new Set<string>();
    (it.slots ?? []).forEach((s, j) => {
      if (!entityNames.has(s.entity)) errors.push({ path: `$.intents[${i}].slots[${j}].entity`, message: `names unknown entity "${s.entity}"`, code: 'unknown_entity', params: { name: s.entity } });
      if (slotNames.has(s.name)) errors.push({ path: `$.intents[${i}].slots[${j}].name`, message: `duplicate slot name "${s.name}"`, code: 'duplicate_slot', params: { name: s.name } });
      slotNames.add(s.name);
    });
    const allowed = new Set<string>([...slotNames, ...entityNames, ...facts]);
    it.responses.forEach((r, j) => {
      for (const m of r.matchAll(PLACEHOLDER)) {
        if (!allowed.has(m[1] as string)) errors.push({ path: `$.intents[${i}].responses[${j}]`, message: `placeholder {${m[1]}} names no slot, entity or fact`, code: 'unknown_placeholder', params: { name: m[1] as string } });
      }
    });
    (it.followUps ?? []).forEach((f, j) => {
      if (!kb.intents.some((x) => x.id === f)) errors.push({ path: `$.intents[${i}].followUps[${j}]`, message: `names unknown intent "${f}"`, code: 'unknown_intent', params: { id: f } });
    });
    it.examples.forEach((ex, j) => {
      const n = normalizeText(ex, kb.settings.language);
      if (n.length === 0) errors.push({ path: `$.intents[${i}].examples[${j}]`, message: 'has no words after normalisation', code: 'no_words' });
      const other = seen.get(n);
      if (other !== undefined && other !== it.id) errors.push({ path: `$.intents[${i}].examples[${j}]`, message: `same phrase as an example of "${other}"`, code: 'same_phrase', params: { id: other } });
      seen.set(n, it.id);
    });
  });
  kb.outOfScopeExamples.forEach((ex, j) => {
    const other = seen.get(normalizeText(ex, kb.settings.language));
    if (other !== undefined) errors.push({ path: `$.outOfScopeExamples[${j}]`, message: `same phrase as an example of "${other}"`, code: 'same_phrase', params: { id: other } });
  });
  errors.push(...languageProblems(kb, facts, entityNames).errors);
  return errors;
}

/**
 * The other languages' errors (unknown intent or slot, placeholders, duplicate phrases) and
 * warnings (an intent or a slot prompt not translated yet), each with its JSON path
 * ("$.languages.es.intents.store.hours.examples[2]").
 */
export function languageProblems(kb: KnowledgeBaseFile, facts: readonly string[], entityNames: ReadonlySet<string>): { errors: ErrorDetail[]; warnings: KbWarning[] } {
  const errors: ErrorDetail[] = [];
  const warnings: KbWarning[] = [];
  if (!kb.languages) return { errors, warnings };
  if (kb.schemaVersion < 2) errors.push({ path: '$.languages', message: 'needs schemaVersion 2', code: 'needs_schema_2' });
  const byId = new Map(kb.intents.map((it) => [it.id, it]));
  for (const [lang, l] of Object.entries(kb.languages)) {
    const base = `$.languages.${lang}`;
    if (lang === kb.settings.language) errors.push({ path: base, message: `is the default language (settings.language); its words belong in the top-level fields`, code: 'is_default_language', params: { language: lang } });
    const seen = new Map<string, string>();
    for (const [id, t] of Object.entries(l.intents)) {
      const at = `${base}.intents.${id}`;
      const it = byId.get(id);
      if (!it) {
        errors.push({ path: at, message: `names unknown intent "${id}"`, code: 'unknown_intent', params: { id } });
        continue;
      }
      const slotNames = new Set((it.slots ?? []).map((s) => s.name));
      for (const sn of Object.keys(t.slots ?? {})) if (!slotNames.has(sn)) errors.push({ path: `${at}.slots.${sn}`, message: `names no slot of intent "${id}"`, code: 'unknown_slot', params: { name: sn, id } });
      const allowed = new Set<string>([...slotNames, ...entityNames, ...facts]);
      t.responses.forEach((r, j) => {
        for (const m of r.matchAll(PLACEHOLDER)) {
          if (!allowed.has(m[1] as string)) errors.push({ path: `${at}.responses[${j}]`, message: `placeholder {${m[1]}} names no slot, entity or fact`, code: 'unknown_placeholder', params: { name: m[1] as string } });
        }
      });
      t.examples.forEach((ex, j) => {
        const n = normalizeText(ex, lang);
        if (n.length === 0) errors.push({ path: `${at}.examples[${j}]`, message: 'has no words after normalisation', code: 'no_words' });
        const other = seen.get(n);
        if (other !== undefined && other !== id) errors.push({ path: `${at}.examples[${j}]`, message: `same phrase as an example of "${other}"`, code: 'same_phrase', params: { id: other } });
        seen.set(n, id);
      });
    }
    l.outOfScopeExamples.forEach((ex, j) => {
      const other = seen.get(normalizeText(ex, lang));
      if (other !== undefined) errors.push({ path: `${base}.outOfScopeExamples[${j}]`, message: `same phrase as an example of "${other}"`, code: 'same_phrase', params: { id: other } });
    });
  }
  warnings.push(...translationWarnings(kb));
  return { errors, warnings };
}

/** What the untranslated-words warnings read of a knowledge base: ids and slot names only. */
interface TranslationShape {
  settings: { language: string };
  intents: readonly { id: string; slots?: readonly { name: string }[] | undefined }[];
  languages?: Readonly<Record<string, { intents: Readonly<Record<string, { slots?: Readonly<Record<string, unknown>> | undefined }>> }>> | undefined;
}

/**
 * The warnings of what each other language has not translated: an intent without its words, a
 * slot without its prompts. They read only ids and slot names, so a draft that does not validate
 * still has them (draftWarnings), and the editor keeps showing them while it has problems.
 */
function translationWarnings(kb: TranslationShape): KbWarning[] {
  const warnings: KbWarning[] = [];
  const defaultLanguage = kb.settings.language;
  for (const [lang, l] of Object.entries(kb.languages ?? {})) {
    if (lang === defaultLanguage) continue;
    const base = `$.languages.${lang}`;
    for (const it of kb.intents) {
      const t = l.intents[it.id];
      if (!t) {
        warnings.push({ path: `${base}.intents.${it.id}`, code: 'intent_untranslated', params: { language: lang, defaultLanguage, intent: it.id }, message: `not translated into "${lang}": the bot answers it in "${defaultLanguage}" and says so` });
        continue;
      }
      for (const sn of new Set((it.slots ?? []).map((s) => s.name))) {
        if (!t.slots?.[sn]) warnings.push({ path: `${base}.intents.${it.id}.slots.${sn}`, code: 'slot_untranslated', params: { language: lang, defaultLanguage, intent: it.id, slot: sn }, message: `not translated into "${lang}": the bot asks for it in "${defaultLanguage}"` });
      }
    }
  }
  return warnings;
}

const record = (v: unknown): Record<string, unknown> | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/**
 * The translation warnings of content that may not validate (a draft with problems), read
 * leniently: whatever part is not shaped as the file format (an intent without a string id, a
 * language that is not an object...) is left out rather than guessed. Valid content gets exactly
 * the warnings of validateKnowledgeBase.
 */
export function draftWarnings(content: unknown): KbWarning[] {
  const root = record(content);
  const language = record(root?.settings)?.language;
  if (!root || typeof language !== 'string' || !Array.isArray(root.intents)) return [];
  const intents: { id: string; slots: { name: string }[] }[] = [];
  const seen = new Set<string>();
  for (const raw of root.intents) {
    const it = record(raw);
    if (!it || typeof it.id !== 'string' || seen.has(it.id)) continue;
    seen.add(it.id);
    const slots = Array.isArray(it.slots) ? it.slots.map(record).filter((x): x is Record<string, unknown> => x !== null && typeof x.name === 'string').map((x) => ({ name: x.name as string })) : [];
    intents.push({ id: it.id, slots });
  }
  const languages: Record<string, { intents: Record<string, { slots?: Record<string, unknown> }> }> = {};
  for (const [lang, rawLanguage] of Object.entries(record(root.languages) ?? {})) {
    const l = record(rawLanguage);
    if (!l || !/^[a-z]{2}$/.test(lang)) continue;
    const words: Record<string, { slots?: Record<string, unknown> }> = {};
    for (const [id, rawWords] of Object.entries(record(l.intents) ?? {})) {
      const w = record(rawWords);
      if (!w) continue;
      const slots = record(w.slots);
      words[id] = slots ? { slots } : {};
    }
    languages[lang] = { intents: words };
  }
  return translationWarnings({ settings: { language }, intents, languages });
}

/** Names of live facts the app fills in for placeholders (see main/engine/index.ts). */
export const FACT_PLACEHOLDERS = ['retention', 'storedItems', 'cipher', 'conversationCount', 'neverSent', 'dataLocation', 'saveMode', 'openNow', 'missedQuestions'] as const;

/** Validates already-parsed KB content. Throws AppFailure('kb_invalid') listing every problem. */
export function validateKnowledgeBase(data: unknown, fileName: string): KnowledgeBase {
  const parsed = kbSchema.safeParse(data);
  if (!parsed.success) {
    const details = issueDetails(parsed.error.issues, { style: 'json' });
    throw new AppFailure('kb_invalid', `${fileName}: ${details.length} problem(s): ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`, { details });
  }
  const kb = parsed.data;
  const details = semanticErrors(kb, FACT_PLACEHOLDERS);
  if (details.length > 0) {
    throw new AppFailure('kb_invalid', `${fileName}: ${details.length} problem(s): ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`, { details });
  }
  // The hash covers every language: a Spanish edit retrains (and re-checks) like an English one.
  const hash = createHash('sha256').update(JSON.stringify(kb)).digest('hex');
  const { warnings } = languageProblems(kb, FACT_PLACEHOLDERS, new Set<string>([...BUILTIN_ENTITIES, ...kb.entities.map((e) => e.name)]));
  return { ...kb, hash, fileName, entities: kb.entities as EntityDef[], warnings };
}

/** Parses and validates knowledge-base text. Throws AppFailure('kb_invalid') naming file and paths. */
export function loadKnowledgeBase(text: string, fileName: string): KnowledgeBase {
  if (typeof text !== 'string' || text.length > MAX_KB_BYTES) {
    throw new AppFailure('kb_invalid', `${fileName}: file is larger than ${MAX_KB_BYTES} bytes`, { details: [{ path: '$', message: 'file too large', code: 'file_too_large', params: { maximum: MAX_KB_BYTES } }] });
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const message = e instanceof Error ? e.message : 'invalid JSON';
    throw new AppFailure('kb_invalid', `${fileName}: not valid JSON (${message})`, { details: [{ path: '$', message: `not valid JSON: ${message}`, code: 'not_json' }] });
  }
  return validateKnowledgeBase(data, fileName);
}

/** The knowledge base shipped with the app. */
export function loadDefaultKnowledgeBase(): KnowledgeBase {
  return validateKnowledgeBase(defaultKbJson, 'default-kb.json');
}
