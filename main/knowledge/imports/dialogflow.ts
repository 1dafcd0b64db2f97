/**
 * Dialogflow ES agent export (zip): `intents/<name>.json` (responses) with
 * `intents/<name>_usersays_<lang>.json` (training phrases), `entities/<name>.json` with
 * `entities/<name>_entries_<lang>.json`. A zip over 50 MB is refused before it is read; one with an
 * entry path outside its root (absolute, `..`, drive letters, backslashes) or whose entries declare
 * more than 200 MB in all is refused, each entry being checked before it is inflated (and nothing of
 * a refused zip is used). Errors name the zip entry.
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { z } from 'zod';
import { AppFailure, type ErrorDetail } from '../../../shared/result';
import type { ImportWarning } from '../../../shared/kb-editor';
import { cleanPhrases, warning, entityNameFrom, intentIdFrom, textOf, type ImportInput, type ImportResult, type ImportedEntity, type ImportedIntent } from './types';

export const MAX_ZIP_BYTES = 50 * 1024 * 1024;
const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;

/** An entry name that stays inside the archive's root. */
export function safeEntryName(name: string): boolean {
  if (name.includes('\\') || name.includes('\0')) return false;
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return false;
  return !name.split('/').some((part) => part === '..');
}

const usersaysSchema = z.array(z.object({ data: z.array(z.object({ text: z.string() }).passthrough()) }).passthrough());
const messageSchema = z.object({ type: z.union([z.number(), z.string()]).optional(), speech: z.union([z.string(), z.array(z.string())]).optional(), lang: z.string().optional() }).passthrough();
const intentSchema = z
  .object({
    name: z.string().min(1),
    fallbackIntent: z.boolean().optional(),
    responses: z.array(z.object({ messages: z.array(messageSchema).default([]) }).passthrough()).default([]),
  })
  .passthrough();
const entitySchema = z.object({ name: z.string().min(1), isRegexp: z.boolean().optional() }).passthrough();
const entriesSchema = z.array(z.object({ value: z.string(), synonyms: z.array(z.string()).default([]) }).passthrough());

function zodProblem(entry: string, e: z.ZodError): ErrorDetail {
  const iss = e.issues[0];
  return { path: `${entry}${iss && iss.path.length ? `#${iss.path.join('.')}` : ''}`, message: iss?.message ?? 'unexpected content' };
}

export function readZip(bytes: Uint8Array): Map<string, Uint8Array> {
  if (bytes.byteLength > MAX_ZIP_BYTES) throw new AppFailure('too_large', `The zip is ${(bytes.byteLength / 1048576).toFixed(1)} MB; at most 50 MB is accepted.`);
  let total = 0;
  let bad: string | null = null;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter(f: UnzipFileInfo) {
        if (!safeEntryName(f.name)) bad ??= f.name;
        total += f.originalSize;
        return bad === null && total <= MAX_UNZIPPED_BYTES && !f.name.endsWith('/');
      },
    });
  } catch (e) {
    throw new AppFailure('kb_invalid', 'The file is not a readable zip archive.', { details: [{ path: '$', message: `not a zip archive (${e instanceof Error ? e.message : 'unreadable'})` }] });
  }
  if (bad !== null) throw new AppFailure('forbidden', `The zip has an entry outside its folder (${bad}); it is refused.`, { details: [{ path: bad, message: 'entry path leaves the archive root' }] });
  if (total > MAX_UNZIPPED_BYTES) throw new AppFailure('too_large', 'The zip expands to more than 200 MB; it is refused.');
  return new Map(Object.entries(files));
}

function parseJson(entry: string, bytes: Uint8Array, errors: ErrorDetail[]): unknown {
  try {
    return JSON.parse(textOf(bytes));
  } catch (e) {
    errors.push({ path: entry, message: `not valid JSON (${e instanceof Error ? e.message : 'unreadable'})` });
    return undefined;
  }
}

