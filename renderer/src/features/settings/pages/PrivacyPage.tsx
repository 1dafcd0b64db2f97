/**
 * "Your data": every category kept with live counts, where and how it is kept, retention and
 * wipes, the audit chain, blocked network requests and the privacy notice. Staff also get the
 * store-policy controls and the notice editor; a kiosk customer sees the read-only facts.
 */
import { useEffect, useId, useState } from 'react';
import type { ConversationPolicy, CustomPiiPattern, PrivacyFacts, RetentionPolicy } from '../../../../../shared/domain';
import { call } from '../../../api';
import { ErrorText, Loaded, Status } from '../../../components/States';
import { useI18n, type MessageKey } from '../../../i18n';
import { useApp } from '../../../lib/app-context';
import { errorText } from '../../../lib/error-text';
import { auditBrokenText, deviceProtectorText, protectorWarningText } from '../../../lib/protector-text';
import { dutyReason, formatBytes, formatDateTime, noticeText, retentionWords } from '../../../lib/format';
import { missedKeepingWords } from '../../../lib/retention-text';
import { useLoad } from '../../../lib/useLoad';
import { regionName } from '../../../lib/region';
import { MaskingControls } from './MaskingControls';
import { ReportCard } from './ReportCard';

/** Labels of the redactor's types; a type without one (added later) is named plainly, never claimed more broadly. */
const PII_LABELS: Record<string, MessageKey> = {
  email: 'pii.email',
  card: 'pii.card',
  iban: 'pii.iban',
  ssn: 'pii.ssn',
  ip: 'pii.ip',
  address: 'pii.address',
  postcode: 'pii.postcode',
  name: 'pii.name',
  dob: 'pii.dob',
};

/** Exactly what is masked before saving, from the backend's list of active detectors. */
export function MaskingList({ masking }: { masking: PrivacyFacts['masking'] }) {
  const { t, locale } = useI18n();
  if (masking.types.length === 0) return <p data-testid="masking">{t('pii.none')}</p>;
  const region = regionName(locale, masking.phoneRegion);
  return (
    <ul className="masking-list" data-testid="masking">
      {masking.types.map((type) => (
        <li key={type} data-type={type}>
          {type === 'phone'
            ? (masking.phoneCountries ?? []).length > 0
              ? t('pii.phoneCountries', { region, countries: masking.phoneCountries.map((c) => regionName(locale, c)).join(', ') })
              : t('pii.phone', { region })
            : type === 'custom'
              ? t('pii.custom', { names: masking.customPatterns.join(', ') })
              : PII_LABELS[type]
                ? t(PII_LABELS[type])
                : t('pii.other', { type })}
        </li>
      ))}
    </ul>
  );
}

const CATEGORIES = ['conversations', 'messages', 'consents', 'auditEntries', 'knowledgeBaseVersions', 'missedQuestions', 'settings'] as const;

