/**
 * A knowledge-base change in the person's language, from the diff's structure (the backend's
 * `summary` is English, for the CLI and logs). The same parts, in the same order, as
 * main/knowledge/diff.ts summarize(); ids and setting names stay as they are (they are data).
 */
import type { KbDiff } from '../../../../shared/kb-editor';
import type { KbText } from './text';

const shortList = (ids: readonly string[]): string => `${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', …' : ''}`;

export function diffSummary(tk: KbText, d: Omit<KbDiff, 'summary'>): string {
  const parts: string[] = [];
  if (d.intentsAdded.length) parts.push(tk('diff.intentsAdded', { n: d.intentsAdded.length, list: shortList(d.intentsAdded) }));
  if (d.intentsRemoved.length) parts.push(tk('diff.intentsRemoved', { n: d.intentsRemoved.length, list: shortList(d.intentsRemoved) }));
  const added = d.intentsChanged.reduce((n, c) => n + c.examplesAdded.length, 0);
  const removed = d.intentsChanged.reduce((n, c) => n + c.examplesRemoved.length, 0);
  if (added) parts.push(tk('diff.phrasesAdded', { n: added }));
  if (removed) parts.push(tk('diff.phrasesRemoved', { n: removed }));
  const answers = d.intentsChanged.filter((c) => c.responsesChanged).length;
  if (answers) parts.push(tk('diff.answers', { n: answers }));
  const other = d.intentsChanged.filter((c) => c.titleChanged || c.otherChanged.length > 0 || c.testsAdded.length > 0 || c.testsRemoved.length > 0).length;
  if (other) parts.push(tk('diff.other', { n: other }));
  if (d.entitiesChanged.length) parts.push(tk('diff.entities', { list: d.entitiesChanged.join(', ') }));
  if (d.settingsChanged.length) parts.push(tk('diff.settings', { list: d.settingsChanged.join(', ') }));
  if (d.outOfScopeChanged) parts.push(tk('diff.oos'));
  if (d.languagesChanged?.length) parts.push(tk('diff.languages', { list: d.languagesChanged.join(', ') }));
  return parts.length ? parts.join(tk('diff.separator')) : tk('diff.none');
}
