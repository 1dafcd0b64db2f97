/**
 * Read aloud and opening hours in real Chromium (issue 13, items 3 and 4, "done means").
 *
 * Read aloud: headless Chromium has no voices, so a recorded speech-synthesis stand-in is put in
 * place before the app loads (addInitScript). It records every speak() (text, lang, voice) and
 * cancel(), and its offline voices arrive late, by `voiceschanged`, as real ones often do. With only
 * a cloud voice (localService false) there is no speaker button and the setting says why. After a
 * mid-conversation switch each answer is read with the voice of its own language.
 *
 * Opening hours: a kiosk, the hours set by staff in Settings → Opening hours; the welcome screen's
 * "Open now until 20:00" follows the page's faked clock (Playwright page.clock) past closing time,
 * at portrait 1080x1920 and at 1280x800, Europe/London time in page and host alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeFindings, seriousViolations } from './axe';
import { newPage, screenshot, startHostAndBrowser, type HostAndBrowser } from './harness';
import { answerConsentIfAsked, api, backToChat, completeKioskSetup, emojiInControls, lastBot, openApp, openSettingsPage, send, startNewConversation } from './ui';

interface SpeechLog {
  calls: { text: string; lang: string; voice: string | null }[];
  cancels: number;
}

/** The stand-in: `offline` voices are added 300 ms after load; a cloud voice is there from the start. */
function speechStandIn(offline: { name: string; lang: string }[]): string {
  return `(() => {
    const log = { calls: [], cancels: 0 };
    window.__speechLog = log;
    const voices = [{ name: 'Cloud English', lang: 'en-US', localService: false, default: true, voiceURI: 'cloud-en' }];
    const events = new EventTarget();
    class Utterance { constructor(text) { this.text = text; this.lang = ''; this.voice = null; } }
    const synth = {
      speaking: false, pending: false, paused: false, onvoiceschanged: null,
      getVoices: () => voices.slice(),
      speak: (u) => log.calls.push({ text: u.text, lang: u.lang, voice: u.voice ? u.voice.name : null }),
      cancel: () => { log.cancels++; },
      pause() {}, resume() {},
      addEventListener: (t, f) => events.addEventListener(t, f),
      removeEventListener: (t, f) => events.removeEventListener(t, f),
      dispatchEvent: (e) => events.dispatchEvent(e),
    };
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
    const offline = ${JSON.stringify(offline)};
    if (offline.length > 0) setTimeout(() => {
      for (const v of offline) voices.push({ ...v, localService: true, default: false, voiceURI: v.name });
      events.dispatchEvent(new Event('voiceschanged'));
    }, 300);
  })();`;
}

const speechLog = (page: Page) => page.evaluate(() => (window as unknown as { __speechLog: SpeechLog }).__speechLog);

async function expectNoSeriousA11y(page: Page, where: string): Promise<void> {
  const findings = await seriousViolations(page);
  expect(findings, describeFindings(where, findings)).toEqual([]);
}