export function YourDataFacts({ facts }: { facts: PrivacyFacts }) {
  const { t, locale, dates } = useI18n();
  const kp = facts.keyProtector;
  return (
    <>
      <section aria-labelledby="yd-cat" className="card">
        <h3 id="yd-cat">{t('privacy.categories')}</h3>
        <table className="table table-compact" data-testid="data-counts">
          <thead>
            <tr>
              <th scope="col">{t('privacy.category')}</th>
              <th scope="col" className="num">
                {t('privacy.count')}
              </th>
            </tr>
          </thead>
          <tbody>
            {CATEGORIES.map((c) => (
              <tr key={c}>
                <th scope="row">{t(`privacy.cat.${c}` as MessageKey)}</th>
                <td className="num" data-testid={`count-${c}`}>
                  {facts.counts[c]}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="yd-where" className="card">
        <h3 id="yd-where">{t('privacy.where')}</h3>
        <dl className="facts">
          <dt>{t('privacy.file')}</dt>
          <dd>
            <code className="path" data-content>
              {facts.databaseFile}
            </code>
          </dd>
          <dt>{t('privacy.folder')}</dt>
          <dd>
            <code className="path" data-content>
              {facts.dataDir}
            </code>
          </dd>
          <dt>{t('privacy.size')}</dt>
          <dd data-content>{formatBytes(facts.databaseBytes, locale)}</dd>
          <dt>{t('privacy.cipher')}</dt>
          {/* The cipher's own technical name, the same in every language. */}
          <dd data-content>{facts.cipher}</dd>
          <dt>{t('privacy.protector')}</dt>
          <dd>
            {kp.kind === 'passphrase' ? t('privacy.protector.passphrase') : deviceProtectorText(kp, t)}
            {!kp.protectedByOs && kp.kind === 'device' && (
              <p className="warning" data-testid="protector-warning">
                {protectorWarningText(kp, t)}
              </p>
            )}
          </dd>
          <dt>{t('privacy.retention')}</dt>
          <dd data-testid="retention">{t('privacy.keptFor', { retention: retentionWords(t, facts.retention) })}</dd>
          <dt>{t('privacy.missed')}</dt>
          <dd data-testid="missed-keeping">{missedKeepingWords(t, facts.missedQuestionKeeping, facts.nextScheduledWipe !== null)}</dd>
          <dt>{t('privacy.nextWipe')}</dt>
          <dd>{facts.nextScheduledWipe ? <span data-content>{formatDateTime(dates, facts.nextScheduledWipe)}</span> : t('common.none')}</dd>
          <dt>{t('privacy.lastWipe')}</dt>
          <dd>{facts.lastWipe ? t('privacy.lastWipeValue', { when: formatDateTime(dates, facts.lastWipe.at), scope: facts.lastWipe.scope === 'day' ? t('wipe.day') : facts.lastWipe.scope }) : t('common.never')}</dd>
          {facts.duties.failuresInARow > 0 && facts.duties.lastFailure && (
            <>
              {/* A scheduled wipe that failed is said here until a retry succeeds (never silent). */}
              <dt>{t('privacy.dutyFailed')}</dt>
              <dd className="warning" role="status" data-testid="duty-failed">
                {t('privacy.dutyFailedValue', {
                  when: formatDateTime(dates, facts.duties.lastFailure.at),
                  reason: dutyReason(t, facts.duties.lastFailure.code),
                  retry: facts.duties.lastFailure.nextRetryAt ? formatDateTime(dates, facts.duties.lastFailure.nextRetryAt) : t('common.none'),
                })}
              </dd>
            </>
          )}
          <dt>{t('privacy.auditChain')}</dt>
          <dd>
            {facts.auditChain.ok
              ? t('privacy.auditOk', { entries: facts.auditChain.entries })
              : auditBrokenText(facts.auditChain, t)}
          </dd>
          <dt>{t('privacy.network')}</dt>
          <dd data-testid="network-blocked">{facts.networkRequestsBlocked}</dd>
          <dt>{t('privacy.redaction')}</dt>
          <dd>
            <MaskingList masking={facts.masking} />
          </dd>
        </dl>
      </section>

      <section aria-labelledby="yd-notice" className="card">
        <h3 id="yd-notice">{t('privacy.notice')}</h3>
        {/* Version 0 is the notice that ships with the app: "Version 0" told a reader nothing. */}
        <p className="muted" data-testid="notice-version">{facts.privacyNotice.version > 0 ? t('privacy.noticeVersion', { version: facts.privacyNotice.version }) : t('privacy.noticeBuiltIn')}</p>
        <p className="notice-text" {...(facts.privacyNotice.version > 0 ? { 'data-content': '' } : {})}>
          {noticeText(t, facts.privacyNotice)}
        </p>
      </section>
    </>
  );
}

function NoticeEditor({ text, onSaved }: { text: string; onSaved: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [value, setValue] = useState(text);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setValue(text), [text]);
  return (
    <form
      className="card"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        const r = await call('privacy.setNotice', { text: value });
        if (r.ok) {
          setStatus(t('privacy.noticeSaved', { version: r.value.version }));
          onSaved();
        } else setError(errorText(r.error, t));
      }}
    >
      <label htmlFor={id} className="label-strong">
        {t('privacy.noticeEdit')}
      </label>
      <textarea id={id} className="textarea" rows={6} maxLength={20000} value={value} onChange={(e) => setValue(e.target.value)} />
      <button type="submit" className="btn btn-primary" disabled={!value.trim()}>
        {t('privacy.noticeSave')}
      </button>
      <ErrorText error={error} />
      <Status text={status} />
    </form>
  );
}

function PolicyControls({ onSaved }: { onSaved: () => void }) {
  const { t } = useI18n();
  const { settings, updateSettings } = useApp();
  const amountId = useId();
  const kindId = useId();
  const timeId = useId();
  const [policy, setPolicy] = useState<ConversationPolicy>(settings.conversationPolicy);
  const [redact, setRedact] = useState(settings.redactPii);
  const [kind, setKind] = useState<RetentionPolicy['kind']>(settings.retention.kind);
  const [amount, setAmount] = useState(
    settings.retention.kind === 'hours' ? settings.retention.hours : settings.retention.kind === 'days' ? settings.retention.days : 7,
  );
  const [eodOn, setEodOn] = useState(settings.endOfDayWipeAt !== null);
  const [eodTime, setEodTime] = useState(settings.endOfDayWipeAt ?? '22:00');
  const [patterns, setPatterns] = useState<CustomPiiPattern[]>(settings.customPiiPatterns ?? []);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const retention = (): RetentionPolicy => {
    if (kind === 'hours') return { kind, hours: amount };
    if (kind === 'days') return { kind, days: amount };
    return { kind };
  };

  return (
    <form
      className="card"
      aria-labelledby="yd-policy"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        setStatus(null);
        const kept = patterns.filter((p) => p.name.trim() || p.pattern.trim());
        for (const p of kept) {
          try {
            new RegExp(p.pattern);
          } catch {
            return setError(t('privacy.badPattern', { name: p.name }));
          }
        }
        const r = await updateSettings({
          customPiiPatterns: kept.map((p) => ({ name: p.name.trim(), pattern: p.pattern })),
          conversationPolicy: policy,
          redactPii: redact,
          retention: retention(),
          endOfDayWipeAt: eodOn ? eodTime : null,
        });
        if (r.ok) {
          setStatus(t('common.saved'));
          onSaved();
        } else setError(errorText(r.error, t));
      }}
    >
      <h3 id="yd-policy">{t('privacy.controls')}</h3>
      <fieldset className="radio-group">
        <legend>{t('privacy.policy')}</legend>
        {(['ask', 'save', 'never'] as const).map((p) => (
          <label key={p} className="check">
            <input type="radio" name="conversation-policy" value={p} checked={policy === p} onChange={() => setPolicy(p)} />
            <span>{t(`privacy.policy.${p}`)}</span>
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={redact} onChange={(e) => setRedact(e.target.checked)} />
        <span>{t('privacy.redactToggle')}</span>
      </label>
      <div className="field-row">
        <div className="field">
          <label htmlFor={kindId}>{t('privacy.retentionEditor')}</label>
          <select id={kindId} value={kind} onChange={(e) => setKind(e.target.value as RetentionPolicy['kind'])}>
            {(['hours', 'days', 'end_of_day', 'none'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`privacy.retention.${k}`)}
              </option>
            ))}
          </select>
        </div>
        {(kind === 'hours' || kind === 'days') && (
          <div className="field">
            <label htmlFor={amountId}>{t('privacy.retentionAmount')}</label>
            <input
              id={amountId}
              type="number"
              min={1}
              max={kind === 'hours' ? 8760 : 3650}
              value={amount}
              onChange={(e) => setAmount(Math.max(1, Math.floor(Number(e.target.value) || 1)))}
            />
          </div>
        )}
      </div>
      <fieldset className="radio-group">
        <legend>{t('privacy.customPatterns')}</legend>
        <p className="muted">{t('privacy.customIntro')}</p>
        {patterns.map((p, i) => (
          <div className="field-row pattern-row" key={i}>
            <div className="field">
              <label htmlFor={`${kindId}-pn-${i}`}>{t('privacy.patternName')}</label>
              <input
                id={`${kindId}-pn-${i}`}
                type="text"
                maxLength={31}
                value={p.name}
                onChange={(e) => setPatterns((list) => list.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
              />
            </div>
            <div className="field pattern-regex">
              <label htmlFor={`${kindId}-pr-${i}`}>{t('privacy.patternRegex')}</label>
              <input
                id={`${kindId}-pr-${i}`}
                type="text"
                maxLength={300}
                spellCheck={false}
                value={p.pattern}
                onChange={(e) => setPatterns((list) => list.map((x, j) => (j === i ? { ...x, pattern: e.target.value } : x)))}
              />
            </div>
            <button
              type="button"
              className="btn btn-small"
              aria-label={`${t('privacy.removePattern')}: ${p.name || i + 1}`}
              onClick={() => setPatterns((list) => list.filter((_, j) => j !== i))}
            >
              {t('privacy.removePattern')}
            </button>
          </div>
        ))}
        {patterns.length < 20 && (
          <button type="button" className="btn btn-small" onClick={() => setPatterns((list) => [...list, { name: '', pattern: '' }])}>
            {t('privacy.addPattern')}
          </button>
        )}
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={eodOn} onChange={(e) => setEodOn(e.target.checked)} />
        <span>{t('privacy.eodEnabled')}</span>
      </label>
      {eodOn && (
        <div className="field">
          <label htmlFor={timeId}>{t('privacy.eodTime')}</label>
          <input id={timeId} type="time" value={eodTime} onChange={(e) => setEodTime(e.target.value)} />
        </div>
      )}
      <button type="submit" className="btn btn-primary">
        {t('privacy.saveControls')}
      </button>
      <ErrorText error={error} />
      <Status text={status} />
    </form>
  );
}

export function PrivacyPage({ readOnly = false }: { readOnly?: boolean }) {
  const { t } = useI18n();
  const [facts, reload] = useLoad(() => call('privacy.facts', undefined));
  return (
    <div className="page-stack" data-testid="your-data">
      <p>{t('privacy.intro')}</p>
      <Loaded state={facts}>
        {(f) => (
          <>
            <YourDataFacts facts={f} />
            {!readOnly && <NoticeEditor text={noticeText(t, f.privacyNotice)} onSaved={() => void reload()} />}
          </>
        )}
      </Loaded>
      {!readOnly && <PolicyControls onSaved={() => void reload()} />}
      {!readOnly && <MaskingControls onSaved={() => void reload()} />}
      {!readOnly && <ReportCard />}
    </div>
  );
}
