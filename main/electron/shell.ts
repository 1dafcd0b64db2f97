/**
 * The Electron shell's start-up sequence, with every Electron module passed in (index.ts passes the
 * real ones, tests a recorded fake). Order matters and is the point of this file:
 *   before ready: single-instance lock -> privacy switches -> sandbox -> app:// scheme -> security hooks
 *   on ready:     default session hardened -> app:// served -> backend -> IPC -> window
 */
import path from 'node:path';
import type { Backend, BackendOptions } from '../backend';
import { DeviceProtector, type SafeStorageLike } from '../store/keys/device';
import type { KeyProtector } from '../store/keys/protector';
import { createBlockCounter, type BlockCounter } from './block-counter';
import { enableIpc, type IpcMainLike } from './ipc';
import { enableAppProtocol, registerAppScheme, type ProtocolLike, type SchemeRegistrar } from './protocol';
import { enableSecurity, hardenSession, type SecurityApp, type SessionLike, type WebContentsLike } from './security';
import { createMainWindow, focusWindow, type BrowserWindowLike, type MenuLike, type WindowDeps } from './window';

/**
 * Chromium switches set before ready. host-resolver-rules makes every DNS lookup fail (zero
 * network, layer 2: even a request that slipped past webRequest resolves nothing). The others stop
 * Chromium's own background traffic (component updates, domain reliability reports, hyperlink
 * auditing pings) and keep WebRTC off non-proxied UDP.
 */
export const PRIVACY_SWITCHES: ReadonlyArray<readonly [string, string?]> = [
  ['host-resolver-rules', 'MAP * ~NOTFOUND'],
  ['disable-background-networking'],
  ['disable-component-update'],
  ['disable-domain-reliability'],
  ['no-pings'],
  ['force-webrtc-ip-handling-policy', 'disable_non_proxied_udp'],
];

export interface ShellApp extends SecurityApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  enableSandbox(): void;
  whenReady(): Promise<void>;
  getPath(name: 'userData' | 'downloads'): string;
  getAppPath(): string;
  getVersion(): string;
  readonly isPackaged: boolean;
  commandLine: { appendSwitch(the_switch: string, value?: string): void };
  on(event: 'second-instance', listener: () => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'will-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'session-created', listener: (session: SessionLike) => void): unknown;
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): unknown;
  on(event: 'render-process-gone', listener: (event: unknown, contents: unknown, details: { reason: string; exitCode: number }) => void): unknown;
  on(event: 'child-process-gone', listener: (event: unknown, details: { type: string; reason: string; exitCode: number }) => void): unknown;
}

/** The Node process, for its last-chance error events (the real `process` in index.ts). */
export interface ProcessEvents {
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown;
}

export interface ShellElectron<W extends BrowserWindowLike, M extends MenuLike> {
  app: ShellApp;
  protocol: SchemeRegistrar & ProtocolLike;
  session: { readonly defaultSession: SessionLike };
  ipcMain: IpcMainLike;
  BrowserWindow: WindowDeps<W, M>['BrowserWindow'];
  Menu: WindowDeps<W, M>['Menu'];
  safeStorage: SafeStorageLike;
  dialog: { showErrorBox(title: string, content: string): void };
}

export interface ShellOptions {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  createBackend(options: BackendOptions): Promise<Backend>;
  /** Where uncaught errors are caught and logged (content-free), instead of vanishing. */
  process?: ProcessEvents;
}

export interface ShellHandle<W> {
  backend: Backend;
  window: W;
  kiosk: boolean;
  counter: BlockCounter;
}

/**
 * Crashed renderers, GPU or utility processes and uncaught errors go to the content-free log
 * (reason and exit code; an error's class, code and stack frames, never its message).
 */
function watchForCrashes(app: ShellApp, proc: ProcessEvents | undefined, backend: Backend): void {
  app.on('render-process-gone', (_e, _contents, details) => backend.log.event('electron.render_process_gone', { reason: details.reason, exitCode: details.exitCode }));
  app.on('child-process-gone', (_e, details) => backend.log.event('electron.child_process_gone', { type: details.type, reason: details.reason, exitCode: details.exitCode }));
  proc?.on('uncaughtException', (error) => backend.log.error('process.uncaught_exception', error));
  proc?.on('unhandledRejection', (error) => backend.log.error('process.unhandled_rejection', error));
}

/** `--kiosk` on the command line (npm start -- --kiosk, or a kiosk shortcut). */
export function kioskFromArgv(argv: readonly string[]): boolean {
  return argv.includes('--kiosk');
}

