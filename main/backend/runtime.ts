/**
 * The context factory: everything the handlers share, built one way for every host. It owns the
 * store's lifecycle (open at start with a device key or a given passphrase, else on unlock; closed
 * for "erase everything"), the services bound to the open store, the start-up and scheduled duties,
 * the audit sink, the content-free log and the store gate. createBackend() composes handlers over it;
 * tests build the same context (createBackendContext) and call a domain's handlers directly.
 */
import path from 'node:path';
import { asLocale, type AppInfo, type Locale } from '../../shared/domain';
import { AppFailure, type AppError } from '../../shared/result';
import {
  appendAudit,
  applyPolicyToExisting,
  defaultExportDir,
  exportFolderProblem,
  lastWipe,
  nextScheduledWipe,
  readDutyStatus,
  recordDutyFailure,
  recordDutySuccess,
  resetScheduleBaseline,
  retentionExpiry,
  retentionText,
  runDataTasks,
  verifyAudit,
  wipeScheduleOf,
} from '../data';
import { dateLocale } from '../../shared/date-locale';
import { isoDate, openingSentence } from '../../shared/opening-hours';
import { createFileLogger, type Logger } from '../logging/log';
import { createAppRedactor } from '../privacy/app-redactor';
import { createChatService } from '../services/chat';
import { createKioskPin } from '../services/kiosk-pin';
import { pinMirrorFile } from '../services/kiosk-pin-file';
import { createKnowledgeService, type KbOverride } from '../services/knowledge';
import { createMissTracker } from '../knowledge/miss-capture';
import { createMissInbox } from '../knowledge/misses';
import { createKbEditorService } from '../knowledge/service';
import type { AuditSink, KeyValue } from '../services/ports';
import type { TurnContext } from '../engine';
import { botFacts, currentNotice, maskingOf, missedQuestionKeeping, privacyFacts } from '../services/privacy';
import { createSettingsService } from '../services/settings';
import { getSetting, PassphraseProtector, readKeyFile, setSetting, storePaths, tableCounts, type KeyProtector, type Store } from '../store';
import type { BackendContext, OpenServices } from './context';
import { createDutyScheduler } from './duties';
import { createStoreSession } from './session';
import { createProgressBoard } from './progress';
import { createStoreGate } from './store-gate';

export interface BackendOptions {
  dataDir: string;
  host: AppInfo['host'];
  /** The --kiosk command-line flag (forces kiosk mode). */
  kiosk?: boolean;
  /**
   * The person at the controls typed the store's passphrase in a terminal (the `hushdesk` CLI): they
   * can read and erase everything anyway, so staff-only actions ask them for no staff PIN.
   */
  operator?: boolean;
  version?: string;
  /** Train or load the knowledge base's model at unlock (default); a CLI command that never chats skips it. */
  warmUp?: boolean;
  /**
   * Run the start-up and scheduled duties (default). An inspection from a terminal (`doctor`,
   * `stats`, `audit`, `report`) turns them off: it reports the store as the app left it, a failed
   * wipe included, and leaves the wipes and purges to the app.
   */
  duties?: boolean;
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
  /** The content-free log; defaults to files under <dataDir>/logs. */
  log?: Logger;
  /** First retry delay of a failed scheduled duty (doubles each time, at most an hour). */
  dutyRetryBaseMs?: number;
  /** Sees every SQL statement the store runs (tests; never keys: see ConnectOptions.trace). */
  sqlTrace?: (sql: string) => void;
}

/** Open failures no passphrase can fix: the person chooses between keeping the files and starting fresh. */
const UNRECOVERABLE_OPEN = new Set<string>(['corrupt', 'not_a_database', 'key_file_missing', 'key_file_invalid', 'future_schema', 'protector_unavailable']);

/** A string record computed on first read (a Proxy: reading any key computes the whole record once). */
function lazyRecord(compute: () => Record<string, string>): Record<string, string> {
  let value: Record<string, string> | null = null;
  const get = (): Record<string, string> => (value ??= compute());
  return new Proxy({} as Record<string, string>, {
    get: (_t, key) => (typeof key === 'string' ? get()[key] : undefined),
    has: (_t, key) => typeof key === 'string' && key in get(),
    ownKeys: () => Reflect.ownKeys(get()),
    getOwnPropertyDescriptor: (_t, key) => (typeof key === 'string' && key in get() ? { value: get()[key], enumerable: true, configurable: true } : undefined),
  });
}

