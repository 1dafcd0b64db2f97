/**
 * What every domain's handlers get: one context, built once by createBackendContext() (runtime.ts)
 * for the app, the preview host, the CLI and the tests alike. Handlers never reach for globals and
 * never build services themselves.
 */
import type { AppInfo, Locale, PrivacyFacts } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import type { Logger } from '../logging/log';
import type { KioskPin, PinMirror } from '../services/kiosk-pin';
import type { KnowledgeService } from '../services/knowledge';
import type { MissInbox } from '../knowledge/misses';
import type { KbEditorService } from '../knowledge/service';
import type { AuditSink, Clock } from '../services/ports';
import type { SettingsService } from '../services/settings';
import type { ChatService } from '../services/chat';
import type { KeyProtector, Store } from '../store';
import type { StoreSession } from './session';
import type { ProgressBoard } from './progress';
import type { StoreGate } from './store-gate';

/** Services bound to one open store (rebuilt after "erase everything" starts afresh). */
export interface OpenServices {
  store: Store;
  settings: SettingsService;
  pin: KioskPin;
  knowledge: KnowledgeService;
  chat: ChatService;
  /** Missed questions (the editor's inbox). */
  misses: MissInbox;
  /** The knowledge-base editor: drafts, publishing, versions, imports. */
  kbEditor: KbEditorService;
}

/** What the host said at start. */
export interface HostInfo {
  host: AppInfo['host'];
  version: string;
  /** The --kiosk command-line flag (forces kiosk mode). */
  kioskFlag: boolean;
  /** The device keychain protector, where the host has one. */
  deviceProtector?: KeyProtector;
  /** A passphrase the host was started with (preview, CLI, tests). */
  startPassphrase?: string;
  /** The person at a terminal (the `hushdesk` CLI): no staff PIN asked, actions audited as theirs. */
  operator: boolean;
}

export interface BackendContext {
  readonly hostInfo: HostInfo;
  readonly dataDir: string;
  readonly session: StoreSession;
  readonly now: Clock;
  /** Appends to the hash-chained audit log of the open store (never message content). */
  readonly audit: AuditSink;
  /** Content-free log under <data>/logs. */
  readonly log: Logger;
  /** Chat turns vs wipes and duties (store-gate.ts). */
  readonly gate: StoreGate;
  /** How far the export, wipe or retrain a person waits for has got (`app.progress`). */
  readonly progress: ProgressBoard;
  /** The services of the open store; throws the open error or `store_locked` while there is none. */
  services(): OpenServices;
  /** Settings of the open store (throws store_locked while locked). */
  settings(): SettingsService;
  pin(): KioskPin;
  /** In kiosk mode, staff-only actions need an open staff session; elsewhere a no-op. */
  staffGuard(): void;
  /** As staffGuard, but a PIN sent with the request opens the staff session (hashed off the UI thread). */
  staffGuardWithPin(pin: string | undefined): Promise<void>;
  /** Drops in-memory chat state (one conversation, or all) after a delete or wipe. */
  forgetConversations(conversationId?: string): void;
  /** Where exports, reports and knowledge-base files go now: the folder chosen in settings, else the host's default. */
  exportDir(): string;
  /** The host's export folder, used when no folder is chosen in settings. */
  readonly defaultExportDir: string;
  /** Derived, rebuildable caches (trained model); erased by "erase everything". */
  readonly cacheDir: string;
  /** Closes the store, runs fn (which may delete its files), and leaves it closed; the next unlock starts fresh. */
  closeStoreFor<T>(fn: () => Promise<T> | T): Promise<T>;
  /** Opens the store with a protector and runs the start-up duties. */
  openWith(protector: KeyProtector): Promise<void>;
  /** Why the store could not be opened, if it could not. */
  openError(): AppError | null;
  clearOpenError(): void;
  /** The staff PIN's hash outside the store (a locked kiosk is erased only with it). */
  readonly pinMirror: PinMirror;
  /** Kiosk mode while the store is locked: the flag, or what the PIN mirror remembers. */
  lockedKiosk(): boolean;
  /** The request's locale, else the settings', else English. */
  locale(requested?: Locale): Locale;
  /** The live privacy facts ("Your data", and the bot's privacy answers). */
  facts(): PrivacyFacts;
  networkBlockedCount(): number;
}
