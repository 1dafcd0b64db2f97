/**
 * Knowledge base: what the assistant knows (intents), a "Try a phrase" box with the top intents and
 * their confidence, import of a KB file (errors listed by path), and reset to the built-in one.
 */
import { useId, useRef, useState } from 'react';
import type { TryPhraseResult } from '../../../../../shared/domain';
import type { ErrorDetail } from '../../../../../shared/result';
import { call } from '../../../api';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ConfidenceBars } from '../../../components/ConfidenceBars';
import { ErrorText, Loaded, Status } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { formatPercent, languageName } from '../../../lib/format';
import { useLoad } from '../../../lib/useLoad';
import { detailText, errorText } from '../../../lib/error-text';
import { intentTitle, titleIn } from '../../../lib/intent-title';

export function KbPage() {
  const { t, locale } = useI18n();
  const tryId = useId();
  const previousId = useId();
  const fileId = useId();
  const [kb, reload] = useLoad(() => call('kb.info', undefined));
  const [phrase, setPhrase] = useState('');
  const [previous, setPrevious] = useState('');
  const [tried, setTried] = useState<TryPhraseResult | null>(null);
  const [tryError, setTryError] = useState<string | null>(null);
  const [importStatus, setImportStatus] = useState<string | null>(null);
  const [importError, setImportError] = useState<{ message: string; details: ErrorDetail[] } | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);

  const titleOf = (intentId: string): string => intentTitle(kb.status === 'ok' ? kb.value : null, intentId, locale);

  const importFile = async (file: File) => {
    setImportStatus(null);
    setImportError(null);
    const content = await file.text();
    const r = await call('kb.import', { fileName: file.name, content });
    if (fileRef.current) fileRef.current.value = '';
    if (r.ok) {
      setImportStatus(t('kb.imported', { name: r.value.name, version: r.value.version }));
      await reload();
    } else setImportError({ message: errorText({ code: r.error.code }, t), details: r.error.details ?? [] });
  };

  return (
    <div className="page-stack">
      <p>{t('kb.intro')}</p>
      <form
        className="card"
        aria-labelledby="kb-try"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!phrase.trim()) return;
          setTryError(null);
          // The same decision the chat makes, after the previous message when one is given.
          const r = await call('kb.try', previous.trim() ? { text: phrase, previous } : { text: phrase });
          if (r.ok) setTried(r.value);
          else setTryError(errorText(r.error, t));
        }}
      >
        <h3 id="kb-try">{t('kb.try')}</h3>
        <div className="field">
          <label htmlFor={previousId}>{t('kb.tryPrevious')}</label>
          <input id={previousId} type="text" value={previous} maxLength={4000} onChange={(e) => setPrevious(e.target.value)} />
        </div>
        <div className="inline-form">
          <label htmlFor={tryId}>{t('kb.tryLabel')}</label>
          <input id={tryId} type="text" value={phrase} maxLength={4000} onChange={(e) => setPhrase(e.target.value)} />
          <button type="submit" className="btn btn-primary">
            {t('kb.tryButton')}
          </button>
        </div>
        <ErrorText error={tryError} />
        {tried && (
          <div role="status" data-testid="try-result">
            <p>{tried.outOfScope || !tried.intent ? t('kb.outOfScope') : t('kb.best', { intent: titleOf(tried.intent), confidence: formatPercent(locale, tried.confidence) })}</p>
            <p className="muted" data-testid="try-context">{tried.context ? t('kb.tryContext', { previous: tried.context }) : t('kb.tryNoContext')}</p>
            <ConfidenceBars ranking={tried.ranking.slice(0, 5)} labelOf={titleOf} />
          </div>
        )}
      </form>

      <section className="card" aria-labelledby="kb-import">
        <h3 id="kb-import">{t('kb.import')}</h3>
        <div className="field">
          <label htmlFor={fileId}>{t('kb.importLabel')}</label>
          <input
            ref={fileRef}
            id={fileId}
            type="file"
            accept=".json,application/json"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void importFile(f);
            }}
          />
        </div>
        <Status text={importStatus} />
        {importError && (
          <div role="alert" className="error-box" data-testid="kb-errors">
            <p>{importError.details.length ? t('kb.invalid') : t('common.error', { message: importError.message })}</p>
            {importError.details.length > 0 && (
              <ul>
                {importError.details.map((d, i) => (
                  <li key={`${d.path}-${i}`}>
                    <code data-content>{d.path || '/'}</code>: {detailText(d, t)}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <button type="button" className="btn btn-danger-outline" onClick={() => setConfirmReset(true)}>
          {t('kb.reset')}
        </button>
      </section>

      <Loaded state={kb}>
        {(info) => (
          <section className="card" aria-labelledby="kb-intents">
            <h3 id="kb-intents">{t('kb.intents', { count: info.intents.length })}</h3>
            <p className="muted">{t('kb.meta', { name: info.name, version: info.version, source: t(`kb.source.${info.source}`), language: languageName(locale, info.language) })}</p>
            <div className="table-wrap">
              <table className="table table-compact">
                <thead>
                  <tr>
                    <th scope="col">{t('kb.intent')}</th>
                    <th scope="col" className="num">
                      {t('kb.examples')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {info.intents.map((i) => (
                    <tr key={i.id}>
                      <td>
                        <span data-content>{titleIn(i, locale)}</span>{' '}
                        <span className="muted" data-content>
                          ({i.id})
                        </span>
                      </td>
                      <td className="num">{i.examples}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        )}
      </Loaded>

      {confirmReset && (
        <ConfirmDialog
          title={t('kb.resetTitle')}
          confirmLabel={t('kb.reset')}
          onCancel={() => setConfirmReset(false)}
          onConfirm={async () => {
            const r = await call('kb.resetDefault', undefined);
            if (r.ok) {
              setConfirmReset(false);
              setImportStatus(t('kb.resetDone'));
              await reload();
            }
            return r;
          }}
        >
          <p>{t('kb.resetBody')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
