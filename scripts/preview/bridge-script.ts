/**
 * The script the preview host injects before the renderer's own: it plays the preload's part,
 * installing `window.hushdesk` with one function per contract channel, each a POST to the loopback
 * host carrying the per-run token. The token arrives in the URL fragment (never sent in a request
 * line or logged) and is removed from the address bar at once.
 */
import { API_GLOBAL, CHANNELS } from '../../shared/contract';
import { PSEUDO_LOCALE_GLOBAL } from '../../shared/ipc-names';

export const BRIDGE_PATH = '/__hushdesk/bridge.js';
export const API_PATH = '/__hushdesk/api/';
export const CSP_REPORT_PATH = '/__hushdesk/blocked';
export const TOKEN_HEADER = 'x-hushdesk-token';

/** `pseudoLocale`: the test-only pseudo-locale (see PSEUDO_LOCALE_GLOBAL). */
export function bridgeScript(options: { pseudoLocale?: boolean } = {}): string {
  return `(() => {
  'use strict';
  const m = /(?:^#|&)token=([0-9a-f]{64})/.exec(location.hash);
  const token = m ? m[1] : (sessionStorage.getItem('hushdesk.token') || '');
  if (m) {
    sessionStorage.setItem('hushdesk.token', token);
    history.replaceState(null, '', location.pathname + location.search);
  }
  const call = async (channel, request) => {
    try {
      const res = await fetch(${JSON.stringify(API_PATH)} + channel, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ${JSON.stringify(TOKEN_HEADER)}: token },
        body: JSON.stringify(request === undefined ? null : request),
      });
      return await res.json();
    } catch (e) {
      return { ok: false, error: { code: 'internal', message: 'The preview host did not answer.' } };
    }
  };
  const api = {};
  for (const channel of ${JSON.stringify(CHANNELS)}) {
    api[channel] = (request) => call(channel, request);
  }
  Object.defineProperty(window, ${JSON.stringify(API_GLOBAL)}, { value: Object.freeze(api), enumerable: true });${options.pseudoLocale ? `
  Object.defineProperty(window, ${JSON.stringify(PSEUDO_LOCALE_GLOBAL)}, { value: true });` : ''}
  // Count what the CSP refused, as Electron's webRequest filter counts what it cancels.
  document.addEventListener('securitypolicyviolation', (e) => {
    if (!/^(connect|img|script|style|font|media|frame|default)-src/.test(e.effectiveDirective)) return;
    fetch(${JSON.stringify(CSP_REPORT_PATH)}, { method: 'POST', headers: { ${JSON.stringify(TOKEN_HEADER)}: token } }).catch(() => {});
  });
})();
`;
}
