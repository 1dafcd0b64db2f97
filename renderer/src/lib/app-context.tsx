/**
 * What every page may need from the shell: app facts, the current settings and a way to change
 * them, whether we are a kiosk, and the shell's own actions (reset the chat, restart after a wipe).
 */
import { createContext, useContext } from 'react';
import type { AppInfo, Settings } from '../../../shared/domain';
import type { Result } from '../../../shared/result';
import type { SettingsPatch } from './settings';

export interface AppContextValue {
  info: AppInfo;
  settings: Settings;
  kiosk: boolean;
  updateSettings: (patch: SettingsPatch, pin?: string) => Promise<Result<Settings>>;
  /** Settings a channel other than settings.set changed (branding.logo) and returned. */
  settingsChanged: (next: Settings) => void;
  /** The conversation on screen is gone (wiped, deleted): start a fresh one. */
  resetChat: () => void;
  /** Run the start-up sequence again (unlock / create); 'erased': the next screen says everything was erased. */
  reboot: (after?: 'erased') => void;
  /** A conversation was deleted from settings: if it is the one on screen, start a fresh one. */
  conversationDeleted: (conversationId: string) => void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const v = useContext(AppContext);
  if (!v) throw new Error('useApp outside AppContext');
  return v;
}