export function importDialogflow(input: ImportInput, language = 'en'): ImportResult {
  const files = readZip(input.bytes);
  const warnings: ImportWarning[] = [];
  const errors: ErrorDetail[] = [];
  const names = [...files.keys()];
  // The agent may sit in a folder inside the zip ("MyAgent/agent.json").
  const agent = names.find((n) => /(^|\/)agent\.json$/.test(n));
  const root = agent ? agent.slice(0, agent.length - 'agent.json'.length) : (names.find((n) => /(^|\/)intents\//.test(n))?.replace(/intents\/.*$/, '') ?? '');
  const under = (dir: string): string[] => names.filter((n) => n.startsWith(`${root}${dir}/`) && n.endsWith('.json')).sort();
  const intentFiles = under('intents').filter((n) => !/_usersays_[a-z-]+\.json$/i.test(n));
  if (intentFiles.length === 0) errors.push({ path: `${root}intents/`, message: 'no intent files found (expected intents/<name>.json)' });
  const taken = new Set<string>();
  const intents: ImportedIntent[] = [];
  for (const entry of intentFiles) {
    const raw = parseJson(entry, files.get(entry) as Uint8Array, errors);
    if (raw === undefined) continue;
    const parsed = intentSchema.safeParse(raw);
    if (!parsed.success) {
      errors.push(zodProblem(entry, parsed.error));
      continue;
    }
    const it = parsed.data;
    if (it.fallbackIntent) {
      warnings.push(warning('fallback_intent', { name: it.name }, `"${it.name}" is Dialogflow's fallback intent: not imported (the knowledge base's fallback replies answer instead)`));
      continue;
    }
    const base = entry.slice(0, -'.json'.length);
    const saysEntry = names.find((n) => n === `${base}_usersays_${language}.json`) ?? names.find((n) => n.startsWith(`${base}_usersays_`) && n.endsWith('.json'));
    const phrases: string[] = [];
    if (saysEntry) {
      const says = usersaysSchema.safeParse(parseJson(saysEntry, files.get(saysEntry) as Uint8Array, errors));
      if (!says.success) errors.push(zodProblem(saysEntry, says.error));
      else for (const s of says.data) phrases.push(s.data.map((d) => d.text).join(''));
    }
    const responses = it.responses
      .flatMap((r) => r.messages)
      .filter((m) => (m.type === 0 || m.type === '0' || m.type === undefined) && (m.lang === undefined || m.lang === language))
      .flatMap((m) => (Array.isArray(m.speech) ? m.speech : m.speech ? [m.speech] : []))
      .map((t) => t.trim())
      .filter((t) => t.length > 0 && t.length <= 2000);
    const examples = cleanPhrases(phrases, (w) => warnings.push(w), saysEntry ?? entry);
    if (examples.length === 0) {
      warnings.push(warning('no_phrases', { name: it.name, language }, `"${it.name}" has no training phrases in ${language}: not imported`));
      continue;
    }
    if (responses.length === 0) {
      warnings.push(warning('no_text_response', { name: it.name }, `"${it.name}" has no text response: not imported (webhook or rich responses only)`));
      continue;
    }
    intents.push({ id: intentIdFrom(it.name, taken), title: it.name.slice(0, 300), examples, tests: [], responses: [...new Set(responses)] });
  }
  const entities: ImportedEntity[] = [];
  const entityNames = new Set<string>();
  for (const entry of under('entities').filter((n) => !/_entries_[a-z-]+\.json$/i.test(n))) {
    const parsed = entitySchema.safeParse(parseJson(entry, files.get(entry) as Uint8Array, errors));
    if (!parsed.success) {
      errors.push(zodProblem(entry, parsed.error));
      continue;
    }
    const base = entry.slice(0, -'.json'.length);
    const entriesEntry = names.find((n) => n === `${base}_entries_${language}.json`) ?? names.find((n) => n.startsWith(`${base}_entries_`));
    if (!entriesEntry) continue;
    const entries = entriesSchema.safeParse(parseJson(entriesEntry, files.get(entriesEntry) as Uint8Array, errors));
    if (!entries.success) {
      errors.push(zodProblem(entriesEntry, entries.error));
      continue;
    }
    if (parsed.data.isRegexp) {
      warnings.push(warning('regex_entity', { name: parsed.data.name }, `entity "${parsed.data.name}" is a regular-expression entity: not imported (add it as a regex entity in the editor)`));
      continue;
    }
    const values = entries.data
      .map((e) => ({ value: e.value.trim().slice(0, 300), synonyms: cleanPhrases(e.synonyms.filter((s) => s !== e.value), () => undefined, entriesEntry).slice(0, 100) }))
      .filter((v) => v.value.length > 0);
    if (values.length > 0) entities.push({ name: entityNameFrom(parsed.data.name, entityNames), kind: 'list', values });
  }
  return { format: 'dialogflow', intents, entities, warnings, errors };
}
