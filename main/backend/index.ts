/**
 * The backend: every service behind the IPC contract, with no Electron in sight. The Electron main
 * process, the preview host, the CLI and the tests all build it with createBackend() and talk to it
 * through `handle(channel, payload)`, which validates every payload and never throws.
 *
 * This file is the composition root of the services: it opens the store (at once with a device
 * key or a given passphrase; otherwise on `security.unlock`), runs the start-up duties (retention
 * purge, an overdue end-of-day wipe: both before the UI can show anything), and wires handlers.
 */
import path from 'node:path';
import type { AppInfo, Locale } from '../../shared/domain';
import { AppFailure, type AppError, type Result } from '../../shared/result';
import {
  appendAudit,
  applyPolicyToExisting,
  resetScheduleBaseline,
  dataHandlers,
  defaultExportDir,
  lastWipe,
  nextScheduledWipe,
  qrOfMessages,
  retentionExpiry,
  retentionText,
  runDataTasks,
  verifyAudit,
} from '../data';
import { redact } from '../privacy/redact';
import { getSetting, PassphraseProtector, readKeyFile, setSetting, storePaths, tableCounts, type KeyProtector, type Store } from '../store';
import { createChatService, type ChatService } from '../services/chat';
import { createKioskPin, verifyMirroredPin, type KioskPin } from '../services/kiosk-pin';
import { pinMirrorFile } from '../services/kiosk-pin-file';
import { createKnowledgeService, type KbOverride, type KnowledgeService } from '../services/knowledge';
import type { AuditSink, KeyValue } from '../services/ports';
import { botFacts, currentNotice, privacyFacts, publishNotice } from '../services/privacy';
import { createSettingsService, type SettingsService } from '../services/settings';
import type { BackendContext } from './context';
import { createRouter, type Handlers } from './router';
import { createStoreGate, gateChannels } from './store-gate';
import { securityHandlers } from './security-handlers';
import { createStoreSession } from './session';

export interface BackendOptions {
  dataDir: string;
  host: AppInfo['host'];
  /** The --kiosk command-line flag (forces kiosk mode). */
  kiosk?: boolean;
  version?: string;
  /** Device key protector (Electron safeStorage): the store opens at start, unattended. */
  protector?: KeyProtector;
  /** A passphrase known at start (CLI, preview host, tests): the store opens at start. */
  passphrase?: string;
  /** Path of the Electron build of the SQLite addon (npm start); Node's build otherwise. */
  nativeBinding?: string;
  /** How many network requests the host blocked (Electron webRequest, preview CSP reports). */
  networkBlockedCount?: () => number;
  /** Where exports go; defaults to ~/Downloads. Never inside the data folder (refused). */
  exportDir?: string;
  /** A knowledge base for this run only (not stored), e.g. `hushdesk chat --kb FILE`. */
  knowledgeBase?: KbOverride;
  now?: () => number;
}

export interface Backend {
  handle(channel: unknown, payload: unknown): Promise<Result<unknown>>;
  close(): Promise<void>;
}

const HOUR = 3_600_000;
/** Open failures no passphrase can fix: the person chooses between keeping the files and starting fresh. */
const UNRECOVERABLE_OPEN = new Set<string>(['corrupt', 'not_a_database', 'key_file_missing', 'key_file_invalid', 'future_schema', 'protector_unavailable']);

/** Services bound to one open store (rebuilt after "erase everything" starts afresh). */
interface OpenServices {
  store: Store;
  settings: SettingsService;
  pin: KioskPin;
  knowledge: KnowledgeService;
  chat: ChatService;
}

