/**
 * Missed questions: the inbox's own settings (on/off, retention, kept through the end-of-day wipe),
 * then one row per group of similar questions (count, last day), each with: add to an intent (the
 * engine's top 3 suggested first), create an intent from it, dismiss. Applying changes the draft.
 */
import { useEffect, useId, useState } from 'react';
import type { MissGroup, MissSettings } from '../../../../shared/kb-editor';
import { call } from '../../api';
import { ErrorText, Loaded, Status } from '../../components/States';
import { formatDay } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';
import type { DraftApi } from './KbEditorPage';
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
  const { tk, t, locale } = useKbText();
  const uid = useId();
  const suggested = g.suggested.map((s) => s.intent).filter((id) => draft.file.intents.some((it) => it.id === id));
  const [intent, setIntent] = useState(suggested[0] ?? draft.file.intents[0]?.id ?? '');
  const [creating, setCreating] = useState(false);
  const [newId, setNewId] = useState('');
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<string | null>(null);
  const others = draft.file.intents.map((it) => it.id).filter((id) => !suggested.includes(id));
  return (
    <li className="card kb-miss" data-testid="miss-group">
      <ul className="kb-miss-texts">
        {g.texts.map((t) => (
          <li key={t} data-content>
            “{t}”
          </li>
        ))}
      </ul>
      <p className="muted">
        {tk('misses.group', { n: g.count, day: formatDay(locale, g.lastDay) })} · {g.reasons.map((r) => tk(`misses.reason.${r}` as KbTextKey)).join(', ')}
      </p>
      <div className="inline-form">
        <label htmlFor={`${uid}-i`}>{tk('misses.assignTo')}</label>
        <select id={`${uid}-i`} value={intent} onChange={(e) => setIntent(e.target.value)}>
          {[...suggested, ...others].map((id) => (
            <option key={id} value={id} data-content>
              {id}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="miss-assign"
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
            const r = await call('misses.create', { group: g.id, id: newId.trim(), title: (g.texts[0] ?? newId).slice(0, 300), answer });
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
            <label htmlFor={`${uid}-ans`}>{tk('misses.answer')}</label>
            <textarea id={`${uid}-ans`} className="textarea" rows={2} value={answer} maxLength={2000} onChange={(e) => setAnswer(e.target.value)} required />
          </div>
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
