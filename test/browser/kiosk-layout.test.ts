/**
 * The kiosk's layout, measured in real Chromium at a portrait 1080x1920 screen and at 1280x800
 * (issue 15, items 11-13 and "done means"): on every screen (first-start setup, the locked kiosk
 * after a restart and its erase dialog, welcome, the save question, a long chat with the hand-off
 * card, the QR dialog, "Your data", the PIN dialog, every settings page, every tab of the
 * knowledge-base editor, a transcript and the delete, wipe and erase confirmations) the document
 * never scrolls (its scroll size fits the window, nothing is clipped off the app's root, and a
 * mouse wheel leaves the page where it is) and every visible interactive element is at least
 * 44x44 px. The Conversations table fits without sideways scrolling, Open and Delete on screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { describeFindings, seriousViolations } from './axe';
import { newPage, removeDir, screenshot, startPreviewHost, type PreviewProcess, startHostAndBrowser } from './harness';
import { completeKioskSetup, messageBox, openApp, openQrDialog, send } from './ui';

const PIN = '8642';
const VIEWPORTS = [
  { width: 1080, height: 1920 },
  { width: 1280, height: 800 },
] as const;
const PAGES = ['Display and language', 'Conversations', 'Export and wipe', 'Your data', 'Security', 'Knowledge base', 'Teach the bot', 'Kiosk', 'Opening hours', 'About'];

interface Measure {
  scrollWidth: number;
  scrollHeight: number;
  width: number;
  height: number;
  small: string[];
  rootScroll: { overflow: number; top: number };
}

/** Document scroll size against the window, and every visible interactive element under 44x44. */
async function measure(page: Page): Promise<Measure> {
  return page.evaluate(() => {
    const sel = 'button, a[href], input, select, textarea, summary, [role="button"], [role="radio"], [role="checkbox"], [tabindex]:not([tabindex="-1"])';
    const small = Array.from(document.querySelectorAll<HTMLElement>(sel))
      .filter((el) => {
        const r = el.getBoundingClientRect();
        const cs = getComputedStyle(el);
        // Screen-reader-only helpers and invisible inputs are not targets.
        return r.width > 1 && r.height > 1 && cs.visibility !== 'hidden' && cs.display !== 'none' && el.getClientRects().length > 0;
      })
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width < 44 || r.height < 44)
      .map(({ el, r }) => `${el.tagName.toLowerCase()}${el.getAttribute('type') ? `[${el.getAttribute('type')}]` : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
    const de = document.documentElement;
    // The kiosk's root hides overflow, so the document cannot grow: what would have scrolled the
    // page is then cut off below the window instead (and focus could still scroll the root).
    const root = document.querySelector<HTMLElement>('.app-root');
    const rootScroll = root ? { overflow: root.scrollHeight - root.clientHeight, top: root.scrollTop } : { overflow: 0, top: 0 };
    return { scrollWidth: de.scrollWidth, scrollHeight: de.scrollHeight, width: window.innerWidth, height: window.innerHeight, small, rootScroll };
  });
}

async function expectFits(page: Page, where: string): Promise<void> {
  const m = await measure(page);
  expect({ where, height: m.scrollHeight <= m.height, width: m.scrollWidth <= m.width }, `${where}: document ${m.scrollWidth}x${m.scrollHeight} in ${m.width}x${m.height}`).toEqual({ where, height: true, width: true });
  expect(m.rootScroll, `${where}: the app's root is taller than the window (content cut off) or scrolled`).toEqual({ overflow: 0, top: 0 });
  expect(m.small, `${where}: targets under 44x44`).toEqual([]);
  // A wheel anywhere (over the log, or wherever the pointer is) never moves the page itself.
  await page.mouse.move(m.width / 2, m.height / 2);
  await page.mouse.wheel(0, 2000);
  await page.waitForTimeout(50);
  expect(await page.evaluate(() => [window.scrollX, window.scrollY, document.scrollingElement?.scrollTop ?? 0]), `${where}: page scrolled`).toEqual([0, 0, 0]);
}

/** A confirmation dialog fits like any screen; Cancel (which has the focus) closes it, nothing done. */
async function expectDialogFits(dialog: Locator, where: string): Promise<void> {
  await dialog.waitFor();
  await expectFits(dialog.page(), where);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('kiosk layout: the page never scrolls, every target is touch-sized', () => {
  let host: PreviewProcess;
  let browser: Browser;
  let close = async (): Promise<void> => undefined;

  beforeAll(async () => {
    ({ host, browser, close } = await startHostAndBrowser({ kiosk: true }));
  });
  afterAll(() => close());

  it('first-start setup fits both screens', async () => {
    for (const vp of VIEWPORTS) {
      const { context, page } = await newPage(browser, vp);
      await openApp(page, host);
      await page.getByTestId('kiosk-setup').waitFor();
      await expectFits(page, `setup ${vp.width}x${vp.height}`);
      await context.close();
    }
    const { context, page } = await newPage(browser);
    await openApp(page, host);
    await completeKioskSetup(page, PIN);
    await context.close();
  });

  for (const vp of VIEWPORTS) {
    const size = `${vp.width}x${vp.height}`;
    it(`welcome, a long chat, "Your data", the PIN dialog and every settings page at ${size}`, async () => {
      const { context, page } = await newPage(browser, vp);
      await openApp(page, host);
      await page.getByTestId('welcome').waitFor();
      await expectFits(page, `welcome ${size}`);

      await page.getByRole('button', { name: 'Start' }).click();
      // The first answer comes with the save question above the message box (the kiosk asks).
      await messageBox(page).fill('what time do you open on sunday');
      await messageBox(page).press('Enter');
      const consent = page.getByTestId('consent');
      await consent.waitFor();
      await expectFits(page, `save question ${size}`);
      await consent.getByRole('button', { name: 'Save', exact: true }).click();
      await consent.waitFor({ state: 'detached' });
      // The take-away QR dialog over the chat (while the transcript still fits in a QR code).
      const qr = await openQrDialog(page, `QR dialog ${size}`);
      await expectFits(page, `QR dialog ${size}`);
      await qr.getByRole('button', { name: 'Close' }).click();
      await qr.waitFor({ state: 'detached' });
      // Enough turns to overflow the log many times over (the old bug: 3197 px in a 1920 px window),
      // with the hand-off card, quick replies and the order slot's hint among them.
      for (const q of ['do you price match', 'where can i park', 'do you sell gift cards', 'can i return without a receipt', 'do you do repairs', 'can i talk to a person', 'what about installation', 'where is my order']) await send(page, q);
      await page.getByTestId('handoff').first().waitFor();
      expect(await page.locator('[role="log"]').evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
      await page.locator('[role="log"]').hover();
      await expectFits(page, `long chat ${size}`);
      // The log itself scrolls (it is the one scroll area).
      await page.locator('[role="log"]').evaluate((el) => (el.scrollTop = 0));
      await page.locator('[role="log"]').hover();
      await page.mouse.wheel(0, 400);
      await expect.poll(() => page.locator('[role="log"]').evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
      await screenshot(page, `kiosk-long-chat-${size}`);

      await page.getByRole('button', { name: 'Your data' }).click();
      await page.getByTestId('your-data-dialog').waitFor();
      await expectFits(page, `your data ${size}`);
      await page.getByTestId('your-data-dialog').getByRole('button', { name: 'Close' }).last().click();

      await page.getByRole('button', { name: 'Settings' }).click();
      const pin = page.getByRole('dialog', { name: 'Staff PIN' });
      await pin.waitFor();
      await expectFits(page, `PIN dialog ${size}`);
      await pin.getByLabel('PIN', { exact: true }).fill(PIN);
      await pin.getByRole('button', { name: 'Unlock' }).click();
      await page.getByTestId('settings').waitFor();
      // Every page the navigation offers (a page added later is measured too).
      const names = await page.getByRole('navigation', { name: 'Settings pages' }).getByRole('button').allInnerTexts();
      for (const p of PAGES) expect(names).toContain(p);
      for (const name of names) {
        await page.getByRole('navigation', { name: 'Settings pages' }).getByRole('button', { name, exact: true }).click();
        await page.getByRole('heading', { level: 2, name, exact: true }).waitFor();
        await page.waitForLoadState('networkidle');
        await expectFits(page, `settings ${name} ${size}`);
        if (name === 'Conversations') {
          const table = page.getByTestId('conversation-table');
          await table.waitFor();
          // Item 13: no sideways scroll, and each row's actions are on screen.
          const wrap = await table.evaluate((el) => {
            const w = el.parentElement as HTMLElement;
            return { scroll: w.scrollWidth, client: w.clientWidth };
          });
          expect(wrap.scroll, `conversations table ${size}`).toBeLessThanOrEqual(wrap.client);
          for (const label of ['Open', 'Delete']) {
            const b = await table.getByRole('button', { name: label }).first().boundingBox();
            expect(b, `${label} button`).not.toBeNull();
            expect(b!.x + b!.width).toBeLessThanOrEqual(vp.width);
          }
          await screenshot(page, `kiosk-settings-conversations-${size}`);
          // A transcript opened, and the delete confirmation.
          await table.getByRole('button', { name: 'Open' }).first().click();
          await page.getByTestId('transcript').waitFor();
          await expectFits(page, `transcript ${size}`);
          await page.getByRole('button', { name: 'Close transcript' }).click();
          await table.getByRole('button', { name: 'Delete' }).first().click();
          await expectDialogFits(page.getByTestId('confirm-delete'), `delete dialog ${size}`);
        }
        if (name === 'Export and wipe') {
          for (const [button, dialog] of [
            ['End-of-day wipe…', 'Run the end-of-day wipe?'],
            ['Erase everything…', 'Erase everything?'],
          ] as const) {
            await page.getByRole('button', { name: button }).click();
            await expectDialogFits(page.getByRole('alertdialog', { name: dialog }), `${dialog} ${size}`);
          }
        }
        if (name === 'Teach the bot') {
          // Every tab of the editor (the import tab has the file pickers).
          const tabs = page.getByRole('navigation', { name: 'Knowledge base editor' });
          await tabs.waitFor();
          const tabNames = await tabs.getByRole('button').allInnerTexts();
          expect(tabNames).toContain('Import');
          for (const tab of tabNames) {
            await tabs.getByRole('button', { name: tab, exact: true }).click();
            await expect.poll(() => tabs.getByRole('button', { name: tab, exact: true }).getAttribute('aria-current')).toBe('page');
            await page.waitForLoadState('networkidle');
            await expectFits(page, `teach the bot: ${tab} ${size}`);
          }
        }
      }
      const findings = await seriousViolations(page);
      expect(findings, describeFindings(`kiosk settings ${size}`, findings)).toEqual([]);
      await context.close();
    });
  }

  it('a locked kiosk after a restart, and its erase dialog, fit both screens', async () => {
    const first = await startPreviewHost({ kiosk: true });
    const { context: c1, page: p1 } = await newPage(browser);
    await openApp(p1, first);
    await completeKioskSetup(p1, PIN);
    await c1.close();
    await first.stop();
    const locked = await startPreviewHost({ kiosk: true, dataDir: first.dataDir, env: { HUSHDESK_PASSPHRASE: '' } });
    try {
      for (const vp of VIEWPORTS) {
        const size = `${vp.width}x${vp.height}`;
        const { context, page } = await newPage(browser, vp);
        await openApp(page, locked);
        await page.getByTestId('kiosk-being-set-up').waitFor();
        await expectFits(page, `locked kiosk ${size}`);
        await page.getByRole('button', { name: 'Erase everything and start fresh' }).click();
        await expectDialogFits(page.getByTestId('confirm-erase-forgotten'), `locked kiosk erase dialog ${size}`);
        await context.close();
      }
    } finally {
      await locked.stop();
      removeDir(first.dataDir);
    }
  });
});
