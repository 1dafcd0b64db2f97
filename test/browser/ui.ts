/**
 * Small page helpers shared by the renderer's browser tests: open the app, wait for the chat,
 * answer the consent question, send a message and read the replies, all through roles and labels
 * a user (or a screen reader) would use.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { describeFindings, seriousViolations } from './axe';
import { newPage, startHostAndBrowser, type PreviewProcess } from './harness';

/** The preview URL with an optional query string (the token stays in the fragment). */
export function appUrl(host: PreviewProcess, query = ''): string {
  return host.url.replace('/#', `/${query}#`);
}

export async function openApp(page: Page, host: PreviewProcess, query = ''): Promise<void> {
  await page.goto(appUrl(host, query));
  await page.locator('[data-testid="app-ready"][data-ready="true"]').waitFor();
}

/** The message box by its accessible name ("Mensaje" on a Spanish screen). */
export function messageBox(page: Page, name = 'Message'): Locator {
  return page.getByRole('textbox', { name });
}

/** The chat can be used: either the consent question is shown or the message box is enabled. */
export async function waitForChat(page: Page): Promise<'consent' | 'input'> {
  const consent = page.getByTestId('consent');
  const input = messageBox(page);
  await page.waitForFunction(
    () => {
      if (document.querySelector('[data-testid="consent"]')) return true;
      const ta = document.querySelector<HTMLTextAreaElement>('textarea.composer-input');
      return !!ta && !ta.disabled;
    },
    undefined,
    { timeout: 20_000 },
  );
  if (await consent.isVisible()) return 'consent';
  await input.waitFor();
  return 'input';
}

/** Press "New conversation" and wait until the fresh conversation has replaced the old one. */
export async function startNewConversation(page: Page): Promise<void> {
  const old = (await page.locator('.chat-screen').getAttribute('data-conversation')) ?? '';
  await page.getByRole('button', { name: 'New conversation' }).click();
  await page.waitForFunction(
    (prev) => {
      const id = document.querySelector('.chat-screen')?.getAttribute('data-conversation') ?? '';
      return id !== '' && id !== prev;
    },
    old,
    { timeout: 20_000 },
  );
}

/** The consent answer a test has chosen, given when the question comes (with the first answer). */
const consentChoice = new WeakMap<Page, 'Save' | "Don't save">();

async function clickConsent(page: Page, choice: 'Save' | "Don't save"): Promise<void> {
  await page.getByTestId('consent').getByRole('button', { name: choice, exact: true }).click();
  await page.getByTestId('consent').waitFor({ state: 'detached' });
  consentChoice.delete(page);
}

/**
 * Answers the save question: at once when it is on screen, otherwise (it comes with the first
 * answer) remembered and given by send() as soon as it appears. Returns whether it is asked at all.
 */
export async function answerConsentIfAsked(page: Page, choice: 'Save' | "Don't save"): Promise<boolean> {
  if ((await waitForChat(page)) === 'consent') {
    await clickConsent(page, choice);
    return true;
  }
  if ((await page.locator('.chat-screen[data-consent="pending"]').count()) === 0) return false;
  consentChoice.set(page, choice);
  return true;
}

export function botMessages(page: Page): Locator {
  return page.locator('[role="log"] .msg-bot:not(.msg-typing)');
}

export interface BotReply {
  text: string;
  intent: string;
  awaitingSlot: string;
}

/** Type a message, press Enter, wait for the replies, return the last one (`box`: the message box in another language). */
export async function send(page: Page, text: string, box: Locator = messageBox(page)): Promise<BotReply> {
  const before = await botMessages(page).count();
  await box.fill(text);
  await box.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('[role="log"] .msg-bot:not(.msg-typing)').length > n, before, { timeout: 20_000 });
  const reply = await lastBot(page);
  const choice = consentChoice.get(page);
  if (choice && (await page.locator('.chat-screen[data-consent="pending"]').count()) > 0) {
    await page.getByTestId('consent').waitFor({ timeout: 10_000 });
    await clickConsent(page, choice);
  }
  return reply;
}

