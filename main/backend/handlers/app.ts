/** `app.info`: name, version, mode and locale, answerable while the store is locked. */
import type { BackendContext } from '../context';
import type { Handlers } from '../router';

export type AppChannels = 'app.info';

export function appHandlers(ctx: BackendContext): Pick<Handlers, AppChannels> {
  return {
    'app.info': () => ({
      name: 'Hushdesk',
      version: ctx.hostInfo.version,
      kiosk: ctx.session.isOpen() ? ctx.settings().kiosk() : ctx.lockedKiosk(),
      locale: ctx.locale(undefined),
      platform: process.platform,
      host: ctx.hostInfo.host,
    }),
  };
}
