/**
 * One intent: id (rename), title, example phrases (edit, remove, paste many), test phrases, answer
 * variants, quick replies, slots, staff hand-off; delete (asks, and says how many phrases go).
 * Every field shows the backend's problems for its JSON path.
 */
import { useId, useRef, useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { DraftApi } from './KbEditorPage';
import { FieldProblems, invalidProps } from './FieldProblems';
import { LinesField } from './LinesField';
import { ExamplesField, ResponsesField } from './PhraseFields';
import { problemsAt } from './problems';
import { useKbText } from './text';
import { dropTranslations, moveSlotTranslations, moveTranslations, phraseCounts } from './intent-ops';
import type { KbFileDraft, KbIntentDraft, KbSlotDraft } from './types';

export function IntentEditor({ draft, index, onRenamed, onDeleted }: { draft: DraftApi; index: number; onRenamed: (id: string) => void; onDeleted: () => void }) {
  const { tk } = useKbText();
  const uid = useId();
  const it = draft.file.intents[index] as KbIntentDraft;
  const base = `$.intents[${index}]`;
  const [confirmDelete, setConfirmDelete] = useState(false);
  const at = (path: string, within = false) => problemsAt(draft.problems, `${base}${path}`, within);
  // `then`: what else the change takes along (the other languages' words keyed by id or slot name).
  const update = (patch: Partial<KbIntentDraft>, then: (f: KbFileDraft) => KbFileDraft = (f) => f) => {
    const intents = draft.file.intents.slice();
    intents[index] = { ...it, ...patch };
    draft.change(then({ ...draft.file, intents }));
  };
  // The id the other languages file this intent's words under: follows the renames it can make
  // (not onto an id that already has words: that id is another intent's, an error at the field).
  const wordsKey = useRef(it.id);
  const entityNames = ['order_number', 'email', 'phone', 'datetime', 'number', 'money', ...draft.file.entities.map((e) => e.name)];
  const slots = it.slots ?? [];
  const setSlot = (j: number, patch: Partial<KbSlotDraft>) => {
    const was = slots[j]?.name ?? '';
    update({ slots: slots.map((s, k) => (k === j ? { ...s, ...patch } : s)) }, (f) => (patch.name === undefined ? f : moveSlotTranslations(f, it.id, was, patch.name)));
  };

  const text = (key: string, label: string, value: string, onChange: (v: string) => void, path: string) => {
    const id = `${uid}-${key}`;
    const problems = at(path);
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input id={id} type="text" value={value} onChange={(e) => onChange(e.target.value)} {...invalidProps(`${id}-p`, problems)} />
        <FieldProblems id={`${id}-p`} problems={problems} />
      </div>
    );
  };

  return (
    <section className="card" aria-labelledby={`${uid}-h`} data-testid="intent-editor">
      <h3 id={`${uid}-h`} tabIndex={-1} data-kb-focus-fallback>
        {tk('editor.title')}: <span data-content>{it.title}</span>
      </h3>
      {text(
        'id',
        tk('field.id'),
        it.id,
        (v) => {
          update({ id: v }, (f) => {
            const moved = moveTranslations(f, wordsKey.current, v);
            if (!moved) return f;
            wordsKey.current = v;
            return moved;
          });
          onRenamed(v);
        },
        '.id',
      )}
      {text('title', tk('field.title'), it.title, (v) => update({ title: v }), '.title')}

      <ExamplesField examples={it.examples} onChange={(examples) => update({ examples })} problems={draft.problems} base={base} />

      <LinesField label={tk('field.tests')} value={it.tests} onChange={(v) => update({ tests: v })} problems={at('.tests', true)} testId="tests" />

      <ResponsesField responses={it.responses} onChange={(responses) => update({ responses })} problems={draft.problems} base={base} />

      <LinesField label={tk('field.quickReplies')} value={it.quickReplies ?? []} onChange={(v) => update(v.length ? { quickReplies: v } : { quickReplies: undefined })} problems={at('.quickReplies', true)} />

      <fieldset className="kb-fieldset">
        <legend>{tk('field.slots')}</legend>
        {slots.map((s, j) => (
          <div key={j} className="kb-slot">
            {text(`s${j}n`, tk('slot.name'), s.name, (v) => setSlot(j, { name: v }), `.slots[${j}].name`)}
            <div className="field">
              <label htmlFor={`${uid}-s${j}e`}>{tk('slot.entity')}</label>
              <select id={`${uid}-s${j}e`} value={s.entity} onChange={(e) => setSlot(j, { entity: e.target.value })}>
                {[...new Set([s.entity, ...entityNames])].map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
              <FieldProblems id={`${uid}-s${j}e-p`} problems={at(`.slots[${j}].entity`)} />
            </div>
            {text(`s${j}p`, tk('slot.prompt'), s.prompt, (v) => setSlot(j, { prompt: v }), `.slots[${j}].prompt`)}
            {text(`s${j}r`, tk('slot.reprompt'), s.reprompt, (v) => setSlot(j, { reprompt: v }), `.slots[${j}].reprompt`)}
            {text(`s${j}f`, tk('slot.format'), s.format ?? '', (v) => setSlot(j, v ? { format: v } : { format: undefined }), `.slots[${j}].format`)}
            <button type="button" className="btn btn-small" aria-label={tk('removeNamed', { name: s.name || tk('slot.name') })} onClick={() => update({ slots: slots.filter((_, k) => k !== j) })}>
              {tk('remove')}
            </button>
          </div>
        ))}
        <button type="button" className="btn" onClick={() => update({ slots: [...slots, { name: 'value', entity: entityNames[0] as string, prompt: '', reprompt: '' }] })}>
          {tk('slot.add')}
        </button>
      </fieldset>

      <div className="check">
        <input id={`${uid}-handoff`} type="checkbox" checked={it.handoff === true} onChange={(e) => update({ handoff: e.target.checked })} />
        <label htmlFor={`${uid}-handoff`}>{tk('field.handoff')}</label>
      </div>

      <button type="button" className="btn btn-danger-outline" onClick={() => setConfirmDelete(true)}>
        {tk('deleteIntent')}
      </button>
      {confirmDelete && (
        <ConfirmDialog
          title={tk('deleteTitle', { title: it.title })}
          confirmLabel={tk('deleteIntent')}
          danger
          onCancel={() => setConfirmDelete(false)}
          onConfirm={async () => {
            draft.change(dropTranslations({ ...draft.file, intents: draft.file.intents.filter((_, k) => k !== index) }, it.id));
            setConfirmDelete(false);
            onDeleted();
            return { ok: true, value: null };
          }}
        >
          <p>{tk('deleteBody', phraseCounts(draft.file, index))}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
