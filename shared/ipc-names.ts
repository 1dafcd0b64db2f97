/** Names shared by the preload/bridge and the renderer, kept free of zod so the renderer bundle stays small. */

/** Name of the global the preload (Electron) or the preview bridge (browser) installs. */
export const API_GLOBAL = 'hushdesk';

/** Prefix of every IPC channel used with ipcMain.handle / ipcRenderer.invoke. */
export const IPC_PREFIX = 'hushdesk:';

/**
 * Set to true on window by the preview host's --pseudo-locale only (a browser test's scan): every
 * catalogue string then renders from the Spanish catalogue wrapped in ⟦…⟧, so text that did not
 * come from a catalogue stands out. Electron's preload never sets it.
 */
export const PSEUDO_LOCALE_GLOBAL = '__hushdeskPseudoLocale';
