/**
 * The `security.*` channels: the store's lock state, unlocking with a passphrase, changing or
 * switching the key protector (passphrase <-> device keychain: a rewrap, never a rewrite), and
 * starting fresh when a store cannot be opened (its files are moved aside, never deleted).
 */
import { existsSync } from 'node:fs';
import type { SecurityStatus } from '../../shared/domain';
import { AppFailure, type AppError } from '../../shared/result';
import { changeKeyProtector, PassphraseProtector, setAsideStore, storePaths, type KeyProtector, type Store } from '../store';
import type { AuditSink, Clock } from '../services/ports';
import type { Handlers } from './router';
import type { StoreSession } from './session';

type SecurityChannels =
  | 'security.status'
  | 'security.unlock'
  | 'security.changePassphrase'
  | 'security.startFresh'
  | 'security.usePassphrase'
  | 'security.useDevice';

export interface SecurityDeps {
  dataDir: string;
  session: StoreSession;
  now: Clock;
  audit: AuditSink;
  /** The open store (throws store_locked). */
  store(): Store;
  /** Staff-only in kiosk mode. */
  staffGuard(): void;
  /** Opens the store with a protector and runs the start-up duties. */
  openWith(protector: KeyProtector): Promise<void>;
  /** Why the store could not be opened, if it could not. */
  openError(): AppError | null;
  clearOpenError(): void;
  /** The device keychain protector, where the host has one. */
  deviceProtector?: KeyProtector;
  /** A passphrase the host was started with (preview, CLI, tests). */
  startPassphrase?: string;
  networkBlockedCount(): number;
}

export function securityStatusOf(d: SecurityDeps): SecurityStatus {
  const paths = storePaths(d.dataDir);
  const error = d.openError();
  return {
    unlocked: d.session.isOpen(),
    openError: error ? { code: error.code, message: error.message } : null,
    storeExists: existsSync(paths.db) || existsSync(paths.key),
    keyProtector: d.session.isOpen() ? d.session.require().keyProtector : null,
    cipher: 'sqlcipher',
    networkRequestsBlocked: d.networkBlockedCount(),
    deviceKeyAvailable: d.deviceProtector !== undefined,
  };
}

export function securityHandlers(d: SecurityDeps): Pick<Handlers, SecurityChannels> {
  const status = () => securityStatusOf(d);
  return {
    'security.status': status,
    'security.unlock': async ({ passphrase }) => {
      if (!d.session.isOpen()) await d.openWith(new PassphraseProtector(passphrase));
      return status();
    },
    'security.changePassphrase': async ({ current, next }) => {
      const store = d.store();
      d.staffGuard();
      await changeKeyProtector(store, new PassphraseProtector(current), new PassphraseProtector(next));
      d.audit('passphrase_changed', {});
      return status();
    },
    'security.startFresh': async () => {
      if (d.session.isOpen() || !d.openError()) throw new AppFailure('conflict', 'The store opened normally; there is nothing to set aside.');
      // Nothing is deleted: the damaged files move into a set-aside folder for recovery.
      const { folder } = setAsideStore(d.dataDir, { move: true, now: d.now() });
      d.clearOpenError();
      if (d.startPassphrase) await d.openWith(new PassphraseProtector(d.startPassphrase));
      else if (d.deviceProtector) await d.openWith(d.deviceProtector);
      d.audit('store_set_aside', { reason: 'unopenable' });
      return { ...status(), setAside: folder };
    },
    'security.usePassphrase': async ({ passphrase }) => {
      const store = d.store();
      d.staffGuard();
      const current = d.session.protector();
      if (!current) throw new AppFailure('store_locked', 'The store is locked.');
      if (current.kind === 'passphrase') throw new AppFailure('conflict', 'A passphrase already protects the store; change it instead.');
      const next = new PassphraseProtector(passphrase);
      await changeKeyProtector(store, current, next);
      d.session.adopt(next);
      d.audit('protector_changed', { to: 'passphrase' });
      return status();
    },
    'security.useDevice': async ({ passphrase }) => {
      const store = d.store();
      d.staffGuard();
      if (!d.deviceProtector) throw new AppFailure('protector_unavailable', 'This host has no device keychain.');
      await changeKeyProtector(store, new PassphraseProtector(passphrase), d.deviceProtector);
      d.session.adopt(d.deviceProtector);
      d.audit('protector_changed', { to: 'device' });
      return status();
    },
  };
}
