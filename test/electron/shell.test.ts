import { EventEmitter } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend, type BackendOptions } from '../../main/backend';
import { kioskFromArgv, PRIVACY_SWITCHES, startShell, type ProcessEvents, type ShellBackendOptions } from '../../main/electron/shell';
import { NO_LOG } from '../../main/logging/log';
import { DeviceProtector } from '../../main/store/keys/device';
import type { Result } from '../../shared/result';
import { APP_FRAME, createFakeElectron, type FakeOptions } from './fake-electron';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'hushdesk-shell-'));
  dirs.push(d);
  return d;
}

interface Run {
  fake: ReturnType<typeof createFakeElectron>;
  seenOptions: ShellBackendOptions[];
  closed: string[];
  start: () => ReturnType<typeof startShell<InstanceType<ReturnType<typeof createFakeElectron>['electron']['BrowserWindow']>, { items: unknown[] }>>;
}

/** A shell wired to the fake Electron and the real backend (in a temp data dir). */
function setup(
  fakeOptions: FakeOptions = {},
  shell: { argv?: string[]; env?: Record<string, string>; backend?: (o: BackendOptions) => Promise<Backend> } = {},
): Run {
  const fake = createFakeElectron({ userData: tempDir(), ...fakeOptions });
  const seenOptions: ShellBackendOptions[] = [];
  const closed: string[] = [];
  const start = () =>
    startShell(fake.electron, {
      argv: shell.argv ?? ['/usr/bin/electron', '/app'],
      env: shell.env ?? {},
      platform: 'linux',
      createBackend: async (o) => {
        seenOptions.push(o as ShellBackendOptions);
        const b = await (shell.backend ?? createBackend)(o);
        return {
          handle: (c, p) => b.handle(c, p),
          log: b.log,
          close: async () => {
            closed.push('closed');
            await b.close();
          },
        };
      },
    });
  return { fake, seenOptions, closed, start };
}

describe('single instance', () => {
  it('a second instance quits before doing anything else', async () => {
    const { fake, seenOptions, start } = setup({ primaryInstance: false });
    expect(await start()).toBeNull();
    expect(fake.state.quitCalls).toBe(1);
    expect(fake.recorder.calls.map((c) => `${c.target}.${c.method}`)).toEqual(['app.requestSingleInstanceLock', 'app.quit']);
    expect(seenOptions).toEqual([]);
    expect(fake.windows).toEqual([]);
  });

  it('the first instance comes forward when a second one starts', async () => {
    const { fake, start } = setup();
    const handle = await start();
    const win = handle!.window;
    win.minimized = true;
    fake.electron.app.emit('second-instance', {}, ['electron', '.'], '/');
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(true);
    expect(win.visible).toBe(true);
    await handle!.backend.close();
  });
});

describe('before ready', () => {
  it('appends the privacy switches, enables the sandbox, registers app:// and installs security hooks', async () => {
    const { fake, start } = setup({ autoReady: false });
    const started = start();
    await Promise.resolve();
    expect(fake.switches.get('host-resolver-rules')).toBe('MAP * ~NOTFOUND');
    for (const [name, value] of PRIVACY_SWITCHES) expect(fake.switches.get(name)).toBe(value);
    expect(fake.switches.has('disable-background-networking')).toBe(true);
    expect(fake.state.sandboxEnabled).toBe(true);
    expect(fake.privilegedSchemes).toHaveLength(1);
    expect(fake.electron.app.listenerCount('session-created')).toBe(1);
    expect(fake.electron.app.listenerCount('web-contents-created')).toBe(1);
    // Nothing that needs `ready` has happened yet.
    expect(fake.protocolHandlers.size).toBe(0);
    expect(fake.ipcHandlers.size).toBe(0);
    expect(fake.windows).toHaveLength(0);

    fake.makeReady();
    const handle = await started;
    expect(handle).not.toBeNull();
    const order = (t: string, m: string) => fake.recorder.indexOf(t, m);
    expect(order('app.commandLine', 'appendSwitch')).toBeLessThan(order('app', 'ready'));
    expect(order('protocol', 'registerSchemesAsPrivileged')).toBeLessThan(order('app', 'ready'));
    expect(order('app', 'ready')).toBeLessThan(order('protocol', 'handle'));
    expect(order('session', 'setPermissionRequestHandler')).toBeLessThan(order('BrowserWindow', 'constructor'));
    expect(order('ipcMain', 'handle')).toBeLessThan(order('BrowserWindow', 'constructor'));
    await handle!.backend.close();
  });
});

