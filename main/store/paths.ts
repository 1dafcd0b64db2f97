/**
 * Where the store's files live. One data folder holds the encrypted database, its SQLite side files
 * and the wrapped key; nothing else of the store is written anywhere else.
 */
import * as os from 'node:os';
import * as path from 'node:path';

export const DB_FILE = 'hushdesk.db';
export const KEY_FILE = 'hushdesk.key';
/** Electron's app name; its userData folder is where the app keeps the store. */
export const APP_NAME = 'Hushdesk';

export interface StorePaths {
  dataDir: string;
  db: string;
  wal: string;
  shm: string;
  journal: string;
  key: string;
}

export function storePaths(dataDir: string): StorePaths {
  const dir = path.resolve(dataDir);
  const db = path.join(dir, DB_FILE);
  return {
    dataDir: dir,
    db,
    wal: `${db}-wal`,
    shm: `${db}-shm`,
    journal: `${db}-journal`,
    key: path.join(dir, KEY_FILE),
  };
}

/**
 * The folder Electron's `app.getPath('userData')` gives for app name "Hushdesk", computed without
 * Electron so the CLI (plain Node) finds the same store the app uses.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') {
    const appData = env.APPDATA && env.APPDATA.length > 0 ? env.APPDATA : path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, APP_NAME);
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_NAME);
  const config = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.length > 0 ? env.XDG_CONFIG_HOME : path.posix.join(home, '.config');
  return path.posix.join(config, APP_NAME);
}
