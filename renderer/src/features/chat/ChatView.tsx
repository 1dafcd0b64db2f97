/**
 * The chat screen. It owns one conversation from chat.start to chat.end; the shell remounts it with
 * a new key for a fresh conversation, so nothing of the previous one survives in React state, in
 * the DOM or in the textarea's undo history. Nothing here touches history or web storage.
 */
import { PrivacyFooter } from '../../components/PrivacyFooter';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { asLocale, type BotMessage, type ChatStart, type Locale } from '../../../../shared/domain';
import { call } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { translate, useI18n, type MessageKey } from '../../i18n';
import { useApp } from '../../lib/app-context';
import { errorText } from '../../lib/error-text';
import { retentionSpan } from '../../lib/retention-text';
import { stopSpeaking, useSpeech } from '../../lib/speech';
import { BrandMark } from '../../components/BrandMark';
import { useBrand } from '../../lib/branding';
import { Composer } from './Composer';
import { touchKeyboardWanted } from './keyboard-layouts';
import { OnScreenKeyboard } from './OnScreenKeyboard';
import { ConsentCard } from './ConsentCard';
import { MessageItem, type ChatItem } from './MessageItem';
import { QrDialog } from './QrDialog';

/** Mirrors MAX_MESSAGE_CHARS in shared/contract.ts (kept literal so zod stays out of the bundle). */
const MAX_MESSAGE_CHARS = 4000;

export interface ChatViewProps {
  kiosk: boolean;
  hidden: boolean;
  onOpenSettings: () => void;
  onOpenYourData: () => void;
  onConversation: (id: string | null) => void;
  onNewConversation: () => void;
  /** What is kept about this conversation right now (for the customer's "Your data"). */
  onKeeping?: (k: ConversationKeeping) => void;
  /** The customer now writes (or chose to be answered) in this language: the screen follows it for the visit. */
  onLanguage?: (l: Locale) => void;
}

/** The offer to go back to a language, worded in that language (a Spanish speaker reads "¿Prefiere español?" on an English screen). */
const PREFER: Record<Locale, MessageKey> = { en: 'chat.preferEnglish', es: 'chat.preferSpanish' };


export interface ConversationKeeping {
  mode: 'saved' | 'incognito' | null;
  consentPending: boolean;
  messages: number;
}

type Phase = { kind: 'starting' } | { kind: 'failed'; message: string } | { kind: 'ready'; start: ChatStart };

let marked = false;
/** First time the chat can be used: the bench reads this mark (navigation start -> interactive). */
function markInteractive(): void {
  if (marked) return;
  marked = true;
  performance.mark('hushdesk-interactive');
}

