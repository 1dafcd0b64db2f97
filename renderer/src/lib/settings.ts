/** Settings helpers: the patch type and the defaults used when the backend has none to give yet. */
import type { Requests } from '../../../shared/contract';
import type { AppInfo, Settings } from '../../../shared/domain';

export type SettingsPatch = Requests['settings.set']['patch'];

export function defaultSettings(info: AppInfo): Settings {
  return {
    locale: info.locale,
    kiosk: info.kiosk,
    idleTimeoutSeconds: 90,
    largeText: false,
    highContrast: false,
    conversationPolicy: 'ask',
    redactPii: info.kiosk,
    retention: { kind: 'end_of_day' },
    endOfDayWipeAt: null,
    storeRegion: 'US',
    customPiiPatterns: [],
    exportRecipients: [],
  };
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
