/** `kiosk.*`: the staff PIN (set, unlock a staff session, lock) and its status. */
import type { BackendContext } from '../context';
import type { Handlers } from '../router';

export type KioskChannels = 'kiosk.status' | 'kiosk.setPin' | 'kiosk.unlock' | 'kiosk.lock';

export function kioskHandlers(ctx: BackendContext): Pick<Handlers, KioskChannels> {
  const status = () => {
    const s = ctx.services();
    return s.pin.status(s.settings.kiosk());
  };
  return {
    'kiosk.status': status,
    'kiosk.setPin': async ({ pin, currentPin }) => {
      const s = ctx.services();
      await s.pin.setPin(pin, currentPin);
      s.pin.syncMirror(s.settings.kiosk());
      return status();
    },
    'kiosk.unlock': async ({ pin }) => {
      await ctx.services().pin.unlock(pin);
      return status();
    },
    'kiosk.lock': () => {
      ctx.services().pin.lock();
      return status();
    },
  };
}