describe('read aloud: offline voices only, through a recorded speech stand-in', () => {
  let session: HostAndBrowser;
  beforeAll(async () => {
    session = await startHostAndBrowser();
  });
  afterAll(async () => session?.close());

  it('only a cloud voice: no speaker button, and the setting says no offline voice is installed', async () => {
    const { context, page } = await newPage(session.browser);
    await context.addInitScript(speechStandIn([]));
    await openApp(page, session.host);
    await answerConsentIfAsked(page, "Don't save");
    const reply = await send(page, 'what are your opening hours');
    expect(reply.intent).toBe('store.hours');
    await page.waitForTimeout(600);
    expect(await page.getByTestId('read-aloud').count()).toBe(0);
    await openSettingsPage(page, 'Display and language');
    await expect.poll(() => page.getByTestId('read-aloud-hint').innerText()).toMatch(/No offline voice for this language/);
    expect((await speechLog(page)).calls).toEqual([]);
    await context.close();
  });

  it('speaks an answer in the conversation language; "always read" reads by itself; a new conversation stops it', async () => {
    const { context, page } = await newPage(session.browser);
    await context.addInitScript(speechStandIn([{ name: 'Local English (UK)', lang: 'en-GB' }, { name: 'Local Spanish', lang: 'es-ES' }]));
    await openApp(page, session.host);
    await answerConsentIfAsked(page, "Don't save");
    const reply = await send(page, 'where can I park');
    // The voices arrive late: the button appears once they do, on every answer.
    const button = page.getByTestId('read-aloud').last();
    await button.waitFor();
    await expectNoSeriousA11y(page, 'chat with read-aloud buttons');
    await screenshot(page, 'chat-read-aloud-1280x800');
    await button.click();
    expect((await speechLog(page)).calls).toEqual([{ text: reply.text, lang: 'en-GB', voice: 'Local English (UK)' }]);

    // "Always read answers aloud", switched on in the settings by a person.
    await openSettingsPage(page, 'Display and language');
    expect(await page.getByTestId('read-aloud-hint').innerText()).toMatch(/own offline voices/);
    // Applied when the backend has saved it (a controlled box): click, then read the setting back.
    await page.getByLabel('Always read answers aloud').click();
    await expect.poll(async () => {
      const r = await api<{ readAloud: boolean }>(page, 'settings.get');
      return r.ok && r.value.readAloud;
    }).toBe(true);
    await backToChat(page);
    const auto = await send(page, 'what are your opening hours');
    await expect.poll(async () => (await speechLog(page)).calls.length).toBe(2);
    expect((await speechLog(page)).calls[1]).toEqual({ text: auto.text, lang: 'en-GB', voice: 'Local English (UK)' });

    const cancelsBefore = (await speechLog(page)).cancels;
    await startNewConversation(page);
    expect((await speechLog(page)).cancels).toBeGreaterThan(cancelsBefore);

    // A Spanish conversation is read with the Spanish offline voice.
    expect((await api(page, 'settings.set', { patch: { locale: 'es', conversationPolicy: 'never' } })).ok).toBe(true);
    await page.reload();
    await page.locator('[data-testid="app-ready"][data-ready="true"]').waitFor();
    await page.waitForFunction(() => document.querySelector<HTMLTextAreaElement>('textarea.composer-input')?.disabled === false, undefined, { timeout: 20_000 });
    // The offline voices have arrived (the welcome message has its button) before the question is sent.
    await page.getByRole('button', { name: 'Leer en voz alta' }).first().waitFor();
    await page.locator('textarea.composer-input').fill('horario');
    await page.locator('textarea.composer-input').press('Enter');
    await expect.poll(async () => (await speechLog(page)).calls.length, { timeout: 20_000 }).toBe(1);
    const es = await lastBot(page);
    expect((await speechLog(page)).calls[0]).toEqual({ text: es.text, lang: 'es-ES', voice: 'Local Spanish' });
    expect(await page.getByRole('button', { name: 'Leer en voz alta' }).count()).toBeGreaterThan(0);
    expect((await api(page, 'settings.set', { patch: { locale: 'en', readAloud: false, conversationPolicy: 'ask' } })).ok).toBe(true);
    await context.close();
  });

  it('after a switch to Spanish mid-conversation each answer is read in its own language, by hand and by "always read"', async () => {
    const { context, page } = await newPage(session.browser);
    await context.addInitScript(speechStandIn([{ name: 'Local English (UK)', lang: 'en-GB' }, { name: 'Local Spanish', lang: 'es-ES' }]));
    await openApp(page, session.host);
    expect((await api(page, 'settings.set', { patch: { locale: 'en', readAloud: true, conversationPolicy: 'never' } })).ok).toBe(true);
    await page.reload();
    await page.locator('[data-testid="app-ready"][data-ready="true"]').waitFor();
    // The offline voices have arrived (the welcome has its button) before the first question.
    await page.getByRole('button', { name: 'Read aloud' }).first().waitFor();
    const english = await send(page, 'what time do you open on sunday');
    await expect.poll(async () => (await speechLog(page)).calls.length).toBe(1);
    expect((await speechLog(page)).calls[0]).toEqual({ text: english.text, lang: 'en-GB', voice: 'Local English (UK)' });
    // Written in Spanish: answered in Spanish, the screen follows, and "always read" uses the Spanish voice.
    const spanish = await send(page, 'y cuánto cuesta el envío a casa');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    await expect.poll(async () => (await speechLog(page)).calls.length).toBe(2);
    expect((await speechLog(page)).calls[1]).toEqual({ text: spanish.text, lang: 'es-ES', voice: 'Local Spanish' });
    // By hand, on a Spanish screen: the earlier English answer keeps its English voice, the Spanish one its own.
    const answers = page.locator('[role="log"] .msg-bot:not(.msg-typing)');
    await answers.nth(1).getByRole('button', { name: 'Leer en voz alta' }).click();
    await answers.nth(2).getByRole('button', { name: 'Leer en voz alta' }).click();
    expect((await speechLog(page)).calls.slice(2)).toEqual([
      { text: english.text, lang: 'en-GB', voice: 'Local English (UK)' },
      { text: spanish.text, lang: 'es-ES', voice: 'Local Spanish' },
    ]);
    // The speaker buttons need no colour emoji font (🔊 was an empty box on a Linux kiosk without one).
    expect(await emojiInControls(page)).toEqual([]);
    expect((await api(page, 'settings.set', { patch: { locale: 'en', readAloud: false, conversationPolicy: 'ask' } })).ok).toBe(true);
    await context.close();
  });
});

