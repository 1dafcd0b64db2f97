/**
 * Spanish beside English in real Chromium (issue 17, "Done means"): a kiosk customer who taps
 * Español is welcomed, answered, offered quick replies, asked the save question, told what is kept
 * (from the live facts) and handed off, all in Spanish words taken from the default knowledge base
 * and the es catalogue, with no English on the screen; a customer who changes language in the middle
 * of a conversation is answered in it, the screen follows, and the "Prefer English?" /
 * "¿Prefieres español?" chip takes them back (kiosk, then desktop the other way round).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { en } from '../../renderer/src/i18n/en';
import { es } from '../../renderer/src/i18n/es';
import { describeFindings, seriousViolations } from './axe';
import { newPage, ROOT, screenshot, startHostAndBrowser, type PreviewProcess } from './harness';
import { answerConsentIfAsked, api, completeKioskSetup, lastBot, messageBox, openApp, openAppSession, send } from './ui';

/** The parts of the default knowledge base this test reads its expected words from. */
interface KbTexts {
  settings: { welcome: string; welcomeQuickReplies: string[]; handoffReply: string };
  intents: Record<string, { responses: string[]; quickReplies?: string[] }>;
}
interface DefaultKb {
  settings: KbTexts['settings'];
  intents: Array<{ id: string; responses: string[]; quickReplies?: string[] }>;
  languages: { es: KbTexts };
}

const KB = JSON.parse(readFileSync(path.join(ROOT, 'main', 'kb', 'default-kb.json'), 'utf8')) as DefaultKb;
const ES = KB.languages.es;
const EN: KbTexts = { settings: KB.settings, intents: Object.fromEntries(KB.intents.map((i) => [i.id, i])) };

function esIntent(id: string): { responses: string[]; quickReplies?: string[] } {
  const intent = ES.intents[id];
  if (!intent) throw new Error(`default KB has no Spanish ${id}`);
  return intent;
}
function enIntent(id: string): { responses: string[]; quickReplies?: string[] } {
  const intent = EN.intents[id];
  if (!intent) throw new Error(`default KB has no ${id}`);
  return intent;
}

/** An answer as the customer reads it: one of the intent's responses with its {placeholder} parts filled in. */
function isOneOf(text: string, responses: string[]): boolean {
  return responses.some((r) => r.split(/\{[a-zA-Z]+\}/).every((part) => text.includes(part.trim())));
}

/**
 * Every English catalogue string the Spanish catalogue words differently (placeholder-free ones,
 * three letters or more), found as a whole phrase on screen or in an accessible name: English that
 * leaked onto a Spanish screen.
 */
