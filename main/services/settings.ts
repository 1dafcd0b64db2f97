/**
 * App settings: defaults, persisted changes (in the encrypted store), and who may change them.
 * In kiosk mode every change needs an open staff session (PIN entered); leaving kiosk mode needs the
 * PIN itself, typed again. Every change is audited by key name (never by value when it is text).
 */
import type { z } from 'zod';
import type { settingsPatchSchema } from '../../shared/contract';
import type { Settings } from '../../shared/domain';
import { AppFailure, isAppFailure, type ErrorDetail } from '../../shared/result';
import { DEFAULT_SETTINGS, defaultSettingsFor, KIOSK_DEFAULTS } from '../../shared/settings-defaults';
import type { RuleProblem } from '../../shared/settings-rules';
import { createRedactor } from '../privacy/redact';
import type { KioskPin } from './kiosk-pin';
import type { AuditSink, KeyValue } from './ports';

export type SettingsPatch = z.output<typeof settingsPatchSchema>;

/** Where settings live in the store's settings table (one JSON object). */
export const SETTINGS_KEY = 'app.settings';

export { DEFAULT_SETTINGS, KIOSK_DEFAULTS };

/** Stored settings over the defaults (kiosk defaults when started with --kiosk and nothing is stored yet). */
export function mergeSettings(saved: Partial<Settings> | undefined, forcedKiosk = false): Settings {
  if (saved) return { ...defaultSettingsFor(false), ...saved };
  return defaultSettingsFor(forcedKiosk);
}

export interface SettingsService {
  get(): Settings;
  /** Effective kiosk mode: the persisted setting or the --kiosk command-line flag. */
  kiosk(): boolean;
  /** Async only for the staff PIN check in kiosk mode (hashed off the UI thread). */
  set(patch: SettingsPatch, pin?: string): Promise<Settings>;
  /** The shop logo, already checked and sanitised (main/branding/logo.ts), or null; the same staff rule as set(). */
  setLogo(logo: string | null, pin?: string): Promise<Settings>;
  onChange(listener: (next: Settings, previous: Settings) => void): void;
}

/**
 * `operator`: the passphrase holder at a terminal (the CLI), who needs no staff PIN in kiosk mode.
 * `exportFolderProblem`: why a chosen export folder cannot be used (not a folder, not writable,
 * inside the data folder), or null; the file system's answer, which the schema cannot give.
 */
export function createSettingsService(
  kv: KeyValue,
  pin: KioskPin,
  audit: AuditSink,
  forcedKiosk: boolean,
  operator = false,
  exportFolderProblem: (dir: string) => RuleProblem | null = () => null,
): SettingsService {
  const listeners: ((next: Settings, previous: Settings) => void)[] = [];
  // Read once and kept: this process is the store's only writer (EXCLUSIVE lock), and every chat
  // turn reads settings several times. Callers get a copy, so nobody edits the kept value.
  let cached: Settings | null = null;
  const get = (): Settings => structuredClone((cached ??= mergeSettings(kv.get<Partial<Settings>>(SETTINGS_KEY), forcedKiosk)));
  const kiosk = () => forcedKiosk || get().kiosk;

  return {
    get,
    kiosk,
    async set(patch, pinCode) {
      if (kiosk()) {
        if (patch.kiosk === false) {
          if (forcedKiosk) throw new AppFailure('conflict', 'This kiosk was started with --kiosk; restart without it to leave kiosk mode.');
          if (!operator) {
            if (pinCode === undefined) throw new AppFailure('forbidden', 'Leaving kiosk mode needs the staff PIN.');
            await pin.verify(pinCode);
          }
        } else if (!operator && !pin.isUnlocked()) {
          if (pinCode === undefined) throw new AppFailure('forbidden', 'Settings in kiosk mode need the staff PIN.');
          await pin.unlock(pinCode);
        }
      }
      // Read after the PIN check: another change may have landed while the PIN was being hashed.
      const previous = get();
      // A branding patch never carries the logo (branding.logo sets it from a checked file): keep it.
      const { branding, ...rest } = stripUndefined(patch);
      const next: Settings = { ...previous, ...rest, ...(branding ? { branding: { ...branding, logo: previous.branding.logo } } : {}) };
      // Refuse a region, country or pattern the redactor cannot use before it is saved (typed error naming it).
      if (patch.storeRegion !== undefined || patch.customPiiPatterns !== undefined || patch.shopCountries !== undefined) checkRedactorOptions(next);
      const folderProblem = patch.exportFolder ? exportFolderProblem(patch.exportFolder) : null;
      if (folderProblem) throw new AppFailure('invalid_input', `patch.exportFolder: ${folderProblem.message}`, { details: [{ path: 'patch.exportFolder', ...folderProblem }] });
      kv.set(SETTINGS_KEY, next);
      cached = null;
      const changed = (Object.keys(patch) as (keyof Settings)[]).filter((k) => JSON.stringify(previous[k]) !== JSON.stringify(next[k]));
      if (changed.length > 0) {
        audit('settings_changed', { keys: changed.join(',') });
        for (const l of listeners) l(next, previous);
      }
      return next;
    },
    async setLogo(logo, pinCode) {
      // The same staff rule as set() (a kiosk needs an open staff session or the PIN).
      if (kiosk() && !operator && !pin.isUnlocked()) {
        if (pinCode === undefined) throw new AppFailure('forbidden', 'Settings in kiosk mode need the staff PIN.');
        await pin.unlock(pinCode);
      }
      const previous = get();
      const next: Settings = { ...previous, branding: { ...previous.branding, logo } };
      kv.set(SETTINGS_KEY, next);
      cached = null;
      if (previous.branding.logo !== logo) {
        audit('settings_changed', { keys: 'branding.logo' });
        for (const l of listeners) l(next, previous);
      }
      return next;
    },
    onChange(listener) {
      listeners.push(listener);
    },
  };
}

/**
 * Builds the redactor these settings ask for (custom patterns are probed in a worker) and reports a
 * refusal at the settings field that caused it, as the schema's own errors are.
 */
function checkRedactorOptions(s: Settings): void {
  try {
    createRedactor({ region: s.storeRegion, custom: s.customPiiPatterns, countries: s.shopCountries });
  } catch (e) {
    if (!isAppFailure(e) || !e.error.details) throw e;
    const details = e.error.details.map((d) => fieldOf(d, s));
    throw new AppFailure(e.error.code, details[0] ? `${details[0].path}: ${details[0].message}` : e.error.message, { details });
  }
}

/**
 * The redactor names its options (region, countries, custom.<name>); the person filled in settings
 * fields. The detail keeps the redactor's rule code and values (the screen words it).
 */
function fieldOf(d: ErrorDetail, s: Settings): ErrorDetail {
  if (d.path === 'region') return { ...d, path: 'patch.storeRegion' };
  if (d.path === 'countries') {
    // The redactor's detail names the country it refused.
    const i = s.shopCountries.findIndex((c) => c.toUpperCase() === d.message.toUpperCase());
    return i >= 0 ? { ...d, path: `patch.shopCountries.${i}`, message: 'is not a country whose phone numbers Hushdesk knows' } : { ...d, path: 'patch.shopCountries' };
  }
  if (d.path.startsWith('custom.')) {
    const i = s.customPiiPatterns.findIndex((p) => p.name === d.path.slice('custom.'.length));
    return { ...d, path: i >= 0 ? `patch.customPiiPatterns.${i}.pattern` : 'patch.customPiiPatterns' };
  }
  return d;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
