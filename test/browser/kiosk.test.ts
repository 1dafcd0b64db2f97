/**
 * Kiosk mode in real Chromium: the first start is a staff setup (no customer screen before a staff
 * PIN exists), a locked kiosk after a restart speaks to customers and erases only with the PIN,
 * the welcome screen, the idle timer ("Still there?", then a reset
 * after which nothing of the previous customer's chat is reachable: not in the DOM, not through
 * history, not in the textarea or web storage), and settings behind the staff PIN with lockout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeFindings, seriousViolations } from './axe';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { newPage, removeDir, screenshot, startPreviewHost, type PreviewProcess, startHostAndBrowser } from './harness';
import { answerConsentIfAsked, api, completeKioskSetup, messageBox, openApp, send, openQrDialog } from './ui';

const CANARY = 'where is my order canary-kumquat-7731';

describe('kiosk: a shared screen in the store', () => {
  let host: PreviewProcess;
  let browser: Browser;
  let close = async (): Promise<void> => undefined;

  beforeAll(async () => {
    ({ host, browser, close } = await startHostAndBrowser({ kiosk: true }));
  });
  afterAll(() => close());

  it('first start is a staff setup: no welcome screen, no chat, until a staff PIN is set', async () => {
    // A computer set to British English: the shop's country is guessed from it.
    const { context, page } = await newPage(browser, { width: 1080, height: 1920 }, 'en-GB');
    await openApp(page, host);
    const setup = page.getByTestId('kiosk-setup');
    await setup.waitFor();
    expect(await page.getByTestId('welcome').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Start' }).count()).toBe(0);
    expect(await page.getByRole('textbox', { name: 'Message' }).count()).toBe(0);
    // The PIN field has the focus: staff can type at once.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('password');
    await screenshot(page, 'kiosk-first-start-1080x1920');
    const findings = await seriousViolations(page);
    expect(findings, describeFindings('kiosk setup', findings)).toEqual([]);
    // Whoever skips the screen and talks to the backend directly gets no customer chat either.
    expect(await api(page, 'chat.start', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await api(page, 'kiosk.status')).toMatchObject({ ok: true, value: { pinSet: false } });
    // A mismatch is said on screen and nothing is set.
    await setup.getByLabel('PIN', { exact: true }).fill('2468');
    await setup.getByLabel('Repeat PIN').fill('2469');
    await setup.getByRole('button', { name: 'Finish setup' }).click();
    await expect.poll(() => page.getByTestId('setup-message').innerText()).toBe('The two PINs do not match.');
    expect(await api(page, 'kiosk.status')).toMatchObject({ ok: true, value: { pinSet: false } });
    // The shop's country, chosen before any customer types a phone number, starts as the computer's.
    const country = setup.getByRole('combobox', { name: "4. The shop's country" });
    expect(await country.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent)).toBe('United Kingdom');
    expect(await country.getAttribute('aria-describedby')).toBeTruthy();
    // The language chosen here is the one customers see first.
    await setup.getByRole('radio', { name: 'Español' }).check();
    await completeKioskSetup(page, '2468');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    const saved = await api<{ storeRegion: string }>(page, 'settings.get');
    expect(saved.ok && saved.value.storeRegion).toBe('GB');
    // Setup leaves no staff session open behind it.
    expect(await api(page, 'kiosk.status')).toMatchObject({ ok: true, value: { pinSet: true, unlockedUntil: null } });
    const back = await api<{ locale: string }>(page, 'settings.set', { patch: { locale: 'en', storeRegion: 'US' }, pin: '2468' });
    expect(back).toMatchObject({ ok: true, value: { locale: 'en', storeRegion: 'US' } });
    await context.close();
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
      // Item 17: after Start the customer can type at once: the focus is in the message box (not on
      // the page body) and no save question stands in the way; it comes with the first answer.
      await expect.poll(() => messageBox(page).evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await page.getByTestId('consent').count()).toBe(0);
      await page.keyboard.type('what time do you open on sunday');
      await page.keyboard.press('Enter');
      await page.getByTestId('consent').waitFor();
      expect(await page.locator('[role="log"]').innerText()).toContain('what time do you open on sunday');
      await answerConsentIfAsked(page, 'Save');
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

  it('a customer who taps Español gets Spanish for their visit only: the shop setting stays, the next customer starts in it', async () => {
    const { context, page } = await newPage(browser, { width: 1080, height: 1920 });
    await openApp(page, host, '?idle=3');
    await page.getByTestId('welcome').waitFor();
    await page.getByRole('button', { name: 'Español' }).click();
    // No staff PIN asked, nothing refused: the welcome screen is in Spanish at once.
    await page.getByRole('button', { name: 'Empezar' }).waitFor();
    expect(await page.getByRole('button', { name: 'Español' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Empezar' }).click();
    // The chat is in Spanish too (its message box is labelled "Mensaje").
    await page.getByRole('textbox', { name: 'Mensaje' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    // The shop's language (a staff setting) is unchanged.
    const settings = await api<{ locale: string }>(page, 'settings.get');
    expect(settings.ok && settings.value.locale).toBe('en');
    // Idle: the visit ends, and the next customer's welcome is in the shop's language again.
    await page.getByTestId('welcome').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Start' }).waitFor();
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    await context.close();
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
    // goBack resolves null when there is no entry to go back to; the page must then still be readable.
    await page.goBack().catch(() => null);
    await page.waitForLoadState('domcontentloaded');
    const after = await page.evaluate(() => document.documentElement.outerHTML);
    expect(after).toContain('</body>');
    expect(after).not.toContain('canary-kumquat-7731');
    await context.close();
  });

  it('the customer\'s "Your data" shows this conversation and the shop\'s policy: no paths, ciphers or store-wide counts', async () => {
    const { context, page } = await newPage(browser, { width: 1080, height: 1920 });
    await openApp(page, host);
    await page.getByRole('button', { name: 'Start' }).click();
    await answerConsentIfAsked(page, 'Save');
    await send(page, 'do you price match');
    await page.getByRole('button', { name: 'Your data' }).click();
    const dialog = page.getByTestId('your-data-dialog');
    await dialog.getByTestId('customer-data-now').waitFor();
    await dialog.getByTestId('masking').waitFor();
    const text = await dialog.innerText();
    expect(await dialog.getByTestId('customer-data-now').innerText()).toContain('Saved, encrypted on this kiosk: 1 of your messages');
    expect(text).not.toContain(host.dataDir);
    expect(text).not.toMatch(/SQLCipher|AES|HMAC|hushdesk\.db/);
    expect(await dialog.getByTestId('data-counts').count()).toBe(0);
    expect(text).toContain('Masked before saving');
    // What is kept of a question it could not answer, as the inbox is set (30 days; this kiosk wipes at the end of the day).
    expect(await dialog.getByTestId('missed-keeping').innerText()).toBe(
      'From saved conversations only: the question alone, masked and without the rest of the conversation, kept 30 days so staff can teach the assistant. The end-of-day wipe deletes them too.',
    );
    await screenshot(page, 'kiosk-your-data-customer-1080x1920');
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

  it('puts settings behind the staff PIN set at setup: five wrong PINs lock out with a wait', async () => {
    const { context, page } = await newPage(browser);
    await openApp(page, host);
    await page.getByTestId('welcome').waitFor();
    await page.getByRole('button', { name: 'Settings' }).click();
    const first = page.getByRole('dialog', { name: 'Staff PIN' });
    await first.waitFor();
    // Nobody at the kiosk is ever asked to SET a PIN: it exists since the setup.
    expect(await page.getByRole('dialog', { name: 'Set a staff PIN' }).count()).toBe(0);
    await first.getByLabel('PIN', { exact: true }).fill('2468');
    await first.getByRole('button', { name: 'Unlock' }).click();
    await page.getByTestId('settings').waitFor();
    await page.getByRole('navigation', { name: 'Settings pages' }).getByRole('button', { name: 'Kiosk' }).click();
    await page.getByText('A staff PIN is set.').waitFor();
    await screenshot(page, 'settings-kiosk-pin-1280x800');
    // Staff's Your data names the country as the setup did: the shop's (a desktop's says "Your country").
    await page.getByRole('navigation', { name: 'Settings pages' }).getByRole('button', { name: 'Your data' }).click();
    await page.getByTestId('masking-controls').getByRole('combobox', { name: "The shop's country" }).waitFor();
    await page.getByRole('button', { name: 'Back to chat' }).click();

    // Settings are locked again; the PIN is asked for.
    await page.getByRole('button', { name: 'Settings' }).click();
    const pinDialog = page.getByRole('dialog', { name: 'Staff PIN' });
    await pinDialog.waitFor();
    await screenshot(page, 'kiosk-pin-dialog-1280x800');
    const findings = await seriousViolations(page);
    expect(findings, describeFindings('PIN dialog', findings)).toEqual([]);
    const message = page.getByTestId('pin-message');
    for (let i = 1; i <= 5; i++) {
      await pinDialog.getByLabel('PIN', { exact: true }).fill('0000');
      await pinDialog.getByRole('button', { name: 'Unlock' }).click();
      // Each PIN is checked by a slow hash off the UI thread: on a busy machine it takes over the
      // poll's default second.
      if (i < 5) await expect.poll(() => message.innerText(), { timeout: 20_000 }).toMatch(/Wrong PIN/);
    }
    await expect.poll(() => message.innerText(), { timeout: 20_000 }).toMatch(/Too many wrong PINs\. Try again in \d+\ss\./);
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

  it('after a restart, a locked kiosk tells customers to ask staff, and erase needs the staff PIN', async () => {
    // A kiosk of its own, so the lockout left by the test above plays no part here.
    const first = await startPreviewHost({ kiosk: true });
    const { context: c1, page: p1 } = await newPage(browser);
    await openApp(p1, first);
    await completeKioskSetup(p1, '1357');
    await c1.close();
    await first.stop();
    const locked = await startPreviewHost({ kiosk: true, dataDir: first.dataDir, env: { HUSHDESK_PASSPHRASE: '' } });
    const { context, page } = await newPage(browser, { width: 1080, height: 1920 });
    try {
      await openApp(page, locked);
      const notice = page.getByTestId('kiosk-being-set-up');
      await notice.waitFor();
      expect(await notice.innerText()).toContain('This kiosk is being set up');
      expect(await notice.innerText()).toContain('Please ask a member of staff.');
      // The customer's words come first; the passphrase is a staff step under "For staff".
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('This kiosk is being set up');
      await page.getByRole('heading', { name: 'For staff' }).waitFor();
      await screenshot(page, 'kiosk-locked-after-restart-1080x1920');
      const findings = await seriousViolations(page);
      expect(findings, describeFindings('locked kiosk', findings)).toEqual([]);

      const db = path.join(locked.dataDir, 'hushdesk.db');
      // Through the backend without the PIN, or with a wrong one: refused, the store stays.
      expect(await api(page, 'wipe.run', { scope: { kind: 'all' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await api(page, 'wipe.run', { scope: { kind: 'all' }, pin: '0000' })).toMatchObject({ ok: false, error: { code: 'wrong_pin' } });
      expect(existsSync(db)).toBe(true);
      // On screen: the erase dialog asks for the staff PIN; a wrong one is said and changes nothing.
      await page.getByRole('button', { name: 'Erase everything and start fresh' }).click();
      const dialog = page.getByTestId('confirm-erase-forgotten');
      await dialog.waitFor();
      await dialog.getByLabel('Staff PIN').fill('9999');
      await dialog.getByRole('button', { name: 'Erase everything' }).click();
      await dialog.getByText(/Wrong PIN/).waitFor();
      expect(existsSync(db)).toBe(true);
      await dialog.getByLabel('Staff PIN').fill('1357');
      await dialog.getByRole('button', { name: 'Erase everything' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(existsSync(db)).toBe(false);
      expect(existsSync(path.join(locked.dataDir, 'staff-pin.json'))).toBe(false);
    } finally {
      await context.close();
      await locked.stop();
      removeDir(first.dataDir);
    }
  });

  it('a kiosk on the device keychain can be set up with a passphrase instead: typed twice, with the rule and the warning', async () => {
    const device = await startPreviewHost({ kiosk: true, env: { HUSHDESK_PASSPHRASE: '' }, extraArgs: ['--fake-device-keychain'] });
    const { context, page } = await newPage(browser, { width: 1080, height: 1920 });
    try {
      await openApp(page, device);
      const setup = page.getByTestId('kiosk-setup');
      await setup.waitFor();
      expect(await api(page, 'security.status')).toMatchObject({ ok: true, value: { keyProtector: { kind: 'device' }, deviceKeyAvailable: true } });
      await setup.getByRole('radio', { name: 'A passphrase that staff type after every restart' }).check();
      expect(await setup.innerText()).toContain('If the passphrase is lost, everything in the file is lost');
      expect(await setup.innerText()).toContain('At least 8 characters.');
      await setup.getByLabel('PIN', { exact: true }).fill('9753');
      await setup.getByLabel('Repeat PIN').fill('9753');
      await setup.getByLabel('New passphrase', { exact: true }).fill('kiosk counter passphrase');
      expect(await page.getByTestId('setup-strength').innerText()).toBe('Strength: strong.');
      await setup.getByLabel('Type the passphrase again').fill('kiosk counter passphrase?');
      await setup.getByRole('button', { name: 'Finish setup' }).click();
      await expect.poll(() => page.getByTestId('setup-message').innerText()).toBe('The two passphrases do not match.');
      // Nothing was done: no PIN, still the device key.
      expect(await api(page, 'kiosk.status')).toMatchObject({ ok: true, value: { pinSet: false } });
      await setup.getByLabel('Type the passphrase again').fill('kiosk counter passphrase');
      await setup.getByRole('button', { name: 'Finish setup' }).click();
      await page.getByTestId('welcome').waitFor();
      expect(await api(page, 'security.status')).toMatchObject({ ok: true, value: { keyProtector: { kind: 'passphrase' } } });
      expect(await api(page, 'kiosk.status')).toMatchObject({ ok: true, value: { pinSet: true, unlockedUntil: null } });
    } finally {
      await context.close();
      await device.stop();
      removeDir(device.dataDir);
    }
  });
});