/** `extra`'s keys, each computed when read, over `base` (so a fact one answer needs costs only that answer). */
function withFacts(extra: Record<string, () => string>, base: Record<string, string>): Record<string, string> {
  const own = (key: string | symbol): key is string => typeof key === 'string' && Object.hasOwn(extra, key);
  // An empty target, not `base`: the engine checks a trap's answer against its target's own
  // properties, which would compute the whole lazy record on every read.
  return new Proxy({} as Record<string, string>, {
    get: (_t, key) => (own(key) ? extra[key]?.() : typeof key === 'string' ? base[key] : undefined),
    has: (_t, key) => own(key) || (typeof key === 'string' && key in base),
  });
}

export interface BackendRuntime {
  ctx: BackendContext;
  close(): Promise<void>;
}

export async function createBackendContext(options: BackendOptions): Promise<BackendRuntime> {
  const now = options.now ?? Date.now;
  const dataDir = path.resolve(options.dataDir);
  const cacheDir = path.join(dataDir, 'cache');
  /** The host's export folder (Electron: Downloads; the preview host: --export-dir); a folder chosen in settings wins. */
  const hostExportDir = options.exportDir ?? defaultExportDir();
  const exportDir = (): string => (session.isOpen() ? open().settings.get().exportFolder : null) ?? hostExportDir;
  const log = options.log ?? createFileLogger(dataDir, { now });
  const session = createStoreSession(dataDir, [cacheDir], options.nativeBinding, options.sqlTrace);
  const networkBlockedCount = options.networkBlockedCount ?? (() => 0);
  /** Refused requests already in the audit log: the log gets the new ones hourly and at close (counts, never URLs). */
  let blockedAudited = 0;
  const auditBlocked = (): void => {
    const n = networkBlockedCount();
    if (n > blockedAudited && session.isOpen()) {
      audit('network_blocked', { requests: n - blockedAudited });
      blockedAudited = n;
    }
  };
  const gate = createStoreGate();
  const progress = createProgressBoard(now);
  /** The staff PIN's hash outside the store: checked when a locked kiosk is to be erased. */
  const pinMirror = pinMirrorFile(dataDir);
  let services: OpenServices | null = null;
  let pendingUnlockFailures = 0;
  /** A store that exists but could not be opened: kept as it is until the person decides. */
  let openError: AppError | null = null;
  let startAudited = false;

  // What the CLI's operator does is recorded as done from the terminal.
  const audit: AuditSink = (kind, detail = {}) => {
    if (session.isOpen()) appendAudit(session.require().db, kind, options.operator ? { ...detail, via: 'cli' } : detail, now());
  };

  function kvOf(store: Store): KeyValue {
    return { get: (k) => getSetting(store.db, k), set: (k, v) => setSetting(store.db, k, v) };
  }

  const duties = createDutyScheduler({
    ready: () => session.isOpen(),
    async run() {
      const s = open();
      const report = await runDataTasks(s.store, { settings: s.settings.get(), now: now() });
      if (report.scheduledWipe || report.resumedWipe) s.chat.forget();
      s.misses.prune();
      auditBlocked();
      return { nextWipeAt: report.nextWipeAt };
    },
    gate,
    log,
    now,
    recordSuccess: (at) => recordDutySuccess(session.require().db, at),
    recordFailure(failure) {
      const db = session.require().db;
      appendAudit(db, 'duty_failed', { duty: failure.duty, code: failure.code }, failure.at);
      return recordDutyFailure(db, failure);
    },
    ...(options.dutyRetryBaseMs !== undefined ? { retryBaseMs: options.dutyRetryBaseMs } : {}),
  });

  function open(): OpenServices {
    // A store that exists but could not be opened says why (damaged, read-only...), not "locked".
    if (!session.isOpen() && openError) throw new AppFailure(openError.code, openError.message);
    const store = session.require();
    if (services && services.store === store) return services;
    // The editor's worker of the previous store (its models) ends with it.
    void services?.kbEditor.close();
    const kv = kvOf(store);
    const pin = createKioskPin(kv, audit, now, pinMirror);
    const settings = createSettingsService(kv, pin, audit, options.kiosk ?? false, options.operator ?? false, (dir) => exportFolderProblem(dir, { dataDir }));
    pin.syncMirror(settings.kiosk());
    settings.onChange((next, previous) => {
      pin.syncMirror(settings.kiosk());
      // A newly set wipe time starts counting from now (it must not look "missed" and fire at once);
      // a stricter retention policy also applies to what is already stored.
      // "After closing" follows the opening hours: a change to either is a new wipe time too.
      const wipeTimeChanged = JSON.stringify(wipeScheduleOf(next)) !== JSON.stringify(wipeScheduleOf(previous));
      if (wipeTimeChanged) resetScheduleBaseline(store.db, now());
      if (wipeTimeChanged || JSON.stringify(next.retention) !== JSON.stringify(previous.retention)) {
        applyPolicyToExisting(store.db, next.retention, wipeScheduleOf(next), now());
        if (options.duties !== false) duties.runSoon();
      }
    });
    const knowledge = createKnowledgeService(() => session.require().db, cacheDir, audit, now, options.knowledgeBase);
    // A missed question is ranked by the model of the language it was asked in (its suggestions too).
    const rank = (text: string, language: string) => knowledge.tryPhrase(text, undefined, language).ranking;
    const misses = createMissInbox({ db: () => session.require().db, now, rank });
    // One redactor for the store under the owner's settings and the knowledge base in use, rebuilt
    // only when either changes.
    const redactor = createAppRedactor(() => settings.get(), () => knowledge.knowledgeBase());
    // Missed questions are always masked with every detector (even where the owner turned masking,
    // or one detector, off for transcripts): they outlive their conversation, detached from it.
    const missTracker = createMissTracker(() => ({
      capture(text, reason, language) {
        try {
          const masked = redactor.redactAll(text);
          misses.capture(masked, reason, rank(masked, language).slice(0, 3).map((r) => r.intent), language);
        } catch (e) {
          // The learning loop must never cost a customer their answer.
          log.error('misses.capture', e);
        }
      },
    }));
    // The shop's local calendar day (relative dates) and its region and countries (phone numbers).
    const turnContext = (): TurnContext => {
      const s = settings.get();
      return { today: isoDate(new Date(now())), region: s.storeRegion, regions: s.shopCountries };
    };
    const kbEditor = createKbEditorService({ db: () => session.require().db, knowledge, misses, cacheDir, audit, now, turnContext });
    const chat = createChatService({
      db: () => session.require().db,
      dialogue: () => knowledge.dialogue(),
      redact: (text) => (settings.get().redactPii ? redactor.redact(text) : text),
      redactCounted: (text) => (settings.get().redactPii ? redactor.redactCounted(text) : { text, counts: {} }),
      // Computed only when an answer uses a fact (the privacy intents): a turn that does not pays
      // no query for it.
      // In the language the customer is answered in (a Spanish answer gets Spanish facts).
      facts: ({ mode, language }) =>
        withFacts(
          {
            // The hours answer's live status (shared/opening-hours.ts); no query, only settings and the clock.
            openNow: () => {
              const s = settings.get();
              const locale = asLocale(language) ?? 'en';
              const sentence = openingSentence(s.openingHours, now(), locale, dateLocale(locale, s.storeRegion));
              return sentence ? ` ${sentence}` : '';
            },
          },
          lazyRecord(() => {
            const s = settings.get();
            const locale = asLocale(language) ?? 'en';
            return botFacts({ counts: tableCounts(store.db), retention: s.retention, retentionText: retentionText(s.retention, wipeScheduleOf(s), locale, dateLocale(locale, s.storeRegion)), masking: maskingOf(s), conversationPolicy: s.conversationPolicy, missedQuestionKeeping: missedQuestionKeeping(store) }, mode, locale);
          }),
        ),
      turnContext,
      rules: {
        policy: () => settings.get().conversationPolicy,
        retentionKeepsAnything: () => settings.get().retention.kind !== 'none',
        expiresAt: (startedAt) => {
          const s = settings.get();
          return retentionExpiry(s.retention, startedAt, wipeScheduleOf(s));
        },
        retentionText: (language) => {
          const s = settings.get();
          const locale = asLocale(language) ?? 'en';
          return retentionText(s.retention, wipeScheduleOf(s), locale, dateLocale(locale, s.storeRegion));
        },
        noticeVersion: () => currentNotice(store).version,
        channel: () => (settings.kiosk() ? 'kiosk' : 'desktop'),
      },
      audit,
      now,
      misses: missTracker,
    });
    services = { store, settings, pin, knowledge, chat, misses, kbEditor };
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
    if (options.duties !== false) await duties.runNow();
    // Train (or load from cache) the knowledge base's model now, off this thread, so the first
    // customer does not wait and the UI never freezes.
    if (options.warmUp !== false) await s.knowledge.warm();
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

  const ctx: BackendContext = {
    hostInfo: {
      host: options.host,
      version: options.version ?? '0.1.0',
      kioskFlag: options.kiosk ?? false,
      operator: options.operator ?? false,
      ...(options.protector ? { deviceProtector: options.protector } : {}),
      ...(options.passphrase ? { startPassphrase: options.passphrase } : {}),
    },
    dataDir,
    session,
    now,
    audit,
    log,
    gate,
    progress,
    services: open,
    settings: () => open().settings,
    pin: () => open().pin,
    staffGuard() {
      const s = open();
      if (!s.settings.kiosk() || options.operator) return;
      if (!s.pin.isUnlocked()) throw new AppFailure('forbidden', 'This needs the staff PIN.');
    },
    async staffGuardWithPin(pin) {
      const s = open();
      if (!s.settings.kiosk() || options.operator) return;
      if (pin !== undefined) return s.pin.unlock(pin);
      if (!s.pin.isUnlocked()) throw new AppFailure('forbidden', 'This needs the staff PIN.');
    },
    forgetConversations: (id) => services?.chat.forget(id),
    exportDir,
    defaultExportDir: hostExportDir,
    cacheDir,
    async closeStoreFor(fn) {
      services?.chat.forget();
      await services?.kbEditor.close();
      services = null;
      const reopenWith = session.protector();
      session.close();
      const result = await fn();
      // Back to a first start: a device-keyed app (kiosk) comes straight back with a fresh, empty
      // store; a passphrase store waits for a new passphrase (the unlock screen offers to choose one).
      if (reopenWith && reopenWith.kind === 'device') await openWith(reopenWith);
      return result;
    },
    openWith,
    openError: () => openError,
    clearOpenError: () => {
      openError = null;
    },
    pinMirror,
    lockedKiosk: () => (options.kiosk ?? false) || (pinMirror.read()?.kiosk ?? false),
    locale: (l: Locale | undefined): Locale => l ?? (session.isOpen() ? open().settings.get().locale : 'en'),
    facts() {
      const s = open();
      const settings = s.settings.get();
      return privacyFacts({
        store: s.store,
        settings,
        exportDir: exportDir(),
        retentionText: (p) => retentionText(p, wipeScheduleOf(settings)),
        nextScheduledWipe: () => nextScheduledWipe(wipeScheduleOf(settings), null, now(), s.store.db),
        lastWipe: () => lastWipe(s.store.db),
        dutyStatus: () => readDutyStatus(s.store.db),
        verifyAudit: () => verifyAudit(s.store.db),
        networkBlocked: networkBlockedCount,
      });
    },
    networkBlockedCount,
  };

  // A store whose owner chose a passphrase stays locked until it is typed, even where a device
  // keychain exists; otherwise the device key (kiosks, unattended start) or a given passphrase opens it.
  // A key file that cannot be read (not JSON, malformed, a folder, from a newer app) is shown like
  // any store that cannot be opened: the backend stays up, locked, with the reason (it used to throw
  // here, so the app never came up to say why).
  let protectedBy: string | null = null;
  let keyFileReadable = true;
  try {
    protectedBy = readKeyFile(storePaths(dataDir).key)?.protector.kind ?? null;
  } catch (e) {
    if (!(e instanceof AppFailure)) throw e;
    openError = e.error;
    keyFileReadable = false;
  }
  if (!keyFileReadable) {
    // Nothing to open with: every channel answers with openError until the files are set aside.
  } else if (options.passphrase) await openAtStart(new PassphraseProtector(options.passphrase));
  else if (options.protector && protectedBy !== 'passphrase') await openAtStart(options.protector);

  return {
    ctx,
    close: async () => {
      duties.stop();
      // A wipe or purge that is running finishes before the store closes under it.
      await gate.exclusive(() => undefined);
      auditBlocked();
      services?.chat.forget();
      await services?.kbEditor.close();
      services = null;
      session.close();
    },
  };
}
