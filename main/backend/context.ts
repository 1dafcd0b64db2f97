/**
 * What every service's handlers get: the store session, the clock, the audit sink, settings and the
 * staff guard. Built once by createBackend(); services never reach for globals.
 */
import type { StoreSession } from './session';
import type { AuditSink, Clock } from '../services/ports';
import type { SettingsService } from '../services/settings';
import type { KioskPin } from '../services/kiosk-pin';

export interface BackendContext {
  readonly dataDir: string;
  readonly session: StoreSession;
  readonly now: Clock;
  /** Appends to the hash-chained audit log of the open store (never message content). */
  readonly audit: AuditSink;
  /** Settings of the open store (throws store_locked while locked). */
  settings(): SettingsService;
  pin(): KioskPin;
  /** In kiosk mode, staff-only actions need an open staff session or the PIN; elsewhere a no-op. */
  staffGuard(pin?: string): void;
  /** Drops in-memory chat state (one conversation, or all) after a delete or wipe. */
  forgetConversations(conversationId?: string): void;
  /** Where exports are written (a user-visible folder). */
  readonly exportDir: string;
  /** Derived, rebuildable caches (trained model); erased by "erase everything". */
  readonly cacheDir: string;
  /** Closes the store, runs fn (which may delete its files), and leaves it closed; the next unlock starts fresh. */
  closeStoreFor<T>(fn: () => Promise<T> | T): Promise<T>;
  /** Reopens the store with the protector it was last opened with (after an end-of-day wipe rotated its key). */
  reopen(): Promise<void>;
  networkBlockedCount(): number;
}
