/**
 * One intent's words in another language than the default (schema 2 `languages.<code>.intents.<id>`):
 * title, example and test phrases, answer variants, quick replies and each slot's prompts. The id,
 * the slots' entities and the hand-off are shared by every language: shown here read-only, changed
 * in the default language. An intent not translated yet says what the bot does meanwhile and offers
 * to write its words. Problems come back by JSON path and are shown at their field.
 */
import { useId } from 'react';
import type { DraftApi } from './KbEditorPage';
import { FieldProblems, invalidProps } from './FieldProblems';
import { languageName } from './languages';
import { LinesField } from './LinesField';
import { ExamplesField, ResponsesField } from './PhraseFields';
import { problemsAt } from './problems';
import { useKbText } from './text';
import type { KbIntentDraft, KbLanguageDraft, KbLanguageIntentDraft } from './types';

/** A language's part of the draft, created empty when it is first written to. */
export function languageOf(draft: DraftApi): KbLanguageDraft {
  return draft.file.languages?.[draft.language] ?? { settings: { fallbackReplies: [], handoffReply: '' }, intents: {}, outOfScopeExamples: [], outOfScopeTests: [] };
}

export function withLanguage(draft: DraftApi, next: KbLanguageDraft): void {
  draft.change({ ...draft.file, languages: { ...draft.file.languages, [draft.language]: next } });
}

export function LanguageIntentEditor({ draft, index }: { draft: DraftApi; index: number }) {
  const { tk } = useKbText();
  const uid = useId();
  const it = draft.file.intents[index] as KbIntentDraft;
  const lang = draft.language;
  const langName = languageName(lang);
  const defaultName = languageName(draft.file.settings.language);
  const base = `$.languages.${lang}.intents.${it.id}`;
  const l = languageOf(draft);
  const t = l.intents[it.id];
  const at = (path: string, within = false) => problemsAt(draft.problems, `${base}${path}`, within);
  const update = (patch: Partial<KbLanguageIntentDraft>) => {
    const current: KbLanguageIntentDraft = t ?? { title: '', examples: [], tests: [], responses: [] };
    withLanguage(draft, { ...l, intents: { ...l.intents, [it.id]: { ...current, ...patch } } });
  };
  const slots = it.slots ?? [];
  const setSlot = (name: string, patch: { prompt?: string; reprompt?: string; format?: string }) => {
    const had = t?.slots?.[name] ?? { prompt: '', reprompt: '' };
    const next = { ...had, ...patch };
    if (!next.format) delete next.format;
    const all = { ...t?.slots };
    // Emptied: the slot is untranslated again (asked in the default language), not an empty prompt.
    if (!next.prompt && !next.reprompt && !next.format) delete all[name];
    else all[name] = next;
    update({ slots: Object.keys(all).length ? all : undefined });
  };

  const text = (key: string, label: string, value: string, onChange: (v: string) => void, path: string, note?: string) => {
    const id = `${uid}-${key}`;
    const problems = at(path);
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input id={id} type="text" value={value} data-kb-path={`${base}${path}`} onChange={(e) => onChange(e.target.value)} {...invalidProps(`${id}-p`, problems)} />
        {note && <p className="muted">{note}</p>}
        <FieldProblems id={`${id}-p`} problems={problems} />
      </div>
    );
  };

  return (
    <section className="card" aria-labelledby={`${uid}-h`} data-testid="intent-editor">
      <h3 id={`${uid}-h`} tabIndex={-1} data-kb-focus-fallback>
        {tk('editor.title')}: <span data-content>{t?.title || it.title}</span> ({langName})
      </h3>
      <p className="notice">{tk('lang.note', { language: langName, defaultLanguage: defaultName })}</p>
      <dl className="kb-shared" data-testid="shared-fields">
        <dt>{tk('lang.id')}</dt>
        <dd>
          <code data-content>{it.id}</code> <span className="muted">{tk('lang.shared', { defaultLanguage: defaultName })}</span>
        </dd>
        {slots.map((s) => (
          <div key={s.name}>
            <dt>{tk('lang.slotNamed', { name: s.name, entity: s.entity })}</dt>
            <dd className="muted">{tk('lang.shared', { defaultLanguage: defaultName })}</dd>
          </div>
        ))}
      </dl>
      {!t ? (
        <div data-testid="untranslated">
          <p>{tk('lang.untranslated', { language: langName, defaultLanguage: defaultName })}</p>
          <button type="button" className="btn btn-primary" data-kb-path={base} onClick={() => update({})}>
            {tk('lang.translate', { language: langName })}
          </button>
        </div>
      ) : (
        <>
          {text('title', tk('field.title'), t.title, (v) => update({ title: v }), '.title', tk('lang.inDefault', { language: defaultName, text: it.title }))}
          <ExamplesField examples={t.examples} onChange={(examples) => update({ examples })} problems={draft.problems} base={base} />
          <LinesField label={tk('field.tests')} value={t.tests} onChange={(v) => update({ tests: v })} problems={at('.tests', true)} testId="tests" />
          <ResponsesField responses={t.responses} onChange={(responses) => update({ responses })} problems={draft.problems} base={base} />
          <LinesField label={tk('field.quickReplies')} value={t.quickReplies ?? []} onChange={(v) => update(v.length ? { quickReplies: v } : { quickReplies: undefined })} problems={at('.quickReplies', true)} />
          {slots.length > 0 && (
            <fieldset className="kb-fieldset">
              <legend>{tk('field.slots')}</legend>
              {slots.map((s) => {
                const ts = t.slots?.[s.name];
                const sp = `.slots.${s.name}`;
                return (
                  <div key={s.name} className="kb-slot">
                    <p className="label-strong">{tk('lang.slotNamed', { name: s.name, entity: s.entity })}</p>
                    {text(`${s.name}-p`, tk('slot.prompt'), ts?.prompt ?? '', (v) => setSlot(s.name, { prompt: v }), `${sp}.prompt`, tk('lang.inDefault', { language: defaultName, text: s.prompt }))}
                    {text(`${s.name}-r`, tk('slot.reprompt'), ts?.reprompt ?? '', (v) => setSlot(s.name, { reprompt: v }), `${sp}.reprompt`, tk('lang.inDefault', { language: defaultName, text: s.reprompt }))}
                    {text(`${s.name}-f`, tk('slot.format'), ts?.format ?? '', (v) => setSlot(s.name, { format: v }), `${sp}.format`)}
                    <FieldProblems id={`${uid}-${s.name}-all`} problems={at(sp)} />
                  </div>
                );
              })}
            </fieldset>
          )}
        </>
      )}
    </section>
  );
}
