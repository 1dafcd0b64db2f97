/**
 * A small recorded fake of the Electron calls the shell makes. It records every call (in order, so
 * tests can check what happened before `ready`), keeps the handlers the code under test installs,
 * and lets a test trigger the events Electron would emit. It mimics the Electron rules that matter
 * for ordering: registerSchemesAsPrivileged only before ready, protocol.handle only after, one
 * ipcMain handler per channel, and `web-contents-created` emitted when a BrowserWindow is built.
 */
import type { BrowserWindowLike, KeyInput, MenuLike } from '../../main/electron/window';
import type { InvokeEventLike } from '../../main/electron/ipc';
import type { PreventableEvent } from '../../main/electron/security';
import type { ShellElectron } from '../../main/electron/shell';

type Listener = (...args: never[]) => unknown;

export interface Call {
  target: string;
  method: string;
  args: unknown[];
}

export class Recorder {
  readonly calls: Call[] = [];
  record(target: string, method: string, args: unknown[]): void {
    this.calls.push({ target, method, args });
  }
  of(target: string, method?: string): Call[] {
    return this.calls.filter((c) => c.target === target && (method === undefined || c.method === method));
  }
  /** Position of the first matching call, or -1. */
  indexOf(target: string, method: string): number {
    return this.calls.findIndex((c) => c.target === target && c.method === method);
  }
}

export class FakeEvent implements PreventableEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

class Emitter {
  protected readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    const list = this.listeners.get(event) ?? [];
    list.push(listener);
    this.listeners.set(event, list);
    return this;
  }
  once(event: string, listener: Listener): this {
    const wrapped = ((...args: never[]) => {
      this.off(event, wrapped);
      return listener(...args);
    }) as Listener;
    return this.on(event, wrapped);
  }
  off(event: string, listener: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== listener));
    return this;
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of [...(this.listeners.get(event) ?? [])]) (l as (...a: unknown[]) => unknown)(...args);
  }
}

type PermissionRequestHandler = (wc: unknown, permission: string, callback: (granted: boolean) => void) => void;
type BeforeRequestListener = (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void;

export class FakeSession extends Emitter {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: ((wc: unknown, permission: string) => boolean) | null = null;
  devicePermissionHandler: ((details: unknown) => boolean) | null = null;
  beforeRequest: BeforeRequestListener | null = null;
  readonly webRequest = {
    onBeforeRequest: (listener: BeforeRequestListener): void => {
      this.recorder.record('session.webRequest', 'onBeforeRequest', [listener]);
      this.beforeRequest = listener; // like Electron: one listener per event, the last one wins
    },
  };
  constructor(private readonly recorder: Recorder) {
    super();
  }
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.recorder.record('session', 'setPermissionRequestHandler', [handler]);
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: (wc: unknown, permission: string) => boolean): void {
    this.recorder.record('session', 'setPermissionCheckHandler', [handler]);
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void {
    this.recorder.record('session', 'setDevicePermissionHandler', [handler]);
    this.devicePermissionHandler = handler;
  }

  /** What Electron does when a page asks for a permission: Electron grants it if no handler is set. */
  requestPermission(permission: string): Promise<boolean> {
    const handler = this.permissionRequestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(null, permission, resolve));
  }
  checkPermission(permission: string): boolean {
    return this.permissionCheckHandler ? this.permissionCheckHandler(null, permission) : true;
  }
  /** Runs a request through webRequest; no listener means the request goes out. */
  request(url: string): { cancel: boolean } {
    let response: { cancel?: boolean } | undefined;
    if (!this.beforeRequest) return { cancel: false };
    this.beforeRequest({ url }, (r) => {
      response = r;
    });
    if (response === undefined) throw new Error('onBeforeRequest listener did not answer synchronously');
    return { cancel: response.cancel === true };
  }
  download(): FakeEvent {
    const e = new FakeEvent();
    this.emit('will-download', e);
    return e;
  }
}

