/**
 * Export (json/csv/md, optional date range, encrypted in the age format with a passphrase or to the
 * public keys an IT department set here) and the two big wipes. Each wipe first asks the backend
 * for a preview and states exactly what goes (counts) and what stays.
 */
import { useId, useState } from 'react';
import { AGE_RECIPIENT_LENGTH, ageRecipientProblem, MAX_EXPORT_RECIPIENTS } from '../../../../../shared/age-recipient';
import type { ExportFormat, ExportResult, WipePreview, WipeStay } from '../../../../../shared/domain';
import { call } from '../../../api';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { JobProgress } from '../../../components/JobProgress';
import { ErrorText, Status } from '../../../components/States';
import { useI18n, type Translate } from '../../../i18n';
import { useApp } from '../../../lib/app-context';
import { dateInputToMs } from '../../../lib/format';
import { errorText } from '../../../lib/error-text';
import { ExportFolderCard } from './ExportFolderCard';

const FORMATS: ExportFormat[] = ['json', 'csv', 'md'];

export function ExportWipePage() {
  const { t } = useI18n();
  const { resetChat, reboot, settings, updateSettings } = useApp();
  const fromId = useId();
  const toId = useId();
  const passId = useId();
  const passHelpId = useId();
  const keysId = useId();
  const keysHelpId = useId();
  const keys = settings.exportRecipients ?? [];
  const [keysText, setKeysText] = useState(keys.join('\n'));
  const [keysError, setKeysError] = useState<string | null>(null);
  const [keysStatus, setKeysStatus] = useState<string | null>(null);
  const [format, setFormat] = useState<ExportFormat>('json');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [exported, setExported] = useState<ExportResult | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [preview, setPreview] = useState<WipePreview | null>(null);
  const [wipeError, setWipeError] = useState<string | null>(null);
  const [wipeStatus, setWipeStatus] = useState<string | null>(null);
  const [wiping, setWiping] = useState(false);

  const runExport = async () => {
    setBusy(true);
    setExportError(null);
    setExported(null);
    const r = await call('export.create', {
      format,
      from: from ? dateInputToMs(from, false) : undefined,
      to: to ? dateInputToMs(to, true) : undefined,
      // With public keys set the export is encrypted to them (the backend refuses a passphrase too).
      passphrase: passphrase && keys.length === 0 ? passphrase : undefined,
    });
    setBusy(false);
    if (r.ok) {
      setExported(r.value);
      setPassphrase('');
    } else setExportError(errorText(r.error, t));
  };

  const askWipe = async (kind: 'day' | 'all') => {
    setWipeError(null);
    setWipeStatus(null);
    const r = await call('wipe.preview', { scope: { kind } });
    if (r.ok) setPreview(r.value);
    else setWipeError(errorText(r.error, t));
  };

  return (
    <div className="page-stack">
      <section aria-labelledby="export-h" className="card">
        <h3 id="export-h">{t('export.title')}</h3>
        <p>{t('export.intro')}</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void runExport();
          }}
        >
          <fieldset className="radio-group">
            <legend>{t('export.format')}</legend>
            {FORMATS.map((f) => (
              <label key={f} className="check">
                <input type="radio" name="export-format" value={f} checked={format === f} onChange={() => setFormat(f)} />
                <span>{t(`export.${f}`)}</span>
              </label>
            ))}
          </fieldset>
          <div className="field-row">
            <div className="field">
              <label htmlFor={fromId}>{t('export.from')}</label>
              <input id={fromId} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={toId}>{t('export.to')}</label>
              <input id={toId} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
            </div>
          </div>
          {keys.length > 0 ? (
            <p className="notice" data-testid="export-to-keys">
              {t('export.toKeys', { count: keys.length })}
            </p>
          ) : (
            <div className="field">
              <label htmlFor={passId}>{t('export.passphrase')}</label>
              <input
                id={passId}
                type="password"
                autoComplete="new-password"
                minLength={8}
                value={passphrase}
                aria-describedby={passHelpId}
                onChange={(e) => setPassphrase(e.target.value)}
              />
              <p id={passHelpId} className="muted">
                {t('export.passphraseHelp')}
              </p>
            </div>
          )}
          <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy}>
            {t('export.submit')}
          </button>
          <JobProgress kind="export" active={busy} />
        </form>
        <ErrorText error={exportError} />
        <p role="status" className={exported ? 'notice' : 'sr-only'} data-testid="export-result">
          {exported && (
            <>
              {t('export.done', { conversations: exported.conversations, messages: exported.messages, path: exported.path })}
              {exported.encrypted && <> {keys.length > 0 ? t('export.encryptedKeys') : t('export.encrypted')}</>}
            </>
          )}
        </p>
      </section>

      <ExportFolderCard />

      <form
        className="card"
        aria-labelledby={`${keysId}-h`}
        data-testid="export-keys"
        onSubmit={async (e) => {
          e.preventDefault();
          setKeysError(null);
          setKeysStatus(null);
          const lines = keysText.split('\n').map((l) => l.trim());
          const bad = lines.findIndex((l) => l !== '' && ageRecipientProblem(l) !== null);
          if (bad >= 0) return setKeysError(t('export.recipientsBad', { line: bad + 1, length: AGE_RECIPIENT_LENGTH }));
          const list = [...new Set(lines.filter((l) => l !== ''))];
          if (list.length > MAX_EXPORT_RECIPIENTS) return setKeysError(t('export.recipientsTooMany', { max: MAX_EXPORT_RECIPIENTS }));
          const r = await updateSettings({ exportRecipients: list });
          if (r.ok) {
            setKeysText(r.value.exportRecipients.join('\n'));
            setKeysStatus(list.length > 0 ? t('export.recipientsSaved', { count: list.length }) : t('export.recipientsCleared'));
          } else setKeysError(errorText(r.error, t));
        }}
      >
        <h3 id={`${keysId}-h`}>{t('export.recipients')}</h3>
        <div className="field">
          <label htmlFor={keysId}>{t('export.recipientsLabel')}</label>
          <textarea
            id={keysId}
            rows={3}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            placeholder={t('export.recipientsPlaceholder')}
            aria-describedby={keysHelpId}
            value={keysText}
            onChange={(e) => setKeysText(e.target.value)}
          />
          <p id={keysHelpId} className="muted">
            {t('export.recipientsHelp')}
          </p>
        </div>
        <button type="submit" className="btn">
          {t('export.recipientsSave')}
        </button>
        <ErrorText error={keysError} />
        <Status text={keysStatus} />
      </form>

      <section aria-labelledby="wipe-h" className="card">
        <h3 id="wipe-h">{t('wipe.title')}</h3>
        <p>{t('wipe.intro')}</p>
        <div className="wipe-options">
          <div className="wipe-option">
            <h4>{t('wipe.day')}</h4>
            <p className="muted">{t('wipe.dayHelp')}</p>
            <button type="button" className="btn btn-danger-outline" onClick={() => void askWipe('day')}>
              {t('wipe.day')}…
            </button>
          </div>
          <div className="wipe-option">
            <h4>{t('wipe.all')}</h4>
            <p className="muted">{t('wipe.allHelp')}</p>
            <button type="button" className="btn btn-danger-outline" onClick={() => void askWipe('all')}>
              {t('wipe.all')}…
            </button>
          </div>
        </div>
        <ErrorText error={wipeError} />
        <Status text={wipeStatus} />
      </section>

      {preview && (
        <ConfirmDialog
          title={preview.scope === 'all' ? t('wipe.confirmTitleAll') : t('wipe.confirmTitleDay')}
          confirmLabel={preview.scope === 'all' ? t('wipe.confirmAll') : t('wipe.confirmDay')}
          danger
          testId="confirm-wipe"
          onCancel={() => setPreview(null)}
          onConfirm={async () => {
            const scope = preview.scope === 'all' ? ({ kind: 'all' } as const) : ({ kind: 'day' } as const);
            setWiping(true);
            const r = await call('wipe.run', { scope });
            setWiping(false);
            if (r.ok) {
              setPreview(null);
              if (scope.kind === 'all') {
                reboot('erased');
              } else {
                resetChat();
                setWipeStatus(
                  `${t('wipe.done', { conversations: r.value.deleted.conversations, messages: r.value.deleted.messages })}${r.value.rotatedKey ? ` ${t('wipe.rotated')}` : ''}`,
                );
              }
            }
            return r;
          }}
        >
          <JobProgress kind="wipe" active={wiping} />
          <h3 className="dialog-sub">{t('wipe.goes')}</h3>
          {/* Exactly what goes: the counts as they are now, and for "everything" each kind of thing and each file. */}
          <ul data-testid="wipe-goes">
            <li data-testid="wipe-counts">{t('wipe.counts', { conversations: preview.goes.conversations, messages: preview.goes.messages, consents: preview.goes.consents })}</li>
            {preview.scope === 'all' && (
              <>
                <li>{t('wipe.goesKey')}</li>
                <li>{t('wipe.goesSettings')}</li>
                <li>{t('wipe.goesAudit')}</li>
              </>
            )}
            {preview.goes.files && preview.goes.files.length > 0 && (
              <li>
                {t('wipe.filesHeading', { n: preview.goes.files.length })}
                <ul className="file-list">
                  {preview.goes.files.map((f) => (
                    <li key={f}>
                      <code className="path" data-content>
                        {f}
                      </code>
                    </li>
                  ))}
                </ul>
              </li>
            )}
          </ul>
          <h3 className="dialog-sub">{t('wipe.stays')}</h3>
          {preview.stay.length === 0 ? (
            <p>{t('wipe.nothingStays')}</p>
          ) : (
            <ul data-testid="wipe-stays">
              {preview.stay.map((s) => (
                <li key={s.what}>{stayText(t, s)}</li>
              ))}
            </ul>
          )}
        </ConfirmDialog>
      )}
    </div>
  );
}

/** One thing that stays after the wipe, from its code (the backend's English `stays` is for the CLI). */
function stayText(t: Translate, s: WipeStay): string {
  switch (s.what) {
    case 'knowledge_base':
      return s.versions === undefined ? t('wipe.stay.knowledge_base') : t('wipe.stay.knowledge_base_versions', { n: s.versions });
    case 'audit_log':
      return s.entries === undefined ? t('wipe.stay.audit_log') : t('wipe.stay.audit_log_entries', { n: s.entries });
    default:
      return t(`wipe.stay.${s.what}`);
  }
}
