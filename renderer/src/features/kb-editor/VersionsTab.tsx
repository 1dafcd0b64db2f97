/** Versions: every published version (time, role, summary), its changes, restore (asks first), and exports of the live knowledge base. */
import { useEffect, useState } from 'react';
import type { KbDiff, KbVersionInfo, PublishResult } from '../../../../shared/kb-editor';
import { call } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorText, Loaded, Status } from '../../components/States';
import { useI18n } from '../../i18n';
import { useLoad } from '../../lib/useLoad';
import { useKbText, type KbTextKey } from './text';
import { errorText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';
import { diffSummary } from './diff-text';

/** The stored summary of a restore starts so (main/knowledge/service.ts goLive's summaryPrefix). */
const RESTORED = /^restored version (\d+)/;

/**
 * Each version's change from the one before it, as diffs (worded here: the stored summary is the
 * backend's English). Null until loaded, or for the first version.
 */
function useVersionDiffs(versions: readonly KbVersionInfo[] | null): Map<number, KbDiff> {
  const [diffs, setDiffs] = useState<Map<number, KbDiff>>(new Map());
  const key = versions?.map((v) => v.version).join(',') ?? '';
  useEffect(() => {
    if (!versions) return;
    let live = true;
    const pairs = versions.flatMap((x, i) => (versions[i + 1] ? [{ to: x.version, from: (versions[i + 1] as KbVersionInfo).version }] : []));
    void Promise.all(pairs.map(async (p) => [p.to, await call('kb.diff', p)] as const)).then((results) => {
      if (!live) return;
      const next = new Map<number, KbDiff>();
      for (const [to, r] of results) if (r.ok) next.set(to, r.value);
      setDiffs(next);
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return diffs;
}

export function VersionsTab({ onRestored }: { onRestored: (r: PublishResult) => void }) {
  const { tk } = useKbText();
  const { dates, t } = useI18n();
  const [versions, reload] = useLoad(() => call('kb.versions', undefined));
  const [diff, setDiff] = useState<{ n: number; diff: KbDiff } | null>(null);
  const [restore, setRestore] = useState<number | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const when = (ms: number) => formatDateTime(dates, ms);
  const diffs = useVersionDiffs(versions.status === 'ok' ? versions.value.versions : null);
  const summaryOf = (x: KbVersionInfo): string => {
    const d = diffs.get(x.version);
    const restored = RESTORED.exec(x.summary);
    const change = d ? diffSummary(tk, d) : null;
    if (restored) return change ? `${tk('versions.restoredFrom', { n: restored[1] ?? '' })}: ${change}` : tk('versions.restoredFrom', { n: restored[1] ?? '' });
    if (change) return change;
    return x.role === 'system' ? tk('versions.builtin') : tk('none');
  };
  const exportAs = async (format: 'json' | 'faq-csv') => {
    const r = await call('kb.export', { format });
    if (r.ok) setStatus(tk('export.done', { path: r.value.path }));
    else setError(errorText(r.error, t));
  };
  return (
    <section className="card" aria-labelledby="kb-versions-h">
      <h3 id="kb-versions-h">{tk('tab.versions')}</h3>
      <div className="row-actions">
        <button type="button" className="btn" onClick={() => void exportAs('json')}>
          {tk('export.json')}
        </button>
        <button type="button" className="btn" onClick={() => void exportAs('faq-csv')}>
          {tk('export.csv')}
        </button>
      </div>
      <Status text={status} />
      <ErrorText error={error} />
      <Loaded state={versions}>
        {(v) =>
          v.versions.length === 0 ? (
            <p>{tk('versions.none')}</p>
          ) : (
            <div className="table-wrap table-scroll">
              <table className="table table-compact" data-testid="versions">
                <thead>
                  <tr>
                    <th scope="col">{tk('versions.version')}</th>
                    <th scope="col">{tk('versions.when')}</th>
                    <th scope="col">{tk('versions.role')}</th>
                    <th scope="col">{tk('versions.summary')}</th>
                    <th scope="col">
                      <span className="sr-only">{tk('tab.versions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {v.versions.map((x, i) => {
                    const previous = v.versions[i + 1];
                    return (
                      <tr key={x.version}>
                        <td>
                          {x.version} {x.live && <span className="badge badge-saved">{tk('versions.live')}</span>}
                        </td>
                        <td data-content>{when(x.at)}</td>
                        <td>{tk(`role.${x.role}` as KbTextKey)}</td>
                        <td>{summaryOf(x)}</td>
                        <td className="row-actions">
                          {previous && (
                            <button
                              type="button"
                              className="btn btn-small"
                              onClick={async () => {
                                const r = await call('kb.diff', { from: previous.version, to: x.version });
                                if (r.ok) setDiff({ n: x.version, diff: r.value });
                                else setError(errorText(r.error, t));
                              }}
                            >
                              {tk('versions.view', { n: x.version })}
                            </button>
                          )}
                          {!x.live && (
                            <button type="button" className="btn btn-small" data-testid={`restore-${x.version}`} onClick={() => setRestore(x.version)}>
                              {tk('versions.restore', { n: x.version })}
                            </button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
      {diff && (
        <div className="callout" data-testid="version-diff">
          <h4>{tk('versions.diff', { n: diff.n })}</h4>
          <p>{diffSummary(tk, diff.diff)}</p>
          {diff.diff.intentsAdded.length > 0 && <p>{tk('versions.added', { list: diff.diff.intentsAdded.join(', ') })}</p>}
          {diff.diff.intentsRemoved.length > 0 && <p>{tk('versions.removed', { list: diff.diff.intentsRemoved.join(', ') })}</p>}
          <ul>
            {diff.diff.intentsChanged.map((c) => (
              <li key={c.id}>{tk('versions.changedIntent', { id: c.id, added: c.examplesAdded.length, removed: c.examplesRemoved.length, answers: c.responsesChanged ? tk('versions.answersChanged') : '' })}</li>
            ))}
          </ul>
        </div>
      )}
      {restore !== null && (
        <ConfirmDialog
          title={tk('versions.restoreTitle', { n: restore })}
          confirmLabel={tk('versions.restore', { n: restore })}
          onCancel={() => setRestore(null)}
          onConfirm={async () => {
            const r = await call('kb.restore', { version: restore });
            if (r.ok) {
              setRestore(null);
              onRestored(r.value);
              await reload();
            }
            return r;
          }}
        >
          <p>{tk('versions.restoreBody')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
