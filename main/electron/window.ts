/**
 * The one application window. Options are computed by a pure function (tests assert them), and the
 * window is created through injected constructors (tests pass a recorded fake).
 */
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import { APP_INDEX_URL } from './origin';
import type { Logger } from '../logging/log';

export interface WindowConfig {
  /** Absolute path of the compiled preload (dist/main/main/preload/index.js). */
  preloadPath: string;
  kiosk: boolean;
  /** Unpackaged development run: DevTools allowed (never in kiosk mode). */
  development: boolean;
}

/** The fields of Electron's `Input` the shortcut filter reads. */
export interface KeyInput {
  key: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

export interface BrowserWindowLike {
  webContents: {
    on(event: 'before-input-event', listener: (event: { preventDefault(): void }, input: KeyInput) => void): unknown;
    setVisualZoomLevelLimits(minimumLevel: number, maximumLevel: number): Promise<void>;
    setWebRTCIPHandlingPolicy(policy: 'disable_non_proxied_udp'): void;
  };
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  loadURL(url: string): Promise<void>;
  isMinimized(): boolean;
  restore(): void;
  focus(): void;
  isDestroyed(): boolean;
}

export interface MenuLike {
  readonly items: unknown[];
}

export interface WindowDeps<W extends BrowserWindowLike, M extends MenuLike> {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W;
  Menu: {
    setApplicationMenu(menu: M | null): void;
    buildFromTemplate(template: MenuItemConstructorOptions[]): M;
  };
  platform: NodeJS.Platform;
  /** Where a failed window call is recorded (the content-free log; the shell passes backend.log). */
  log?: Pick<Logger, 'error'>;
}

export function windowOptions(config: WindowConfig): BrowserWindowConstructorOptions {
  const base: BrowserWindowConstructorOptions = {
    title: 'Hushdesk',
    width: 1100,
    height: 780,
    minWidth: 360,
    minHeight: 480,
    show: false, // shown on ready-to-show: no white flash, no half-drawn UI on a kiosk screen
    backgroundColor: '#ffffff',
    autoHideMenuBar: false,
    webPreferences: {
      preload: config.preloadPath,
      sandbox: true, // the renderer is an OS-sandboxed process with no Node
      contextIsolation: true, // page scripts cannot touch the preload's world
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false, // a dropped file must not replace the app page
      spellcheck: false, // Chromium downloads spellchecker dictionaries on Windows and Linux
      safeDialogs: true,
      enableWebSQL: false,
      devTools: config.development && !config.kiosk,
    },
  };
  if (!config.kiosk) return base;
  return {
    ...base,
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    closable: true, // staff can still quit through the OS; the customer shortcuts are swallowed
    minimizable: false,
    maximizable: false,
    resizable: false,
    movable: false,
  };
}

function isCommand(input: KeyInput): boolean {
  return input.control || input.meta;
}

/**
 * Keyboard shortcuts the page must not act on. DevTools shortcuts are refused outside development
 * (and always in kiosk). In kiosk mode, reload (would drop the screen state), zoom (would break the
 * layout for the next customer), print/save/open dialogs and close/quit are refused as well.
 */
export function shouldSwallowInput(input: KeyInput, config: Pick<WindowConfig, 'kiosk' | 'development'>): boolean {
  const key = input.key.toLowerCase();
  const devtools =
    key === 'f12' ||
    (isCommand(input) && input.shift && ['i', 'j', 'c'].includes(key)) ||
    (input.meta && input.alt && ['i', 'j', 'c'].includes(key));
  if (devtools) return config.kiosk || !config.development;
  if (!config.kiosk) return false;
  const reload = key === 'f5' || (isCommand(input) && key === 'r');
  const zoom = isCommand(input) && ['+', '=', '-', '_', '0'].includes(key);
  const close = (isCommand(input) && ['w', 'q'].includes(key)) || (input.alt && key === 'f4');
  const dialogs = isCommand(input) && ['p', 's', 'o', 'n', 'f', 'g'].includes(key);
  return reload || zoom || close || dialogs || key === 'f11';
}

/**
 * No application menu in kiosk mode (this also removes the menu's reload/devtools accelerators).
 * Otherwise a minimal one: Electron's default menu has a "Learn More" item that opens a website and
 * View > Reload / Toggle DevTools; ours has Edit (copy/paste need it on macOS) and Window only, plus
 * View in development.
 */
export function menuTemplate(config: Pick<WindowConfig, 'kiosk' | 'development'>, platform: NodeJS.Platform): MenuItemConstructorOptions[] | null {
  if (config.kiosk) return null;
  const template: MenuItemConstructorOptions[] = [];
  if (platform === 'darwin') template.push({ role: 'appMenu' });
  template.push({ role: 'editMenu' });
  if (config.development) template.push({ role: 'viewMenu' });
  template.push({ role: 'windowMenu' });
  return template;
}

export function createMainWindow<W extends BrowserWindowLike, M extends MenuLike>(deps: WindowDeps<W, M>, config: WindowConfig): W {
  const template = menuTemplate(config, deps.platform);
  deps.Menu.setApplicationMenu(template === null ? null : deps.Menu.buildFromTemplate(template));

  const win = new deps.BrowserWindow(windowOptions(config));
  // WebRTC is not covered by the CSP's connect-src nor by webRequest: no UDP outside a proxy (and
  // there is no proxy), so no STUN request can reveal the device's addresses.
  win.webContents.setWebRTCIPHandlingPolicy('disable_non_proxied_udp');
  win.webContents.on('before-input-event', (event, input) => {
    if (shouldSwallowInput(input, config)) event.preventDefault();
  });
  if (config.kiosk) {
    // Pinch-zoom on a touch screen is not a keyboard shortcut; lock it too.
    win.webContents.setVisualZoomLevelLimits(1, 1).catch((e: unknown) => deps.log?.error('electron.zoom_lock_failed', e));
  }
  win.once('ready-to-show', () => win.show());
  // A load failure shows Chromium's error page in the window; it is also logged (code only).
  win.loadURL(APP_INDEX_URL).catch((e: unknown) => deps.log?.error('electron.load_failed', e));
  return win;
}

/** Brings the existing window forward (second instance started, or dock icon clicked). */
export function focusWindow(win: BrowserWindowLike | null): void {
  if (win === null || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
