/**
 * Missed questions: the inbox's own settings (on/off, retention, kept through the end-of-day wipe),
 * then one row per group of similar questions (count, last day), each with: add to an intent (the
 * engine's top 3 suggested first), create an intent from it, dismiss. Applying changes the draft.
 * A group keeps the language its questions were asked in: the row says it (another language than
 * the default one is marked), only intents with words in that language can take it, and an intent
 * created from it also asks for its default-language words.
 */
import { useEffect, useId, useState } from 'react';
import type { MissGroup, MissSettings } from '../../../../shared/kb-editor';
import { call } from '../../api';
import { ErrorText, Loaded, Status } from '../../components/States';
import { useI18n } from '../../i18n';
import { formatDay } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';
import type { DraftApi } from './KbEditorPage';
import { languageName } from './languages';
import { useKbText, type KbTextKey } from './text';
import { errorText } from '../../lib/error-text';

function SettingsForm() {
  const { tk, t } = useKbText();
  const uid = useId();
  const [loaded] = useLoad(() => call('misses.settings.get', undefined));
  const [s, setS] = useState<MissSettings | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (loaded.status === 'ok') setS(loaded.value);
  }, [loaded]);
  if (!s) return null;
  return (
    <form
      className="card"
      aria-labelledby={`${uid}-h`}
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await call('misses.settings.set', { patch: s });
        if (r.ok) {
          setS(r.value);
          setStatus(tk('draft.saved'));
          setError(null);
        } else setError(errorText(r.error, t));
      }}
    >
      <h3 id={`${uid}-h`}>{tk('tab.misses')}</h3>
      <p>{tk('misses.intro')}</p>
      <div className="check">
        <input id={`${uid}-on`} type="checkbox" checked={s.enabled} onChange={(e) => setS({ ...s, enabled: e.target.checked })} />
        <label htmlFor={`${uid}-on`}>{tk('misses.enabled')}</label>
      </div>
      <div className="field">
        <label htmlFor={`${uid}-days`}>{tk('misses.retention')}</label>
        <input id={`${uid}-days`} type="number" min={1} max={365} value={s.retentionDays} onChange={(e) => setS({ ...s, retentionDays: Math.max(1, Math.min(365, Math.round(Number(e.target.value) || 1))) })} />
      </div>
      <div className="check">
        <input id={`${uid}-keep`} type="checkbox" checked={s.keepOnDayWipe} onChange={(e) => setS({ ...s, keepOnDayWipe: e.target.checked })} />
        <label htmlFor={`${uid}-keep`}>{tk('misses.keep')}</label>
      </div>
      <button type="submit" className="btn">
        {tk('misses.saveSettings')}
      </button>
      <Status text={status} />
      <ErrorText error={error} />
    </form>
  );
}