export class FakeWebContents extends Emitter {
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' | 'allow' }) | null = null;
  zoomLimits: [number, number] | null = null;
  webRtcPolicy: string | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  setVisualZoomLevelLimits(min: number, max: number): Promise<void> {
    this.zoomLimits = [min, max];
    return Promise.resolve();
  }
  setWebRTCIPHandlingPolicy(policy: string): void {
    this.webRtcPolicy = policy;
  }
  /** Emits will-navigate as Electron would; returns the event so tests see if it was prevented. */
  navigate(url: string, event: 'will-navigate' | 'will-redirect' = 'will-navigate'): FakeEvent {
    const e = new FakeEvent();
    this.emit(event, e, url);
    return e;
  }
  /** window.open: Electron allows it when no handler is set. */
  openWindow(url: string): 'deny' | 'allow' {
    return this.windowOpenHandler ? this.windowOpenHandler({ url }).action : 'allow';
  }
  attachWebview(): FakeEvent {
    const e = new FakeEvent();
    this.emit('will-attach-webview', e, {}, {});
    return e;
  }
  pressKey(input: Partial<KeyInput> & { key: string }): FakeEvent {
    const e = new FakeEvent();
    this.emit('before-input-event', e, { control: false, meta: false, alt: false, shift: false, ...input });
    return e;
  }
}

export interface FakeMenu extends MenuLike {
  readonly items: unknown[];
}

export interface FakeOptions {
  /** requestSingleInstanceLock's answer (false = another instance is running). */
  primaryInstance?: boolean;
  isPackaged?: boolean;
  /** Resolve whenReady at once (default) or wait for `makeReady()`. */
  autoReady?: boolean;
  appPath?: string;
  userData?: string;
  keyringBackend?: string;
}

