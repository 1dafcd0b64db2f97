/**
 * The shell: start-up (app facts, lock state, settings), then the chat, the kiosk welcome screen
 * and the settings pages. Screens switch by React state only: the app never pushes history entries
 * and never writes conversation content to web storage, so back/forward cannot bring a previous
 * customer's chat back.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { KioskStatus } from '../../shared/contract';
import type { AppInfo, Locale, Settings } from '../../shared/domain';
import { call } from './api';
import { Dialog } from './components/Dialog';
import { ChatView, type ConversationKeeping } from './features/chat/ChatView';
import { CustomerData } from './features/kiosk/CustomerData';
import { IdleGuard } from './features/kiosk/IdleGuard';
import { KioskSetup } from './features/kiosk/KioskSetup';
import { PinDialog } from './features/kiosk/PinDialog';
import { Welcome } from './features/kiosk/Welcome';
import { SettingsShell, type SettingsPageId } from './features/settings/SettingsShell';
import { RecoveryScreen } from './features/unlock/RecoveryScreen';
import { UnlockScreen } from './features/unlock/UnlockScreen';
import { I18nProvider, translate, translator, useI18n } from './i18n';
import { AppContext, type AppContextValue } from './lib/app-context';
import { errorText } from './lib/error-text';
import { useAccent } from './lib/branding';
import { defaultSettings, idleCountdownSeconds, idleOverrideFromUrl, type SettingsPatch } from './lib/settings';

type Boot =
  | { kind: 'loading' }
  | { kind: 'error'; code: string }
  | { kind: 'locked'; info: AppInfo; storeExists: boolean }
  | { kind: 'unopenable'; info: AppInfo; code: string }
  | { kind: 'ready'; info: AppInfo; settings: Settings; pinSet: boolean };

async function runBoot(): Promise<Boot> {
  const [info, security, settings] = await Promise.all([call('app.info', undefined), call('security.status', undefined), call('settings.get', undefined)]);
  if (!info.ok) return { kind: 'error', code: info.error.code };
  if (security.ok && !security.value.unlocked && security.value.openError) {
    return { kind: 'unopenable', info: info.value, code: security.value.openError.code };
  }
  if (security.ok && !security.value.unlocked) return { kind: 'locked', info: info.value, storeExists: security.value.storeExists };
  // settings.get may fail while the store is locked: ask again now that it is open.
  const [s, kiosk] = await Promise.all([settings.ok ? settings : call('settings.get', undefined), call('kiosk.status', undefined)]);
  // Unknown counts as set: the backend refuses customer chats on a kiosk without a PIN anyway.
  return { kind: 'ready', info: info.value, settings: s.ok ? s.value : defaultSettings(info.value), pinSet: kiosk.ok ? kiosk.value.pinSet : true };
}

export function App() {
  const [bootKey, setBootKey] = useState(0);
  const [boot, setBoot] = useState<Boot>({ kind: 'loading' });
  // Set by "Erase everything": the first-start screen that follows says it happened (it looked like any first start).
  const [erased, setErased] = useState(false);
  useEffect(() => {
    let live = true;
    void runBoot().then((b) => live && setBoot(b));
    return () => {
      live = false;
    };
  }, [bootKey]);
  const rebootNow = useCallback((after?: 'erased') => {
    setErased(after === 'erased');
    setBoot({ kind: 'loading' });
    setBootKey((k) => k + 1);
  }, []);

  // A locked kiosk is still a kiosk screen (touch sizes, no page scroll) before the shell mounts.
  const lockedKiosk = (boot.kind === 'locked' || boot.kind === 'unopenable') && boot.info.kiosk;
  useEffect(() => {
    if (lockedKiosk) document.documentElement.classList.add('kiosk');
  }, [lockedKiosk]);
  const locale: Locale = boot.kind === 'ready' ? boot.settings.locale : boot.kind === 'locked' || boot.kind === 'unopenable' ? boot.info.locale : 'en';
  return (
    <div data-testid="app-ready" data-ready={boot.kind === 'loading' ? 'false' : 'true'} className="app-root">
      {boot.kind === 'loading' && (
        <p className="boot-state" role="status">
          {translate(locale, 'app.loading')}
        </p>
      )}
      {boot.kind === 'error' && (
        <div className="boot-state" role="alert">
          <p>{translate(locale, 'app.error', { message: errorText({ code: boot.code }, translator(locale)) })}</p>
          <button type="button" className="btn" onClick={() => rebootNow()}>
            {translate(locale, 'app.retry')}
          </button>
        </div>
      )}
      {boot.kind === 'locked' && (
        <I18nProvider locale={locale}>
          <UnlockScreen storeExists={boot.storeExists} kiosk={boot.info.kiosk} erased={erased} onUnlocked={rebootNow} />
        </I18nProvider>
      )}
      {boot.kind === 'unopenable' && (
        <I18nProvider locale={locale}>
          <RecoveryScreen code={boot.code} onDone={() => rebootNow()} />
        </I18nProvider>
      )}
      {boot.kind === 'ready' && <Shell key={bootKey} info={boot.info} initialSettings={boot.settings} pinSet={boot.pinSet} erased={erased} onReboot={rebootNow} />}
    </div>
  );
}

type PinGate = { mode: 'unlock' | 'set'; status: KioskStatus | null; page: SettingsPageId };

function Shell({ info, initialSettings, pinSet, erased, onReboot }: { info: AppInfo; initialSettings: Settings; pinSet: boolean; erased: boolean; onReboot: (after?: 'erased') => void }) {
  const [settings, setSettings] = useState(initialSettings);
  const [leftKiosk, setLeftKiosk] = useState(false);
  const kiosk = settings.kiosk || (info.kiosk && !leftKiosk);
  // A kiosk without a staff PIN is not ready for customers: staff set it up first.
  const [setup, setSetup] = useState(kiosk && !pinSet);
  const [stage, setStage] = useState<'welcome' | 'chat'>(kiosk ? 'welcome' : 'chat');
  const [view, setView] = useState<'chat' | 'settings'>('chat');
  const [page, setPage] = useState<SettingsPageId>('general');
  const [chatKey, setChatKey] = useState(0);
  const [pinGate, setPinGate] = useState<PinGate | null>(null);
  const [yourData, setYourData] = useState(false);
  const conversationId = useRef<string | null>(null);
  const [keeping, setKeeping] = useState<ConversationKeeping | null>(null);

  // Once per mount on purpose: turning kiosk on inside settings keeps the staff session until
  // settings are closed. The mount-time value is kept in a ref so the effect reads no stale prop.
  const kioskAtMount = useRef(kiosk);
  useEffect(() => {
    // A kiosk screen that starts (or restarts: a reload, a renderer restart) shows the welcome
    // screen to whoever stands there; a staff session still open in the backend from before must
    // not let them into settings without the PIN.
    if (kioskAtMount.current) void call('kiosk.lock', undefined);
  }, []);

  useAccent(settings.branding, settings.highContrast);
  useEffect(() => {
    const cl = document.documentElement.classList;
    cl.toggle('kiosk', kiosk);
    cl.toggle('large-text', settings.largeText);
    cl.toggle('high-contrast', settings.highContrast);
  }, [kiosk, settings.largeText, settings.highContrast]);

  const idleSeconds = useMemo(
    () => (kiosk ? (idleOverrideFromUrl(window.location.search) ?? settings.idleTimeoutSeconds) : settings.idleTimeoutSeconds),
    [kiosk, settings.idleTimeoutSeconds],
  );

  // Which settings.set is the newest: the backend applies them in order, so only the newest answer
  // holds every change; an older one (two checkboxes clicked quickly) would put the later one back.
  const settingsSeq = useRef(0);
  const updateSettings = useCallback(async (patch: SettingsPatch, pin?: string) => {
    // Display choices apply at once (a checkbox must follow the click); they are put back if the
    // backend refuses. Anything with consequences (kiosk, policy, retention) waits for the answer.
    const display: Partial<Settings> = {};
    if (patch.locale !== undefined) {
      display.locale = patch.locale;
      // Staff chose the app's language: a conversation's own language gives way to it.
      setCustomerLocale(null);
    }
    if (patch.largeText !== undefined) display.largeText = patch.largeText;
    if (patch.highContrast !== undefined) display.highContrast = patch.highContrast;
    let before: Settings | null = null;
    if (Object.keys(display).length > 0)
      setSettings((s) => {
        before = s;
        return { ...s, ...display };
      });
    const seq = ++settingsSeq.current;
    const r = await call('settings.set', pin ? { patch, pin } : { patch });
    const newest = seq === settingsSeq.current;
    if (!r.ok && before) {
      const previous: Settings = before;
      setSettings((s) => ({ ...s, locale: previous.locale, largeText: previous.largeText, highContrast: previous.highContrast }));
    }
    if (r.ok) {
      if (newest) setSettings(r.value);
      if (patch.kiosk === false) {
        setLeftKiosk(true);
        setStage('chat');
      }
      if (patch.kiosk === true) setLeftKiosk(false);
    }
    return r;
  }, []);

  // A kiosk customer's language choice on the welcome screen is theirs, for their visit only: the
  // shop's setting (staff's, behind the PIN) is not changed, and the next customer starts in it.
  // The conversation's language (the customer writes in another one, or takes the chip back) sets
  // it too, on a desktop as well, until the next conversation.
  const [customerLocale, setCustomerLocale] = useState<Locale | null>(null);
  const uiLocale: Locale = customerLocale ?? settings.locale;

  /** A fresh conversation: the chat tree is remounted under a new key, so none of its DOM survives. */
  const resetChat = useCallback(() => {
    conversationId.current = null;
    setChatKey((k) => k + 1);
    setCustomerLocale(null);
    if (kiosk) setStage('welcome');
  }, [kiosk]);

  /** Kiosk idle expiry: end the conversation, close everything, back to a fresh welcome screen. */
  const expire = useCallback(() => {
    const id = conversationId.current;
    conversationId.current = null;
    setPinGate(null);
    setYourData(false);
    setView('chat');
    setStage('welcome');
    setCustomerLocale(null);
    setChatKey((k) => k + 1);
    if (id) void call('chat.end', { conversationId: id });
    void call('kiosk.lock', undefined);
  }, []);

  const openSettings = useCallback(
    async (target: SettingsPageId) => {
      if (!kiosk) {
        setPage(target);
        setView('settings');
        return;
      }
      const st = await call('kiosk.status', undefined);
      if (st.ok && st.value.unlockedUntil && st.value.unlockedUntil > Date.now()) {
        setPage(target);
        setView('settings');
        return;
      }
      setPinGate({ mode: st.ok && !st.value.pinSet ? 'set' : 'unlock', status: st.ok ? st.value : null, page: target });
    },
    [kiosk],
  );

  const closeSettings = useCallback(() => {
    setView('chat');
    if (kiosk) void call('kiosk.lock', undefined);
  }, [kiosk]);

  const onConversation = useCallback((id: string | null) => {
    conversationId.current = id;
  }, []);

  const ctx = useMemo<AppContextValue>(
    () => ({
      info,
      settings,
      kiosk,
      updateSettings,
      settingsChanged: setSettings,
      resetChat,
      reboot: onReboot,
      conversationDeleted: (id) => {
        if (conversationId.current === id) resetChat();
      },
    }),
    [info, settings, kiosk, updateSettings, resetChat, onReboot],
  );

  const idleActive = kiosk && (stage === 'chat' || view === 'settings' || pinGate !== null || yourData);

  return (
    <AppContext.Provider value={ctx}>
      <I18nProvider locale={uiLocale} region={settings.storeRegion}>
        {setup && (
          <KioskSetup
            erased={erased}
            onDone={(saved) => {
              setSettings(saved);
              setSetup(false);
              setStage('welcome');
            }}
          />
        )}
        {!setup && view === 'chat' && stage === 'welcome' && (
          <Welcome
            key={`welcome-${chatKey}`}
            onStart={() => setStage('chat')}
            onOpenSettings={() => void openSettings('general')}
            onOpenYourData={() => setYourData(true)}
            onLocale={(l) => (kiosk ? setCustomerLocale(l) : void updateSettings({ locale: l }))}
          />
        )}
        {!setup && stage === 'chat' && (
          <ChatView
            key={`chat-${chatKey}`}
            kiosk={kiosk}
            hidden={view !== 'chat'}
            onOpenSettings={() => void openSettings('general')}
            onOpenYourData={() => (kiosk ? setYourData(true) : void openSettings('privacy'))}
            onConversation={onConversation}
            onNewConversation={resetChat}
            onKeeping={setKeeping}
            onLanguage={setCustomerLocale}
          />
        )}
        {view === 'settings' && <SettingsShell page={page} onPage={setPage} onClose={closeSettings} />}
        {pinGate && (
          <PinDialog
            mode={pinGate.mode}
            status={pinGate.status}
            onCancel={() => setPinGate(null)}
            onUnlocked={() => {
              setPage(pinGate.page);
              setPinGate(null);
              setView('settings');
            }}
          />
        )}
        {yourData && <YourDataDialog keeping={stage === 'chat' ? keeping : null} onClose={() => setYourData(false)} />}
        {idleActive && <IdleGuard key={`idle-${chatKey}`} timeoutSeconds={idleSeconds} countdownSeconds={idleCountdownSeconds(idleSeconds)} onExpire={expire} />}
      </I18nProvider>
    </AppContext.Provider>
  );
}

/** In kiosk mode a customer may read "Your data" without the staff PIN: this conversation and the policy. */
function YourDataDialog({ keeping, onClose }: { keeping: ConversationKeeping | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Dialog title={t('settings.page.privacy')} onClose={onClose} className="dialog-wide" testId="your-data-dialog">
      <CustomerData keeping={keeping} />
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
