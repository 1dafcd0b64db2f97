/**
 * `security.*`: the store's lock state, unlocking with a passphrase, changing or switching the key
 * protector (passphrase <-> device keychain: a rewrap, never a rewrite), and starting fresh when a
 * store cannot be opened (its files are moved aside, never deleted).
 */
import { existsSync } from 'node:fs';
import type { SecurityStatus } from '../../../shared/domain';
import { AppFailure } from '../../../shared/result';
import { changeKeyProtector, PassphraseProtector, setAsideStore, storePaths } from '../../store';
import type { BackendContext } from '../context';
import type { Handlers } from '../router';

export type SecurityChannels =
  | 'security.status'
  | 'security.unlock'
  | 'security.changePassphrase'
  | 'security.startFresh'
  | 'security.usePassphrase'
  | 'security.useDevice';

export function securityStatusOf(ctx: BackendContext): SecurityStatus {
  const paths = storePaths(ctx.dataDir);
  const error = ctx.openError();
  return {
    unlocked: ctx.session.isOpen(),
    openError: error ? { code: error.code, message: error.message } : null,
    storeExists: existsSync(paths.db) || existsSync(paths.key),
    keyProtector: ctx.session.isOpen() ? ctx.session.require().keyProtector : null,
    cipher: 'sqlcipher',
    networkRequestsBlocked: ctx.networkBlockedCount(),
    deviceKeyAvailable: ctx.hostInfo.deviceProtector !== undefined,
  };
}

export function securityHandlers(ctx: BackendContext): Pick<Handlers, SecurityChannels> {
  const status = () => securityStatusOf(ctx);
  const { deviceProtector, startPassphrase } = ctx.hostInfo;
  return {
    'security.status': status,
    'security.unlock': async ({ passphrase }) => {
      if (!ctx.session.isOpen()) await ctx.openWith(new PassphraseProtector(passphrase));
      return status();
    },
    'security.changePassphrase': async ({ current, next }) => {
      const store = ctx.services().store;
      ctx.staffGuard();
      await changeKeyProtector(store, new PassphraseProtector(current), new PassphraseProtector(next));
      ctx.audit('passphrase_changed', {});
      return status();
    },
    'security.startFresh': async () => {
      if (ctx.session.isOpen() || !ctx.openError()) throw new AppFailure('conflict', 'The store opened normally; there is nothing to set aside.');
      // Nothing is deleted: the damaged files move into a set-aside folder for recovery.
      const { folder } = setAsideStore(ctx.dataDir, { move: true, now: ctx.now() });
      ctx.clearOpenError();
      if (startPassphrase) await ctx.openWith(new PassphraseProtector(startPassphrase));
      else if (deviceProtector) await ctx.openWith(deviceProtector);
      ctx.audit('store_set_aside', { reason: 'unopenable' });
      return { ...status(), setAside: folder };
    },
    'security.usePassphrase': async ({ passphrase }) => {
      const store = ctx.services().store;
      ctx.staffGuard();
      const current = ctx.session.protector();
      if (!current) throw new AppFailure('store_locked', 'The store is locked.');
      if (current.kind === 'passphrase') throw new AppFailure('conflict', 'A passphrase already protects the store; change it instead.');
      const next = new PassphraseProtector(passphrase);
      await changeKeyProtector(store, current, next);
      ctx.session.adopt(next);
      ctx.audit('protector_changed', { to: 'passphrase' });
      return status();
    },
    'security.useDevice': async ({ passphrase }) => {
      const store = ctx.services().store;
      ctx.staffGuard();
      if (!deviceProtector) throw new AppFailure('protector_unavailable', 'This host has no device keychain.');
      await changeKeyProtector(store, new PassphraseProtector(passphrase), deviceProtector);
      ctx.session.adopt(deviceProtector);
      ctx.audit('protector_changed', { to: 'device' });
      return status();
    },
  };
}
