/**
 * Session and web-contents hardening. Every rule names the threat it closes. All Electron objects
 * come in as parameters (narrow structural types), so tests pass a recorded fake and check that the
 * handlers are really installed and really refuse.
 */
import type { BlockCounter } from './block-counter';
import { isAppUrl } from './origin';

export interface SecurityOptions {
  /** Development run (unpackaged): devtools:// is let through so DevTools can load. */
  development: boolean;
  counter: BlockCounter;
}

/** The subset of Electron's `Event` the handlers use. */
export interface PreventableEvent {
  preventDefault(): void;
}

export interface SessionLike {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
  webRequest: {
    onBeforeRequest(
      listener: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void,
    ): void;
  };
  on(event: 'will-download', listener: (event: PreventableEvent) => void): unknown;
}

export interface WebContentsLike {
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface SecurityApp {
  on(event: 'session-created', listener: (session: SessionLike) => void): unknown;
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): unknown;
}

/**
 * The network allow-list, as a pure decision. Only the app's own origin may load; `data:` and
 * `blob:app://hushdesk/...` are in-memory (no socket is ever opened for them), and `devtools:` is
 * DevTools' own UI, allowed in development only. Everything else (http, https, ws, wss, ftp, file,
 * other app:// hosts, chrome:, unparsable strings) is refused.
 */
export function isAllowedUrl(url: string, options: { development: boolean } = { development: false }): boolean {
  if (isAppUrl(url)) return true;
  if (url.startsWith('data:')) return true;
  if (url.startsWith('blob:')) return isAppUrl(url.slice('blob:'.length));
  if (options.development && url.startsWith('devtools://')) return true;
  return false;
}

const hardenedSessions = new WeakSet<object>();

/** Hardens one session (defaultSession or any created later). Idempotent. */
export function hardenSession(session: SessionLike, options: SecurityOptions): void {
  if (hardenedSessions.has(session)) return;
  hardenedSessions.add(session);

  // Electron grants every permission (camera, microphone, geolocation, notifications, ...) unless
  // told otherwise; a help chatbot needs none of them.
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // WebHID / WebUSB / Web Serial device access.
  session.setDevicePermissionHandler(() => false);

  // Zero network, layer 1: the renderer (and Electron's `net`, which shares the session) can only
  // reach the app's own protocol. Refusals are counted, not logged (a URL may hold personal data).
  session.webRequest.onBeforeRequest((details, callback) => {
    if (isAllowedUrl(details.url, options)) {
      callback({});
      return;
    }
    options.counter.record();
    callback({ cancel: true });
  });

  // No file leaves through the browser's download manager (exports are written by the backend).
  session.on('will-download', (event) => event.preventDefault());
}

/** Hardens one webContents: no navigation away, no new windows, no <webview>. */
export function hardenWebContents(contents: WebContentsLike): void {
  // A link or script that points the window elsewhere would run foreign code with the preload API.
  const stayHome = (event: PreventableEvent, url: string): void => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  // window.open / target=_blank: never a second window, never the system browser.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // <webview> would embed a guest page with its own preferences.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Installs the rules on every session and webContents created from now on. Call before the app is
 * ready so nothing is created unguarded; `defaultSession` is also hardened explicitly once ready
 * (hardenSession is idempotent, so being told twice is harmless).
 */
export function enableSecurity(app: SecurityApp, options: SecurityOptions): void {
  app.on('session-created', (session) => hardenSession(session, options));
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
