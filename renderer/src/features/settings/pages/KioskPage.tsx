/** Kiosk: on/off (leaving needs the staff PIN), idle timeout, and setting or changing the PIN. */
import { useId, useState } from 'react';
import { PinField } from '../../../components/PinField';
import { BrandingSection } from './BrandingSection';
import { call } from '../../../api';
import { ErrorText, Loaded, Status } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { useApp } from '../../../lib/app-context';
import { useLoad } from '../../../lib/useLoad';
import { PIN_PATTERN as PIN_RE } from '../../../../../shared/pin';
import type { AppError } from '../../../../../shared/result';
import { errorText } from '../../../lib/error-text';


export function KioskPage() {
  const { t } = useI18n();
  const { settings, kiosk, updateSettings } = useApp();
  const leavePinId = useId();
  const idleId = useId();
  const curId = useId();
  const newId = useId();
  const [status, reload] = useLoad(() => call('kiosk.status', undefined));
  const [leavePin, setLeavePin] = useState('');
  const [idle, setIdle] = useState(settings.idleTimeoutSeconds);
  const [currentPin, setCurrentPin] = useState('');
  const [newPin, setNewPin] = useState('');
  const [modeError, setModeError] = useState<string | null>(null);
  const [idleStatus, setIdleStatus] = useState<string | null>(null);
  const [idleError, setIdleError] = useState<string | null>(null);
  const [pinStatus, setPinStatus] = useState<string | null>(null);
  const [pinError, setPinError] = useState<string | null>(null);

  const pinMessage = (e: AppError) => (e.code === 'wrong_pin' ? t('pin.wrong') : errorText(e, t));

  return (
    <div className="page-stack">
      <p>{t('kioskPage.intro')}</p>
      <Loaded state={status}>
        {(st) => (
          <>
            <form
              className="card"
              aria-labelledby="k-mode"
              onSubmit={async (e) => {
                e.preventDefault();
                setModeError(null);
                if (kiosk) {
                  if (!PIN_RE.test(leavePin)) return setModeError(t('pin.format'));
                  const r = await updateSettings({ kiosk: false }, leavePin);
                  setLeavePin('');
                  // conflict here: the host was started with --kiosk (the only state that refuses leaving).
                  if (!r.ok) setModeError(r.error.code === 'conflict' ? t('error.forcedKiosk') : pinMessage(r.error));
                } else {
                  if (!st.pinSet) return setModeError(t('kioskPage.needPin'));
                  const r = await updateSettings({ kiosk: true });
                  if (!r.ok) setModeError(r.error.message);
                }
                void reload();
              }}
            >
              <h3 id="k-mode">{t('kioskPage.mode')}</h3>
              {kiosk ? (
                <>
                  <p>{t('kioskPage.on')}</p>
                  <PinField id={leavePinId} label={t('kioskPage.pinToLeave')} value={leavePin} onValue={setLeavePin} />
                  <button type="submit" className="btn btn-danger-outline">
                    {t('kioskPage.turnOff')}
                  </button>
                </>
              ) : (
                <button type="submit" className="btn btn-primary">
                  {t('kioskPage.turnOn')}
                </button>
              )}
              <ErrorText error={modeError} />
            </form>

            <form
              className="card"
              aria-labelledby="k-pin"
              onSubmit={async (e) => {
                e.preventDefault();
                setPinError(null);
                setPinStatus(null);
                if (!PIN_RE.test(newPin) || (st.pinSet && !PIN_RE.test(currentPin))) return setPinError(t('pin.format'));
                const r = await call('kiosk.setPin', st.pinSet ? { pin: newPin, currentPin } : { pin: newPin });
                setNewPin('');
                setCurrentPin('');
                if (r.ok) {
                  setPinStatus(t('kioskPage.pinSaved'));
                  void reload();
                } else setPinError(pinMessage(r.error));
              }}
            >
              <h3 id="k-pin">{t('kioskPage.pin')}</h3>
              <p>{st.pinSet ? t('kioskPage.pinSet') : t('kioskPage.pinNotSet')}</p>
              {st.pinSet && (
                <PinField id={curId} label={t('kioskPage.currentPin')} value={currentPin} onValue={setCurrentPin} />
              )}
              <PinField id={newId} label={t('kioskPage.newPin')} value={newPin} onValue={setNewPin} />
              <button type="submit" className="btn btn-primary">
                {t('kioskPage.savePin')}
              </button>
              <ErrorText error={pinError} />
              <Status text={pinStatus} />
            </form>
          </>
        )}
      </Loaded>

      <form
        className="card"
        aria-labelledby="k-idle"
        onSubmit={async (e) => {
          e.preventDefault();
          setIdleError(null);
          setIdleStatus(null);
          const r = await updateSettings({ idleTimeoutSeconds: idle });
          if (r.ok) setIdleStatus(t('common.saved'));
          else setIdleError(r.error.message);
        }}
      >
        <h3 id="k-idle">{t('kioskPage.idleHeading')}</h3>
        <div className="inline-form">
          <label htmlFor={idleId}>{t('kioskPage.idle')}</label>
          <input id={idleId} type="number" min={5} max={3600} value={idle} onChange={(e) => setIdle(Math.floor(Number(e.target.value) || 90))} />
          <button type="submit" className="btn btn-primary">
            {t('common.save')}
          </button>
        </div>
        <ErrorText error={idleError} />
        <Status text={idleStatus} />
      </form>
      <BrandingSection />
    </div>
  );
}
