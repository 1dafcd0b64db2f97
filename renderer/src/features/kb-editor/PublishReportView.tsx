/**
 * The publish report: accuracy before and after, every phrase whose answer changed (regressions
 * first, marked), and apart from them the answers that changed only because the refusal settings
 * were refitted (the same intent, now answered or refused at another confidence). With several
 * languages: a row per language (its own tests on its own model) and each one's changed phrases.
 */
import type { AccuracyFigures, ChangedAnswer, PublishResult } from '../../../../shared/kb-editor';
import { languageName } from './languages';
import { useI18n } from '../../i18n';
import { formatPercent } from '../../lib/format';
import { useKbText, type KbText } from './text';

/** An intent as the owner named it, its id beside (an intent no longer in the knowledge base: its id alone). */
function IntentName({ id, titles }: { id: string; titles: ReadonlyMap<string, string> }) {
  const title = titles.get(id);
  return <span data-content>{title ? `${title} (${id})` : id}</span>;
}

function ChangedTable({ rows, tk, testId, label, titles }: { rows: ChangedAnswer[]; tk: KbText; testId: string; label: string; titles: ReadonlyMap<string, string> }) {
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
              {/* Intents by title and id, or the catalogue's words for none. */}
              <td>{c.before !== null ? <IntentName id={c.before} titles={titles} /> : answer(c.before, 'test')}</td>
              <td>{c.after !== null ? <IntentName id={c.after} titles={titles} /> : answer(c.after, c.kind)}</td>
              <td>{c.kind === 'removed_example' ? tk('none') : c.expected !== null ? <IntentName id={c.expected} titles={titles} /> : tk('report.refused')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LanguagesTable({ rows, tk, pct }: { rows: { language: string; before: AccuracyFigures | null; after: AccuracyFigures; changed: number }[]; tk: KbText; pct: (x: number) => string }) {
  const cell = (f: AccuracyFigures | null, which: 'in' | 'oos') => {
    if (!f) return tk('none');
    return which === 'in' ? tk('report.ofTests', { pct: pct(f.inScopeAccuracy), n: f.inScopeTests }) : f.oosTests ? tk('report.ofTests', { pct: pct(f.oosRecall), n: f.oosTests }) : tk('none');
  };
  return (
    <div className="table-wrap table-scroll" tabIndex={0} role="region" aria-label={tk('report.languages')}>
      <table className="table table-compact" data-testid="report-languages">
        <thead>
          <tr>
            <th scope="col">{tk('report.language')}</th>
            <th scope="col">{tk('report.rightBefore')}</th>
            <th scope="col">{tk('report.rightAfter')}</th>
            <th scope="col">{tk('report.oosBefore')}</th>
            <th scope="col">{tk('report.oosAfter')}</th>
            <th scope="col">{tk('report.changedCount')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.language} data-testid={`report-language-${r.language}`}>
              <th scope="row">{languageName(r.language)}</th>
              <td>{cell(r.before, 'in')}</td>
              <td>{cell(r.after, 'in')}</td>
              <td>{cell(r.before, 'oos')}</td>
              <td>{cell(r.after, 'oos')}</td>
              <td>{r.changed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * `defaultLanguage`: the knowledge base's default language (the report's top-level figures are its).
 * `titles`: intent id -> title in the default language (of the version just published).
 */
export function PublishReportView({ result, onClose, defaultLanguage, titles }: { result: PublishResult; onClose: () => void; defaultLanguage: string; titles: ReadonlyMap<string, string> }) {
  const { tk } = useKbText();
  const { locale } = useI18n();
  const r = result.report;
  const pct = (x: number) => formatPercent(locale, x);
  const byThreshold = r.thresholdOnly;
  const others = r.languages ?? [];
  const regressionsIn = (rows: ChangedAnswer[]) => rows.filter((c) => c.regression).length;
  // Nothing changed: a plain heading ("No answer changed." follows), not "(0, no regressions)".
  const changedTitle = r.changed.length === 0 ? tk('report.changedTitle') : tk('report.changed', { n: r.changed.length, r: regressionsIn(r.changed) });
  const thresholdTitle = tk('report.thresholdOnly', { n: byThreshold.length, r: regressionsIn(byThreshold) });
  // The settings a person can read that moved (the gate and the scale move with them, unnamed).
  const moved = (
    [
      ['report.thresholdWent', r.threshold],
      ['report.marginWent', r.negativeMargin ?? null],
    ] as const
  ).filter((e): e is [(typeof e)[0], { before: number | null; after: number }] => e[1] !== null && e[1].before !== e[1].after);
  return (
    <section className="card" aria-labelledby="kb-report" data-testid="publish-report">
      <h3 id="kb-report">{tk('report.title', { version: result.version.version })}</h3>
      <p>{tk('report.accuracy', { before: pct(r.before.inScopeAccuracy), after: pct(r.after.inScopeAccuracy), n: r.after.inScopeTests })}</p>
      {r.after.oosTests > 0 && <p>{tk('report.oos', { before: pct(r.before.oosRecall), after: pct(r.after.oosRecall), n: r.after.oosTests })}</p>}
      <p className="muted">{tk('report.train', { ms: r.trainMs })}</p>
      {others.length > 0 && (
        <section aria-labelledby="kb-report-languages">
          <h4 id="kb-report-languages">{tk('report.languages')}</h4>
          <LanguagesTable
            tk={tk}
            pct={pct}
            rows={[{ language: defaultLanguage, before: r.before, after: r.after, changed: r.changed.length + r.thresholdOnly.length }, ...others.map((l) => ({ language: l.language, before: l.before, after: l.after, changed: l.changed.length + l.thresholdOnly.length }))]}
          />
        </section>
      )}
      <h4>{changedTitle}</h4>
      {r.changed.length === 0 ? <p>{tk('report.none')}</p> : <ChangedTable rows={r.changed} titles={titles} tk={tk} testId="changed-answers" label={changedTitle} />}
      {byThreshold.length > 0 && (
        <section aria-labelledby="kb-report-threshold" data-testid="threshold-only">
          <h4 id="kb-report-threshold">{thresholdTitle}</h4>
          <p className="muted">
            {[tk('report.thresholdMoved'), ...moved.map(([key, m]) => tk(key, { before: m.before === null ? tk('none') : m.before.toFixed(2), after: m.after.toFixed(2) }))].join(' ')}
          </p>
          <ChangedTable rows={byThreshold} titles={titles} tk={tk} testId="threshold-only-answers" label={thresholdTitle} />
        </section>
      )}
      {others.map((l) => {
        const title = tk('report.languageChanged', { language: languageName(l.language), n: l.changed.length + l.thresholdOnly.length, r: l.regressions });
        const rows = [...l.changed, ...l.thresholdOnly];
        return rows.length === 0 ? null : (
          <section key={l.language} aria-label={title} data-testid={`report-changed-${l.language}`}>
            <h4>{title}</h4>
            <ChangedTable rows={rows} titles={titles} tk={tk} testId={`changed-answers-${l.language}`} label={title} />
          </section>
        );
      })}
      <button type="button" className="btn" onClick={onClose}>
        {tk('report.close')}
      </button>
    </section>
  );
}