describe('on ready', () => {
  it('creates the backend with the userData dir, the device protector and the blocked-request count', async () => {
    const { fake, seenOptions, start } = setup();
    const handle = await start();
    expect(seenOptions).toHaveLength(1);
    const o = seenOptions[0]!;
    expect(o).toMatchObject({ dataDir: fake.electron.app.getPath('userData'), host: 'electron', kiosk: false, version: '9.9.9', nativeBinding: undefined });
    expect(o.protector).toBeInstanceOf(DeviceProtector);
    const session = await o.protector.create();
    expect(session.info()).toMatchObject({ kind: 'device', backend: 'gnome_libsecret', protectedByOs: true });

    // The count the backend reads is the one the default session's webRequest keeps.
    expect(o.networkBlockedCount?.()).toBe(0);
    expect(fake.electron.session.defaultSession.request('https://example.com/')).toEqual({ cancel: true });
    expect(fake.electron.session.defaultSession.request('app://hushdesk/index.html')).toEqual({ cancel: false });
    expect(o.networkBlockedCount?.()).toBe(1);
    expect(await fake.electron.session.defaultSession.requestPermission('media')).toBe(false);
    await handle!.backend.close();
  });

  it('passes HUSHDESK_NATIVE_BINDING in development and ignores it when packaged', async () => {
    const dev = setup({}, { env: { HUSHDESK_NATIVE_BINDING: '/x/native/electron/better_sqlite3.node' }, backend: fakeBackend() });
    await dev.start();
    expect(dev.seenOptions[0]!.nativeBinding).toBe('/x/native/electron/better_sqlite3.node');
    const packaged = setup({ isPackaged: true }, { env: { HUSHDESK_NATIVE_BINDING: '/tmp/evil.node' }, backend: fakeBackend() });
    await packaged.start();
    expect(packaged.seenOptions[0]!.nativeBinding).toBeUndefined();
  });

  it('serves the renderer from <appPath>/dist/renderer and opens one hardened window on the app page', async () => {
    const { fake, start } = setup({ appPath: '/opt/hushdesk/resources/app.asar' });
    const handle = await start();
    expect([...fake.protocolHandlers.keys()]).toEqual(['app']);
    expect(fake.windows).toHaveLength(1);
    const win = fake.windows[0]!;
    expect(win.loadedUrl).toBe('app://hushdesk/index.html');
    expect(win.options.webPreferences).toMatchObject({
      preload: path.join('/opt/hushdesk/resources/app.asar', 'dist', 'main', 'main', 'preload', 'index.js'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      devTools: true, // unpackaged = development
    });
    // The window's webContents went through web-contents-created, so it is hardened.
    expect(win.webContents.navigate('https://example.com/').defaultPrevented).toBe(true);
    expect(win.webContents.openWindow('https://example.com/')).toBe('deny');
    expect(handle!.kiosk).toBe(false);
    expect(fake.state.applicationMenu).not.toBeNull();
    await handle!.backend.close();
  });

  it('packaged: DevTools off', async () => {
    const { fake, start } = setup({ isPackaged: true }, { backend: fakeBackend() });
    await start();
    expect(fake.windows[0]!.options.webPreferences?.devTools).toBe(false);
  });

  it('wires IPC to the real backend: the app page gets answers, others get forbidden', async () => {
    const { fake, start } = setup();
    const handle = await start();
    const info = (await fake.invoke('hushdesk:app.info', APP_FRAME, undefined)) as Result<{ host: string; kiosk: boolean }>;
    expect(info).toMatchObject({ ok: true, value: { host: 'electron', kiosk: false } });
    const bad = (await fake.invoke('hushdesk:chat.send', APP_FRAME, { text: 42 })) as Result<unknown>;
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const foreign = (await fake.invoke('hushdesk:app.info', { url: 'https://example.com/', parent: null }, undefined)) as Result<unknown>;
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await handle!.backend.close();
  });
});

describe('kiosk', () => {
  it('--kiosk on the command line: kiosk window, no menu', async () => {
    const { fake, seenOptions, start } = setup({}, { argv: ['electron', '/app', '--kiosk'] });
    const handle = await start();
    expect(handle!.kiosk).toBe(true);
    expect(seenOptions[0]!.kiosk).toBe(true);
    expect(fake.state.applicationMenu).toBeNull();
    expect(fake.windows[0]!.options).toMatchObject({ kiosk: true, fullscreen: true });
    expect(fake.windows[0]!.options.webPreferences?.devTools).toBe(false);
    await handle!.backend.close();
  });

  it('the persisted kiosk setting turns kiosk mode on too', async () => {
    const { fake, start } = setup({}, { backend: fakeBackend({ kiosk: true }) });
    const handle = await start();
    expect(handle!.kiosk).toBe(true);
    expect(fake.state.applicationMenu).toBeNull();
  });

  it('an unreadable store (settings.get fails) means no kiosk unless --kiosk', async () => {
    const { start } = setup({}, { backend: fakeBackend({ settingsFail: true }) });
    expect((await start())!.kiosk).toBe(false);
  });

  it('kioskFromArgv', () => {
    expect(kioskFromArgv(['electron', '.', '--kiosk'])).toBe(true);
    expect(kioskFromArgv(['electron', '.', '--kiosk=false', 'kiosk'])).toBe(false);
  });
});

describe('crashes leave a trace', () => {
  it('a renderer or child process that dies, and an uncaught error, are written to the content-free log', async () => {
    const userData = tempDir();
    const fake = createFakeElectron({ userData });
    const proc = new EventEmitter();
    const run = () =>
      startShell(fake.electron, {
        argv: ['/usr/bin/electron', '/app'],
        env: {},
        platform: 'linux',
        createBackend,
        process: proc as unknown as ProcessEvents,
      });
    const handle = await run();
    fake.electron.app.emit('render-process-gone', {}, {}, { reason: 'crashed', exitCode: 139 });
    fake.electron.app.emit('child-process-gone', {}, { type: 'GPU', reason: 'oom', exitCode: 9 });
    proc.emit('uncaughtException', new TypeError('cannot read x of "SECRET CUSTOMER TEXT 9911"'));
    await handle!.backend.close();
    const logFile = path.join(userData, 'logs', 'hushdesk.log');
    const text = readFileSync(logFile, 'utf8');
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ event: 'electron.render_process_gone', reason: 'crashed', exitCode: 139 }));
    expect(lines).toContainEqual(expect.objectContaining({ event: 'electron.child_process_gone', type: 'GPU', reason: 'oom' }));
    expect(lines).toContainEqual(expect.objectContaining({ event: 'process.uncaught_exception', errorName: 'TypeError' }));
    expect(text).not.toContain('SECRET');
  });
});

