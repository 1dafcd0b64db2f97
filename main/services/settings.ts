/**
 * App settings: defaults, persisted changes (in the encrypted store), and who may change them.
 * In kiosk mode every change needs an open staff session (PIN entered); leaving kiosk mode needs the
 * PIN itself, typed again. Every change is audited by key name (never by value when it is text).
 */
import type { z } from 'zod';
import type { settingsPatchSchema } from '../../shared/contract';
import type { Settings } from '../../shared/domain';
import { AppFailure } from '../../shared/result';
import { createRedactor } from '../privacy/redact';
import type { KioskPin } from './kiosk-pin';
import type { AuditSink, KeyValue } from './ports';

export type SettingsPatch = z.output<typeof settingsPatchSchema>;

/** Where settings live in the store's settings table (one JSON object). */
export const SETTINGS_KEY = 'app.settings';

export const DEFAULT_SETTINGS: Settings = {
  locale: 'en',
  kiosk: false,
  idleTimeoutSeconds: 90,
  largeText: false,
  highContrast: false,
  conversationPolicy: 'ask',
  redactPii: true,
  retention: { kind: 'days', days: 30 },
  endOfDayWipeAt: null,
  storeRegion: 'US',
  customPiiPatterns: [],
  exportRecipients: [],
};

/** Kiosks start with the stricter defaults: nothing kept past the day, redaction on, wipe at 22:00. */
export const KIOSK_DEFAULTS: Partial<Settings> = {
  kiosk: true,
  retention: { kind: 'end_of_day' },
  endOfDayWipeAt: '22:00',
  redactPii: true,
};

/** Stored settings over the defaults (kiosk defaults when started with --kiosk and nothing is stored yet). */
export function mergeSettings(saved: Partial<Settings> | undefined, forcedKiosk = false): Settings {
  if (saved) return { ...DEFAULT_SETTINGS, ...saved };
  return forcedKiosk ? { ...DEFAULT_SETTINGS, ...KIOSK_DEFAULTS } : { ...DEFAULT_SETTINGS };
}

export interface SettingsService {
  get(): Settings;
  /** Effective kiosk mode: the persisted setting or the --kiosk command-line flag. */
  kiosk(): boolean;
  set(patch: SettingsPatch, pin?: string): Settings;
  onChange(listener: (next: Settings, previous: Settings) => void): void;
}

export function createSettingsService(kv: KeyValue, pin: KioskPin, audit: AuditSink, forcedKiosk: boolean): SettingsService {
  const listeners: ((next: Settings, previous: Settings) => void)[] = [];
  const get = (): Settings => mergeSettings(kv.get<Partial<Settings>>(SETTINGS_KEY), forcedKiosk);
  const kiosk = () => forcedKiosk || get().kiosk;

  return {
    get,
    kiosk,
    set(patch, pinCode) {
      const previous = get();
      if (kiosk()) {
        if (patch.kiosk === false) {
          if (forcedKiosk) throw new AppFailure('conflict', 'This kiosk was started with --kiosk; restart without it to leave kiosk mode.');
          if (pinCode === undefined) throw new AppFailure('forbidden', 'Leaving kiosk mode needs the staff PIN.');
          pin.verify(pinCode);
        } else if (!pin.isUnlocked()) {
          if (pinCode === undefined) throw new AppFailure('forbidden', 'Settings in kiosk mode need the staff PIN.');
          pin.unlock(pinCode);
        }
      }
      const next: Settings = { ...previous, ...stripUndefined(patch) };
      // Refuse a region or pattern the redactor cannot use before it is saved (typed error naming it).
      if (patch.storeRegion !== undefined || patch.customPiiPatterns !== undefined) createRedactor({ region: next.storeRegion, custom: next.customPiiPatterns });
      kv.set(SETTINGS_KEY, next);
      const changed = (Object.keys(patch) as (keyof Settings)[]).filter((k) => JSON.stringify(previous[k]) !== JSON.stringify(next[k]));
      if (changed.length > 0) {
        audit('settings_changed', { keys: changed.join(',') });
        for (const l of listeners) l(next, previous);
      }
      return next;
    },
    onChange(listener) {
      listeners.push(listener);
    },
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
