/** `settings.*`: read and change the settings of the open store (main/services/settings.ts). */
import type { BackendContext } from '../context';
import type { Handlers } from '../router';
import { logoDataUrl } from '../../branding/logo';

export type SettingsChannels = 'settings.get' | 'settings.set' | 'branding.logo';

export function settingsHandlers(ctx: BackendContext): Pick<Handlers, SettingsChannels> {
  return {
    'settings.get': () => ctx.settings().get(),
    'settings.set': ({ patch, pin }) => ctx.settings().set(patch, pin),
    // Checked and sanitised before anything is stored; a refusal says why (size, not a PNG, DTD…).
    'branding.logo': ({ file, pin }) => ctx.settings().setLogo(file ? logoDataUrl(file.fileName, Buffer.from(file.data, 'base64')) : null, pin),
  };
}
