/**
 * Kiosk mode in real Chromium: the welcome screen, the idle timer ("Still there?", then a reset
 * after which nothing of the previous customer's chat is reachable: not in the DOM, not through
 * history, not in the textarea or web storage), and settings behind the staff PIN with lockout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeFindings, seriousViolations } from './axe';
import { launchChromium, newPage, removeDir, screenshot, startPreviewHost, type PreviewProcess } from './harness';
import { answerConsentIfAsked, messageBox, openApp, send, openQrDialog } from './ui';

const CANARY = 'where is my order canary-kumquat-7731';

describe('kiosk: a shared screen in the store', () => {
  let host: PreviewProcess;
  let browser: Browser;

  beforeAll(async () => {
    [host, browser] = await Promise.all([startPreviewHost({ kiosk: true }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    if (host) removeDir(host.dataDir);
  });

  it('shows a welcome screen with touch-sized targets (landscape and portrait)', async () => {
    for (const viewport of [
      { width: 1080, height: 1920 },
      { width: 1280, height: 800 },
    ]) {
      const { context, page } = await newPage(browser, viewport);
      await openApp(page, host);
      await page.getByTestId('welcome').waitFor();
      expect(await page.evaluate(() => document.documentElement.classList.contains('kiosk'))).toBe(true);
      await screenshot(page, `kiosk-welcome-${viewport.width}x${viewport.height}`);
      const small = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('button, a, input, select, textarea'))
          .filter((el) => el.offsetParent !== null)
          .map((el) => ({ text: el.textContent?.trim() ?? el.tagName, r: el.getBoundingClientRect() }))
          .filter(({ r }) => r.width < 48 || r.height < 48)
          .map(({ text, r }) => `${text} ${Math.round(r.width)}x${Math.round(r.height)}`),
      );
      expect(small).toEqual([]);
      const findings = await seriousViolations(page);
      expect(findings, describeFindings('kiosk welcome', findings)).toEqual([]);
      // Chat screen in kiosk: targets stay touch-sized there too.
      await page.getByRole('button', { name: 'Start' }).click();
      await answerConsentIfAsked(page, 'Save');
      await send(page, 'what time do you open on sunday');
      const smallInChat = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('.chat-screen button, .chat-screen textarea'))
          .filter((el) => el.offsetParent !== null)
          .map((el) => ({ text: el.textContent?.trim() ?? el.tagName, r: el.getBoundingClientRect() }))
          .filter(({ r }) => r.width < 48 || r.height < 48)
          .map(({ text, r }) => `${text} ${Math.round(r.width)}x${Math.round(r.height)}`),
      );
      expect(smallInChat).toEqual([]);
      await screenshot(page, `kiosk-chat-${viewport.width}x${viewport.height}`);
      // The customer's take-away: the transcript as an on-screen QR code (no network involved).
      const qr = await openQrDialog(page, 'QR dialog');
      await screenshot(page, `kiosk-qr-${viewport.width}x${viewport.height}`);
      await qr.getByRole('button', { name: 'Close' }).click();
      await context.close();
    }
  });

  it('asks "Still there?" when idle, then resets: nothing of the previous chat is reachable', async () => {
    const { context, page } = await newPage(browser, { width: 1080, height: 1920 });
    await openApp(page, host, '?idle=3');
    await page.getByRole('button', { name: 'Start' }).click();
    await answerConsentIfAsked(page, 'Save');
    const reply = await send(page, CANARY);
    await messageBox(page).fill('half-typed secret plum-9911');
    const historyBefore = await page.evaluate(() => history.length);
    await page.evaluate(() => {
      (window as unknown as { __oldBox: Element | null }).__oldBox = document.querySelector('textarea');
    });

    // No input for 3 s: the question appears, with a countdown.
    const still = page.getByRole('alertdialog', { name: 'Still there?' });
    await still.waitFor({ timeout: 10_000 });
    expect(await still.innerText()).toMatch(/cleared in \d+\ss/);
    const findings = await seriousViolations(page);
    expect(findings, describeFindings('still-there dialog', findings)).toEqual([]);
    await screenshot(page, 'kiosk-still-there-1080x1920');

    // Unanswered, the countdown ends the conversation and the welcome screen comes back.
    await page.getByTestId('welcome').waitFor({ timeout: 10_000 });
    await still.waitFor({ state: 'detached' });

    const html = await page.evaluate(() => document.documentElement.outerHTML);
    expect(html).not.toContain('canary-kumquat-7731');
    expect(html).not.toContain('plum-9911');
    expect(html).not.toContain(reply.text.slice(0, 30));
    expect(await page.evaluate(() => history.length)).toBe(historyBefore);
    const storage = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
    expect(storage).not.toContain('kumquat');
    expect(storage).not.toContain('plum');

    // The old textarea (and its undo history) is gone; the next customer gets a new, empty one.
    await page.getByRole('button', { name: 'Start' }).click();
    await answerConsentIfAsked(page, "Don't save");
    await messageBox(page).waitFor();
    const box = await page.evaluate(() => {
      const old = (window as unknown as { __oldBox: HTMLTextAreaElement | null }).__oldBox;
      const now = document.querySelector('textarea');
      return { same: old === now, oldConnected: old?.isConnected ?? false, value: now?.value ?? null };
    });
    expect(box).toEqual({ same: false, oldConnected: false, value: '' });
    await messageBox(page).focus();
    await page.keyboard.press('Control+z');
    expect(await messageBox(page).inputValue()).toBe('');

    // Back/forward cannot bring it back either.
    await page.goBack().catch(() => null);
    const after = await page.evaluate(() => document.documentElement.outerHTML).catch(() => '');
    expect(after).not.toContain('canary-kumquat-7731');
    await context.close();
  });

  it('"I\'m still here" keeps the conversation', async () => {
    const { context, page } = await newPage(browser);
    await openApp(page, host, '?idle=3');
    await page.getByRole('button', { name: 'Start' }).click();
    await answerConsentIfAsked(page, "Don't save");
    await send(page, 'do you have gift cards');
    const still = page.getByRole('alertdialog', { name: 'Still there?' });
    await still.waitFor({ timeout: 10_000 });
    await still.getByRole('button', { name: "I'm still here" }).click();
    await still.waitFor({ state: 'detached' });
    expect(await page.locator('[role="log"]').innerText()).toContain('do you have gift cards');
    await context.close();
  });

  it('puts settings behind a staff PIN: first set it, then five wrong PINs lock out with a wait', async () => {
    const { context, page } = await newPage(browser);
    await openApp(page, host);
    await page.getByTestId('welcome').waitFor();
    await page.getByRole('button', { name: 'Settings' }).click();
    const setDialog = page.getByRole('dialog', { name: 'Set a staff PIN' });
    await setDialog.waitFor();
    let findings = await seriousViolations(page);
    expect(findings, describeFindings('set PIN dialog', findings)).toEqual([]);
    await setDialog.getByLabel('PIN', { exact: true }).fill('2468');
    await setDialog.getByLabel('Repeat PIN').fill('2468');
    await setDialog.getByRole('button', { name: 'Set PIN' }).click();
    await page.getByTestId('settings').waitFor();
    await page.getByRole('navigation', { name: 'Settings pages' }).getByRole('button', { name: 'Kiosk' }).click();
    await page.getByText('A staff PIN is set.').waitFor();
    await screenshot(page, 'settings-kiosk-pin-1280x800');
    await page.getByRole('button', { name: 'Back to chat' }).click();

    // Settings are locked again; the PIN is asked for.
    await page.getByRole('button', { name: 'Settings' }).click();
    const pinDialog = page.getByRole('dialog', { name: 'Staff PIN' });
    await pinDialog.waitFor();
    await screenshot(page, 'kiosk-pin-dialog-1280x800');
    findings = await seriousViolations(page);
    expect(findings, describeFindings('PIN dialog', findings)).toEqual([]);
    const message = page.getByTestId('pin-message');
    for (let i = 1; i <= 5; i++) {
      await pinDialog.getByLabel('PIN', { exact: true }).fill('0000');
      await pinDialog.getByRole('button', { name: 'Unlock' }).click();
      if (i < 5) await expect.poll(() => message.innerText()).toMatch(/Wrong PIN/);
    }
    await expect.poll(() => message.innerText()).toMatch(/Too many wrong PINs\. Try again in \d+\ss\./);
    expect(await pinDialog.getByLabel('PIN', { exact: true }).isDisabled()).toBe(true);
    // Even the right PIN is refused during the lockout (the backend says so, not just the form).
    const during = await page.evaluate(async () => {
      const api = (window as unknown as { hushdesk: Record<string, (r: unknown) => Promise<{ ok: boolean; error?: { code: string } }>> }).hushdesk;
      return api['kiosk.unlock']!({ pin: '2468' });
    });
    expect(during).toMatchObject({ ok: false, error: { code: 'pin_locked_out' } });
    await screenshot(page, 'kiosk-pin-lockout-1280x800');
    expect(await page.getByTestId('settings').count()).toBe(0);
    await context.close();
  });
});
