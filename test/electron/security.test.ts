import { describe, expect, it } from 'vitest';
import { createBlockCounter } from '../../main/electron/block-counter';
import { isAppUrl } from '../../main/electron/origin';
import { enableSecurity, hardenSession, hardenWebContents, isAllowedUrl } from '../../main/electron/security';
import { createFakeElectron, FakeSession, FakeWebContents, Recorder } from './fake-electron';

const REFUSED = [
  'https://example.com/',
  'http://example.com/track.gif',
  'http://localhost:8080/',
  'http://127.0.0.1:3000/api',
  'http://[::1]/',
  'ws://localhost:9000/socket',
  'wss://example.com/socket',
  'ftp://example.com/file',
  'file:///etc/passwd',
  'app://evil/index.html',
  'app://hushdesk.example.com/index.html',
  'app://hushdesk:8080/index.html',
  'app://user:pw@hushdesk/index.html',
  'chrome://settings',
  'devtools://devtools/bundled/inspector.html',
  'blob:https://example.com/1234',
  'not a url',
  '',
];

describe('isAllowedUrl (the network allow-list)', () => {
  it.each(REFUSED)('refuses %s', (url) => {
    expect(isAllowedUrl(url)).toBe(false);
  });

  it.each(['app://hushdesk/index.html', 'app://hushdesk/assets/index-abc.js', 'app://hushdesk/', 'data:image/png;base64,AAAA', 'blob:app://hushdesk/5c1e'])(
    'allows the app origin and in-memory URLs: %s',
    (url) => {
      expect(isAllowedUrl(url)).toBe(true);
    },
  );

  it('allows devtools:// only in development', () => {
    expect(isAllowedUrl('devtools://devtools/bundled/inspector.html', { development: true })).toBe(true);
    expect(isAllowedUrl('devtools://devtools/bundled/inspector.html', { development: false })).toBe(false);
    expect(isAllowedUrl('https://example.com/', { development: true })).toBe(false);
  });

  it('isAppUrl accepts only the exact app origin', () => {
    expect(isAppUrl('app://hushdesk/index.html')).toBe(true);
    expect(isAppUrl('app://hushdesk2/index.html')).toBe(false);
    expect(isAppUrl('https://hushdesk/index.html')).toBe(false);
  });
});

describe('block counter', () => {
  it('starts at zero and counts each record', () => {
    const c = createBlockCounter();
    expect(c.count()).toBe(0);
    c.record();
    c.record();
    expect(c.count()).toBe(2);
  });
});

describe('hardenSession', () => {
  function hardened(development = false) {
    const session = new FakeSession(new Recorder());
    const counter = createBlockCounter();
    hardenSession(session, { development, counter });
    return { session, counter };
  }

  it('denies every permission request (Electron would grant them by default)', async () => {
    const unguarded = new FakeSession(new Recorder());
    expect(await unguarded.requestPermission('media')).toBe(true); // the fake mirrors Electron's default
    const { session } = hardened();
    for (const p of ['media', 'geolocation', 'notifications', 'midi', 'clipboard-read', 'clipboard-sanitized-write', 'fullscreen', 'openExternal', 'pointerLock', 'display-capture', 'unknown']) {
      expect(await session.requestPermission(p), p).toBe(false);
    }
  });

  it('answers every permission check with false, and every device request too', () => {
    const { session } = hardened();
    for (const p of ['media', 'geolocation', 'notifications', 'hid', 'serial', 'usb']) expect(session.checkPermission(p)).toBe(false);
    expect(session.devicePermissionHandler?.({ deviceType: 'usb' })).toBe(false);
  });

  it('cancels every request that is not the app protocol, and counts them', () => {
    const { session, counter } = hardened();
    for (const url of ['https://example.com/', 'http://localhost/', 'ws://127.0.0.1:1/', 'file:///etc/passwd']) {
      expect(session.request(url), url).toEqual({ cancel: true });
    }
    expect(counter.count()).toBe(4);
    expect(session.request('app://hushdesk/index.html')).toEqual({ cancel: false });
    expect(session.request('app://hushdesk/assets/app.js')).toEqual({ cancel: false });
    expect(counter.count()).toBe(4);
    session.request('https://example.org/');
    expect(counter.count()).toBe(5);
  });

  it('lets DevTools load in development only', () => {
    expect(hardened(true).session.request('devtools://devtools/x.html')).toEqual({ cancel: false });
    expect(hardened(false).session.request('devtools://devtools/x.html')).toEqual({ cancel: true });
  });

  it('prevents downloads', () => {
    const { session } = hardened();
    expect(session.download().defaultPrevented).toBe(true);
  });

  it('is idempotent: a second call installs nothing twice', () => {
    const recorder = new Recorder();
    const session = new FakeSession(recorder);
    const options = { development: false, counter: createBlockCounter() };
    hardenSession(session, options);
    hardenSession(session, options);
    expect(recorder.of('session', 'setPermissionRequestHandler')).toHaveLength(1);
    expect(session.listenerCount('will-download')).toBe(1);
  });
});

describe('hardenWebContents', () => {
  function contents() {
    const wc = new FakeWebContents();
    hardenWebContents(wc);
    return wc;
  }

  it('prevents navigation to any other origin and allows the app origin', () => {
    const wc = contents();
    expect(wc.navigate('https://example.com/').defaultPrevented).toBe(true);
    expect(wc.navigate('file:///etc/passwd').defaultPrevented).toBe(true);
    expect(wc.navigate('app://evil/index.html').defaultPrevented).toBe(true);
    expect(wc.navigate('javascript:alert(1)').defaultPrevented).toBe(true);
    expect(wc.navigate('app://hushdesk/index.html').defaultPrevented).toBe(false);
  });

  it('prevents redirects away from the app origin', () => {
    const wc = contents();
    expect(wc.navigate('https://example.com/', 'will-redirect').defaultPrevented).toBe(true);
    expect(wc.navigate('app://hushdesk/index.html', 'will-redirect').defaultPrevented).toBe(false);
  });

  it('denies every new window, same origin included', () => {
    const wc = contents();
    expect(new FakeWebContents().openWindow('https://example.com/')).toBe('allow'); // Electron's default
    expect(wc.openWindow('https://example.com/')).toBe('deny');
    expect(wc.openWindow('app://hushdesk/index.html')).toBe('deny');
  });

  it('prevents <webview> attachment', () => {
    expect(contents().attachWebview().defaultPrevented).toBe(true);
  });
});

describe('enableSecurity', () => {
  it('hardens sessions and webContents created later', async () => {
    const fake = createFakeElectron();
    const counter = createBlockCounter();
    enableSecurity(fake.electron.app, { development: false, counter });

    const later = fake.newSession();
    fake.electron.app.emit('session-created', later);
    expect(later.request('https://example.com/')).toEqual({ cancel: true });
    expect(await later.requestPermission('geolocation')).toBe(false);
    expect(counter.count()).toBe(1);

    const wc = new FakeWebContents();
    fake.electron.app.emit('web-contents-created', {}, wc);
    expect(wc.navigate('https://example.com/').defaultPrevented).toBe(true);
    expect(wc.openWindow('https://example.com/')).toBe('deny');
  });
});
