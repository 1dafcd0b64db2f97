/**
 * Settings and the data controls in real Chromium against the real backend: every page renders and
 * passes axe (screenshots at 1280x800 and 1080x1920), "Your data" counts match what was stored,
 * search finds a message, one conversation is deleted with confirmation, the end-of-day wipe runs
 * from settings after a confirmation that states the counts, export writes a file, and the
 * language and display options apply.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ConversationSummary, PrivacyFacts } from '../../shared/domain';
import { describeFindings, seriousViolations } from './axe';
import { launchChromium, newPage, removeDir, screenshot, startPreviewHost, type PreviewProcess } from './harness';
import { answerConsentIfAsked, api, wipeCountsText, messageBox, openApp, send, startNewConversation, openSettingsPage, backToChat as leaveSettings } from './ui';

const PAGES = ['Display and language', 'Conversations', 'Export and wipe', 'Your data', 'Security', 'Knowledge base', 'Kiosk', 'Opening hours', 'About'] as const;
const slug = (name: string) => name.toLowerCase().replace(/[^a-z]+/g, '-');

describe('settings: staff and privacy-minded users see and control what is kept', () => {
  let host: PreviewProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const openPage = (name: string) => openSettingsPage(page, name);
  const backToChat = () => leaveSettings(page);
  const countOf = async (category: string) => Number(await page.getByTestId(`count-${category}`).innerText());

  beforeAll(async () => {
    [host, browser] = await Promise.all([startPreviewHost(), launchChromium()]);
    ({ context, page } = await newPage(browser));
    await openApp(page, host);
    // Two saved conversations with recognisable words.
    await answerConsentIfAsked(page, 'Save');
    await send(page, 'what time do you open on sunday');
    await send(page, 'my parrot is called marzipan-quokka');
    await startNewConversation(page);
    await answerConsentIfAsked(page, 'Save');
    await messageBox(page).waitFor();
    await send(page, 'where is my order');
    await send(page, 'HD-482913');
    await startNewConversation(page);
    await answerConsentIfAsked(page, 'Save');
    await messageBox(page).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    if (host) removeDir(host.dataDir);
  });

  it('"Your data" (from the chat footer) shows live counts that match what is stored', async () => {
    await page.getByRole('button', { name: 'Your data' }).click();
    await page.getByRole('heading', { level: 2, name: 'Your data' }).waitFor();
    await page.getByTestId('data-counts').waitFor();
    const list = await api<{ conversations: ConversationSummary[]; total: number }>(page, 'conversations.list', { limit: 500 });
    expect(list.ok).toBe(true);
    if (!list.ok) return;
    const stored = list.value.conversations.filter((c) => c.messageCount > 0);
    expect(stored.length).toBeGreaterThanOrEqual(2);
    expect(await countOf('conversations')).toBe(list.value.total);
    expect(await countOf('messages')).toBe(list.value.conversations.reduce((n, c) => n + c.messageCount, 0));
    expect(await countOf('messages')).toBeGreaterThanOrEqual(8);
    const facts = await api<PrivacyFacts>(page, 'privacy.facts');
    if (facts.ok) expect(await page.getByText(facts.value.databaseFile, { exact: true }).count()).toBeGreaterThan(0);
    expect(Number(await page.getByTestId('network-blocked').innerText())).toBeGreaterThanOrEqual(0);
    await backToChat();
  });

  it('every settings page renders, passes axe and is photographed at 1280x800 and 1080x1920', async () => {
    for (const name of PAGES) {
      await openPage(name);
      await page.locator('.settings-main [role="status"]:has-text("Loading…")').waitFor({ state: 'detached' }).catch(() => undefined);
      await page.waitForFunction(() => !document.querySelector('.settings-main')?.textContent?.includes('Loading…'));
      expect(await page.locator('.settings-main [role="alert"]').allInnerTexts(), `errors on ${name}`).toEqual([]);
      const findings = await seriousViolations(page);
      expect(findings, describeFindings(`settings page ${name}`, findings)).toEqual([]);
      await screenshot(page, `settings-${slug(name)}-1280x800`);
    }
    await backToChat();
    const { context: ctx, page: tall } = await newPage(browser, { width: 1080, height: 1920 });
    await openApp(tall, host);
    await tall.getByRole('button', { name: 'Settings' }).click();
    for (const name of PAGES) {
      await tall.getByRole('navigation', { name: 'Settings pages' }).getByRole('button', { name, exact: true }).click();
      await tall.getByRole('heading', { level: 2, name, exact: true }).waitFor();
      await tall.waitForFunction(() => !document.querySelector('.settings-main')?.textContent?.includes('Loading…'));
      await screenshot(tall, `settings-${slug(name)}-1080x1920`);
    }
    await ctx.close();
  });

  it('search finds a message and opens its transcript', async () => {
    await openPage('Conversations');
    await page.getByRole('searchbox', { name: 'Search messages' }).fill('marzipan');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const results = page.getByTestId('search-results');
    await results.waitFor();
    await expect.poll(() => results.locator('.hit').count()).toBeGreaterThan(0);
    expect(await results.locator('.hit').first().innerText()).toMatch(/marzipan/i);
    await results.getByRole('button', { name: 'Open' }).first().click();
    const transcript = page.getByTestId('transcript');
    await transcript.waitFor();
    expect(await transcript.innerText()).toContain('marzipan-quokka');
    await screenshot(page, 'settings-conversations-transcript-1280x800');
  });

  it('deletes one conversation after a confirmation', async () => {
    await openPage('Conversations');
    const rows = page.getByTestId('conversation-table').locator('tbody tr');
    await rows.first().waitFor();
    const before = await rows.count();
    const target = rows.filter({ hasText: /\b[1-9]\d*\b/ }).first();
    const id = await target.getAttribute('data-conversation-id');
    await target.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete this conversation?' });
    await dialog.waitFor();
    const findings = await seriousViolations(page);
    expect(findings, describeFindings('delete confirmation', findings)).toEqual([]);
    await screenshot(page, 'confirm-delete-1280x800');
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator(`[data-conversation-id="${id}"]`).count()).toBe(0);
    expect(await page.getByTestId('conversation-table').locator('tbody tr').count().catch(() => 0)).toBe(before - 1);
    const gone = await api(page, 'conversations.get', { conversationId: id });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('exports to a file and shows where it was saved', async () => {
    await openPage('Export and wipe');
    await page.getByRole('radio', { name: /Markdown/ }).check();
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const result = page.getByTestId('export-result');
    const problem = page.locator('.settings-main [role="alert"]');
    await page.waitForFunction(() => /Saved \d+ conversations?|went wrong/.test(document.querySelector('.settings-main')?.textContent ?? ''), undefined, { timeout: 20_000 });
    expect(await problem.allInnerTexts()).toEqual([]);
    expect(await result.innerText()).toMatch(/Saved \d+ conversations?/);
    const m = /to (\S+)$/.exec((await result.innerText()).trim());
    expect(m && existsSync(m[1]!)).toBe(true);
  });

  it('runs the end-of-day wipe from settings after a confirmation that states what goes and what stays', async () => {
    await openPage('Export and wipe');
    await page.getByRole('button', { name: 'End-of-day wipe…' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Run the end-of-day wipe?' });
    await dialog.waitFor();
    const counts = await api<{ counts: { conversations: number; messages: number; consents: number } }>(page, 'privacy.facts');
    if (!counts.ok) throw new Error(counts.error.message);
    expect(await dialog.getByTestId('wipe-counts').innerText()).toBe(wipeCountsText(counts.value.counts));
    expect(await dialog.getByTestId('wipe-stays').locator('li').count()).toBeGreaterThan(0);
    const findings = await seriousViolations(page);
    expect(findings, describeFindings('wipe confirmation', findings)).toEqual([]);
    await screenshot(page, 'confirm-wipe-1280x800');
    await dialog.getByRole('button', { name: 'Wipe now' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(/^Wiped \d+ conversations? and \d+ messages?\./).waitFor();
    await openPage('Conversations');
    await page.getByText('No conversations are kept.').waitFor();
    await openPage('Your data');
    await page.getByTestId('data-counts').waitFor();
    expect(await countOf('conversations')).toBe(0);
    expect(await countOf('messages')).toBe(0);
    expect(await countOf('auditEntries')).toBeGreaterThan(0);
  });

  it('shows the knowledge base and tries a phrase with confidence bars', async () => {
    await openPage('Knowledge base');
    await page.getByRole('textbox', { name: 'Phrase' }).fill('when are you open on saturday');
    await page.getByRole('button', { name: 'Try', exact: true }).click();
    const result = page.getByTestId('try-result');
    await result.waitFor();
    expect(await result.innerText()).toMatch(/Best match: .+ \(\d+%\)/);
    expect(await result.locator('.bar-row').count()).toBeGreaterThan(0);
    const findings = await seriousViolations(page);
    expect(findings, describeFindings('kb try', findings)).toEqual([]);
    await screenshot(page, 'settings-knowledge-base-try-1280x800');
  });

  it('shows KB import errors by path', async () => {
    await openPage('Knowledge base');
    await page.getByLabel('Knowledge base file (JSON)').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ name: 'x', intents: [{ id: '' }] })) });
    const errors = page.getByTestId('kb-errors');
    await errors.waitFor();
    expect(await errors.locator('li code').count()).toBeGreaterThan(0);
  });

  it('saves a custom personal-data pattern from Your data, and refuses a broken one with a clear message', async () => {
    await openPage('Your data');
    await page.getByRole('button', { name: 'Add a pattern' }).click();
    await page.getByLabel('Name', { exact: true }).fill('loyalty');
    await page.getByLabel('Pattern (regular expression)').fill('(unclosed');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText('Pattern “loyalty” is not a valid regular expression.').waitFor();
    await page.getByLabel('Pattern (regular expression)').fill('LOY-\\d{6}');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    const stored = await api<{ customPiiPatterns: Array<{ name: string; pattern: string }> }>(page, 'settings.get');
    expect(stored.ok && stored.value.customPiiPatterns).toEqual([{ name: 'loyalty', pattern: 'LOY-\\d{6}' }]);
  });

  it('switches the interface to Spanish and back, with <html lang>, and applies large text and high contrast', async () => {
    await openPage('Display and language');
    await page.getByLabel('Interface language').selectOption('es');
    await page.getByRole('heading', { level: 2, name: 'Pantalla e idioma' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    await page.getByRole('button', { name: 'Volver al chat' }).click();
    await page.getByRole('button', { name: 'Tus datos' }).waitFor();
    expect(await page.locator('.privacy-footer').innerText()).toContain('Funciona en este dispositivo');
    await screenshot(page, 'chat-spanish-1280x800');
    await page.getByRole('button', { name: 'Ajustes' }).click();
    await page.getByRole('navigation', { name: 'Páginas de ajustes' }).getByRole('button', { name: 'Pantalla e idioma' }).click();
    await page.getByLabel('Idioma de la interfaz').selectOption('en');
    await page.getByRole('heading', { level: 2, name: 'Display and language' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    await page.getByLabel('High contrast').check();
    await page.getByLabel('Large text').check();
    await expect.poll(() => page.evaluate(() => Array.from(document.documentElement.classList).sort().join(' '))).toBe('high-contrast large-text');
    let findings = await seriousViolations(page);
    expect(findings, describeFindings('high contrast settings', findings)).toEqual([]);
    await backToChat();
    findings = await seriousViolations(page);
    expect(findings, describeFindings('high contrast chat', findings)).toEqual([]);
    await screenshot(page, 'chat-high-contrast-large-1280x800');
    await openPage('Display and language');
    await page.getByLabel('High contrast').uncheck();
    await page.getByLabel('Large text').uncheck();
    await expect.poll(() => page.evaluate(() => document.documentElement.className)).toBe('');
    await context.close();
  });
});