/** The persisted kiosk setting; false when the store is not readable yet (passphrase not entered). */
async function persistedKiosk(backend: Backend): Promise<boolean> {
  const r = await backend.handle('settings.get', undefined);
  if (!r.ok || typeof r.value !== 'object' || r.value === null) return false;
  return (r.value as { kiosk?: unknown }).kiosk === true;
}

/** What the shell hands to createBackend (exported so the test can check it field by field). */
export type ShellBackendOptions = BackendOptions & { protector: KeyProtector; nativeBinding: string | undefined };

function backendOptions(
  app: ShellApp,
  safeStorage: SafeStorageLike,
  options: ShellOptions,
  kiosk: boolean,
  counter: BlockCounter,
): ShellBackendOptions {
  return {
    dataDir: app.getPath('userData'),
    // Exports are for the person to take away: the Downloads folder, outside the app's data.
    exportDir: app.getPath('downloads'),
    host: 'electron',
    kiosk,
    version: app.getVersion(),
    networkBlockedCount: counter.count,
    // The data key is wrapped by the OS keychain (Keychain, DPAPI, libsecret/kwallet) via safeStorage.
    protector: new DeviceProtector(safeStorage, options.platform),
    // Set by scripts/start-electron.mjs: the better-sqlite3 build made for Electron's ABI, kept
    // beside the Node build so `npm test` and `npm start` never overwrite each other's binary.
    // Ignored when packaged: an environment variable naming a .node file to load would undo the
    // fuses that switch off NODE_OPTIONS (the packaged app carries its own rebuilt module).
    nativeBinding: app.isPackaged ? undefined : options.env.HUSHDESK_NATIVE_BINDING || undefined,
  };
}

/**
 * Starts the shell. Resolves to null in a second instance (which quits and lets the first one
 * come forward) or when start-up failed (an error box was shown and the app quits).
 */
export async function startShell<W extends BrowserWindowLike, M extends MenuLike>(
  electron: ShellElectron<W, M>,
  options: ShellOptions,
): Promise<ShellHandle<W> | null> {
  const { app } = electron;

  // One process owns the encrypted store; a second one would fight it for the file lock.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }

  for (const [name, value] of PRIVACY_SWITCHES) {
    if (value === undefined) app.commandLine.appendSwitch(name);
    else app.commandLine.appendSwitch(name, value);
  }
  // Every renderer sandboxed, whatever a window's options say.
  app.enableSandbox();
  registerAppScheme(electron.protocol);

  const development = !app.isPackaged;
  const argvKiosk = kioskFromArgv(options.argv);
  const counter = createBlockCounter();
  enableSecurity(app, { development, counter });

  let window: W | null = null;
  let backend: Backend | null = null;
  let closed = false;
  app.on('second-instance', () => focusWindow(window));
  // Closing the window ends the app on every platform: nothing keeps running in the background.
  app.on('window-all-closed', () => app.quit());
  // Close the store cleanly (WAL checkpoint, key material dropped) before the process ends.
  app.on('will-quit', (event) => {
    if (closed || backend === null) return;
    event.preventDefault();
    closed = true;
    const current = backend;
    void current
      .close()
      // Quitting goes on whatever happens; a store that would not close cleanly leaves a trace.
      .catch((e: unknown) => current.log.error('electron.backend_close_failed', e))
      .finally(() => app.quit());
  });

  await app.whenReady();
  hardenSession(electron.session.defaultSession, { development, counter });
  const appPath = app.getAppPath();
  enableAppProtocol(electron.protocol, path.join(appPath, 'dist', 'renderer'));

  try {
    backend = await options.createBackend(backendOptions(app, electron.safeStorage, options, argvKiosk, counter));
  } catch (e) {
    // Only the first line: a stack can carry paths. Nothing is sent anywhere.
    const message = e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e);
    electron.dialog.showErrorBox('Hushdesk could not start', message);
    app.quit();
    return null;
  }
  enableIpc(electron.ipcMain, backend);
  watchForCrashes(app, options.process, backend);

  const kiosk = argvKiosk || (await persistedKiosk(backend));
  window = createMainWindow(
    { BrowserWindow: electron.BrowserWindow, Menu: electron.Menu, platform: options.platform, log: backend.log },
    { preloadPath: path.join(appPath, 'dist', 'main', 'main', 'preload', 'index.js'), kiosk, development },
  );
  return { backend, window, kiosk, counter };
}
