/**
 * Rough edges found by walking the app as its users (a privacy-minded desktop user, a kiosk
 * customer), each checked in real Chromium against the preview host:
 * - the page's CSP refuses nothing in ordinary use, so "Network requests blocked since start" in
 *   Your data stays 0 (a library probing eval() used to be counted there as a blocked request).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, type HostAndBrowser, startHostAndBrowser } from './harness';
import { answerConsentIfAsked, openApp, openSettingsPage, send } from './ui';

/** Installed before the app loads: every CSP refusal on the page, as "directive blocked-uri". */
const RECORD_CSP = `(() => {
  window.__cspRefusals = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspRefusals.push(e.effectiveDirective + ' ' + e.blockedURI));
})();`;

describe('walk: a privacy-minded desktop user', () => {
  let session: HostAndBrowser;
  beforeAll(async () => {
    session = await startHostAndBrowser();
  });
  afterAll(() => session.close());

  it('nothing is refused by the page in ordinary use: Your data counts 0 blocked requests', async () => {
    const { context, page } = await newPage(session.browser);
    await context.addInitScript(RECORD_CSP);
    await openApp(page, session.host);
    await answerConsentIfAsked(page, 'Save');
    expect((await send(page, 'when are you open')).intent).toBe('store.hours');
    await openSettingsPage(page, 'Your data');
    await expect.poll(() => page.getByTestId('network-blocked').innerText()).toBe('0');
    expect(await page.evaluate(() => (window as unknown as { __cspRefusals: string[] }).__cspRefusals)).toEqual([]);
    await context.close();
  });
});
