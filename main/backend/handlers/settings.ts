/** `settings.*`: read and change the settings of the open store (main/services/settings.ts). */
import type { BackendContext } from '../context';
import type { Handlers } from '../router';

export type SettingsChannels = 'settings.get' | 'settings.set';

export function settingsHandlers(ctx: BackendContext): Pick<Handlers, SettingsChannels> {
  return {
    'settings.get': () => ctx.settings().get(),
    'settings.set': ({ patch, pin }) => ctx.settings().set(patch, pin),
  };
}