async function englishCatalogueOnScreen(page: Page): Promise<string[]> {
  const shown = await page.evaluate(() => {
    const attrs = Array.from(document.querySelectorAll('[aria-label], [placeholder], [title], [alt]')).flatMap((el) =>
      ['aria-label', 'placeholder', 'title', 'alt'].map((a) => el.getAttribute(a) ?? '').filter((v) => v !== ''),
    );
    return [document.body.innerText, ...attrs].join('\n');
  });
  const keys = Object.keys(en) as Array<keyof typeof en>;
  const english = keys.map((k) => en[k]).filter((v, i) => v !== es[keys[i]!] && !v.includes('{') && v.length >= 3);
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [...new Set(english)].filter((v) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(v)}(?![\\p{L}\\p{N}])`, 'u').test(shown));
}

/** The quick-reply chips on screen now. */
async function chips(page: Page, groupName: string): Promise<string[]> {
  return (await page.getByRole('group', { name: groupName, exact: true }).getByRole('button').allInnerTexts()).map((s) => s.trim());
}

const PIN = '2468';
const PORTRAIT = { width: 1080, height: 1920 };

describe('Spanish on a kiosk: everything the customer sees follows their language', () => {
  let host: PreviewProcess;
  let browser: Browser;
  let close = async (): Promise<void> => undefined;

  beforeAll(async () => {
    ({ host, browser, close } = await startHostAndBrowser({ kiosk: true }));
    // A kiosk whose shop language is English (staff setup), keeping conversations 30 days when the customer agrees.
    const { context, page } = await newPage(browser, PORTRAIT);
    await openApp(page, host);
    await completeKioskSetup(page, PIN);
    const set = await api(page, 'settings.set', { patch: { locale: 'en', retention: { kind: 'days', days: 30 }, conversationPolicy: 'ask' }, pin: PIN });
    expect(set.ok).toBe(true);
    await context.close();
  });
  afterAll(() => close());

  it('a customer who taps Español gets the welcome, answers, quick replies, save question, privacy facts and hand-off in Spanish', async () => {
    const { context, page } = await newPage(browser, PORTRAIT);
    // A long idle limit: this visit must not be cut short by the kiosk's reset while the test reads it.
    await openApp(page, host, '?idle=900');
    await page.getByTestId('welcome').waitFor();
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('button', { name: es['kiosk.start'], exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    expect(await page.locator('.welcome-title').innerText()).toBe(es['kiosk.welcomeTitle']);
    expect(await page.locator('.welcome-body').innerText()).toBe(es['kiosk.welcomeBody']);
    expect(await englishCatalogueOnScreen(page)).toEqual([]);
    let findings = await seriousViolations(page);
    expect(findings, describeFindings('Spanish kiosk welcome', findings)).toEqual([]);

    await page.getByRole('button', { name: es['kiosk.start'], exact: true }).click();
    const box = messageBox(page, es['chat.message']);
    await box.waitFor();
    // The bot's own welcome, from the knowledge base's Spanish settings, with its Spanish quick replies.
    await expect.poll(async () => (await lastBot(page)).text).toBe(ES.settings.welcome);
    expect(await chips(page, es['chat.quickReplies'])).toEqual(ES.settings.welcomeQuickReplies);
    expect(ES.settings.welcomeQuickReplies).toContain('Hablar con una persona');
    expect(await page.locator('[role="log"]').innerText()).not.toContain(EN.settings.welcome);

    // A Spanish question: a Spanish answer.
    const hours = await send(page, '¿A qué hora abrís el domingo?', box);
    expect(hours.intent).toBe('store.hours');
    expect(isOneOf(hours.text, esIntent('store.hours').responses), hours.text).toBe(true);
    expect(hours.text).toContain('domingos');
    expect(hours.text).not.toMatch(/Sunday|Monday|open|closed/i);

    // The save question comes with it, in Spanish: "30 días", not "30 days".
    const consent = page.getByTestId('consent');
    await consent.waitFor();
    expect(await consent.getByRole('heading').innerText()).toBe(es['consent.titleFor'].replace('{retention}', '30 días'));
    const consentText = await consent.innerText();
    expect(consentText).toContain(es['consent.body']);
    expect(consentText).not.toMatch(/\b(days?|Save|Don't|conversation|memory)\b/);
    expect(await consent.getByRole('button').allInnerTexts()).toEqual(expect.arrayContaining([es['consent.save'], es['consent.dontSave']]));
    findings = await seriousViolations(page);
    expect(findings, describeFindings('Spanish kiosk consent', findings)).toEqual([]);
    await consent.getByRole('button', { name: es['consent.save'], exact: true }).click();
    await consent.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.badge-saved').innerText()).toBe(es['chat.savedFor'].replace('{retention}', '30 días'));
    // The answer's quick replies, now that the question is answered.
    const hoursChips = esIntent('store.hours').quickReplies ?? [];
    expect(hoursChips.length).toBeGreaterThan(0);
    expect(await chips(page, es['chat.quickReplies'])).toEqual(hoursChips);
    for (const english of enIntent('store.hours').quickReplies ?? []) expect(await page.getByRole('button', { name: english, exact: true }).count()).toBe(0);

    // The take-away QR code (while the chat is short enough for one) carries the transcript in Spanish words too ("Tú: …", not "You: …").
    const conversationId = (await page.locator('.chat-screen').getAttribute('data-conversation')) ?? '';
    await page.getByRole('button', { name: es['chat.takeAway'], exact: true }).click();
    const qr = page.getByRole('dialog', { name: es['qr.title'] });
    const src = (await qr.getByRole('img', { name: es['qr.alt'] }).getAttribute('src')) ?? '';
    const shown = decodeURIComponent(src.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
    const inSpanish = await api<{ svg: string }>(page, 'export.qr', { conversationId, locale: 'es' });
    const inEnglish = await api<{ svg: string }>(page, 'export.qr', { conversationId, locale: 'en' });
    if (!inSpanish.ok || !inEnglish.ok) throw new Error('export.qr refused');
    expect(shown).toBe(inSpanish.value.svg);
    expect(shown).not.toBe(inEnglish.value.svg);
    expect(await englishCatalogueOnScreen(page)).toEqual([]);
    await qr.getByRole('button', { name: es['common.close'], exact: true }).click();
    await qr.waitFor({ state: 'detached' });

    // A question that asks for a detail: the prompt, and the hint above the box, in Spanish (not the slot's id).
    const order = await send(page, 'q pasa con mi pedido, no me llega', box);
    expect(order).toMatchObject({ intent: 'order.status', awaitingSlot: 'order' });
    expect(order.text).toContain('número de pedido');
    expect(await page.locator('.slot-hint').innerText()).toBe(es['chat.placeholderSlot'].replace('{slot}', es['chat.slotOrder']));
    const filled = await send(page, 'HD-482913', box);
    expect(filled.text).toContain('Pedido HD-482913');
    expect(await page.locator('.slot-hint').count()).toBe(0);

    // What is kept: the live facts, worded in Spanish.
    const privacy = await send(page, '¿Qué datos guardáis sobre mí?', box);
    expect(privacy.intent).toBe('privacy.what_do_you_keep');
    expect(privacy.text).toContain('Las conversaciones guardadas se borran automáticamente a los 30 días.');
    expect(privacy.text).toContain('Nunca se envía nada a un servidor ni a internet.');
    expect(privacy.text).toContain('Esta conversación está guardada.');
    expect(privacy.text).not.toMatch(/\{[a-zA-Z]+\}/);
    expect(privacy.text).not.toMatch(/\b(days|deleted|never|saved|stored|device)\b/i);
    expect(await chips(page, es['chat.quickReplies'])).toEqual(esIntent('privacy.what_do_you_keep').quickReplies);

    // Asking for a person: the Spanish hand-off answer and the catalogue's card, never the English ones.
    const person = await send(page, 'Quiero hablar con una persona, por favor', box);
    expect(person.intent).toBe('staff.handoff');
    expect(person.text).toBe(esIntent('staff.handoff').responses[0]);
    const card = page.getByTestId('handoff').last();
    expect(await card.innerText()).toBe(es['chat.handoffTitle']);
    const log = await page.locator('[role="log"]').innerText();
    expect(log).not.toContain(enIntent('staff.handoff').responses[0]);
    expect(log).not.toContain(en['chat.handoffTitle']);

    // Nothing on the whole screen (text or accessible names) is an English catalogue string.
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    expect(await englishCatalogueOnScreen(page)).toEqual([]);
    await screenshot(page, 'kiosk-spanish-chat-1080x1920');
    findings = await seriousViolations(page);
    expect(findings, describeFindings('Spanish kiosk conversation', findings)).toEqual([]);

    await context.close();
  });

  it('an English customer who writes in Spanish is answered in Spanish, the screen follows, and "Prefer English?" takes it back', async () => {
    const { context, page } = await newPage(browser, PORTRAIT);
    await openApp(page, host, '?idle=900');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await answerConsentIfAsked(page, 'Save');
    const first = await send(page, 'what time do you open on sunday');
    expect(first.intent).toBe('store.hours');
    expect(isOneOf(first.text, enIntent('store.hours').responses), first.text).toBe(true);
    expect(await page.getByTestId('prefer-language').count()).toBe(0);

    // Three words or more in Spanish: a Spanish answer, and the screen speaks Spanish from now on.
    const delivery = await send(page, 'y cuánto cuesta el envío a casa');
    expect(delivery.intent).toBe('delivery.options');
    expect(isOneOf(delivery.text, esIntent('delivery.options').responses), delivery.text).toBe(true);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('es');
    await messageBox(page, es['chat.message']).waitFor();
    await page.getByRole('button', { name: es['chat.newConversation'], exact: true }).waitFor();
    // Its quick replies (and the follow-up topics the dialogue adds) in Spanish.
    const deliveryChips = await chips(page, es['chat.quickReplies']);
    expect(deliveryChips).toEqual(expect.arrayContaining(esIntent('delivery.options').quickReplies ?? []));
    for (const english of enIntent('delivery.options').quickReplies ?? []) expect(deliveryChips).not.toContain(english);
    expect(await page.locator('.badge-saved').innerText()).toBe(es['chat.savedFor'].replace('{retention}', '30 días'));
    // The offer back is worded in the language it offers, and marked as such for a screen reader.
    const chip = page.getByTestId('prefer-language');
    expect(await chip.innerText()).toBe(en['chat.preferEnglish']);
    expect(await chip.getAttribute('lang')).toBe('en');
    const findings = await seriousViolations(page);
    expect(findings, describeFindings('kiosk switched to Spanish, Prefer English? chip', findings)).toEqual([]);
    await screenshot(page, 'kiosk-spanish-prefer-english-1080x1920');

    await chip.click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await messageBox(page).waitFor();
    await page.getByRole('button', { name: en['chat.newConversation'], exact: true }).waitFor();
    expect(await chip.count()).toBe(0);
    // The scan that finds no English on the Spanish screens finds it here.
    expect(await englishCatalogueOnScreen(page)).toEqual(expect.arrayContaining([en['chat.newConversation'], en['chat.settings']]));
    // A word Spanish shares ("parking") now gets the English answer: the choice holds.
    const parking = await send(page, 'parking');
    expect(parking.intent).toBe('store.parking');
    expect(parking.text).toBe(enIntent('store.parking').responses[0]);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    // The log holds both languages now: each answer is marked with its own (read in the right voice).
    expect(await page.locator('[role="log"] .msg-bot .bubble').evaluateAll((els) => els.map((e) => e.getAttribute('lang')))).toEqual(['en', 'en', 'es', 'en']);
    await context.close();
  });
});

describe('Spanish on a desktop: a Spanish screen follows a customer into English and back', () => {
  let page: Page;
  let close = async (): Promise<void> => undefined;

  beforeAll(async () => {
    ({ page, close } = await openAppSession());
    // The app in Spanish; conversations not kept, so no save question stands between the messages.
    expect((await api(page, 'settings.set', { patch: { locale: 'es', conversationPolicy: 'never' } })).ok).toBe(true);
    await page.reload();
    await page.locator('[data-testid="app-ready"][data-ready="true"]').waitFor();
  });
  afterAll(() => close());

  it('an English question on the Spanish screen: English answer and screen, "¿Prefieres español?" brings Spanish back', async () => {
    const box = messageBox(page, es['chat.message']);
    await box.waitFor();
    await expect.poll(async () => (await lastBot(page)).text).toBe(ES.settings.welcome);

    const hours = await send(page, 'what time do you close on sunday', box);
    expect(hours.intent).toBe('store.hours');
    expect(isOneOf(hours.text, enIntent('store.hours').responses), hours.text).toBe(true);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await messageBox(page).waitFor();
    const chip = page.getByTestId('prefer-language');
    expect(await chip.innerText()).toBe(es['chat.preferSpanish']);
    expect(await chip.getAttribute('lang')).toBe('es');

    await chip.click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('es');
    await box.waitFor();
    expect(await chip.count()).toBe(0);
    const parking = await send(page, 'parking', box);
    expect(parking.intent).toBe('store.parking');
    expect(parking.text).toBe(esIntent('store.parking').responses[0]);
  });
});
