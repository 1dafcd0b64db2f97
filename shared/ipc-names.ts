/** Names shared by the preload/bridge and the renderer, kept free of zod so the renderer bundle stays small. */

/** Name of the global the preload (Electron) or the preview bridge (browser) installs. */
export const API_GLOBAL = 'hushdesk';

/** Prefix of every IPC channel used with ipcMain.handle / ipcRenderer.invoke. */
export const IPC_PREFIX = 'hushdesk:';
