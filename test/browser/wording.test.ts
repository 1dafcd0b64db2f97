/**
 * No developer text on screen (issue 15, item 14), in real Chromium on the desktop host: topic
 * titles instead of intent ids, audit events in words, the cipher named for people, no label said
 * twice, a greeting that fits a desktop, and "Kept until" for dates in the future.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './harness';
import { answerConsentIfAsked, botMessages, messageBox, openAppSession, openSettingsPage, send } from './ui';

const count = (haystack: string, needle: string): number => haystack.split(needle).length - 1;

describe('wording: what people read, not what developers wrote', () => {
  let page: Page;

  let close = async (): Promise<void> => undefined;

  beforeAll(async () => {
    ({ page, close } = await openAppSession());
  });
  afterAll(() => close());

  it('the desktop greeting does not call itself a kiosk; the slot hint is said once', async () => {
    await answerConsentIfAsked(page, 'Save');
    const welcome = await botMessages(page).first().innerText();
    expect(welcome).not.toMatch(/kiosk/i);
    await send(page, 'where is my order');
    const composer = page.locator('form.composer, .composer').first();
    const text = (await composer.innerText()) + ((await messageBox(page).getAttribute('placeholder')) ?? '');
    expect(count(text, 'Type your order')).toBe(1);
    await send(page, 'HD-482913');
    await send(page, 'can i get a refund');
  });

  it('Conversations: topic titles, never intent ids; future dates say "Kept until"', async () => {
    await openSettingsPage(page, 'Conversations');
    const table = page.getByTestId('conversation-table');
    await table.waitFor();
    // The topic titles come with the knowledge base's info, which may land after the list.
    await table.getByText('Order status').waitFor();
    const body = await table.innerText();
    expect(body).not.toMatch(/\b[a-z_]+\.[a-z_]+\b/); // refunds.status, order.status
    expect(body).toContain('Order status');
    expect(await table.locator('th').allInnerTexts()).toContain('Kept until');
    expect(await table.locator('th').allInnerTexts()).not.toContain('Deleted');
    // One conversation is "1 conversation" (plurals from the catalogue).
    expect(await table.locator('caption').textContent()).toBe('1 conversation');
  });

  it('Security: the cipher for people, one "Status", audit events in words', async () => {
    await openSettingsPage(page, 'Security');
    const main = page.locator('.settings-main');
    await main.locator('dd').getByText('Unlocked', { exact: true }).waitFor();
    const text = await main.innerText();
    expect(text).not.toMatch(/\bsqlcipher\b/);
    expect(text).toContain('SQLCipher 4 (AES-256)');
    expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b/); // unlock_success, app_start, data_viewed
    expect(text).not.toMatch(/\w+=\w+/); // protector=passphrase
    expect(count(text, 'Status\n')).toBeLessThanOrEqual(1);
    expect(text).toContain('Unlocked');
    await screenshot(page, 'settings-security-words-1280x800');
  });

  it('Kiosk page: the idle label is said once', async () => {
    await openSettingsPage(page, 'Kiosk');
    const text = await page.locator('.settings-main').innerText();
    expect(count(text, 'Clear the screen after this many idle seconds')).toBe(1);
  });
});
