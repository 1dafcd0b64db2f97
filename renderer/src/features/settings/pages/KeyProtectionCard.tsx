/**
 * How the file's key is protected, and the switch between the two ways (a rewrap of the key, the
 * conversations are not rewritten):
 *   - device keychain → "Protect with a passphrase" (new passphrase typed twice);
 *   - passphrase → "Change passphrase", and where this host has a device keychain, "Use the device
 *     keychain instead" (the current passphrase proves it is the owner asking).
 * Only the form that can work in the current state is shown: a device-keyed store has no
 * passphrase to change.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { SecurityStatus } from '../../../../../shared/domain';
import type { AppError, Result } from '../../../../../shared/result';
import { call } from '../../../api';
import { ErrorText, Status } from '../../../components/States';
import { useI18n, type Translate } from '../../../i18n';
import { errorText } from '../../../lib/error-text';

const MIN_PASSPHRASE = 8;

/** A backend error in the person's language where we know the code; the backend's words otherwise. */
function protectorError(t: Translate, e: AppError): string {
  if (e.code === 'wrong_key') return t('security.error.wrongCurrent');
  if (e.code === 'protector_unavailable') return t('security.error.noKeychain');
  if (e.code === 'forbidden') return t('security.error.staff');
  return errorText(e, t);
}

function PasswordField({ label, value, onChange, autoComplete, hint }: { label: string; value: string; onChange: (v: string) => void; autoComplete: string; hint?: string }) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        autoComplete={autoComplete}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...(hint ? { 'aria-describedby': hintId } : {})}
      />
      {hint && (
        <p id={hintId} className="muted">
          {hint}
        </p>
      )}
    </div>
  );
}

function ProtectorForm({ title, intro, testId, submitLabel, canSubmit, onSubmit, children }: {
  title: string;
  intro: string;
  testId: string;
  submitLabel: string;
  canSubmit: boolean;
  onSubmit: () => Promise<void>;
  children: ReactNode;
}) {
  const headId = useId();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await onSubmit();
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" aria-labelledby={headId} data-testid={testId} onSubmit={(e) => void submit(e)}>
      <h3 id={headId}>{title}</h3>
      <p className="muted">{intro}</p>
      {children}
      <button type="submit" className="btn btn-primary" disabled={busy || !canSubmit} aria-busy={busy}>
        {submitLabel}
      </button>
    </form>
  );
}

export function KeyProtectionCard({ status, onChanged }: { status: SecurityStatus; onChanged: () => void }) {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [deviceCurrent, setDeviceCurrent] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const kind = status.keyProtector?.kind ?? null;
  if (!status.unlocked || kind === null) return null;

  /** Checks the new passphrase twice typed; returns an error text or null. */
  const newPassphraseProblem = (): string | null => {
    if (next.length < MIN_PASSPHRASE) return t('security.error.tooShort', { min: MIN_PASSPHRASE });
    if (next !== again) return t('security.error.mismatch');
    return null;
  };
  const run = async (request: () => Promise<Result<SecurityStatus>>, success: string) => {
    setError(null);
    setDone(null);
    const r = await request();
    if (!r.ok) {
      setError(protectorError(t, r.error));
      return;
    }
    setCurrent('');
    setNext('');
    setAgain('');
    setDeviceCurrent('');
    setDone(success);
    onChanged();
  };
  const newFields = (
    <>
      <PasswordField label={t('security.next')} value={next} onChange={setNext} autoComplete="new-password" hint={t('security.nextHint', { min: MIN_PASSPHRASE })} />
      <PasswordField label={t('security.again')} value={again} onChange={setAgain} autoComplete="new-password" />
    </>
  );
  const messages = (
    <>
      <ErrorText error={error} />
      <Status text={done} />
    </>
  );

  if (kind === 'device') {
    return (
      <>
        <ProtectorForm
          title={t('security.usePassphrase')}
          intro={t('security.usePassphraseIntro')}
          testId="use-passphrase"
          submitLabel={t('security.usePassphrase')}
          canSubmit={next.length > 0 && again.length > 0}
          onSubmit={async () => {
            const problem = newPassphraseProblem();
            if (problem) return setError(problem);
            await run(() => call('security.usePassphrase', { passphrase: next }), t('security.nowPassphrase'));
          }}
        >
          {newFields}
        </ProtectorForm>
        {messages}
      </>
    );
  }

  return (
    <>
      <ProtectorForm
        title={t('security.change')}
        intro={t('security.changeIntro')}
        testId="change-passphrase"
        submitLabel={t('security.change')}
        canSubmit={current.length > 0 && next.length > 0 && again.length > 0}
        onSubmit={async () => {
          const problem = newPassphraseProblem();
          if (problem) return setError(problem);
          await run(() => call('security.changePassphrase', { current, next }), t('security.changed'));
        }}
      >
        <PasswordField label={t('security.current')} value={current} onChange={setCurrent} autoComplete="current-password" />
        {newFields}
      </ProtectorForm>
      {status.deviceKeyAvailable && (
        <ProtectorForm
          title={t('security.useDevice')}
          intro={t('security.useDeviceIntro')}
          testId="use-device"
          submitLabel={t('security.useDevice')}
          canSubmit={deviceCurrent.length > 0}
          onSubmit={() => run(() => call('security.useDevice', { passphrase: deviceCurrent }), t('security.nowDevice'))}
        >
          <PasswordField label={t('security.current')} value={deviceCurrent} onChange={setDeviceCurrent} autoComplete="current-password" />
        </ProtectorForm>
      )}
      {messages}
    </>
  );
}
