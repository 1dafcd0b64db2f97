/** Entities: list entities (values with synonyms) and pattern entities (regular expressions, checked by the backend's regex guard). */
import { useId } from 'react';
import type { DraftApi } from './KbEditorPage';
import { FieldProblems, invalidProps } from './FieldProblems';
import { problemsAt } from './problems';
import { useKbText } from './text';
import type { KbEntityDraft } from './types';

const valuesText = (e: Extract<KbEntityDraft, { kind: 'list' }>): string => e.values.map((v) => (v.synonyms.length ? `${v.value}: ${v.synonyms.join(', ')}` : v.value)).join('\n');

function parseValues(text: string): { value: string; synonyms: string[] }[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((l) => {
      const [value, rest] = l.split(/:(.*)/s) as [string, string | undefined];
      return { value: value.trim(), synonyms: (rest ?? '').split(',').map((x) => x.trim()).filter((x) => x.length > 0) };
    });
}

export function EntitiesTab({ draft }: { draft: DraftApi }) {
  const { tk } = useKbText();
  const uid = useId();
  const set = (i: number, next: KbEntityDraft) => draft.change({ ...draft.file, entities: draft.file.entities.map((e, k) => (k === i ? next : e)) });
  const at = (i: number, field: string) => problemsAt(draft.problems, `$.entities[${i}].${field}`, true);
  return (
    <section className="card" aria-labelledby={`${uid}-h`}>
      <h3 id={`${uid}-h`}>{tk('entities.title')}</h3>
      <FieldProblems id={`${uid}-all`} problems={problemsAt(draft.problems, '$.entities')} />
      {draft.file.entities.map((e, i) => (
        <fieldset key={i} className="kb-fieldset">
          <legend>
            <span data-content>{e.name}</span> ({tk(e.kind === 'list' ? 'entity.list' : 'entity.regex')})
          </legend>
          <div className="field">
            <label htmlFor={`${uid}-${i}-n`}>{tk('entity.name')}</label>
            <input id={`${uid}-${i}-n`} type="text" value={e.name} onChange={(ev) => set(i, { ...e, name: ev.target.value })} {...invalidProps(`${uid}-${i}-np`, at(i, 'name'))} />
            <FieldProblems id={`${uid}-${i}-np`} problems={at(i, 'name')} />
          </div>
          {e.kind === 'list' ? (
            <div className="field">
              <label htmlFor={`${uid}-${i}-v`}>{tk('entity.values')}</label>
              <textarea id={`${uid}-${i}-v`} className="textarea" rows={4} defaultValue={valuesText(e)} onChange={(ev) => set(i, { ...e, values: parseValues(ev.target.value) })} {...invalidProps(`${uid}-${i}-vp`, at(i, 'values'))} />
              <FieldProblems id={`${uid}-${i}-vp`} problems={at(i, 'values')} />
            </div>
          ) : (
            <>
              <div className="field">
                <label htmlFor={`${uid}-${i}-p`}>{tk('entity.pattern')}</label>
                <input id={`${uid}-${i}-p`} type="text" className="pattern-regex" value={e.pattern} onChange={(ev) => set(i, { ...e, pattern: ev.target.value })} {...invalidProps(`${uid}-${i}-pp`, at(i, 'pattern'))} />
                <FieldProblems id={`${uid}-${i}-pp`} problems={at(i, 'pattern')} />
              </div>
              <div className="field">
                <label htmlFor={`${uid}-${i}-f`}>{tk('entity.flags')}</label>
                <input id={`${uid}-${i}-f`} type="text" value={e.flags ?? ''} onChange={(ev) => set(i, ev.target.value ? { ...e, flags: ev.target.value } : { name: e.name, kind: 'regex', pattern: e.pattern })} {...invalidProps(`${uid}-${i}-fp`, at(i, 'flags'))} />
                <FieldProblems id={`${uid}-${i}-fp`} problems={at(i, 'flags')} />
              </div>
            </>
          )}
          <button type="button" className="btn btn-small" aria-label={tk('removeNamed', { name: e.name })} onClick={() => draft.change({ ...draft.file, entities: draft.file.entities.filter((_, k) => k !== i) })}>
            {tk('remove')}
          </button>
        </fieldset>
      ))}
      <div className="row-actions">
        <button type="button" className="btn" onClick={() => draft.change({ ...draft.file, entities: [...draft.file.entities, { name: `list_${draft.file.entities.length + 1}`, kind: 'list', values: [{ value: 'example', synonyms: [] }] }] })}>
          {tk('entity.addList')}
        </button>
        <button type="button" className="btn" onClick={() => draft.change({ ...draft.file, entities: [...draft.file.entities, { name: `pattern_${draft.file.entities.length + 1}`, kind: 'regex', pattern: '[A-Z]{2}-\\d{4}' }] })}>
          {tk('entity.addRegex')}
        </button>
      </div>
    </section>
  );
}