export function ChatView({ kiosk, hidden, onOpenSettings, onOpenYourData, onConversation, onNewConversation, onKeeping, onLanguage }: ChatViewProps) {
  const { t, locale, dates } = useI18n();
  const { settings } = useApp();
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  const [items, setItems] = useState<ChatItem[]>([]);
  const [consentPending, setConsentPending] = useState(false);
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [qrOpen, setQrOpen] = useState(false);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const endRef = useRef<HTMLDivElement>(null);
  const keyRef = useRef(0);
  const alive = useRef(true);
  const nextKey = () => ++keyRef.current;
  // The language the screen left when the customer's writing switched it: offered back by a chip until used or switched again.
  const [offerBack, setOfferBack] = useState<Locale | null>(null);
  // Read aloud: each answer in its own language (after a switch the log holds both), the screen's when a message has none.
  const speech = useSpeech(locale);
  const brand = useBrand();
  // A touch kiosk's keyboard, opened by focusing the message box; closed by its own button or by the
  // idle reset (the shell remounts this view, so nothing of it survives).
  const wantKeyboard = kiosk && touchKeyboardWanted(settings.touchKeyboard, (q) => window.matchMedia(q).matches, navigator.maxTouchPoints);
  const [keyboardOpen, setKeyboardOpen] = useState(false);
  // The conversation in which the person hid the on-screen keyboard: the app's own focusing of the
  // message box (after an answer, after the save question) must not bring it back; a tap on the box
  // does. A new conversation (the next customer) opens it afresh.
  const keyboardHiddenIn = useRef<string | null>(null);

  const conversationId = phase.kind === 'ready' ? phase.start.conversationId : null;

  const start = useCallback(async () => {
    setPhase({ kind: 'starting' });
    const r = await call('chat.start', { locale });
    if (!alive.current) return;
    if (!r.ok) {
      setPhase({ kind: 'failed', message: errorText(r.error, t) });
      return;
    }
    onConversation(r.value.conversationId);
    setItems([{ key: nextKey(), role: 'bot', msg: r.value.welcome }]);
    setConsentPending(r.value.consentRequired);
    setPhase({ kind: 'ready', start: r.value });
    // locale is read once per conversation on purpose: a conversation keeps its language.
  }, [locale, onConversation, t]);

  // Start once per mount; the shell remounts for a new conversation. The ref holds the first
  // `start` so the effect has no dependency that could restart a conversation.
  const startOnMount = useRef(start);
  useEffect(() => {
    alive.current = true;
    void startOnMount.current();
    return () => {
      alive.current = false;
      // A new conversation or the idle reset remounts this view: the next customer hears nothing of this one.
      stopSpeaking();
    };
  }, []);

  useEffect(() => {
    if (hidden) stopSpeaking();
  }, [hidden]);

  useEffect(() => {
    if (phase.kind === 'ready') markInteractive();
  }, [phase.kind]);

  // Each time a conversation becomes ready (started, or consent answered) the customer can type at
  // once: the save question comes with the first answer. This runs after React has committed the
  // enabled message box; a requestAnimationFrame from the handler could run before that commit and
  // try to focus a box that is still disabled.
  useEffect(() => {
    if (phase.kind === 'ready') inputRef.current?.focus();
  }, [phase]);

  useLayoutEffect(() => {
    endRef.current?.scrollIntoView({ block: 'end' });
  }, [items.length, sending]);

  const send = async (text: string) => {
    if (phase.kind !== 'ready' || sending) return;
    const trimmed = text.trim();
    if (!trimmed) return;
    if (trimmed.length > MAX_MESSAGE_CHARS) {
      setSendError(t('chat.tooLong', { max: MAX_MESSAGE_CHARS }));
      return;
    }
    setSending(true);
    setSendError(null);
    setNotice(null);
    const userKey = nextKey();
    setItems((list) => [...list, { key: userKey, role: 'user', text: trimmed, storedText: null, pending: true }]);
    setDraft('');
    const r = await call('chat.send', { conversationId: phase.start.conversationId, text: trimmed });
    if (!alive.current) return;
    setSending(false);
    if (!r.ok) {
      setItems((list) => list.filter((i) => i.key !== userKey));
      setDraft(trimmed);
      setSendError(r.error.code === 'too_large' ? t('chat.tooLong', { max: MAX_MESSAGE_CHARS }) : t('chat.sendFailed', { message: errorText(r.error, t) }));
      return;
    }
    // The customer wrote in another language and was answered in it: the screen follows, and offers the old one back.
    const answeredIn = asLocale(r.value.language ?? r.value.replies[0]?.language);
    if (answeredIn && answeredIn !== locale) {
      setOfferBack(locale);
      onLanguage?.(answeredIn);
    }
    const replies: ChatItem[] = r.value.replies.map((msg) => ({ key: nextKey(), role: 'bot', msg }));
    setItems((list) => [
      ...list.map((i) => (i.key === userKey && i.role === 'user' ? { ...i, storedText: r.value.user.storedText, pending: false } : i)),
      ...replies,
    ]);
    setAnnouncement(r.value.replies.map((m) => m.text).join(' '));
    // In the replies' own language: the screen's locale only follows it on the next render.
    if (settings.readAloud) speech.speak(r.value.replies.map((m) => m.text).join(' '), r.value.replies[0]?.language ?? answeredIn ?? locale);
    if (r.value.replies.some((m) => m.action === 'confirm_delete_conversation')) setConfirmDelete(true);
    inputRef.current?.focus();
  };

  /** The chip: answer in the offered language from now on (the backend holds it, short messages included), and show the screen in it. */
  const switchBack = async (to: Locale) => {
    if (phase.kind !== 'ready') return;
    const r = await call('chat.setLanguage', { conversationId: phase.start.conversationId, language: to });
    if (!alive.current) return;
    if (!r.ok) {
      setSendError(errorText(r.error, t));
      return;
    }
    setOfferBack(null);
    onLanguage?.(asLocale(r.value.language) ?? to);
    inputRef.current?.focus();
  };

  const chooseConsent = async (choice: 'save' | 'dont_save'): Promise<string | null> => {
    if (phase.kind !== 'ready') return null;
    const r = await call('chat.consent', { conversationId: phase.start.conversationId, choice });
    if (!r.ok) return errorText(r.error, t);
    onConversation(r.value.conversationId);
    setPhase({ kind: 'ready', start: r.value });
    setConsentPending(false);
    // The messages asked before the answer were just written: each shows its "Saved as" like later ones.
    const saved = r.value.savedEarlier;
    if (saved && saved.length > 0) {
      setItems((list) => {
        let n = 0;
        return list.map((i) => (i.role === 'user' && !i.pending && i.storedText === '' && n < saved.length ? { ...i, storedText: saved[n++] ?? '' } : i));
      });
    }
    return null;
  };

  /** Withdraw consent: the conversation is deleted at once, then a fresh one starts. */
  const withdraw = async () => {
    if (!conversationId) return { ok: true as const, value: null };
    const r = await call('chat.withdrawConsent', { conversationId });
    if (!r.ok) return r;
    setConfirmDelete(false);
    setItems([]);
    setDraft('');
    onConversation(null);
    await start();
    setNotice(t('chat.deleted'));
    return r;
  };

  const lastBot: BotMessage | null = (() => {
    const last = items[items.length - 1];
    return last && last.role === 'bot' ? last.msg : null;
  })();
  // A "did you mean" choice is offered once: never again as a quick reply in the row below.
  const quickReplies = lastBot ? lastBot.quickReplies.filter((q) => !lastBot.suggestions.some((s) => s.label === q)) : [];
  const mode = phase.kind === 'ready' ? phase.start.mode : null;
  const messageCount = items.filter((i) => i.role === 'user').length;
  useEffect(() => {
    onKeeping?.({ mode, consentPending, messages: messageCount });
  }, [mode, consentPending, messageCount, onKeeping]);
  // Retention as a span ("30 days") or a moment ("the end of the day (22:00)"), worded here from the
  // structured settings so it follows the UI language (the backend's retentionText is English).
  const retentionIsDuration = settings.retention.kind === 'hours' || settings.retention.kind === 'days';
  const retention = retentionSpan(t, dates, settings);
  const inputDisabled = phase.kind !== 'ready' || sending;
  const hasUserMessages = items.some((i) => i.role === 'user');
  // Asked with the first answer, not before the first question; nothing is stored until answered.
  const askConsent = phase.kind === 'ready' && consentPending && hasUserMessages && !sending;

  return (
    <div className="screen chat-screen" hidden={hidden} data-conversation={conversationId ?? ''} data-consent={consentPending ? 'pending' : 'answered'}>
      <header className="topbar">
        <div className="brand">
          <BrandMark />
          <h1 className="brand-name" data-testid="brand-name" {...brand.nameProps}>
            {brand.name}
          </h1>
        </div>
        <div className="topbar-actions">
          {kiosk && hasUserMessages && conversationId && (
            <button type="button" className="btn" onClick={() => setQrOpen(true)}>
              {t('chat.takeAway')}
            </button>
          )}
          <button
            type="button"
            className="btn"
            onClick={() => {
              // Remount first (the screen clears at once), then end the old conversation.
              const id = conversationId;
              onConversation(null);
              onNewConversation();
              if (id) void call('chat.end', { conversationId: id });
            }}
          >
            {t('chat.newConversation')}
          </button>
          <button type="button" className={kiosk ? 'btn btn-quiet' : 'btn'} onClick={onOpenSettings}>
            {t('chat.settings')}
          </button>
        </div>
      </header>

      <main className="chat-main">
        {mode && !consentPending && (
          <div className="mode-row">
            {mode === 'incognito' ? (
              <span className="badge badge-incognito" data-testid="incognito-badge">
                {t('chat.incognito')}
              </span>
            ) : (
              <>
                <span className="badge badge-saved">{t(retentionIsDuration ? 'chat.savedFor' : 'chat.saved', { retention })}</span>
                <button type="button" className="btn btn-small btn-danger-outline" onClick={() => void withdraw()}>
                  {t('chat.stopSaving')}
                </button>
              </>
            )}
          </div>
        )}
        {notice && (
          <p role="status" className="notice">
            {notice}
          </p>
        )}

        <div className="log" role="log" aria-label={t('chat.logLabel')} aria-live="off" tabIndex={0}>
          {phase.kind === 'starting' && (
            <p className="log-state" role="status">
              {t('chat.starting')}
            </p>
          )}
          {phase.kind === 'failed' && (
            <div className="log-state" role="alert">
              <p>{t('chat.startFailed', { message: phase.message })}</p>
              <button type="button" className="btn" onClick={() => void start()}>
                {t('chat.retry')}
              </button>
            </div>
          )}
          {items.map((item, i) => {
            // The answer to the customer's n-th message (the backend counts the same way); saved conversations only.
            const turn = items.slice(0, i).filter((x) => x.role === 'user' && !x.pending).length;
            const feedback = item.role === 'bot' && turn > 0 && mode === 'saved' && conversationId ? { conversationId, turn } : undefined;
            return <MessageItem key={item.key} item={item} showStored={mode === 'saved'} {...(feedback ? { feedback } : {})} {...(item.role === 'bot' && speech.availableFor(item.msg.language ?? locale) ? { onSpeak: (text: string) => speech.speak(text, item.msg.language ?? locale) } : {})} />;
          })}
          {phase.kind === 'ready' && !hasUserMessages && <p className="log-empty">{t('chat.empty')}</p>}
          {sending && (
            <div className="msg msg-bot msg-typing" aria-hidden="true">
              <p className="bubble">
                <span className="dot" />
                <span className="dot" />
                <span className="dot" />
              </p>
            </div>
          )}
          <div ref={endRef} />
        </div>
        {/* The replies again, for screen readers: the bot's words, content like the bubbles. */}
        <div className="sr-only" aria-live="polite" data-testid="announcer" data-content>
          {announcement}
        </div>

        {lastBot && !sending && !askConsent && lastBot.suggestions.length > 0 && (
          <div className="chips" role="group" aria-label={t('chat.didYouMean')}>
            <span className="chips-label" aria-hidden="true">
              {t('chat.didYouMean')}
            </span>
            {lastBot.suggestions.map((s) => (
              <button key={s.intentId} type="button" className="chip chip-suggest" data-content onClick={() => void send(s.label)}>
                {s.label}
              </button>
            ))}
          </div>
        )}
        {offerBack && offerBack !== locale && !sending && phase.kind === 'ready' && (
          <div className="chips chips-language" role="group" aria-label={t('chat.languageOffer')}>
            <button type="button" className="chip chip-language" lang={offerBack} data-testid="prefer-language" onClick={() => void switchBack(offerBack)}>
              {translate(offerBack, PREFER[offerBack])}
            </button>
          </div>
        )}
        {lastBot && !sending && !askConsent && quickReplies.length > 0 && (
          <div className="chips" role="group" aria-label={t('chat.quickReplies')}>
            {quickReplies.map((q) => (
              <button key={q} type="button" className="chip" data-content onClick={() => void send(q)}>
                {q}
              </button>
            ))}
          </div>
        )}

        {sendError && (
          <p role="alert" className="error-text">
            {sendError}
          </p>
        )}
        {askConsent && phase.kind === 'ready' && <ConsentCard retentionText={retention} isDuration={retentionIsDuration} onChoose={chooseConsent} />}
        {phase.kind !== 'failed' && (
          <Composer
            ref={inputRef}
            value={draft}
            onChange={setDraft}
            onSend={() => void send(draft)}
            disabled={inputDisabled && !sending}
            busy={sending}
            slot={lastBot?.awaitingSlot ?? null}
            onFocus={wantKeyboard ? () => keyboardHiddenIn.current !== conversationId && setKeyboardOpen(true) : undefined}
            onTap={
              wantKeyboard
                ? () => {
                    keyboardHiddenIn.current = null;
                    setKeyboardOpen(true);
                  }
                : undefined
            }
            systemKeyboard={!wantKeyboard}
          />
        )}
        {keyboardOpen && phase.kind !== 'failed' && (
          <OnScreenKeyboard
            value={draft}
            locale={locale}
            onChange={setDraft}
            onEnter={() => void send(draft)}
            onClose={() => {
              keyboardHiddenIn.current = conversationId;
              setKeyboardOpen(false);
            }}
          />
        )}
      </main>

      <PrivacyFooter onOpenYourData={onOpenYourData} />

      {confirmDelete && (
        <ConfirmDialog
          title={t('confirmDelete.title')}
          confirmLabel={t('confirmDelete.confirm')}
          danger
          onConfirm={withdraw}
          onCancel={() => setConfirmDelete(false)}
          testId="confirm-delete-conversation"
        >
          <p>{t('confirmDelete.body')}</p>
        </ConfirmDialog>
      )}
      {qrOpen && conversationId && <QrDialog conversationId={conversationId} onClose={() => setQrOpen(false)} />}
    </div>
  );
}