const PIN = '5791';
const TZ = 'Europe/London';
/** Friday 11 December 2026 (GMT = UTC in December). */
const FRIDAY_10AM = new Date('2026-12-11T10:00:00Z');

/** A London shop's kiosk: a British computer, so its setup guesses the United Kingdom and times read 20:00 (a US shop's say 8:00 PM). */
async function kioskPage(browser: Browser, viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce', timezoneId: TZ, locale: 'en-GB' });
  const page = await context.newPage();
  await page.clock.install({ time: FRIDAY_10AM });
  return { context, page };
}

describe('opening hours: the welcome screen follows a faked clock', () => {
  let session: HostAndBrowser;
  beforeAll(async () => {
    session = await startHostAndBrowser({ kiosk: true, env: { TZ } });
  });
  afterAll(async () => session?.close());

  it('staff set the hours; "Open now until 20:00", then "Closed, opens Monday at 9:00" after closing (1080x1920)', async () => {
    const { context, page } = await kioskPage(session.browser, { width: 1080, height: 1920 });
    await openApp(page, session.host);
    await completeKioskSetup(page, PIN);
    // No hours yet: the welcome screen says nothing about opening.
    expect(await page.getByTestId('opening-status').count()).toBe(0);

    await page.getByRole('button', { name: 'Settings' }).click();
    const pin = page.getByRole('dialog', { name: 'Staff PIN' });
    await pin.getByLabel('PIN', { exact: true }).fill(PIN);
    await pin.getByRole('button', { name: 'Unlock' }).click();
    await page.getByTestId('settings').waitFor();
    await openSettingsPage(page, 'Opening hours');
    for (const day of ['Monday', 'Friday']) {
      const set = page.getByRole('group', { name: day });
      await set.getByRole('button', { name: 'Add hours' }).click();
      await set.getByLabel('Opens').fill('09:00');
      await set.getByLabel('Closes').fill('20:00');
    }
    const holidays = page.getByRole('group', { name: 'Holiday closures' });
    await holidays.getByRole('button', { name: 'Add a closure' }).click();
    await holidays.getByLabel('Date').fill('2026-12-25');
    await holidays.getByLabel('Name (optional)').fill('Christmas Day');
    await page.getByLabel(/Run the end-of-day wipe after closing/).check();
    await page.getByRole('button', { name: 'Save opening hours' }).click();
    await page.getByText('Opening hours saved.').waitFor();
    await expect.poll(() => page.getByTestId('hours-now').innerText()).toBe('Right now: Open now until 20:00');
    await expectNoSeriousA11y(page, 'Settings → Opening hours');
    await screenshot(page, 'settings-opening-hours-1080x1920');
    const saved = await api<{ openingHours: { weekly: Record<string, unknown[]>; holidays: unknown[] }; wipeAfterClosing: boolean }>(page, 'settings.get');
    expect(saved.ok && saved.value.openingHours.weekly.fri).toEqual([{ open: '09:00', close: '20:00' }]);
    expect(saved.ok && saved.value.openingHours.holidays).toEqual([{ date: '2026-12-25', label: 'Christmas Day' }]);
    expect(saved.ok && saved.value.wipeAfterClosing).toBe(true);

    // An overlap is refused with the field named, and nothing is saved.
    const fri = page.getByRole('group', { name: 'Friday' });
    await fri.getByRole('button', { name: 'Add hours' }).click();
    await fri.getByLabel('Opens').last().fill('19:00');
    await fri.getByLabel('Closes').last().fill('21:00');
    await page.getByRole('button', { name: 'Save opening hours' }).click();
    await page.getByRole('alert').getByText(/openingHours\.weekly\.fri\.1\.open.*must start after the previous opening closes/).waitFor();
    await fri.getByRole('button', { name: 'Remove Friday 19:00 to 21:00' }).click();
    await page.getByRole('button', { name: 'Back to chat' }).click();

    const status = page.getByTestId('opening-status');
    await expect.poll(() => status.innerText()).toBe('Open now until 20:00');
    await expectNoSeriousA11y(page, 'welcome with the opening status');
    await screenshot(page, 'kiosk-welcome-open-now-1080x1920');
    // 20:00 and a little: the line turns by itself (it re-reads the clock every 30 s).
    await page.clock.fastForward('10:00:30');
    await expect.poll(() => status.innerText()).toBe('Closed, opens Monday at 9:00');
    await screenshot(page, 'kiosk-welcome-closed-1080x1920');

    // The bot says the same, from the host's clock (real time: only checked to use the same words).
    await page.getByRole('button', { name: 'Start' }).click();
    await answerConsentIfAsked(page, "Don't save");
    const reply = await send(page, 'what are your opening hours');
    expect(reply.intent).toBe('store.hours');
    expect(reply.text).toMatch(/ (Open now until \d{1,2}:\d\d|Closed(| today for Christmas Day), opens (today|tomorrow|Monday|Friday) at 9:00)\.$/);
    await context.close();
  });

  it('the holiday closure and the next opening at 1280x800', async () => {
    const { context, page } = await kioskPage(session.browser, { width: 1280, height: 800 });
    await page.clock.setFixedTime(new Date('2026-12-25T12:00:00Z'));
    await openApp(page, session.host);
    const status = page.getByTestId('opening-status');
    await expect.poll(() => status.innerText()).toBe('Closed today for Christmas Day, opens Monday at 9:00');
    await page.clock.setFixedTime(new Date('2026-12-28T08:30:00Z'));
    await page.reload();
    await expect.poll(() => page.getByTestId('opening-status').innerText()).toBe('Closed, opens today at 9:00');
    await page.clock.setFixedTime(new Date('2026-12-28T09:00:00Z'));
    await page.reload();
    await expect.poll(() => page.getByTestId('opening-status').innerText()).toBe('Open now until 20:00');
    await expectNoSeriousA11y(page, 'welcome 1280x800 with the opening status');
    await screenshot(page, 'kiosk-welcome-open-now-1280x800');
    // The shop's country writes the time: the same kiosk set to the United States says 8:00 PM.
    expect(await api(page, 'settings.set', { patch: { storeRegion: 'US' }, pin: PIN })).toMatchObject({ ok: true });
    await page.reload();
    await expect.poll(() => page.getByTestId('opening-status').innerText()).toMatch(/^Open now until 8:00\sPM$/u);
    expect(await api(page, 'settings.set', { patch: { storeRegion: 'GB' }, pin: PIN })).toMatchObject({ ok: true });
    await context.close();
  });
});
