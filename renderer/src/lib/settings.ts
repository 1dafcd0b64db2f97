/** Settings helpers: the patch type and the defaults used when the backend has none to give yet. */
import type { Requests } from '../../../shared/contract';
import type { AppInfo, Settings } from '../../../shared/domain';
import { defaultSettingsFor } from '../../../shared/settings-defaults';

export type SettingsPatch = Requests['settings.set']['patch'];

/** The backend's own defaults (one shared list), in the language and mode the app started in. */
export function defaultSettings(info: AppInfo): Settings {
  return { ...defaultSettingsFor(info.kiosk), locale: info.locale, kiosk: info.kiosk };
}

/** The "Still there?" countdown: 15 s normally, a third of the timeout when the timeout is short. */
export function idleCountdownSeconds(timeoutSeconds: number): number {
  return timeoutSeconds >= 45 ? 15 : Math.max(3, Math.round(timeoutSeconds / 3));
}

/** `?idle=N` shortens the kiosk idle timeout (tests, demos). Read only in kiosk mode. */
export function idleOverrideFromUrl(search: string): number | null {
  const raw = new URLSearchParams(search).get('idle');
  if (raw === null || !/^\d{1,4}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 && n <= 3600 ? n : null;
}