export async function lastBot(page: Page): Promise<BotReply> {
  const last = botMessages(page).last();
  return {
    text: (await last.locator('.bubble').innerText()).trim(),
    intent: (await last.getAttribute('data-intent')) ?? '',
    awaitingSlot: (await last.getAttribute('data-awaiting-slot')) ?? '',
  };
}

/** Call the backend through the page's own bridge (for checks, never to drive the UI under test). */
export async function api<T>(page: Page, channel: string, request?: unknown): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }> {
  return page.evaluate(
    async ([c, r]) => {
      const bridge = (window as unknown as { hushdesk: Record<string, (x: unknown) => Promise<unknown>> }).hushdesk;
      return bridge[c as string]!(r);
    },
    [channel, request] as const,
  ) as Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>;
}

/** The settings navigation list. */
export function settingsNav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Settings pages' });
}

/** Opens settings (if not open) and one of its pages by name. */
export async function openSettingsPage(page: Page, name: string): Promise<void> {
  if ((await page.getByTestId('settings').count()) === 0) await page.getByRole('button', { name: 'Settings' }).click();
  await settingsNav(page).getByRole('button', { name, exact: true }).click();
  await page.getByRole('heading', { level: 2, name, exact: true }).waitFor();
}

export async function backToChat(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Back to chat' }).click();
  await page.getByTestId('settings').waitFor({ state: 'detached' });
}

/**
 * Opens "Take this chat with you" and checks the QR code is a rendered SVG image and the dialog has
 * no serious accessibility problems. Returns the open dialog.
 */
export async function openQrDialog(page: Page, where: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Take this chat with you' }).click();
  const qr = page.getByRole('dialog', { name: 'Take this chat with you' });
  await qr.waitFor();
  const img = qr.getByRole('img', { name: 'QR code containing this conversation' });
  await img.waitFor();
  expect(await img.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
  expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  const findings = await seriousViolations(page);
  expect(findings, describeFindings(where, findings)).toEqual([]);
  return qr;
}

/** A kiosk's first start: the staff setup screen, filled in with the keyboard; ends at the welcome screen. */
export async function completeKioskSetup(page: Page, pin: string): Promise<void> {
  const setup = page.getByTestId('kiosk-setup');
  await setup.waitFor();
  await setup.getByLabel('PIN', { exact: true }).fill(pin);
  await setup.getByLabel('Repeat PIN').fill(pin);
  await setup.getByRole('button', { name: 'Finish setup' }).click();
  await page.getByTestId('welcome').waitFor();
}

/** "1 conversation, 4 messages, 2 consent records": the English the wipe dialogs must use for these counts. */
export function countText(k: number, one: string, many: string): string {
  return `${k} ${k === 1 ? one : many}`;
}

export function wipeCountsText(c: { conversations: number; messages: number; consents: number }): string {
  const n = countText;
  return `${n(c.conversations, 'conversation', 'conversations')}, ${n(c.messages, 'message', 'messages')}, ${n(c.consents, 'consent record', 'consent records')}`;
}

/** First start on a passphrase: type it, type it again, Create. */
export async function choosePassphrase(page: Page, passphrase: string): Promise<void> {
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Type the passphrase again').fill(passphrase);
  await page.getByRole('button', { name: 'Create' }).click();
}

export interface AppSession {
  host: PreviewProcess;
  browser: Browser;
  page: Page;
  /** Closes the browser, stops the host and removes its data folder. */
  close(): Promise<void>;
}

/** A preview host, Chromium and one page on the app: the before-all of most browser test files. */
export async function openAppSession(): Promise<AppSession> {
  const session = await startHostAndBrowser();
  const { page } = await newPage(session.browser);
  await openApp(page, session.host);
  return { ...session, page };
}

/** Controls whose own words (not the knowledge base's content) hold a character drawn only by a colour emoji font. */
export function emojiInControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('button, a, [role="button"]'))
      .filter((el) => !el.closest('[data-content]'))
      .map((el) => el.textContent ?? '')
      .filter((text) => /\p{Emoji_Presentation}/u.test(text)),
  );
}
