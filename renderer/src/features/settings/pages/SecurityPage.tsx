/** Security: store status, the key protection (change it or switch it: KeyProtectionCard), the audit log and its chain verification. */
import { useState } from 'react';
import type { AuditVerification } from '../../../../../shared/domain';
import { call } from '../../../api';
import { ErrorText, Loaded } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { auditDetailParts, auditEventWords, type AuditWords } from '../../../lib/audit-text';
import { formatDateTime } from '../../../lib/format';
import { useLoad } from '../../../lib/useLoad';
import { KeyProtectionCard } from './KeyProtectionCard';
import { errorText } from '../../../lib/error-text';
import { auditBrokenText, deviceProtectorText, protectorWarningText } from '../../../lib/protector-text';

export function SecurityPage() {
  const { t, dates } = useI18n();
  const [status, reloadStatus] = useLoad(() => call('security.status', undefined));
  const [audit, reloadAudit] = useLoad(() => call('audit.list', { limit: 200 }));
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifyError, setVerifyError] = useState<string | null>(null);

  return (
    <div className="page-stack">
      <p>{t('security.intro')}</p>
      <section className="card" aria-labelledby="sec-status">
        <h3 id="sec-status">{t('security.status')}</h3>
        <Loaded state={status}>
          {(s) => (
            <dl className="facts">
              <dt>{t('security.fileState')}</dt>
              <dd>{s.unlocked ? t('security.unlocked') : t('security.locked')}</dd>
              <dt>{t('privacy.cipher')}</dt>
              <dd>{s.cipher === 'sqlcipher' ? t('security.cipherName') : s.cipher}</dd>
              <dt>{t('privacy.protector')}</dt>
              <dd>
                {s.keyProtector
                  ? s.keyProtector.kind === 'passphrase'
                    ? t('privacy.protector.passphrase')
                    : deviceProtectorText(s.keyProtector, t)
                  : '—'}
                {s.keyProtector && !s.keyProtector.protectedByOs && s.keyProtector.kind === 'device' && (
                  <p className="warning">{protectorWarningText(s.keyProtector, t)}</p>
                )}
              </dd>
              <dt>{t('privacy.network')}</dt>
              <dd>{s.networkRequestsBlocked}</dd>
            </dl>
          )}
        </Loaded>
      </section>

      {status.status === 'ok' && (
        <KeyProtectionCard
          status={status.value}
          onChanged={() => {
            void reloadStatus();
            void reloadAudit();
          }}
        />
      )}

      <section className="card" aria-labelledby="sec-audit">
        <div className="section-head">
          <h3 id="sec-audit">{t('security.audit')}</h3>
          <button
            type="button"
            className="btn"
            onClick={async () => {
              setVerifyError(null);
              const r = await call('audit.verify', undefined);
              if (r.ok) setVerification(r.value);
              else setVerifyError(errorText(r.error, t));
            }}
          >
            {t('security.verify')}
          </button>
        </div>
        <p className="muted">{t('security.auditIntro')}</p>
        <ErrorText error={verifyError} />
        <p role="status" className={verification ? (verification.ok ? 'notice' : 'warning') : 'sr-only'} data-testid="audit-verify">
          {verification
            ? verification.ok
              ? t('privacy.auditOk', { entries: verification.entries })
              : auditBrokenText(verification, t)
            : ''}
        </p>
        <Loaded state={audit}>
          {({ entries }) =>
            entries.length === 0 ? (
              <p className="empty">{t('security.noEntries')}</p>
            ) : (
              <div className="table-wrap table-scroll" tabIndex={0} role="region" aria-labelledby="sec-audit">
                <table className="table table-compact">
                  <thead>
                    <tr>
                      <th scope="col">{t('security.seq')}</th>
                      <th scope="col">{t('security.when')}</th>
                      <th scope="col">{t('security.event')}</th>
                      <th scope="col">{t('security.detail')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {entries.map((a) => (
                      <tr key={a.seq}>
                        <td>{a.seq}</td>
                        <td data-content>{formatDateTime(dates, a.at)}</td>
                        <td data-kind={a.kind}>
                          <Words words={auditEventWords(t, a.kind)} />
                        </td>
                        <td className="detail">
                          {auditDetailParts(t, a.detail).map((p, i) => (
                            <span key={i}>
                              {i > 0 && '; '}
                              <Words words={p.field} />: <Words words={p.value} />
                            </span>
                          ))}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Loaded>
      </section>
    </div>
  );
}

/** Catalogue words as they are; an identifier with no words (a settings key, a host) marked as data. */
function Words({ words }: { words: AuditWords }) {
  return words.raw ? <span data-content>{words.text}</span> : <>{words.text}</>;
}
