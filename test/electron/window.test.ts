import { describe, expect, it } from 'vitest';
import { createMainWindow, focusWindow, menuTemplate, shouldSwallowInput, windowOptions } from '../../main/electron/window';
import { createFakeElectron } from './fake-electron';

const PRELOAD = '/app/dist/main/main/preload/index.js';

function open(kiosk: boolean, development = false) {
  const fake = createFakeElectron();
  return fake.electron.app.whenReady().then(() => {
    const win = createMainWindow(
      { BrowserWindow: fake.electron.BrowserWindow, Menu: fake.electron.Menu, platform: 'linux' },
      { preloadPath: PRELOAD, kiosk, development },
    );
    return { fake, win };
  });
}

describe('window options', () => {
  it('locks the renderer down', () => {
    const o = windowOptions({ preloadPath: PRELOAD, kiosk: false, development: false });
    expect(o.webPreferences).toMatchObject({
      preload: PRELOAD,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
    expect(o.kiosk).toBeUndefined();
    expect(o.show).toBe(false);
  });

  it('allows DevTools in development, never in kiosk mode', () => {
    expect(windowOptions({ preloadPath: PRELOAD, kiosk: false, development: true }).webPreferences?.devTools).toBe(true);
    expect(windowOptions({ preloadPath: PRELOAD, kiosk: true, development: true }).webPreferences?.devTools).toBe(false);
  });

  it('kiosk mode: kiosk, full screen, not resizable, same webPreferences', () => {
    const o = windowOptions({ preloadPath: PRELOAD, kiosk: true, development: false });
    expect(o).toMatchObject({ kiosk: true, fullscreen: true, resizable: false, movable: false, minimizable: false });
    expect(o.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, spellcheck: false });
  });
});

describe('shortcut filter', () => {
  const kiosk = { kiosk: true, development: false };
  const normal = { kiosk: false, development: false };
  const dev = { kiosk: false, development: true };
  const k = (key: string, mods: Partial<{ control: boolean; meta: boolean; alt: boolean; shift: boolean }> = {}) => ({
    key,
    control: false,
    meta: false,
    alt: false,
    shift: false,
    ...mods,
  });

  it.each([
    ['Ctrl+R', k('r', { control: true })],
    ['Cmd+R', k('r', { meta: true })],
    ['Ctrl+Shift+R', k('R', { control: true, shift: true })],
    ['F5', k('F5')],
    ['F12', k('F12')],
    ['Ctrl+Shift+I', k('I', { control: true, shift: true })],
    ['Cmd+Alt+I', k('i', { meta: true, alt: true })],
    ['Ctrl+=', k('=', { control: true })],
    ['Ctrl+-', k('-', { control: true })],
    ['Ctrl+0', k('0', { control: true })],
    ['Ctrl+W', k('w', { control: true })],
    ['Cmd+Q', k('q', { meta: true })],
    ['Alt+F4', k('F4', { alt: true })],
    ['Ctrl+P', k('p', { control: true })],
    ['F11', k('F11')],
  ])('kiosk swallows %s', (_label, input) => {
    expect(shouldSwallowInput(input, kiosk)).toBe(true);
  });

  it.each([
    ['a', k('a')],
    ['Shift+A', k('A', { shift: true })],
    ['Ctrl+C', k('c', { control: true })],
    ['Ctrl+V', k('v', { control: true })],
    ['Ctrl+A', k('a', { control: true })],
    ['Enter', k('Enter')],
    ['Backspace', k('Backspace')],
  ])('kiosk lets typing through: %s', (_label, input) => {
    expect(shouldSwallowInput(input, kiosk)).toBe(false);
  });

  it('outside kiosk: DevTools refused in production, allowed in development; reload and zoom left alone', () => {
    expect(shouldSwallowInput(k('F12'), normal)).toBe(true);
    expect(shouldSwallowInput(k('i', { control: true, shift: true }), normal)).toBe(true);
    expect(shouldSwallowInput(k('F12'), dev)).toBe(false);
    expect(shouldSwallowInput(k('r', { control: true }), normal)).toBe(false);
    expect(shouldSwallowInput(k('=', { control: true }), normal)).toBe(false);
  });
});

describe('menu', () => {
  it('no application menu in kiosk mode', () => {
    expect(menuTemplate({ kiosk: true, development: true }, 'darwin')).toBeNull();
  });
  it('a minimal menu otherwise: no View (reload, DevTools) in production, no Help links', () => {
    expect(menuTemplate({ kiosk: false, development: false }, 'linux')).toEqual([{ role: 'editMenu' }, { role: 'windowMenu' }]);
    expect(menuTemplate({ kiosk: false, development: false }, 'darwin')).toEqual([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]);
    expect(menuTemplate({ kiosk: false, development: true }, 'linux')).toContainEqual({ role: 'viewMenu' });
  });
});

describe('createMainWindow', () => {
  it('kiosk: removes the menu, sets kiosk options, swallows shortcuts, locks pinch zoom', async () => {
    const { fake, win } = await open(true);
    expect(fake.recorder.of('Menu', 'setApplicationMenu')).toEqual([{ target: 'Menu', method: 'setApplicationMenu', args: [null] }]);
    expect(fake.state.applicationMenu).toBeNull();
    expect(win.options).toMatchObject({ kiosk: true, fullscreen: true });
    expect(win.webContents.pressKey({ key: 'r', control: true }).defaultPrevented).toBe(true);
    expect(win.webContents.pressKey({ key: 'F12' }).defaultPrevented).toBe(true);
    expect(win.webContents.pressKey({ key: '=', control: true }).defaultPrevented).toBe(true);
    expect(win.webContents.pressKey({ key: 'w', control: true }).defaultPrevented).toBe(true);
    expect(win.webContents.pressKey({ key: 'h' }).defaultPrevented).toBe(false);
    expect(win.webContents.zoomLimits).toEqual([1, 1]);
  });

  it('loads the app page, shows on ready-to-show, keeps WebRTC off non-proxied UDP', async () => {
    const { fake, win } = await open(false);
    expect(win.loadedUrl).toBe('app://hushdesk/index.html');
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
    expect(win.webContents.webRtcPolicy).toBe('disable_non_proxied_udp');
    expect(win.webContents.zoomLimits).toBeNull();
    expect(fake.state.applicationMenu).toEqual({ items: [{ role: 'editMenu' }, { role: 'windowMenu' }] });
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, preload: PRELOAD });
  });

  it('focusWindow restores and focuses', async () => {
    const { win } = await open(false);
    win.minimized = true;
    focusWindow(win);
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(true);
    focusWindow(null); // no window yet: nothing to do, no throw
  });
});

describe('window failures leave a trace', () => {
  it('a page that fails to load is logged (code and frames), not dropped', async () => {
    const fake = createFakeElectron();
    await fake.electron.app.whenReady();
    const Base = fake.electron.BrowserWindow;
    class FailingWindow extends Base {
      override loadURL(url: string): Promise<void> {
        void super.loadURL(url);
        return Promise.reject(Object.assign(new Error("ERR_FAILED (-2) loading 'app://hushdesk/index.html'"), { code: 'ERR_FAILED' }));
      }
    }
    const logged: { name: string; error: unknown }[] = [];
    createMainWindow(
      { BrowserWindow: FailingWindow, Menu: fake.electron.Menu, platform: 'linux', log: { error: (name, error) => logged.push({ name, error }) } },
      { preloadPath: PRELOAD, kiosk: true, development: false },
    );
    await new Promise((r) => setImmediate(r));
    expect(logged.map((l) => l.name)).toContain('electron.load_failed');
    expect(logged.find((l) => l.name === 'electron.load_failed')?.error).toMatchObject({ code: 'ERR_FAILED' });
  });
});
