/** `app.info`: name, version, mode and locale, answerable while the store is locked. */
import type { BackendContext } from '../context';
import type { Handlers } from '../router';

export type AppChannels = 'app.info' | 'app.progress';

export function appHandlers(ctx: BackendContext): Pick<Handlers, AppChannels> {
  return {
    // Answers at once, even while a wipe has the store in a worker (it reads no store).
    'app.progress': () => ({ jobs: ctx.progress.list() }),
    'app.info': () => ({
      name: 'Hushdesk',
      version: ctx.hostInfo.version,
      kiosk: ctx.session.isOpen() ? ctx.settings().kiosk() : ctx.lockedKiosk(),
      locale: ctx.locale(undefined),
      platform: process.platform,
      host: ctx.hostInfo.host,
      defaultExportDir: ctx.defaultExportDir,
    }),
  };
}
