/**
 * The owner's masking controls on "Your data" (issue 12 item 6) in real Chromium against the real
 * backend: operated with the keyboard only; a detector turned off shows a plain warning naming
 * what is then saved as typed, and once saved the panel stops claiming it and a name typed in chat
 * is stored as typed; the shop's countries and never-a-name words are saved; a country code no
 * plan knows is refused at its field (aria-invalid, message linked to the field); the shop's own
 * country is chosen by name and phone numbers are then read its way, and dates and times on screen
 * are written its way ("4 Dec 2026, 21:40", not "Dec 4, 2026, 9:40 PM"); axe is clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ChatReply, PrivacyFacts, Settings, Transcript } from '../../shared/domain';
import { describeFindings, seriousViolations } from './axe';
import { launchChromium, newPage, removeDir, screenshot, startPreviewHost, type PreviewProcess } from './harness';
import { answerConsentIfAsked, api, backToChat, messageBox, openApp, openSettingsPage, send } from './ui';

// A renderer built elsewhere (a shared tree whose dist/ another run is using); dist/renderer otherwise.
const rendererDir = process.env.HUSHDESK_TEST_RENDERER_DIR;

async function value<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Tabs forward until `test` says the wanted control has the focus (keyboard only, as a person without a mouse does). */
async function tabTo(page: Page, test: () => Promise<boolean>, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await test()) return;
  }
  throw new Error('control never reached with Tab');
}

const focusedIs = (page: Page, selector: string) => () => page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

