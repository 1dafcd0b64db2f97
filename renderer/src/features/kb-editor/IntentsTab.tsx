/** Intents: a searchable list with counts and health marks, the editor of one intent, "Try a phrase" beside. */
import { useId, useMemo, useState } from 'react';
import { call } from '../../api';
import { useLoad } from '../../lib/useLoad';
import type { DraftApi } from './KbEditorPage';
import { IntentEditor } from './IntentEditor';
import { LanguageIntentEditor } from './LanguageIntentEditor';
import { problemsAt } from './problems';
import { healthText } from './health-text';
import { useKbText } from './text';
import { TryPhrase } from './TryPhrase';
import { languageName } from './languages';

/** `selected`: the intent open in the editor (kept by the page, so a warning can open one). */
export function IntentsTab({ draft, selected, onSelect: setSelected }: { draft: DraftApi; selected: string | null; onSelect: (id: string | null) => void }) {
  const { tk } = useKbText();
  const searchId = useId();
  const newId = useId();
  const newTitle = useId();
  const [query, setQuery] = useState('');
  const [addId, setAddId] = useState('');
  const [addTitle, setAddTitle] = useState('');
  const [health] = useLoad(() => call('kb.health', undefined));
  const healthById = useMemo(() => new Map((health.status === 'ok' ? health.value.intents : []).map((h) => [h.id, h])), [health]);
  const q = query.trim().toLowerCase();
  // Outside the default language the list shows that language's words (the default's title when untranslated).
  const isDefault = draft.language === draft.file.settings.language;
  const words = (it: (typeof draft.file.intents)[number]) => {
    if (isDefault) return { title: it.title, examples: it.examples, tests: it.tests, translated: true };
    const t = draft.file.languages?.[draft.language]?.intents[it.id];
    return t ? { title: t.title || it.title, examples: t.examples, tests: t.tests, translated: true } : { title: it.title, examples: [], tests: [], translated: false };
  };
  const shown = draft.file.intents
    .map((it, index) => ({ it, index, w: words(it) }))
    .filter(({ it, w }) => !q || it.id.includes(q) || w.title.toLowerCase().includes(q) || w.examples.some((e) => e.toLowerCase().includes(q)));
  const problemBase = (id: string, i: number) => (isDefault ? `$.intents[${i}]` : `$.languages.${draft.language}.intents.${id}`);
  const index = draft.file.intents.findIndex((it) => it.id === selected);

  return (
    <div className="kb-intents">
      <section className="card kb-list" aria-labelledby="kb-intents-h">
        <h3 id="kb-intents-h">{tk('intents.list')}</h3>
        <div className="field">
          <label htmlFor={searchId}>{tk('search')}</label>
          <input id={searchId} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </div>
        <p className="muted">{tk('intents.count', { n: draft.file.intents.length })}</p>
        <ul className="kb-intent-list" data-testid="intent-list">
          {shown.map(({ it, index: i, w }) => {
            // Health is the published model's verdict on this intent's own tests (shown once computed).
            // (the default language's model: not shown beside another language's words)
            const h = isDefault && health.status === 'ok' ? healthText(tk, healthById.get(it.id)) : null;
            const bad = problemsAt(draft.problems, problemBase(it.id, i), true).length > 0;
            return (
              <li key={`${it.id}-${i}`}>
                <button type="button" className="kb-intent-item" aria-current={it.id === selected ? 'true' : undefined} onClick={() => setSelected(it.id)}>
                  {/* The owner's title and id: content. */}
                  <span className="label-strong" data-content>
                    {w.title}
                  </span>{' '}
                  <span className="muted" data-content>
                    {it.id}
                  </span>
                  <span className="kb-intent-meta">{tk('intent.phrases', { examples: w.examples.length, tests: w.tests.length })}</span>
                  {!w.translated && (
                    <span className="kb-health kb-health-bad" data-testid="untranslated-mark">
                      <span aria-hidden="true">⚠ </span>
                      {tk('lang.untranslatedShort', { language: languageName(draft.language) })}
                    </span>
                  )}
                  {h && (
                    <span className={h.ok && !bad ? 'kb-health kb-health-ok' : 'kb-health kb-health-bad'}>
                      <span aria-hidden="true">{h.ok && !bad ? '✓ ' : '⚠ '}</span>
                      {h.text}
                    </span>
                  )}
                </button>
              </li>
            );
          })}
        </ul>
        {isDefault && <form
          className="kb-add"
          onSubmit={(e) => {
            e.preventDefault();
            const id = addId.trim();
            if (!id) return;
            draft.change({ ...draft.file, intents: [...draft.file.intents, { id, title: addTitle.trim() || id, examples: [], tests: [], responses: [] }] });
            setSelected(id);
            setAddId('');
            setAddTitle('');
          }}
        >
          <h4>{tk('addIntent')}</h4>
          <div className="field">
            <label htmlFor={newId}>{tk('newId')}</label>
            <input id={newId} type="text" value={addId} maxLength={64} onChange={(e) => setAddId(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={newTitle}>{tk('newTitle')}</label>
            <input id={newTitle} type="text" value={addTitle} maxLength={300} onChange={(e) => setAddTitle(e.target.value)} />
          </div>
          <button type="submit" className="btn">
            {tk('add')}
          </button>
        </form>}
      </section>
      <div className="kb-edit-column">
        {index >= 0 && !isDefault ? (
          <LanguageIntentEditor key={`${draft.language}-${index}`} draft={draft} index={index} />
        ) : index >= 0 ? (
          <IntentEditor
            key={index}
            draft={draft}
            index={index}
            onRenamed={setSelected}
            onDeleted={() => setSelected(draft.file.intents.find((_, i) => i !== index)?.id ?? null)}
          />
        ) : (
          <p className="card">{tk('editor.pick')}</p>
        )}
        <TryPhrase key={draft.language} language={draft.language} />
      </div>
    </div>
  );
}
