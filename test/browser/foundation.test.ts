import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, newPage, removeDir, screenshot, startPreviewHost, type PreviewProcess } from './harness';

describe('foundation: the real renderer against the real backend in Chromium', () => {
  let host: PreviewProcess;
  let browser: Browser;

  beforeAll(async () => {
    host = await startPreviewHost();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    if (host) removeDir(host.dataDir);
  });

  it('loads the app, and the API answers through the bridge', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(host.url);
    await page.locator('[data-testid="app-ready"][data-ready="true"]').waitFor();
    const info = await page.evaluate(async () => {
      const api = (window as unknown as { hushdesk: Record<string, (r: unknown) => Promise<unknown>> }).hushdesk;
      return api['app.info']!(undefined);
    });
    expect(info).toMatchObject({ ok: true, value: { name: 'Hushdesk', host: 'preview' } });
    // The token left the address bar as soon as the bridge read it.
    expect(page.url()).not.toContain('token=');
    await screenshot(page, 'foundation-loaded');
    await context.close();
  });

  it('refuses an injected fetch to an external origin (CSP) and counts it', async () => {
    const { context, page } = await newPage(browser);
    const external: string[] = [];
    // A request the CSP refuses may still be announced, but it never gets a response.
    page.on('response', (r) => {
      if (!r.url().startsWith(host.origin)) external.push(r.url());
    });
    await page.goto(host.url);
    await page.locator('[data-testid="app-ready"][data-ready="true"]').waitFor();
    const outcome = await page.evaluate(async () => {
      try {
        await fetch('https://example.com/');
        return 'reached';
      } catch (e) {
        return `refused: ${(e as Error).name}`;
      }
    });
    expect(outcome).toMatch(/^refused/);
    const img = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const i = new Image();
          i.onload = () => resolve('loaded');
          i.onerror = () => resolve('refused');
          i.src = 'http://198.51.100.7/pixel.png';
        }),
    );
    expect(img).toBe('refused');
    // No external origin ever answered.
    expect(external, JSON.stringify(external)).toEqual([]);
    // Both refusals were counted, and the count is what the "Your data" panel shows.
    const blocked = await page.waitForFunction(async () => {
      const api = (window as unknown as { hushdesk: Record<string, (r: unknown) => Promise<{ ok: boolean; value?: { networkRequestsBlocked: number } }>> }).hushdesk;
      const r = await api['privacy.facts']!(undefined);
      return r.ok && (r.value?.networkRequestsBlocked ?? 0) >= 2 ? r.value?.networkRequestsBlocked : false;
    });
    expect(await blocked.jsonValue()).toBeGreaterThanOrEqual(2);
    await context.close();
  });

  it('rejects bridge calls without the per-run token', async () => {
    const res = await fetch(`${host.origin}/__hushdesk/api/app.info`, { method: 'POST', body: 'null' });
    expect(res.status).toBe(403);
  });
});
