/**
 * Settings → Your data → Report: the audit report of a period (data.report), with its wipes
 * (time and outcome) and the chain verification with the head hash an auditor compares with a
 * later report, and buttons that save it as HTML or PDF into the export folder (data.reportSave).
 * Staff only in kiosk mode (the backend refuses a customer; the page is not shown to one).
 */
import { useId, useState } from 'react';
import type { Responses } from '../../../../../shared/contract';
import type { AuditReport } from '../../../../../shared/report';
import { call, type AppError } from '../../../api';
import { ErrorText, Status } from '../../../components/States';
import { useI18n, type MessageKey, type Translate } from '../../../i18n';
import { dutyReason, formatDateTime } from '../../../lib/format';
import { auditBrokenText } from '../../../lib/protector-text';

/** A local calendar day as the date input's value (YYYY-MM-DD). */
function dayOf(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A wipe's scope and who started it, in words (the log keeps codes); a code the catalogue does not know, as it is. */
const SCOPE_KEYS: Record<string, MessageKey> = { day: 'report.scopeDay', conversation: 'report.scopeConversation', all: 'report.scopeAll', 'scheduled duty': 'report.scopeScheduled' };
const TRIGGER_KEYS: Record<string, MessageKey> = { staff: 'report.byStaff', scheduled: 'report.byScheduled', cli: 'report.byCli' };
function wipeScope(t: Translate, scope: string): string {
  const key = SCOPE_KEYS[scope];
  return key ? t(key) : scope;
}
function wipeTrigger(t: Translate, trigger: string): string {
  const key = TRIGGER_KEYS[trigger];
  return key ? t(key) : trigger || '-';
}

function ReportSummary({ report }: { report: AuditReport }) {
  const { t, dates } = useI18n();
  const c = report.chain;
  return (
    <div className="report-summary" data-testid="report-summary">
      <dl className="facts">
        <dt>{t('report.period')}</dt>
        <dd data-testid="report-period">{t('report.periodValue', { from: report.period.from, to: report.period.to })}</dd>
        <dt>{t('report.chain')}</dt>
        <dd data-testid="report-chain" className={c.ok ? undefined : 'warning'}>
          {c.ok ? t('report.chainOk', { entries: c.entries }) : auditBrokenText(c, t)}
        </dd>
        <dt>{t('report.head')}</dt>
        <dd>
          <code className="path" data-testid="report-head">
            {c.headHash ? `#${c.headSeq ?? ''} ${c.headHash}` : t('common.none')}
          </code>
        </dd>
        <dt>{t('report.exports')}</dt>
        <dd>{report.exports.count}</dd>
        {/* Consents, deletions and key changes: promised by the card's intro, in the saved report, and were missing here. */}
        <dt>{t('report.consents')}</dt>
        <dd data-testid="report-consents">{t('report.consentValue', { given: report.consent.given, withdrawn: report.consent.withdrawn })}</dd>
        <dt>{t('report.deleted')}</dt>
        <dd data-testid="report-deleted">
          {t('report.deletedValue', { single: report.erasures.conversationsDeleted, purged: report.erasures.retentionPurgedConversations, withdrawn: report.erasures.consentWithdrawals })}
        </dd>
        <dt>{t('report.keyChanges')}</dt>
        <dd data-testid="report-key-changes">{report.keyRotations.length}</dd>
        <dt>{t('report.pinFailures')}</dt>
        <dd>{t('report.pinValue', { failures: report.staffPin.failures, lockouts: report.staffPin.lockouts })}</dd>
      </dl>
      <h4>{t('report.wipes')}</h4>
      {report.wipes.length === 0 ? (
        <p>{t('report.noWipes')}</p>
      ) : (
        <table className="table table-compact" data-testid="report-wipes">
          <thead>
            <tr>
              <th scope="col">{t('report.when')}</th>
              <th scope="col">{t('report.scope')}</th>
              <th scope="col">{t('report.trigger')}</th>
              <th scope="col">{t('report.outcome')}</th>
              <th scope="col" className="num">
                {t('report.conversations')}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.wipes.map((w) => (
              <tr key={`${w.at}-${w.scope}-${w.outcome}`} data-outcome={w.outcome}>
                <td data-content>{formatDateTime(dates, w.at)}</td>
                <td>{wipeScope(t, w.scope)}</td>
                <td>{wipeTrigger(t, w.trigger)}</td>
                <td>{w.outcome === 'failed' ? t('report.failed', { code: dutyReason(t, w.code ?? '?') }) : w.missedAt !== null ? t('report.completedLate', { when: formatDateTime(dates, w.missedAt) }) : t('report.completed')}</td>
                <td className="num">{w.conversations}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function ReportCard({ now = Date.now() }: { now?: number }) {
  const { t } = useI18n();
  const ids = useId();
  const [from, setFrom] = useState(() => dayOf(now - 29 * 24 * 3600 * 1000));
  const [to, setTo] = useState(() => dayOf(now));
  const [report, setReport] = useState<AuditReport | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState<Responses['data.reportSave'] | null>(null);
  const [busy, setBusy] = useState(false);

  const show = async () => {
    setBusy(true);
    setError(null);
    setSaved(null);
    const r = await call('data.report', { from, to });
    setBusy(false);
    if (r.ok) setReport(r.value);
    else setError(r.error);
  };
  const save = async (format: 'html' | 'pdf') => {
    setBusy(true);
    setError(null);
    setSaved(null);
    const r = await call('data.reportSave', { from, to, format });
    setBusy(false);
    if (r.ok) setSaved(r.value);
    else setError(r.error);
  };

  return (
    <section aria-labelledby={`${ids}-h`} className="card" data-testid="report-card">
      <h3 id={`${ids}-h`}>{t('report.title')}</h3>
      <p>{t('report.intro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void show();
        }}
      >
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${ids}-from`}>{t('report.from')}</label>
            <input id={`${ids}-from`} type="date" value={from} max={to} required onChange={(e) => setFrom(e.target.value)} data-testid="report-from" />
          </div>
          <div className="field">
            <label htmlFor={`${ids}-to`}>{t('report.to')}</label>
            <input id={`${ids}-to`} type="date" value={to} min={from} required onChange={(e) => setTo(e.target.value)} data-testid="report-to" />
          </div>
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy} data-testid="report-show">
          {t('report.show')}
        </button>
      </form>
      {report && <ReportSummary report={report} />}
      <div className="row-actions">
        <button type="button" className="btn" disabled={busy} onClick={() => void save('html')} data-testid="report-save-html">
          {t('report.saveHtml')}
        </button>
        <button type="button" className="btn" disabled={busy} onClick={() => void save('pdf')} data-testid="report-save-pdf">
          {t('report.savePdf')}
        </button>
      </div>
      <ErrorText error={error} />
      <Status text={saved ? t('report.saved', { file: saved.fileName }) : null} />
    </section>
  );
}
