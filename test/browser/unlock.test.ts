/**
 * A locked store: without a passphrase at start the renderer asks for one. On a first start the
 * same screen creates the store ("Choose a passphrase") and asks the person's country, guessed from
 * the computer's language and saved with the new store; afterwards a wrong passphrase is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeFindings, seriousViolations } from './axe';
import { launchChromium, newPage, removeDir, screenshot, startPreviewHost, type PreviewProcess } from './harness';
import type { Settings } from '../../shared/domain';
import { api, choosePassphrase, openApp, waitForChat } from './ui';

const selectedName = (select: import('playwright-core').Locator) => select.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent ?? '');

describe('unlock: the encrypted store asks for its passphrase', () => {
  let host: PreviewProcess;
  let browser: Browser;

  beforeAll(async () => {
    [host, browser] = await Promise.all([startPreviewHost({ env: { HUSHDESK_PASSPHRASE: '' } }), launchChromium()]);
  });
  /** Restarts the host on the same folder (no passphrase given) and opens the unlock screen. */
  async function restartLocked() {
    const dataDir = host.dataDir;
    await host.stop();
    host = await startPreviewHost({ dataDir, env: { HUSHDESK_PASSPHRASE: '' } });
    const opened = await newPage(browser);
    await openApp(opened.page, host);
    await opened.page.getByRole('heading', { level: 1, name: 'Unlock Hushdesk' }).waitFor();
    return opened;
  }

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    if (host) removeDir(host.dataDir);
  });

  it('creates the store on first start, then opens the chat', async () => {
    // A British computer: its language names the country.
    const { context, page } = await newPage(browser, undefined, 'en-GB');
    await openApp(page, host);
    await page.getByRole('heading', { level: 1, name: 'Choose a passphrase' }).waitFor();
    const country = page.getByRole('combobox', { name: 'Your country' });
    expect(await selectedName(country)).toBe('United Kingdom');
    expect(await country.getAttribute('aria-describedby')).toBeTruthy();
    const findings = await seriousViolations(page);
    expect(findings, describeFindings('create passphrase', findings)).toEqual([]);
    await screenshot(page, 'unlock-create-1280x800');
    // The desktop window's content (1100x780 less a title bar): the whole form and its button fit.
    await page.setViewportSize({ width: 1100, height: 740 });
    const create = await page.getByRole('button', { name: 'Create' }).boundingBox();
    expect(create && create.y + create.height).toBeLessThanOrEqual(740);
    expect(await page.evaluate(() => document.scrollingElement?.scrollTop ?? 0)).toBe(0);
    await page.setViewportSize({ width: 1280, height: 800 });
    // Item 16: the rule and the warning are on screen before anything is typed.
    expect(await page.getByText('At least 8 characters.', { exact: false }).isVisible()).toBe(true);
    expect(await page.getByTestId('passphrase-warning').innerText()).toMatch(/If the passphrase is lost, everything in the file is lost/);
    const box = page.getByLabel('Passphrase', { exact: true });
    // Too short + Enter: said, not silently ignored; nothing is created.
    await box.fill('abcde');
    expect(await page.getByTestId('passphrase-strength').innerText()).toBe('Too short: at least 8 characters.');
    await box.press('Enter');
    await expect.poll(() => page.getByRole('alert').first().innerText()).toBe('The passphrase must be at least 8 characters.');
    expect(await api<{ storeExists: boolean }>(page, 'security.status')).toMatchObject({ ok: true, value: { storeExists: false } });
    // A strength hint while typing; a mismatch in the second field is said and nothing is created.
    await box.fill('password1');
    expect(await page.getByTestId('passphrase-strength').innerText()).toBe('Strength: weak. Add more words.');
    await box.fill('a brand new passphrase');
    expect(await page.getByTestId('passphrase-strength').innerText()).toBe('Strength: strong.');
    await page.getByLabel('Type the passphrase again').fill('a brand new passphrase!');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toBe('The two passphrases do not match.');
    expect(await api<{ storeExists: boolean }>(page, 'security.status')).toMatchObject({ ok: true, value: { storeExists: false } });
    await screenshot(page, 'unlock-create-checked-1280x800');
    await choosePassphrase(page, 'a brand new passphrase');
    expect(['consent', 'input']).toContain(await waitForChat(page));
    // Saved with the new store: phone numbers and dates are the United Kingdom's from the first message.
    expect(await api<Settings>(page, 'settings.get')).toMatchObject({ ok: true, value: { storeRegion: 'GB' } });
    await context.close();
  });

  it('a second window sees an unlocked store (the backend holds the key, not the page)', async () => {
    const { context, page } = await newPage(browser);
    await openApp(page, host);
    expect(['consent', 'input']).toContain(await waitForChat(page));
    await context.close();
  });

  it('after a restart asks for the passphrase, refuses a wrong one and opens with the right one', async () => {
    const { context, page } = await restartLocked();
    await page.getByLabel('Passphrase', { exact: true }).fill('not the passphrase');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText('That passphrase did not open the file.').waitFor();
    const findings = await seriousViolations(page);
    expect(findings, describeFindings('unlock with error', findings)).toEqual([]);
    await page.getByLabel('Passphrase', { exact: true }).fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Unlock' }).click();
    expect(['consent', 'input']).toContain(await waitForChat(page));
    await context.close();
  });

  it('a forgotten passphrase leads to a clear choice: erase everything and start fresh', async () => {
    const { context, page } = await restartLocked();
    await page.getByRole('button', { name: 'Erase everything and start fresh' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Erase everything?' });
    await dialog.waitFor();
    const findings = await seriousViolations(page);
    expect(findings, describeFindings('erase after forgotten passphrase', findings)).toEqual([]);
    // Cancel has the focus: Enter alone never destroys anything.
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Erase everything and start fresh' }).click();
    await dialog.getByRole('button', { name: 'Erase everything' }).click();
    await page.getByRole('heading', { level: 1, name: 'Choose a passphrase' }).waitFor();
    // A US computer guesses the United States; the person chooses Ireland instead.
    const country = page.getByRole('combobox', { name: 'Your country' });
    expect(await selectedName(country)).toBe('United States');
    await country.selectOption('IE');
    await choosePassphrase(page, 'another new passphrase');
    expect(['consent', 'input']).toContain(await waitForChat(page));
    expect(await api<Settings>(page, 'settings.get')).toMatchObject({ ok: true, value: { storeRegion: 'IE' } });
    await context.close();
  });
});
