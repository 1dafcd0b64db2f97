/** What changed between two knowledge-base files (the version list's summary, the diff view). */
import type { KbDiff } from '../../shared/kb-editor';
import type { KnowledgeBaseFile } from './kb-file';

type Intent = KnowledgeBaseFile['intents'][number];

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function listDiff(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  const b = new Set(before);
  const a = new Set(after);
  return { added: after.filter((x) => !b.has(x)), removed: before.filter((x) => !a.has(x)) };
}

const OTHER_FIELDS = ['quickReplies', 'slots', 'handoff', 'followUps', 'action'] as const;

export function diffKb(before: KnowledgeBaseFile, after: KnowledgeBaseFile): KbDiff {
  const byId = (list: readonly Intent[]): Map<string, Intent> => new Map(list.map((it) => [it.id, it]));
  const old = byId(before.intents);
  const now = byId(after.intents);
  const intentsAdded = after.intents.filter((it) => !old.has(it.id)).map((it) => it.id);
  const intentsRemoved = before.intents.filter((it) => !now.has(it.id)).map((it) => it.id);
  const intentsChanged: KbDiff['intentsChanged'] = [];
  for (const it of after.intents) {
    const was = old.get(it.id);
    if (!was || same(was, it)) continue;
    const ex = listDiff(was.examples, it.examples);
    const ts = listDiff(was.tests, it.tests);
    intentsChanged.push({
      id: it.id,
      titleChanged: was.title !== it.title,
      examplesAdded: ex.added,
      examplesRemoved: ex.removed,
      testsAdded: ts.added,
      testsRemoved: ts.removed,
      responsesChanged: !same(was.responses, it.responses),
      otherChanged: OTHER_FIELDS.filter((f) => !same(was[f], it[f])),
    });
  }
  const entNames = new Set([...before.entities.map((e) => e.name), ...after.entities.map((e) => e.name)]);
  const entitiesChanged = [...entNames].filter((n) => !same(before.entities.find((e) => e.name === n), after.entities.find((e) => e.name === n)));
  const settingKeys = new Set([...Object.keys(before.settings), ...Object.keys(after.settings)]);
  const settingsChanged = [...settingKeys].filter((k) => !same((before.settings as Record<string, unknown>)[k], (after.settings as Record<string, unknown>)[k]));
  if (before.name !== after.name) settingsChanged.push('name');
  if (before.version !== after.version) settingsChanged.push('version');
  const outOfScopeChanged = !same(before.outOfScopeExamples, after.outOfScopeExamples) || !same(before.outOfScopeTests, after.outOfScopeTests);
  // Another language's words (schema 2): which languages were added, removed or edited.
  const langCodes = new Set([...Object.keys(before.languages ?? {}), ...Object.keys(after.languages ?? {})]);
  const languagesChanged = [...langCodes].sort().filter((l) => !same(before.languages?.[l], after.languages?.[l]));
  const diff: Omit<KbDiff, 'summary'> = { intentsAdded, intentsRemoved, intentsChanged, entitiesChanged, settingsChanged, outOfScopeChanged, languagesChanged };
  return { ...diff, summary: summarize(diff) };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function summarize(d: Omit<KbDiff, 'summary'>): string {
  const parts: string[] = [];
  if (d.intentsAdded.length) parts.push(`added ${plural(d.intentsAdded.length, 'intent')} (${d.intentsAdded.slice(0, 3).join(', ')}${d.intentsAdded.length > 3 ? ', ...' : ''})`);
  if (d.intentsRemoved.length) parts.push(`removed ${plural(d.intentsRemoved.length, 'intent')} (${d.intentsRemoved.slice(0, 3).join(', ')}${d.intentsRemoved.length > 3 ? ', ...' : ''})`);
  const added = d.intentsChanged.reduce((n, c) => n + c.examplesAdded.length, 0);
  const removed = d.intentsChanged.reduce((n, c) => n + c.examplesRemoved.length, 0);
  if (added) parts.push(`${plural(added, 'phrase')} added`);
  if (removed) parts.push(`${plural(removed, 'phrase')} removed`);
  const answers = d.intentsChanged.filter((c) => c.responsesChanged).length;
  if (answers) parts.push(`answers changed in ${plural(answers, 'intent')}`);
  const other = d.intentsChanged.filter((c) => c.titleChanged || c.otherChanged.length > 0 || c.testsAdded.length > 0 || c.testsRemoved.length > 0).length;
  if (other) parts.push(`${plural(other, 'intent')} edited otherwise`);
  if (d.entitiesChanged.length) parts.push(`entities: ${d.entitiesChanged.join(', ')}`);
  if (d.settingsChanged.length) parts.push(`settings: ${d.settingsChanged.join(', ')}`);
  if (d.outOfScopeChanged) parts.push('out-of-scope phrases changed');
  if (d.languagesChanged?.length) parts.push(`languages: ${d.languagesChanged.join(', ')}`);
  return parts.length ? parts.join('; ') : 'no changes';
}

export function isEmptyDiff(d: KbDiff): boolean {
  return d.summary === 'no changes';
}
