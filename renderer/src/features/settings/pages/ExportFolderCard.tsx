/**
 * Where exports, reports and knowledge-base files are saved: a folder the person chooses (issue 15
 * item 10), shown as it is now, Downloads when none is chosen (from app.info: reading the privacy
 * facts would audit a view of the data each time the page opens). The backend refuses a folder that does
 * not exist, cannot be written to or lies inside the data folder (which "erase everything" empties),
 * and the refusal is shown at the field.
 */
import { useId, useState } from 'react';
import { Status } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { useApp } from '../../../lib/app-context';
import { errorText } from '../../../lib/error-text';

export function ExportFolderCard() {
  const { t } = useI18n();
  const { info, settings, updateSettings } = useApp();
  const id = useId();
  const chosen = settings.exportFolder ?? null;
  const [text, setText] = useState(chosen ?? '');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const save = async (folder: string | null) => {
    setError(null);
    setStatus(null);
    const r = await updateSettings({ exportFolder: folder });
    if (!r.ok) return setError(errorText(r.error, t));
    setText(r.value.exportFolder ?? '');
    setStatus(r.value.exportFolder ? t('exportFolder.saved', { folder: r.value.exportFolder }) : t('exportFolder.reset'));
  };

  return (
    <form
      className="card"
      aria-labelledby={`${id}-h`}
      data-testid="export-folder"
      onSubmit={(e) => {
        e.preventDefault();
        const folder = text.trim();
        void save(folder === '' ? null : folder);
      }}
    >
      <h3 id={`${id}-h`}>{t('exportFolder.title')}</h3>
      <p data-testid="export-folder-now">
        {t(chosen ? 'exportFolder.now' : 'exportFolder.nowDefault', { folder: chosen ?? info.defaultExportDir })}
      </p>
      <div className="field">
        <label htmlFor={id}>{t('exportFolder.label')}</label>
        <input
          id={id}
          type="text"
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-help`}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        {error ? (
          <p id={`${id}-error`} role="alert" className="error-text">
            {t('common.error', { message: error })}
          </p>
        ) : (
          <p id={`${id}-help`} className="muted">
            {t('exportFolder.help')}
          </p>
        )}
      </div>
      <div className="row-actions">
        <button type="submit" className="btn">
          {t('exportFolder.save')}
        </button>
        {chosen && (
          <button type="button" className="btn" onClick={() => void save(null)}>
            {t('exportFolder.useDefault')}
          </button>
        )}
      </div>
      <Status text={status} />
    </form>
  );
}
