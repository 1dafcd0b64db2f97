/**
 * Focus and leftovers in settings (issue 15, item 18), keyboard only where a person would use it,
 * in real Chromium: after deleting a conversation the focus is on the message saying so (not the
 * page body); a date field's calendar button shows its focus; a search with no hits clears the
 * previous search's banner and rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { answerConsentIfAsked, openAppSession, openSettingsPage, send, startNewConversation } from './ui';

describe('focus and leftovers in settings', () => {
  let page: Page;

  let close = async (): Promise<void> => undefined;

  beforeAll(async () => {
    ({ page, close } = await openAppSession());
    await answerConsentIfAsked(page, 'Save');
    await send(page, 'do you price match persimmon');
    await startNewConversation(page);
    await answerConsentIfAsked(page, 'Save');
    await send(page, 'where can i park');
  });
  afterAll(() => close());

  it('after a delete the focus is on the message that says so, not on the page body', async () => {
    await openSettingsPage(page, 'Conversations');
    const table = page.getByTestId('conversation-table');
    // Both conversations listed before counting (the list loads after the page opens).
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    const before = await table.locator('tbody tr').count();
    await table.getByRole('button', { name: 'Delete' }).first().focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('confirm-delete');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Delete' }).focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(before - 1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName)).toBe('conversations-status');
    expect(await page.getByTestId('conversations-status').innerText()).toMatch(/^Conversation deleted \(\d+ messages?\)\.$/);
  });

  it('a search with no hits replaces the last search: its banner and rows are gone', async () => {
    // The banner left by the delete above, and the rows of a first search, are on screen.
    expect(await page.getByTestId('conversations-status').innerText()).toMatch(/Conversation deleted/);
    const box = page.getByRole('searchbox', { name: 'Search messages' });
    await box.fill('persimmon');
    await box.press('Enter');
    const results = page.getByTestId('search-results');
    await expect.poll(() => results.locator('li').count()).toBeGreaterThan(0);
    await box.fill('zzzqqq');
    await box.press('Enter');
    await expect.poll(() => results.getByRole('status').innerText()).toMatch(/zzzqqq/);
    expect(await results.locator('li').count()).toBe(0);
    expect(await results.innerText()).not.toMatch(/persimmon|matching message/);
    expect(await page.getByTestId('conversations-status').innerText()).toBe('');
  });

  it("a date field's calendar button shows its focus", async () => {
    await openSettingsPage(page, 'Export and wipe');
    const from = page.locator('input[type="date"]').first();
    await from.focus();
    // Month, day, year, then the calendar button: all inside the one input.
    const outlines: string[] = [];
    for (let i = 0; i < 4; i++) {
      outlines.push(await from.evaluate((el) => (document.activeElement === el ? `${getComputedStyle(el).outlineStyle} ${getComputedStyle(el).outlineWidth}` : 'left')));
      await page.keyboard.press('Tab');
    }
    expect(outlines).toEqual(['solid 3px', 'solid 3px', 'solid 3px', 'solid 3px']);
  });
});
