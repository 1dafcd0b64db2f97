/**
 * The publish report: accuracy before and after, every phrase whose answer changed (regressions
 * first, marked), and apart from them the answers that changed only because the confidence
 * threshold moved (the same intent, now answered or refused at another confidence).
 */
import type { ChangedAnswer, PublishResult } from '../../../../shared/kb-editor';
import { useI18n } from '../../i18n';
import { formatPercent } from '../../lib/format';
import { useKbText, type KbText } from './text';

function ChangedTable({ rows, tk, testId, label }: { rows: ChangedAnswer[]; tk: KbText; testId: string; label: string }) {
  const answer = (x: string | null, kind: string) => x ?? (kind === 'removed_example' ? tk('report.noLonger') : tk('report.refused'));
  return (
    // The table scrolls inside its box: focusable, and named, so a keyboard can scroll it too.
    <div className="table-wrap table-scroll" tabIndex={0} role="region" aria-label={label}>
      <table className="table table-compact" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{tk('report.phrase')}</th>
            <th scope="col">{tk('report.before')}</th>
            <th scope="col">{tk('report.after')}</th>
            <th scope="col">{tk('report.expected')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, 200).map((c, i) => (
            <tr key={`${c.text}-${i}`} className={c.regression ? 'kb-regression' : undefined} data-testid={c.regression ? 'regression' : 'changed'}>
              <td>
                {c.regression && <strong className="kb-regression-mark">{tk('report.regression')}: </strong>}
                <span data-content>{c.text}</span>
              </td>
              {/* Intent ids, or the catalogue's words for none. */}
              <td>{c.before !== null ? <span data-content>{c.before}</span> : answer(c.before, 'test')}</td>
              <td>{c.after !== null ? <span data-content>{c.after}</span> : answer(c.after, c.kind)}</td>
              <td>{c.kind === 'removed_example' ? tk('none') : c.expected !== null ? <span data-content>{c.expected}</span> : tk('report.refused')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PublishReportView({ result, onClose }: { result: PublishResult; onClose: () => void }) {
  const { tk } = useKbText();
  const { locale } = useI18n();
  const r = result.report;
  const pct = (x: number) => formatPercent(locale, x);
  const byThreshold = r.thresholdOnly;
  const regressionsIn = (rows: ChangedAnswer[]) => rows.filter((c) => c.regression).length;
  const changedTitle = tk('report.changed', { n: r.changed.length, r: regressionsIn(r.changed) });
  const thresholdTitle = tk('report.thresholdOnly', { n: byThreshold.length, r: regressionsIn(byThreshold) });
  return (
    <section className="card" aria-labelledby="kb-report" data-testid="publish-report">
      <h3 id="kb-report">{tk('report.title', { version: result.version.version })}</h3>
      <p>{tk('report.accuracy', { before: pct(r.before.inScopeAccuracy), after: pct(r.after.inScopeAccuracy), n: r.after.inScopeTests })}</p>
      {r.after.oosTests > 0 && <p>{tk('report.oos', { before: pct(r.before.oosRecall), after: pct(r.after.oosRecall), n: r.after.oosTests })}</p>}
      <p className="muted">{tk('report.train', { ms: r.trainMs })}</p>
      <h4>{changedTitle}</h4>
      {r.changed.length === 0 ? <p>{tk('report.none')}</p> : <ChangedTable rows={r.changed} tk={tk} testId="changed-answers" label={changedTitle} />}
      {byThreshold.length > 0 && (
        <section aria-labelledby="kb-report-threshold" data-testid="threshold-only">
          <h4 id="kb-report-threshold">{thresholdTitle}</h4>
          <p className="muted">
            {tk('report.thresholdMoved', { before: r.threshold?.before === null || r.threshold === null ? tk('none') : r.threshold.before.toFixed(2), after: r.threshold ? r.threshold.after.toFixed(2) : tk('none') })}
          </p>
          <ChangedTable rows={byThreshold} tk={tk} testId="threshold-only-answers" label={thresholdTitle} />
        </section>
      )}
      <button type="button" className="btn" onClick={onClose}>
        {tk('report.close')}
      </button>
    </section>
  );
}