describe('Your data: the masking controls', () => {
  let host: PreviewProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [host, browser] = await Promise.all([startPreviewHost(rendererDir ? { extraArgs: ['--renderer-dir', rendererDir] } : {}), launchChromium()]);
    ({ page } = await newPage(browser));
    await openApp(page, host);
    await answerConsentIfAsked(page, 'Save');
    await messageBox(page).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    if (host) removeDir(host.dataDir);
  });

  it('turning a detector off with the keyboard warns, is saved, and the panel and the store follow', async () => {
    await openSettingsPage(page, 'Your data');
    const form = page.getByTestId('masking-controls');
    await form.waitFor();
    const names = form.getByRole('checkbox', { name: 'Names', exact: true });
    expect(await names.isChecked()).toBe(true);
    expect(await form.getByTestId('pii-off-warning').count()).toBe(0);
    // The facts load on their own: wait for the list, which claims names while they are on.
    await page.getByTestId('masking').locator('li[data-type="name"]').waitFor();

    await names.focus();
    await page.keyboard.press('Space');
    expect(await names.isChecked()).toBe(false);
    const warning = form.getByTestId('pii-off-warning');
    await warning.waitFor();
    expect(await warning.innerText()).toMatch(/Turned off: Names\. .*saved exactly as typed/);
    // The warning is tied to the group of switches, so a screen reader hears it there.
    const described = await form.getByRole('group', { name: 'Mask these before saving' }).getAttribute('aria-describedby');
    expect(described).toBe(await warning.getAttribute('id'));

    // The countries field and the never-a-name words, typed; then Save, all from the keyboard.
    await tabTo(page, focusedIs(page, 'input[aria-describedby*="-countries-"]'));
    await page.keyboard.type('de, fr');
    await page.getByTestId('countries-listed').waitFor();
    expect(await page.getByTestId('countries-listed').innerText()).toBe('Listed: Germany, France');
    await page.keyboard.press('Tab');
    expect(await focusedIs(page, 'textarea[aria-describedby*="-words-"]')()).toBe(true);
    await page.keyboard.type('Aurora\nBrightline');
    await page.keyboard.press('Tab');
    expect(await focusedIs(page, 'button[type="submit"]')()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Save masking');
    await page.keyboard.press('Enter');
    await form.getByRole('status').filter({ hasText: 'Saved' }).waitFor();

    const s = await value(api<Settings>(page, 'settings.get'));
    expect(s.piiOff).toEqual(['name']);
    expect(s.shopCountries).toEqual(['DE', 'FR']);
    expect(s.neverNames).toEqual(['Aurora', 'Brightline']);
    // The facts above the form are reloaded: no claim about names, the countries named for phones.
    const facts = await value(api<PrivacyFacts>(page, 'privacy.facts'));
    expect(facts.masking.types).not.toContain('name');
    const shown = page.getByTestId('masking');
    await shown.locator('li[data-type="name"]').waitFor({ state: 'detached' });
    expect(await shown.locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')))).toEqual(facts.masking.types);
    expect(await shown.locator('li[data-type="phone"]').innerText()).toContain('Germany, France');
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-masking-controls-1280x800');
    expect(await seriousViolations(page), describeFindings('Your data with a detector off', await seriousViolations(page))).toEqual([]);

    // What the panel no longer claims is really stored as typed; what it still claims is masked.
    await backToChat(page);
    await send(page, 'my name is Yevgenia Brackwater');
    const conversationId = (await page.locator('.chat-screen').getAttribute('data-conversation')) ?? '';
    const t = await value(api<Transcript>(page, 'conversations.get', { conversationId }));
    expect(t.messages.map((m) => m.text)).toContain('my name is Yevgenia Brackwater');
    const r = await value(api<ChatReply>(page, 'chat.send', { conversationId, text: 'my DOB is 14/03/1987 and my name is Yevgenia Brackwater' }));
    expect(r.user.storedText).toBe('my DOB is [date of birth] and my name is Yevgenia Brackwater');
  });

  it('a country code no phone plan knows is refused at its field, and nothing is saved', async () => {
    await openSettingsPage(page, 'Your data');
    const form = page.getByTestId('masking-controls');
    const countries = form.getByRole('textbox', { name: "Other countries your customers' phone numbers come from" });
    await countries.fill('DE, XX');
    await form.getByRole('button', { name: 'Save masking' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toBe('“XX” is not a two-letter country code Hushdesk knows.');
    expect(await countries.getAttribute('aria-invalid')).toBe('true');
    const errorId = await alert.getAttribute('id');
    expect((await countries.getAttribute('aria-describedby'))?.split(' ')).toContain(errorId);
    expect((await value(api<Settings>(page, 'settings.get'))).shopCountries).toEqual(['DE', 'FR']);
    expect(await seriousViolations(page), describeFindings('Your data with a field error', await seriousViolations(page))).toEqual([]);
    await screenshot(page, 'settings-masking-country-error-1280x800');
    // Put right, it saves and the error goes.
    await countries.fill('DE');
    await form.getByRole('button', { name: 'Save masking' }).click();
    await alert.waitFor({ state: 'detached' });
    expect((await value(api<Settings>(page, 'settings.get'))).shopCountries).toEqual(['DE']);
    expect(await countries.getAttribute('aria-invalid')).toBeNull();
  });

  it("the shop's country is chosen by name: saved, a number written its way is masked without a cue word", async () => {
    // No other countries (07911 is a German area code too), and the store's country the default.
    await openSettingsPage(page, 'Your data');
    const form = page.getByTestId('masking-controls');
    await form.getByRole('textbox', { name: "Other countries your customers' phone numbers come from" }).fill('');
    await form.getByRole('button', { name: 'Save masking' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await backToChat(page);
    const conversationId = (await page.locator('.chat-screen').getAttribute('data-conversation')) ?? '';
    const ukMobile = 'it is 07911 123456 ok';
    // Read the US way, a British mobile with no cue word is not a phone number.
    expect((await value(api<ChatReply>(page, 'chat.send', { conversationId, text: ukMobile }))).user.storedText).toBe(ukMobile);
    // When the conversation started, as the list of saved conversations writes it.
    const started = async (): Promise<string> => {
      await openSettingsPage(page, 'Conversations');
      const cell = page.locator(`tr[data-conversation-id="${conversationId}"] td`).first();
      await cell.waitFor();
      return (await cell.innerText()).trim();
    };
    expect(await started()).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M$/u);

    await openSettingsPage(page, 'Your data');
    // A desktop: the person's own country, named as the first start names it.
    const country = form.getByRole('combobox', { name: 'Your country' });
    expect(await country.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent)).toBe('United States');
    // Options are names, in the interface language, in alphabetical order.
    const names = await country.locator('option').allInnerTexts();
    expect(names).toContain('United Kingdom');
    expect(names).toEqual([...names].sort(new Intl.Collator('en').compare));
    await country.focus();
    await country.selectOption('GB');
    expect(await form.getByText('Numbers written the United Kingdom way').count()).toBe(1);
    await form.getByRole('button', { name: 'Save masking' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect((await value(api<Settings>(page, 'settings.get'))).storeRegion).toBe('GB');
    expect((await value(api<PrivacyFacts>(page, 'privacy.facts'))).masking.phoneRegion).toBe('GB');
    expect(await page.getByTestId('masking').locator('li[data-type="phone"]').innerText()).toContain('United Kingdom');
    expect(await seriousViolations(page), describeFindings("Your data, the shop's country", await seriousViolations(page))).toEqual([]);
    // The same moment, written the British way: day first, a 24-hour clock.
    expect(await started()).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/u);

    await backToChat(page);
    expect((await value(api<ChatReply>(page, 'chat.send', { conversationId, text: ukMobile }))).user.storedText).toBe('it is [phone] ok');
    // A region no phone plan knows, sent past the form, is refused and nothing changes.
    expect(await api(page, 'settings.set', { patch: { storeRegion: 'XX' } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await value(api<Settings>(page, 'settings.get'))).storeRegion).toBe('GB');
  });
});