describe('lifecycle', () => {
  it('quitting closes the backend first, then quits', async () => {
    const { fake, closed, start } = setup();
    await start();
    const quitsBefore = fake.state.quitCalls;
    const event = { prevented: false, preventDefault() { this.prevented = true; } };
    fake.electron.app.emit('will-quit', event);
    expect(event.prevented).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(closed).toEqual(['closed']);
    expect(fake.state.quitCalls).toBe(quitsBefore + 1);
    // The second will-quit (from that quit) goes through.
    const again = { prevented: false, preventDefault() { this.prevented = true; } };
    fake.electron.app.emit('will-quit', again);
    expect(again.prevented).toBe(false);
    expect(closed).toEqual(['closed']);
  });

  it('a backend that fails to close is logged and the app still quits', async () => {
    const logged: string[] = [];
    const { fake, start } = setup({}, {
      backend: async () => ({
        handle: async () => ({ ok: false, error: { code: 'store_locked', message: 'locked' } }),
        log: { event: () => undefined, error: (name: string) => void logged.push(name) },
        close: async () => {
          throw new Error('SQLITE_IOERR: disk I/O error');
        },
      }),
    });
    await start();
    const quitsBefore = fake.state.quitCalls;
    fake.electron.app.emit('will-quit', { preventDefault() {} });
    await new Promise((r) => setTimeout(r, 20));
    expect(logged).toContain('electron.backend_close_failed');
    expect(fake.state.quitCalls).toBe(quitsBefore + 1);
  });

  it('closing the last window quits', async () => {
    const { fake, start } = setup({}, { backend: fakeBackend() });
    await start();
    fake.electron.app.emit('window-all-closed');
    expect(fake.state.quitCalls).toBe(1);
  });

  it('a backend that cannot start: one-line error box, quit, no window', async () => {
    const { fake, start } = setup({}, {
      backend: () => Promise.reject(new Error('could not open the store\n    at /home/someone/secret.js:1:1')),
    });
    expect(await start()).toBeNull();
    expect(fake.errorBoxes).toEqual([{ title: 'Hushdesk could not start', content: 'could not open the store' }]);
    expect(fake.state.quitCalls).toBe(1);
    expect(fake.windows).toHaveLength(0);
  });
});