export function createFakeElectron(options: FakeOptions = {}) {
  const recorder = new Recorder();
  let isReady = false;
  let resolveReady: () => void = () => {};
  const readyPromise = new Promise<void>((resolve) => {
    resolveReady = () => {
      isReady = true;
      recorder.record('app', 'ready', []);
      resolve();
    };
  });
  const switches = new Map<string, string | undefined>();
  const privilegedSchemes: unknown[] = [];
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const ipcHandlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  const windows: FakeBrowserWindow[] = [];
  const errorBoxes: Array<{ title: string; content: string }> = [];
  const state = { quitCalls: 0, applicationMenu: undefined as FakeMenu | null | undefined, sandboxEnabled: false };

  class FakeApp extends Emitter {
    readonly isPackaged = options.isPackaged ?? false;
    readonly commandLine = {
      appendSwitch: (name: string, value?: string): void => {
        recorder.record('app.commandLine', 'appendSwitch', value === undefined ? [name] : [name, value]);
        switches.set(name, value);
      },
    };
    requestSingleInstanceLock(): boolean {
      recorder.record('app', 'requestSingleInstanceLock', []);
      return options.primaryInstance ?? true;
    }
    quit(): void {
      recorder.record('app', 'quit', []);
      state.quitCalls += 1;
    }
    enableSandbox(): void {
      recorder.record('app', 'enableSandbox', []);
      if (isReady) throw new Error('app.enableSandbox() must be called before ready');
      state.sandboxEnabled = true;
    }
    whenReady(): Promise<void> {
      recorder.record('app', 'whenReady', []);
      if (options.autoReady ?? true) resolveReady();
      return readyPromise;
    }
    getPath(name: 'userData' | 'downloads'): string {
      return name === 'userData' ? (options.userData ?? '/fake/userData') : '/fake/downloads';
    }
    getAppPath(): string {
      return options.appPath ?? '/fake/app';
    }
    getVersion(): string {
      return '9.9.9';
    }
  }
  const app = new FakeApp();

  const protocol = {
    registerSchemesAsPrivileged(schemes: unknown[]): void {
      recorder.record('protocol', 'registerSchemesAsPrivileged', [schemes]);
      if (isReady) throw new Error('registerSchemesAsPrivileged must be called before ready');
      privilegedSchemes.push(...schemes);
    },
    handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
      recorder.record('protocol', 'handle', [scheme]);
      if (!isReady) throw new Error('protocol.handle can only be used after ready');
      protocolHandlers.set(scheme, handler);
    },
  };

  const defaultSession = new FakeSession(recorder);
  const session = { defaultSession };

  const ipcMain = {
    handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void {
      recorder.record('ipcMain', 'handle', [channel]);
      if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      ipcHandlers.set(channel, listener);
    },
    removeHandler(channel: string): void {
      recorder.record('ipcMain', 'removeHandler', [channel]);
      ipcHandlers.delete(channel);
    },
  };

  class FakeBrowserWindow extends Emitter implements BrowserWindowLike {
    readonly webContents = new FakeWebContents();
    loadedUrl: string | null = null;
    visible = false;
    minimized = false;
    focused = false;
    destroyed = false;
    constructor(readonly options: ConstructorParameters<ShellElectron<BrowserWindowLike, MenuLike>['BrowserWindow']>[0]) {
      super();
      recorder.record('BrowserWindow', 'constructor', [options]);
      if (!isReady) throw new Error('Cannot create BrowserWindow before app is ready');
      windows.push(this);
      app.emit('web-contents-created', new FakeEvent(), this.webContents);
    }
    show(): void {
      this.visible = true;
    }
    loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    isMinimized(): boolean {
      return this.minimized;
    }
    restore(): void {
      this.minimized = false;
    }
    focus(): void {
      this.focused = true;
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
  }

  const Menu = {
    setApplicationMenu(menu: FakeMenu | null): void {
      recorder.record('Menu', 'setApplicationMenu', [menu]);
      state.applicationMenu = menu;
    },
    buildFromTemplate(template: unknown[]): FakeMenu {
      return { items: template };
    },
  };

  const keyringBackend = options.keyringBackend ?? 'gnome_libsecret';
  // Reversible "encryption" standing in for the OS keychain; real wrapping is the store's own test.
  const safeStorage = {
    isAsyncEncryptionAvailable: (): Promise<boolean> => Promise.resolve(true),
    encryptStringAsync: (plain: string): Promise<Buffer> => Promise.resolve(Buffer.from(`os:${plain}`)),
    decryptStringAsync: (blob: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> =>
      Promise.resolve({ shouldReEncrypt: false, result: blob.toString().replace(/^os:/, '') }),
    getSelectedStorageBackend: (): string => keyringBackend,
  };

  const dialog = {
    showErrorBox(title: string, content: string): void {
      recorder.record('dialog', 'showErrorBox', [title, content]);
      errorBoxes.push({ title, content });
    },
  };

  const electron = { app, protocol, session, ipcMain, BrowserWindow: FakeBrowserWindow, Menu, safeStorage, dialog };

  return {
    electron,
    recorder,
    switches,
    privilegedSchemes,
    protocolHandlers,
    ipcHandlers,
    windows,
    errorBoxes,
    state,
    makeReady: () => resolveReady(),
    newSession: () => new FakeSession(recorder),
    /** Fetches a URL through the registered app:// handler, as Chromium would. */
    fetchApp: async (url: string, init?: RequestInit): Promise<Response> => {
      const handler = protocolHandlers.get(new URL(url).protocol.replace(/:$/, ''));
      if (!handler) throw new Error(`no protocol handler for ${url}`);
      return handler(new Request(url, init));
    },
    /** Calls an ipcMain handler the way ipcRenderer.invoke would, from the given frame. */
    invoke: async (channel: string, frame: InvokeEventLike['senderFrame'], ...args: unknown[]): Promise<unknown> => {
      const handler = ipcHandlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return handler({ senderFrame: frame }, ...args);
    },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/** A top frame of the app (what the real window's main frame looks like to ipcMain). */
export const APP_FRAME = { url: 'app://hushdesk/index.html', parent: null };
