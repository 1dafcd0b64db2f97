/**
 * The settings' defaults, one place for the backend (what a fresh store uses) and the renderer (what
 * it shows before the backend has answered), so the two can never disagree.
 */
import type { Settings } from './domain';
import { EMPTY_OPENING_HOURS } from './opening-hours';

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  locale: 'en',
  kiosk: false,
  idleTimeoutSeconds: 90,
  largeText: false,
  highContrast: false,
  conversationPolicy: 'ask',
  redactPii: true,
  retention: { kind: 'days', days: 30 },
  endOfDayWipeAt: null,
  openingHours: EMPTY_OPENING_HOURS,
  wipeAfterClosing: false,
  readAloud: false,
  storeRegion: 'US',
  customPiiPatterns: [],
  exportRecipients: [],
  exportFolder: null,
  piiOff: [],
  shopCountries: [],
  neverNames: [],
  branding: { shopName: '', accent: null, logo: null, welcome: { en: { title: '', text: '' }, es: { title: '', text: '' } } },
  touchKeyboard: 'auto',
};

/** Kiosks start with the stricter defaults: nothing kept past the day, redaction on, wipe at 22:00. */
export const KIOSK_DEFAULTS: Readonly<Partial<Settings>> = {
  kiosk: true,
  retention: { kind: 'end_of_day' },
  endOfDayWipeAt: '22:00',
  redactPii: true,
};

/** Defaults for a fresh store: the kiosk ones over the general ones when the app runs as a kiosk. */
export function defaultSettingsFor(kiosk: boolean): Settings {
  // A copy: callers may keep and change what they get without touching the defaults.
  return structuredClone(kiosk ? { ...DEFAULT_SETTINGS, ...KIOSK_DEFAULTS } : DEFAULT_SETTINGS);
}