describe('what the shell takes from Electron', () => {
  const ROOT = path.resolve(__dirname, '../..');
  // Everything the shell may use. Not here, on purpose: autoUpdater, crashReporter, net, shell
  // (openExternal), webFrame, remote-ish helpers.
  const ALLOWED = ['app', 'BrowserWindow', 'dialog', 'ipcMain', 'Menu', 'protocol', 'safeStorage', 'session', 'contextBridge', 'ipcRenderer'];

  function tsFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
    );
  }
  /** Value (non-type) names imported from 'electron' or 'electron/*' in one source file. */
  function electronValueImports(src: string): string[] {
    const names: string[] = [];
    for (const m of src.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'electron(?:\/[^']*)?'/g)) {
      if (m[1]) continue;
      for (const part of m[2]!.split(',')) {
        const name = part.trim();
        if (name && !name.startsWith('type ')) names.push(name.split(/\s+as\s+/)[0]!);
      }
    }
    if (/import\s+\*\s+as\s+\w+\s+from\s+'electron'|import\s+\w+\s+from\s+'electron'|require\(\s*'electron'/.test(src)) names.push('<whole module>');
    return names;
  }

  it('main/electron and main/preload import only the allowed Electron modules', () => {
    const used = new Set<string>();
    for (const f of [...tsFiles(path.join(ROOT, 'main/electron')), ...tsFiles(path.join(ROOT, 'main/preload'))]) {
      for (const n of electronValueImports(readFileSync(f, 'utf8'))) used.add(n);
    }
    expect([...used].filter((n) => !ALLOWED.includes(n))).toEqual([]);
    expect(used.has('app')).toBe(true); // the scan really sees the imports
  });

  it('no other folder of main/ or shared/ imports electron at run time', () => {
    const offenders = [...tsFiles(path.join(ROOT, 'main')), ...tsFiles(path.join(ROOT, 'shared'))]
      .filter((f) => !f.includes(`${path.sep}main${path.sep}electron${path.sep}`) && !f.includes(`${path.sep}main${path.sep}preload${path.sep}`))
      .filter((f) => electronValueImports(readFileSync(f, 'utf8')).length > 0)
      .map((f) => path.relative(ROOT, f));
    expect(offenders).toEqual([]);
  });
});

/** A backend stand-in for shell tests that are not about the backend. */
function fakeBackend(opts: { kiosk?: boolean; settingsFail?: boolean } = {}) {
  return async (): Promise<Backend> => ({
    handle: async (channel) => {
      if (channel === 'settings.get') {
        return opts.settingsFail ? { ok: false, error: { code: 'store_locked', message: 'locked' } } : { ok: true, value: { kiosk: opts.kiosk ?? false } };
      }
      return { ok: false, error: { code: 'internal', message: 'not in this test' } };
    },
    log: NO_LOG,
    close: async () => {},
  });
}
