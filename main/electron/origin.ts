/**
 * The app's one origin. The renderer is served from `app://hushdesk/` (a privileged, standard, secure
 * custom scheme) and nothing else is trusted: IPC senders, navigations and requests are all checked
 * against it with the pure helpers below.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'hushdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when `url` belongs to the app origin. Compares scheme and host instead of `URL.origin`,
 * because WHATWG URL reports origin "null" for custom schemes outside Chromium. Credentials and
 * ports are refused: the app origin never carries them, so their presence means a forged URL.
 */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return (
    u !== null &&
    u.protocol === `${APP_SCHEME}:` &&
    u.hostname === APP_HOST &&
    u.port === '' &&
    u.username === '' &&
    u.password === ''
  );
}
