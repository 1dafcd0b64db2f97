/**
 * Settings → Teach the bot: the knowledge-base editor. One draft (saved to the encrypted store as
 * you type, checked there with the file format's own schema, problems shown at their fields), a
 * publish bar, and the editor's views. In kiosk mode the whole of Settings is behind the staff PIN,
 * and the backend checks it again on every editor channel.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KbDraftState, KbWarning, PublishResult } from '../../../../shared/kb-editor';
import type { ErrorDetail } from '../../../../shared/result';
import { call } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { JobProgress } from '../../components/JobProgress';
import { ErrorText, Status } from '../../components/States';
import { BotSettingsTab } from './BotSettingsTab';
import { EntitiesTab } from './EntitiesTab';
import { ImportTab } from './ImportTab';
import { IntentsTab } from './IntentsTab';
import { MissesTab } from './MissesTab';
import { PublishReportView } from './PublishReportView';
import { useKbText, type KbTextKey } from './text';
import { draftLanguages, type KbFileDraft } from './types';
import { LanguageSwitch } from './LanguageSwitch';
import { VersionsTab } from './VersionsTab';
import { diffSummary } from './diff-text';
import { WarningsPanel } from './WarningsPanel';
import { languageName } from './languages';
import './kb-editor.css';
import { errorText } from '../../lib/error-text';

const TABS = ['intents', 'entities', 'settings', 'misses', 'import', 'versions'] as const;
type Tab = (typeof TABS)[number];
const SAVE_DELAY_MS = 500;

export interface DraftApi {
  file: KbFileDraft;
  /** The language whose words are being edited (the default one, or one of `file.languages`). */
  language: string;
  problems: ErrorDetail[];
  /** Replaces the draft (saved to the store shortly after; problems come back from the backend). */
  change(next: KbFileDraft): void;
  /** The backend changed the draft (import, missed questions): take its content. */
  adopt(state: KbDraftState): void;
}

