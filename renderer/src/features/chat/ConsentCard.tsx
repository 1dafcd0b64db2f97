/**
 * The consent question, asked with the first answer (the customer could type at once; nothing is
 * stored until they choose): plain words, two buttons of equal weight, nothing pre-selected. The
 * notice version travels with the answer on the backend side.
 */
import { useId, useState } from 'react';
import { useI18n } from '../../i18n';

export function ConsentCard({ retentionText, isDuration, onChoose }: { retentionText: string; isDuration: boolean; onChoose: (choice: 'save' | 'dont_save') => Promise<string | null> }) {
  const { t } = useI18n();
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const choose = async (choice: 'save' | 'dont_save') => {
    setBusy(true);
    setError(null);
    const failure = await onChoose(choice);
    if (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return (
    <section className="consent" aria-labelledby={titleId} data-testid="consent">
      <h2 id={titleId} className="consent-title">
        {t(isDuration ? 'consent.titleFor' : 'consent.title', { retention: retentionText })}
      </h2>
      <p className="consent-body">{t('consent.body')}</p>
      <div className="consent-actions">
        <button type="button" className="btn btn-choice" disabled={busy} onClick={() => void choose('save')}>
          {t('consent.save')}
        </button>
        <button type="button" className="btn btn-choice" disabled={busy} onClick={() => void choose('dont_save')}>
          {t('consent.dontSave')}
        </button>
      </div>
      {error && (
        <p role="alert" className="error-text">
          {t('common.error', { message: error })}
        </p>
      )}
    </section>
  );
}