export async function createBackend(options: BackendOptions): Promise<Backend> {
  const now = options.now ?? Date.now;
  const dataDir = path.resolve(options.dataDir);
  const cacheDir = path.join(dataDir, 'cache');
  const exportDir = options.exportDir ?? defaultExportDir();
  const session = createStoreSession(dataDir, [cacheDir], options.nativeBinding);
  const networkBlockedCount = options.networkBlockedCount ?? (() => 0);
  let services: OpenServices | null = null;
  let pendingUnlockFailures = 0;
  /** A store that exists but could not be opened: kept as it is until the person decides. */
  let openError: AppError | null = null;
  let startAudited = false;
  let duties: NodeJS.Timeout | null = null;
  /** Chat turns vs wipes and scheduled duties (store-gate.ts). */
  const gate = createStoreGate();
  /** The staff PIN's hash outside the store: checked when a locked kiosk is to be erased. */
  const pinMirror = pinMirrorFile(dataDir);
  /** A kiosk while the store is locked: the flag, or what the mirror remembers of the setting. */
  const lockedKiosk = (): boolean => (options.kiosk ?? false) || (pinMirror.read()?.kiosk ?? false);

  const audit: AuditSink = (kind, detail = {}) => {
    if (session.isOpen()) appendAudit(session.require().db, kind, detail, now());
  };

  function kvOf(store: Store): KeyValue {
    return { get: (k) => getSetting(store.db, k), set: (k, v) => setSetting(store.db, k, v) };
  }

  function open(): OpenServices {
    // A store that exists but could not be opened says why (damaged, read-only...), not "locked".
    if (!session.isOpen() && openError) throw new AppFailure(openError.code, openError.message);
    const store = session.require();
    if (services && services.store === store) return services;
    const kv = kvOf(store);
    const pin = createKioskPin(kv, audit, now, pinMirror);
    const settings = createSettingsService(kv, pin, audit, options.kiosk ?? false);
    pin.syncMirror(settings.kiosk());
    settings.onChange((next, previous) => {
      pin.syncMirror(settings.kiosk());
      // A newly set wipe time starts counting from now (it must not look "missed" and fire at once);
      // a stricter retention policy also applies to what is already stored.
      const wipeTimeChanged = next.endOfDayWipeAt !== previous.endOfDayWipeAt;
      if (wipeTimeChanged) resetScheduleBaseline(store.db, now());
      if (wipeTimeChanged || JSON.stringify(next.retention) !== JSON.stringify(previous.retention)) {
        applyPolicyToExisting(store.db, next.retention, next.endOfDayWipeAt, now());
        void gate.exclusive(runDuties).catch(() => {});
      }
    });
    const knowledge = createKnowledgeService(() => session.require().db, cacheDir, audit, now, options.knowledgeBase);
    const chat = createChatService({
      db: () => session.require().db,
      dialogue: () => knowledge.dialogue(),
      redact: (text) => {
        const s = settings.get();
        return s.redactPii ? redact(text, { region: s.storeRegion, custom: s.customPiiPatterns }).text : text;
      },
      facts: ({ mode }) => {
        const s = settings.get();
        return botFacts({ counts: tableCounts(store.db), retention: s.retention, retentionText: retentionText(s.retention, s.endOfDayWipeAt), redactionEnabled: s.redactPii, conversationPolicy: s.conversationPolicy }, mode);
      },
      rules: {
        policy: () => settings.get().conversationPolicy,
        retentionKeepsAnything: () => settings.get().retention.kind !== 'none',
        expiresAt: (startedAt) => {
          const s = settings.get();
          return retentionExpiry(s.retention, startedAt, s.endOfDayWipeAt);
        },
        retentionText: () => {
          const s = settings.get();
          return retentionText(s.retention, s.endOfDayWipeAt);
        },
        noticeVersion: () => currentNotice(store).version,
        channel: () => (settings.kiosk() ? 'kiosk' : 'desktop'),
      },
      audit,
      now,
    });
    services = { store, settings, pin, knowledge, chat };
    return services;
  }

  /** Start-up duties, run as soon as the store opens and before any UI request is answered. */
  async function onOpened(): Promise<void> {
    const s = open();
    if (!startAudited) {
      audit('app_start', { host: options.host, kiosk: s.settings.kiosk() });
      startAudited = true;
    }
    if (pendingUnlockFailures > 0) audit('unlock_failed', { attempts: pendingUnlockFailures });
    pendingUnlockFailures = 0;
    audit('unlock_success', { protector: s.store.keyProtector.kind });
    await runDuties();
    // Train (or load from cache) the knowledge base's model now, so the first customer does not wait.
    s.knowledge.info();
  }

  /**
   * Finish an interrupted wipe, run a scheduled end-of-day wipe that is due or was missed, purge
   * expired conversations and old audit entries; then sleep until the next wipe or an hour.
   */
  async function runDuties(): Promise<void> {
    if (!session.isOpen()) return;
    const s = open();
    const report = await runDataTasks(s.store, { settings: s.settings.get(), now: now() });
    if (report.scheduledWipe || report.resumedWipe) s.chat.forget();
    if (duties) clearTimeout(duties);
    const untilWipe = report.nextWipeAt === null ? HOUR : Math.max(1_000, report.nextWipeAt - now());
    duties = setTimeout(() => void gate.exclusive(runDuties).catch(() => {}), Math.min(HOUR, untilWipe));
    duties.unref();
  }

  async function openWith(protector: KeyProtector): Promise<void> {
    try {
      await session.open(protector);
    } catch (e) {
      if (e instanceof AppFailure && e.error.code === 'wrong_key') pendingUnlockFailures++;
      else if (e instanceof AppFailure && UNRECOVERABLE_OPEN.has(e.error.code)) openError = e.error;
      throw e;
    }
    openError = null;
    await onOpened();
  }

  /** Opens at start; a store that cannot be opened leaves the backend up (locked, with the reason). */
  async function openAtStart(protector: KeyProtector): Promise<void> {
    try {
      await openWith(protector);
    } catch (e) {
      // A wrong passphrase given at start is the caller's mistake; anything else (a damaged file, a
      // keychain that no longer holds the key) is shown to the person, with the files untouched.
      if (!(e instanceof AppFailure) || (e.error.code === 'wrong_key' && protector.kind === 'passphrase')) throw e;
      openError = e.error.code === 'wrong_key' ? { code: 'protector_unavailable', message: `The system keychain no longer opens this store (${e.error.message}).` } : e.error;
    }
  }

  // A store whose owner chose a passphrase stays locked until it is typed, even where a device
  // keychain exists; otherwise the device key (kiosks, unattended start) or a given passphrase opens it.
  const protectedBy = readKeyFile(storePaths(dataDir).key)?.protector.kind ?? null;
  if (options.passphrase) await openAtStart(new PassphraseProtector(options.passphrase));
  else if (options.protector && protectedBy !== 'passphrase') await openAtStart(options.protector);

  const ctx: BackendContext = {
    dataDir,
    session,
    now,
    audit,
    settings: () => open().settings,
    pin: () => open().pin,
    staffGuard(pin) {
      const s = open();
      if (!s.settings.kiosk()) return;
      if (pin !== undefined) return s.pin.unlock(pin);
      if (!s.pin.isUnlocked()) throw new AppFailure('forbidden', 'This needs the staff PIN.');
    },
    forgetConversations: (id) => services?.chat.forget(id),
    exportDir,
    cacheDir,
    async closeStoreFor(fn) {
      services?.chat.forget();
      services = null;
      const reopenWith = session.protector();
      session.close();
      const result = await fn();
      // Back to a first start: a device-keyed app (kiosk) comes straight back with a fresh, empty
      // store; a passphrase store waits for a new passphrase (the unlock screen offers to choose one).
      if (reopenWith && reopenWith.kind === 'device') await openWith(reopenWith);
      return result;
    },
    async reopen() {
      const p = session.protector();
      if (!p) throw new AppFailure('store_locked', 'The store is locked.');
      services = null;
      await session.open(p);
    },
    networkBlockedCount,
  };

  const facts = () => {
    const s = open();
    const settings = s.settings.get();
    return privacyFacts({
      store: s.store,
      settings,
      retentionText: (p) => retentionText(p, settings.endOfDayWipeAt),
      nextScheduledWipe: () => nextScheduledWipe(settings.endOfDayWipeAt, null, now(), s.store.db),
      lastWipe: () => lastWipe(s.store.db),
      verifyAudit: () => verifyAudit(s.store.db),
      networkBlocked: networkBlockedCount,
    });
  };

  const locale = (l: Locale | undefined): Locale => l ?? (session.isOpen() ? open().settings.get().locale : 'en');

  const data = dataHandlers(ctx, { appVersion: options.version ?? '0.1.0' });
  const security = securityHandlers({
    dataDir,
    session,
    now,
    audit,
    store: () => open().store,
    staffGuard: () => ctx.staffGuard(),
    openWith,
    openError: () => openError,
    clearOpenError: () => {
      openError = null;
    },
    ...(options.protector ? { deviceProtector: options.protector } : {}),
    ...(options.passphrase ? { startPassphrase: options.passphrase } : {}),
    networkBlockedCount,
  });
  const handlers: Handlers = {
    'app.info': () => ({
      name: 'Hushdesk',
      version: options.version ?? '0.1.0',
      kiosk: session.isOpen() ? open().settings.kiosk() : lockedKiosk(),
      locale: locale(undefined),
      platform: process.platform,
      host: options.host,
    }),
    ...security,

    'chat.start': (req) => {
      const s = open();
      // A kiosk reaches customers only after staff set it up: without a PIN, the first person to
      // walk up could set one and become staff.
      if (s.settings.kiosk() && !s.pin.status(true).pinSet) throw new AppFailure('conflict', 'This kiosk is not set up yet: a member of staff must set the staff PIN first.');
      return s.chat.start(locale(req?.locale));
    },
    'chat.consent': ({ conversationId, choice }) => open().chat.consent(conversationId, choice),
    'chat.send': ({ conversationId, text }) => open().chat.send(conversationId, text),
    'chat.end': ({ conversationId }) => {
      open().chat.end(conversationId);
      return { ended: true as const };
    },
    'chat.withdrawConsent': ({ conversationId }) => ({ deleted: open().chat.withdraw(conversationId) }),

    ...data,
    'wipe.run': async (req) => {
      // A locked kiosk (passphrase not typed yet) is erased only with the staff PIN, checked against
      // its mirror: the store that holds the PIN cannot be read at that point.
      if (req.scope.kind === 'all' && !session.isOpen() && lockedKiosk()) verifyMirroredPin(pinMirror, req.pin, now());
      const r = await data['wipe.run'](req);
      if (req.scope.kind === 'all') pinMirror.remove();
      return r;
    },
    // A customer who chose "Don't save" can still take their chat with them: the QR code is made
    // from memory, and nothing about it is written.
    'export.qr': async (req) => {
      const unsaved = open().chat.unsavedTranscript(req.conversationId);
      return unsaved ? qrOfMessages(unsaved.startedAt, unsaved.messages) : data['export.qr'](req);
    },

    'privacy.facts': () => {
      const f = facts();
      audit('data_viewed', { view: 'privacy_facts' });
      return f;
    },
    'privacy.setNotice': ({ text }) => {
      const s = open();
      ctx.staffGuard();
      const version = publishNotice(s.store, text, now());
      audit('notice_changed', { version });
      return { version };
    },

    'settings.get': () => open().settings.get(),
    'settings.set': ({ patch, pin }) => open().settings.set(patch, pin),

    'kb.info': () => open().knowledge.info(),
    'kb.try': ({ text, previous }) => open().knowledge.tryPhrase(text, previous),
    'kb.import': ({ fileName, content }) => {
      const s = open();
      ctx.staffGuard();
      return s.knowledge.import(fileName, content);
    },
    'kb.resetDefault': () => {
      const s = open();
      ctx.staffGuard();
      return s.knowledge.resetDefault();
    },

    'kiosk.status': () => {
      const s = open();
      return s.pin.status(s.settings.kiosk());
    },
    'kiosk.setPin': ({ pin, currentPin }) => {
      const s = open();
      s.pin.setPin(pin, currentPin);
      s.pin.syncMirror(s.settings.kiosk());
      return s.pin.status(s.settings.kiosk());
    },
    'kiosk.unlock': ({ pin }) => {
      const s = open();
      s.pin.unlock(pin);
      return s.pin.status(s.settings.kiosk());
    },
    'kiosk.lock': () => {
      const s = open();
      s.pin.lock();
      return s.pin.status(s.settings.kiosk());
    },
  };

  const dispatch = createRouter(gateChannels(handlers, gate));
  return {
    handle: dispatch,
    close: async () => {
      if (duties) clearTimeout(duties);
      services?.chat.forget();
      services = null;
      session.close();
    },
  };
}