function GroupRow({ g, draft, onDone }: { g: MissGroup; draft: DraftApi; onDone: (message: string) => void }) {
  const { tk, t } = useKbText();
  const { dates } = useI18n();
  const uid = useId();
  const defaultLanguage = draft.file.settings.language;
  const other = g.language !== defaultLanguage;
  // Asked in another language: the phrases go to that language's words of an intent, so only an
  // intent translated into it can take them (the backend refuses the others too).
  const words = other ? (draft.file.languages?.[g.language]?.intents ?? {}) : null;
  const eligible = draft.file.intents.map((it) => it.id).filter((id) => words === null || words[id] !== undefined);
  const suggested = g.suggested.map((s) => s.intent).filter((id) => eligible.includes(id));
  const [intent, setIntent] = useState(suggested[0] ?? eligible[0] ?? '');
  const [creating, setCreating] = useState(false);
  const [newId, setNewId] = useState('');
  const [answer, setAnswer] = useState('');
  const [defaultExample, setDefaultExample] = useState('');
  const [defaultAnswer, setDefaultAnswer] = useState('');
  const [error, setError] = useState<string | null>(null);
  const others = eligible.filter((id) => !suggested.includes(id));
  // The title in the group's language when the intent has one there, else the default language's.
  const titleOf = (id: string): string => (words?.[id]?.title || draft.file.intents.find((it) => it.id === id)?.title) ?? id;
  const language = languageName(g.language);
  const languages = draft.file.languages ?? {};
  return (
    <li className={other ? 'card kb-miss kb-miss-other-language' : 'card kb-miss'} data-testid="miss-group" data-language={g.language}>
      {(other || Object.keys(languages).length > 0) && (
        <p className={other ? 'kb-miss-language kb-miss-language-other' : 'kb-miss-language'} data-testid="miss-language">
          {tk('misses.language', { language })}
        </p>
      )}
      <ul className="kb-miss-texts" lang={g.language}>
        {g.texts.map((t) => (
          <li key={t} data-content>
            “{t}”
          </li>
        ))}
      </ul>
      <p className="muted">
        {tk('misses.group', { n: g.count, day: formatDay(dates, g.lastDay) })} · {g.reasons.map((r) => tk(`misses.reason.${r}` as KbTextKey)).join(', ')}
      </p>
      {eligible.length === 0 && <p className="notice">{tk('misses.untranslatedOnly', { language })}</p>}
      <div className="inline-form">
        <label htmlFor={`${uid}-i`}>{tk('misses.assignTo')}</label>
        <select id={`${uid}-i`} value={intent} onChange={(e) => setIntent(e.target.value)}>
          {/* The owner's own titles (ids beside them: two intents may share a title), the engine's suggestions first, as a group of their own. */}
          {(
            [
              ['misses.suggestedIntents', suggested],
              ['misses.otherIntents', others],
            ] as const
          )
            .filter(([, ids]) => ids.length > 0)
            .map(([label, ids]) => (
              <optgroup key={label} label={tk(label)}>
                {ids.map((id) => (
                  <option key={id} value={id} data-content>
                    {titleOf(id)} ({id})
                  </option>
                ))}
              </optgroup>
            ))}
        </select>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="miss-assign"
          disabled={intent === ''}
          onClick={async () => {
            const r = await call('misses.assign', { group: g.id, intent });
            if (!r.ok) return setError(errorText(r.error, t));
            draft.adopt(r.value.draft);
            onDone(tk('misses.assigned', { n: r.value.added, intent }));
          }}
        >
          {tk('misses.assign')}
        </button>
        <button type="button" className="btn" aria-expanded={creating} onClick={() => setCreating(!creating)}>
          {tk('misses.create')}
        </button>
        <button
          type="button"
          className="btn btn-quiet"
          onClick={async () => {
            const r = await call('misses.dismiss', { group: g.id });
            if (!r.ok) return setError(errorText(r.error, t));
            onDone(tk('misses.dismissed'));
          }}
        >
          {tk('misses.dismiss')}
        </button>
      </div>
      {creating && (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            const r = await call('misses.create', {
              group: g.id,
              id: newId.trim(),
              title: (g.texts[0] ?? newId).slice(0, 300),
              answer,
              ...(other ? { defaultExample: defaultExample.trim(), defaultAnswer: defaultAnswer.trim() } : {}),
            });
            if (!r.ok) return setError(errorText(r.error, t));
            draft.adopt(r.value.draft);
            onDone(tk('misses.assigned', { n: r.value.added, intent: newId.trim() }));
          }}
        >
          <div className="field">
            <label htmlFor={`${uid}-nid`}>{tk('newId')}</label>
            <input id={`${uid}-nid`} type="text" value={newId} maxLength={64} onChange={(e) => setNewId(e.target.value)} required />
          </div>
          <div className="field">
            <label htmlFor={`${uid}-ans`}>{other ? tk('misses.answerIn', { language }) : tk('misses.answer')}</label>
            <textarea id={`${uid}-ans`} className="textarea" rows={2} value={answer} maxLength={2000} onChange={(e) => setAnswer(e.target.value)} required lang={g.language} />
          </div>
          {other && (
            <>
              <p className="muted">{tk('misses.defaultNote', { language, defaultLanguage: languageName(defaultLanguage) })}</p>
              <div className="field">
                <label htmlFor={`${uid}-dex`}>{tk('misses.exampleIn', { language: languageName(defaultLanguage) })}</label>
                <input id={`${uid}-dex`} type="text" value={defaultExample} maxLength={300} onChange={(e) => setDefaultExample(e.target.value)} required lang={defaultLanguage} />
              </div>
              <div className="field">
                <label htmlFor={`${uid}-dans`}>{tk('misses.answerIn', { language: languageName(defaultLanguage) })}</label>
                <textarea id={`${uid}-dans`} className="textarea" rows={2} value={defaultAnswer} maxLength={2000} onChange={(e) => setDefaultAnswer(e.target.value)} required lang={defaultLanguage} />
              </div>
            </>
          )}
          <button type="submit" className="btn btn-primary">
            {tk('add')}
          </button>
        </form>
      )}
      <ErrorText error={error} />
    </li>
  );
}

export function MissesTab({ draft }: { draft: DraftApi }) {
  const { tk } = useKbText();
  const [groups, reload] = useLoad(() => call('misses.list', undefined));
  const [status, setStatus] = useState<string | null>(null);
  return (
    <div className="page-stack">
      <SettingsForm />
      <Status text={status} />
      <Loaded state={groups}>
        {(v) =>
          v.groups.length === 0 ? (
            <p>{tk('misses.none')}</p>
          ) : (
            <ul className="kb-miss-list" data-testid="miss-list">
              {v.groups.map((g) => (
                <GroupRow
                  key={g.id}
                  g={g}
                  draft={draft}
                  onDone={(m) => {
                    setStatus(m);
                    void reload();
                  }}
                />
              ))}
            </ul>
          )
        }
      </Loaded>
    </div>
  );
}
