/**
 * The missed-questions inbox's own settings (kept apart from the app's settings so the wipe can read
 * them without loading the engine): on/off, retention in days, and whether the end-of-day wipe keeps them.
 */
import type { MissSettings } from '../../shared/kb-editor';
import { deleteAllMisses, getSetting, setSetting, type Db } from '../store';

export const MISS_SETTINGS_KEY = 'misses.settings';
export const DEFAULT_MISS_SETTINGS: MissSettings = { enabled: true, retentionDays: 30, keepOnDayWipe: false };

export function missSettings(db: Db): MissSettings {
  const saved = getSetting<Partial<MissSettings>>(db, MISS_SETTINGS_KEY) ?? {};
  return { ...DEFAULT_MISS_SETTINGS, ...saved };
}

export function saveMissSettings(db: Db, patch: Partial<MissSettings>): MissSettings {
  const next = { ...missSettings(db), ...patch };
  setSetting(db, MISS_SETTINGS_KEY, next);
  return next;
}

/** The end-of-day wipe's part: missed questions go too unless the owner chose to keep them. */
export function wipeMissesForDay(db: Db): number {
  return missSettings(db).keepOnDayWipe ? 0 : deleteAllMisses(db);
}