export function KbEditorPage() {
  const { tk, t } = useKbText();
  const [tab, setTab] = useState<Tab>('intents');
  const [state, setState] = useState<KbDraftState | null>(null);
  const [file, setFile] = useState<KbFileDraft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [report, setReport] = useState<PublishResult | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  // A warning opened from the panel: the JSON path of the field to focus once it is on screen.
  const [focusPath, setFocusPath] = useState<string | null>(null);
  // The language being edited (null: the default one).
  const [chosenLanguage, setLanguage] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<KbFileDraft | null>(null);

  const load = useCallback(async () => {
    const r = await call('kb.draft.get', undefined);
    if (!r.ok) return setError(errorText(r.error, t));
    setState(r.value);
    setFile(r.value.content as KbFileDraft);
    setSelected((s) => s ?? (r.value.content as KbFileDraft).intents[0]?.id ?? null);
  }, [t]);
  useEffect(() => {
    void load();
  }, [load]);

  const save = useCallback(async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const next = pending.current;
    if (!next) return true;
    pending.current = null;
    const r = await call('kb.draft.save', { content: next as unknown as Record<string, unknown> });
    if (!r.ok) {
      setError(errorText(r.error, t));
      return false;
    }
    setError(null);
    // Keep what is on screen (the person may have typed on); take the verdict.
    setState((s) => ({ ...r.value, content: s?.content ?? r.value.content }));
    setStatus(tk('draft.saved'));
    return true;
  }, [t, tk]);

  const languages = file ? draftLanguages(file) : [];
  const defaultLanguage = languages[0] ?? 'en';
  const language = chosenLanguage && languages.includes(chosenLanguage) ? chosenLanguage : defaultLanguage;
  const isDefault = language === defaultLanguage;
  const api: DraftApi | null =
    file && state
      ? {
          file,
          language,
          problems: state.problems,
          change(next) {
            setFile(next);
            pending.current = next;
            if (timer.current) clearTimeout(timer.current);
            timer.current = setTimeout(() => void save(), SAVE_DELAY_MS);
          },
          adopt(next) {
            pending.current = null;
            setState(next);
            setFile(next.content as KbFileDraft);
          },
        }
      : null;

  useEffect(() => {
    if (!focusPath) return;
    // The field of the path, else the intent editor's heading (the warning's intent is open there).
    const path = CSS.escape(focusPath);
    const el = document.querySelector<HTMLElement>(`[data-kb-path="${path}"], [data-kb-path^="${path}."]`) ?? document.querySelector<HTMLElement>('[data-kb-focus-fallback]');
    if (!el) return;
    el.focus();
    el.scrollIntoView({ block: 'center' });
    setFocusPath(null);
  }, [focusPath, tab, selected, language]);

  const openWarning = (w: KbWarning) => {
    setTab('intents');
    setLanguage(w.params.language);
    setSelected(w.params.intent);
    setFocusPath(w.path);
  };

  const publish = async () => {
    setPublishing(true);
    setReport(null);
    setError(null);
    if (await save()) {
      const r = await call('kb.publish', undefined);
      if (r.ok) {
        setReport(r.value);
        // "Draft saved." no longer describes anything: the draft is now the published version.
        setStatus(null);
        await load();
      } else setError(r.error.details?.length ? tk('draft.problems', { n: r.error.details.length }) : errorText(r.error, t));
    }
    setPublishing(false);
  };

  return (
    <div className="page-stack kb-editor">
      <p>{tk('intro')}</p>
      <section className="card kb-publish-bar" aria-label={tk('publish')}>
        <p data-testid="draft-status">{!state ? '' : state.problems.length > 0 ? tk('draft.problems', { n: state.problems.length }) : state.changed && state.diff ? tk('draft.changed', { summary: diffSummary(tk, state.diff) }) : tk('draft.clean')}</p>
        <div className="row-actions">
          <button type="button" className="btn btn-primary" data-testid="publish" disabled={!state || publishing || state.problems.length > 0 || !state.changed} onClick={() => void publish()}>
            {tk('publish')}
          </button>
          <button type="button" className="btn" disabled={!state || !state.changed || publishing} onClick={() => setConfirmDiscard(true)}>
            {tk('discard')}
          </button>
        </div>
        {publishing && (
          <p role="status" className="notice">
            {tk('publishing')}
          </p>
        )}
        <JobProgress kind="retrain" active={publishing} />
        <Status text={status} />
        <ErrorText error={error} />
      </section>
      {report && <PublishReportView result={report} onClose={() => setReport(null)} defaultLanguage={defaultLanguage} titles={new Map((file?.intents ?? []).map((it) => [it.id, it.title]))} />}
      {file && state?.warnings && <WarningsPanel warnings={state.warnings} file={file} onOpen={openWarning} />}

      <LanguageSwitch languages={languages} value={language} onChange={setLanguage} />
      <nav aria-label={tk('tabs.label')} className="kb-tabs">
        <ul>
          {TABS.map((x) => (
            <li key={x}>
              <button type="button" className="nav-item" aria-current={x === tab ? 'page' : undefined} onClick={() => setTab(x)}>
                {tk(`tab.${x}` as KbTextKey)}
              </button>
            </li>
          ))}
        </ul>
      </nav>

      {api && tab === 'intents' && <IntentsTab draft={api} selected={selected} onSelect={setSelected} />}
      {api && tab === 'entities' &&
        (isDefault ? (
          <EntitiesTab draft={api} />
        ) : (
          // Entities are shared by every language: shown, not edited, outside the default one.
          <div data-testid="entities-shared">
            <p className="notice">{tk('lang.note', { language: languageName(language), defaultLanguage: languageName(defaultLanguage) })}</p>
            <fieldset disabled className="kb-readonly">
              <legend className="sr-only">{tk('lang.shared', { defaultLanguage: languageName(defaultLanguage) })}</legend>
              <EntitiesTab draft={api} />
            </fieldset>
          </div>
        ))}
      {api && tab === 'settings' && <BotSettingsTab key={language} draft={api} />}
      {api && tab === 'misses' && <MissesTab draft={api} />}
      {api && tab === 'import' && <ImportTab draft={api} />}
      {tab === 'versions' && <VersionsTab onRestored={(r) => {
        setReport(r);
        setStatus(null);
        void load();
      }} />}

      {confirmDiscard && (
        <ConfirmDialog
          title={tk('discardTitle')}
          confirmLabel={tk('discard')}
          danger
          onCancel={() => setConfirmDiscard(false)}
          onConfirm={async () => {
            pending.current = null;
            const r = await call('kb.draft.discard', undefined);
            if (r.ok) {
              setConfirmDiscard(false);
              setStatus(null);
              setState(r.value);
              setFile(r.value.content as KbFileDraft);
            }
            return r;
          }}
        >
          <p>{tk('discardBody')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
