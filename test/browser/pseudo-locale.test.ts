/**
 * The pseudo-locale scan (issue 17, item 5): every page and dialog, rendered with the preview host's
 * test-only `--pseudo-locale` flag, shows no word that did not come from a catalogue.
 *
 * How it works: `npm run preview -- --pseudo-locale` (scripts/preview/host.ts) makes the bridge set
 * `window.__hushdeskPseudoLocale`, and then every catalogue lookup (renderer/src/i18n/translate.ts
 * `lookup`, used by the app's catalogue and by the knowledge-base editor's) returns the Spanish
 * string wrapped in ⟦…⟧. A string typed into a component, an English message from the backend or a
 * date formatted by hand then stands out as text outside the brackets. The Electron app never sets
 * the flag. The interface is also switched to Spanish, so Intl formats for `es`.
 *
 * On each view the scan collects every visible text node and what people read from attributes
 * (placeholder, aria-label, aria-description, aria-roledescription, aria-valuetext, title, alt, the
 * value of input buttons, <option> and <optgroup> labels) and fails with the list of strings that
 * are not wholly inside ⟦…⟧. The only exceptions, each on purpose:
 * - content: an element marked `data-content` (with its subtree) holds what people or the shop
 *   wrote, or a value rather than words: chat messages, intent ids, titles and phrases, file names and
 *   paths, numbers and dates formatted by Intl. Components mark these; nothing is skipped by guessing.
 * - LOCALE_NAMES: a language's own name ("English", "Español") is shown in that language on purpose.
 * - pure numbers, punctuation and symbols (separators between two catalogue strings, "·", "12").
 *
 * Desktop: chat (empty, consent card, a conversation, the language chip, the delete confirmation), every Settings page, the
 * knowledge-base editor's tabs (intents, an intent, entities, bot settings, missed questions,
 * import, versions, the publish report) and the confirmation dialogs (delete a conversation,
 * end-of-day wipe, erase everything, delete an intent, restore a version). Kiosk: first-start setup,
 * welcome, the staff PIN dialog, the customer's "Your data", a conversation and its QR code, "Still
 * there?". Start-up: choosing a passphrase, unlocking, forgetting it, and the recovery screen.
 */
import { randomFillSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { kbTextFor, type KbTextKey } from '../../renderer/src/features/kb-editor/text';
import { LOCALE_NAMES, translate, type MessageKey, type Vars } from '../../renderer/src/i18n/translate';
import { launchChromium, newPage, removeDir, screenshot, startHostAndBrowser, startPreviewHost, type HostAndBrowser } from './harness';
import { api, appUrl } from './ui';

const PSEUDO = ['--pseudo-locale'];

/** What a catalogue key renders as in the pseudo-locale: the Spanish text in markers. */
function T(key: MessageKey, vars?: Vars): string {
  return `⟦${translate('es', key, vars)}⟧`;
}

/** The same for the knowledge-base editor's own catalogue. */
function K(key: KbTextKey): string {
  return `⟦${kbTextFor('es')(key)}⟧`;
}

interface Finding {
  text: string;
  /** "text" or the attribute it was read from. */
  from: string;
  /** A short path to the element (tag, test id, class). */
  at: string;
}

/**
 * Every string a person reads on the page now, with where it came from. Runs in the page; skips
 * what is not rendered (display:none, visibility:hidden, closed <details> bodies) and subtrees
 * marked data-content.
 */
async function readable(page: Page): Promise<Finding[]> {
  return page.evaluate(() => {
    const ATTRS = ['placeholder', 'aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'alt'];
    const found: Array<{ text: string; from: string; at: string }> = [];
    const describe = (el: Element): string => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
        const id = e.getAttribute('data-testid');
        const cls = typeof e.className === 'string' && e.className ? `.${e.className.split(/\s+/)[0]}` : '';
        parts.unshift(`${e.tagName.toLowerCase()}${id ? `[${id}]` : cls}`);
      }
      return parts.join(' > ');
    };
    const walk = (el: Element, inOption: boolean): void => {
      if (el.hasAttribute('data-content')) return;
      if (['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT'].includes(el.tagName)) return;
      const option = inOption || el.tagName === 'OPTION' || el.tagName === 'OPTGROUP';
      // Options of a visible <select> are read from its list although they are not laid out.
      if (!option && !el.checkVisibility({ visibilityProperty: true })) return;
      for (const a of ATTRS) {
        const v = el.getAttribute(a)?.trim();
        if (v) found.push({ text: v, from: a, at: describe(el) });
      }
      if (el instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(el.type) && el.value.trim()) found.push({ text: el.value.trim(), from: 'value', at: describe(el) });
      if (el.tagName === 'OPTGROUP' && el.getAttribute('label')?.trim()) found.push({ text: el.getAttribute('label')!.trim(), from: 'label', at: describe(el) });
      // What is in an editable field is what someone typed (or the shop's saved words): content.
      if (el.tagName === 'TEXTAREA') return;
      for (const n of Array.from(el.childNodes)) {
        if (n.nodeType === Node.TEXT_NODE) {
          const text = (n.textContent ?? '').replace(/\s+/g, ' ').trim();
          if (text) found.push({ text, from: 'text', at: describe(el) });
        } else if (n instanceof Element) walk(n, option);
      }
    };
    walk(document.body, false);
    return found;
  });
}

/** A language's own name ("Español") may stand anywhere: it is shown in that language on purpose. */
const LANGUAGE_NAMES = new Set<string>(Object.values(LOCALE_NAMES));
/** Digits, punctuation, symbols and spaces only (Unicode classes, so "·", "…", "€" and "%" count). */
const NO_WORDS = /^[\p{N}\p{P}\p{S}\s]*$/u;

/** What is left of a string once every ⟦…⟧ (nested ones too) is taken out. */
function outsideMarkers(text: string): string {
  let s = text;
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(/⟦[^⟦⟧]*⟧/g, ' ');
  }
  return s;
}

/** The strings on screen that did not come from a catalogue (nor are content, a language name or no words). */
function strays(found: Finding[]): string[] {
  const withoutNames = (text: string): string => [...LANGUAGE_NAMES].reduce((t, name) => t.split(name).join(' '), text);
  return found.filter((f) => !NO_WORDS.test(withoutNames(outsideMarkers(f.text)))).map((f) => `${JSON.stringify(f.text)} (${f.from} at ${f.at})`);
}

/** The scan of one view: soft, so one run lists every view's strays. */
async function scan(page: Page, where: string): Promise<void> {
  const found = await readable(page);
  // The flag took effect: catalogue text is there, and bracketed.
  expect(found.some((f) => f.text.includes('⟦')), `${where}: no pseudo-locale text at all`).toBe(true);
  await screenshot(page, `pseudo-${where.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
  expect.soft(strays(found), `${where}: strings not from a catalogue`).toEqual([]);
}

async function ready(page: Page): Promise<void> {
  await page.locator('[data-testid="app-ready"][data-ready="true"]').waitFor();
}

/** No "Cargando…" left in the given region (pages load their data after they mount). */
async function loaded(page: Page, selector = 'body'): Promise<void> {
  const loading = translate('es', 'common.loading');
  await page.waitForFunction(([sel, word]) => !document.querySelector(sel as string)?.textContent?.includes(word as string), [selector, loading] as const, { timeout: 30_000 });
}

async function sendMessage(page: Page, text: string): Promise<void> {
  const before = await page.locator('[role="log"] .msg-bot:not(.msg-typing)').count();
  const box = page.locator('textarea.composer-input');
  await box.fill(text);
  await box.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('[role="log"] .msg-bot:not(.msg-typing)').length > n, before, { timeout: 30_000 });
}

async function waitForComposer(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const ta = document.querySelector<HTMLTextAreaElement>('textarea.composer-input');
    return !!document.querySelector('[data-testid="consent"]') || (!!ta && !ta.disabled);
  }, undefined, { timeout: 30_000 });
}

function settingsNav(page: Page): Locator {
  return page.getByRole('navigation', { name: T('settings.nav'), exact: true });
}

describe('pseudo-locale scan: desktop', () => {
  let s: HostAndBrowser;
  let page: Page;

  const button = (name: string, within: Page | Locator = page) => within.getByRole('button', { name, exact: true });

  async function openPage(key: MessageKey): Promise<void> {
    if ((await page.getByTestId('settings').count()) === 0) await button(T('chat.settings')).click();
    await settingsNav(page).getByRole('button', { name: T(key), exact: true }).click();
    await page.getByRole('heading', { level: 2, name: T(key), exact: true }).waitFor();
    await loaded(page, '.settings-main');
  }

  beforeAll(async () => {
    s = await startHostAndBrowser({ extraArgs: PSEUDO });
    ({ page } = await newPage(s.browser));
    await page.goto(appUrl(s.host));
    await ready(page);
    expect(await page.evaluate(() => (window as unknown as Record<string, unknown>).__hushdeskPseudoLocale)).toBe(true);
    const set = await api(page, 'settings.set', { patch: { locale: 'es', conversationPolicy: 'ask', retention: { kind: 'days', days: 30 } } });
    expect(set.ok).toBe(true);
    await page.reload();
    await ready(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
  });
  afterAll(() => s?.close());

  it('the scan itself: it finds words typed into the page, in text and in attributes, and skips only content', async () => {
    await waitForComposer(page);
    await page.evaluate(() => {
      const box = document.createElement('div');
      box.id = 'scan-probe';
      box.innerHTML = '<p>Typed in English</p><button aria-label="Close it">⟦Cerrar⟧</button><input type="text" placeholder="Search here"><p data-content>Content is skipped</p><p>⟦Bien⟧ 12 · ⟦Bien⟧</p><p hidden>Not rendered</p>';
      document.body.append(box);
    });
    const found = strays(await readable(page)).filter((f) => /Typed|Close it|Search here|Content is|12|Not rendered/.test(f));
    await page.evaluate(() => document.getElementById('scan-probe')?.remove());
    expect(found.map((f) => f.split(' (')[0])).toEqual(['"Typed in English"', '"Close it"', '"Search here"']);
    expect(outsideMarkers('⟦a ⟦b⟧ c⟧: ⟦d⟧')).toMatch(/^[\s:]*$/);
  });

  it('chat: empty, the consent card, a conversation, the language chip, the delete confirmation', async () => {
    await waitForComposer(page);
    await scan(page, 'chat empty');
    await sendMessage(page, '¿A qué hora abrís el domingo?');
    const consent = page.getByTestId('consent');
    await consent.waitFor();
    await scan(page, 'chat consent card');
    await button(T('consent.save'), consent).click();
    await consent.waitFor({ state: 'detached' });
    await sendMessage(page, '¿Dónde está mi pedido?');
    await sendMessage(page, 'HD-482913');
    await sendMessage(page, 'Quiero hablar con una persona');
    await scan(page, 'chat conversation');
    // Writing in English switches the screen and offers Spanish back ("¿Prefieres español?").
    await sendMessage(page, 'what time do you open on saturday please');
    await page.getByTestId('prefer-language').waitFor();
    await scan(page, 'chat language chip');
    // Asking the bot to delete the conversation asks first (a confirmation dialog).
    await sendMessage(page, 'delete this conversation');
    const confirm = page.getByTestId('confirm-delete-conversation');
    await confirm.waitFor();
    await scan(page, 'chat confirm delete');
    await button(T('common.cancel'), confirm).click();
    await confirm.waitFor({ state: 'detached' });
    // A fresh conversation: the screen is back in the shop's language (es) for the settings pages.
    const old = await page.locator('.chat-screen').getAttribute('data-conversation');
    await button(T('chat.newConversation')).click();
    await page.waitForFunction((prev) => {
      const id = document.querySelector('.chat-screen')?.getAttribute('data-conversation') ?? '';
      return id !== '' && id !== prev;
    }, old);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('es');
  });

  it('every settings page, and the confirmation dialogs on them', async () => {
    await button(T('chat.settings')).click();
    const pages = settingsNav(page).getByRole('button');
    const n = await pages.count();
    expect(n).toBeGreaterThanOrEqual(10);
    for (let i = 0; i < n; i++) {
      const name = (await pages.nth(i).innerText()).trim();
      await pages.nth(i).click();
      await page.getByRole('heading', { level: 2, name, exact: true }).waitFor();
      await loaded(page, '.settings-main');
      await scan(page, `settings ${i} ${name}`);
    }

    await openPage('settings.page.conversations');
    const row = page.getByTestId('conversation-table').locator('tbody tr').first();
    await row.waitFor();
    await button(T('common.open'), row).click();
    await page.getByTestId('transcript').waitFor();
    await scan(page, 'settings conversation transcript');
    await button(T('common.delete'), row).click();
    const del = page.getByRole('alertdialog');
    await del.waitFor();
    await scan(page, 'confirm delete conversation');
    await button(T('common.cancel'), del).click();
    await del.waitFor({ state: 'detached' });

    // A search and its results.
    await page.getByRole('searchbox').fill('pedido');
    await page.getByRole('button', { name: T('conv.searchButton'), exact: true }).click();
    await page.getByTestId('search-results').waitFor();
    await scan(page, 'settings conversation search');

    // Trying a phrase on the knowledge-base page.
    await openPage('settings.page.kb');
    await page.getByLabel(T('kb.tryLabel'), { exact: true }).fill('¿a qué hora abrís?');
    await page.getByRole('button', { name: T('kb.tryButton'), exact: true }).click();
    await page.getByTestId('try-result').waitFor();
    await scan(page, 'settings kb try');

    await openPage('settings.page.exportWipe');
    for (const [open, where] of [
      [`${T('wipe.day')}…`, 'confirm end-of-day wipe'],
      [`${T('wipe.all')}…`, 'confirm erase everything'],
    ] as const) {
      await page.getByRole('button', { name: open, exact: true }).click();
      const dialog = page.getByRole('alertdialog');
      await dialog.waitFor();
      await loaded(page, '[role="alertdialog"]');
      await scan(page, where);
      await button(T('common.cancel'), dialog).click();
      await dialog.waitFor({ state: 'detached' });
    }
  });

  it('the knowledge-base editor: every tab, an intent and its problems, the publish report, its dialogs', async () => {
    await openPage('settings.page.teach');
    const tabs = page.locator('.kb-tabs button');
    await tabs.first().waitFor();
    await page.getByTestId('intent-list').waitFor();
    await scan(page, 'editor intents');
    await page.getByTestId('intent-list').getByRole('button').first().click();
    const editor = page.getByTestId('intent-editor');
    await editor.waitFor();
    await scan(page, 'editor intent');
    // An edit makes a draft: the publish bar's draft words.
    await page.getByTestId('paste-phrases').fill('¿hay algún sitio para dejar la bici?');
    await page.getByTestId('add-phrases').click();
    await expect.poll(() => page.getByTestId('publish').isEnabled(), { timeout: 15_000 }).toBe(true);
    await scan(page, 'editor draft changed');
    // A problem at a field (an empty title), worded for the person.
    const title = editor.getByLabel(K('field.title'), { exact: true });
    const before = await title.inputValue();
    await title.fill('');
    await page.getByTestId('field-problem').first().waitFor({ timeout: 15_000 });
    await scan(page, 'editor field problem');
    await title.fill(before);
    await expect.poll(() => page.getByTestId('field-problem').count(), { timeout: 15_000 }).toBe(0);
    // Delete-intent and discard-draft confirmations.
    await editor.getByRole('button', { name: /⟦Eliminar esta intención⟧/ }).first().click();
    let dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    await scan(page, 'confirm delete intent');
    await button(T('common.cancel'), dialog).click();
    await dialog.waitFor({ state: 'detached' });

    // The same intent's Spanish words (the editor's language switch), and the Spanish bot settings.
    await page.getByTestId('kb-language-switch').locator('input[value="es"]').check();
    await page.getByTestId('intent-list').getByRole('button').first().click();
    await page.getByTestId('intent-editor').waitFor();
    await scan(page, 'editor intent in Spanish');
    const tab = (key: KbTextKey) => page.locator('.kb-tabs').getByRole('button', { name: K(key), exact: true });
    await tab('tab.settings').click();
    await loaded(page, '.settings-main');
    await scan(page, 'editor bot settings in Spanish');
    await page.getByTestId('kb-language-switch').locator('input[value="en"]').check();
    await tabs.first().click();

    const names = await tabs.allInnerTexts();
    expect(names.length).toBeGreaterThanOrEqual(6);
    for (let i = 1; i < names.length; i++) {
      await tabs.nth(i).click();
      await loaded(page, '.settings-main');
      await page.waitForTimeout(500);
      await scan(page, `editor tab ${names[i]}`);
    }
    // An import preview with a warning, then one with errors.
    await tab('tab.import').click();
    const csv = path.join(s.host.exportDir, 'faq.csv');
    writeFileSync(csv, 'Question,Answer\nDo you sell bird seed?,"Yes, aisle 4."\n');
    await page.getByTestId('import-file').setInputFiles(csv);
    await page.getByTestId('import-preview').click();
    await page.getByTestId('import-preview-result').waitFor();
    await expect.poll(() => page.getByTestId('import-preview-result').locator('li').count()).toBeGreaterThan(0);
    await scan(page, 'editor import preview');
    const broken = path.join(s.host.exportDir, 'broken.csv');
    writeFileSync(broken, 'question,answer\nhello,hi\n,an answer with no question\n');
    await page.getByTestId('import-file').setInputFiles(broken);
    await page.getByTestId('import-preview').click();
    await page.getByTestId('import-errors').waitFor();
    await scan(page, 'editor import errors');

    await tabs.first().click();
    await page.getByTestId('publish').click();
    await page.getByTestId('publish-report').waitFor({ timeout: 120_000 });
    await scan(page, 'editor publish report');
    // Versions after a publish: two rows, a diff.
    await tab('tab.versions').click();
    await page.getByTestId('versions').waitFor();
    await page.getByTestId('versions').getByRole('button').first().click();
    await page.getByTestId('version-diff').waitFor();
    await scan(page, 'editor versions diff');
    await page.getByTestId('restore-1').click();
    dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    await scan(page, 'confirm restore version');
    await button(T('common.cancel'), dialog).click();
  });
});

describe('pseudo-locale scan: kiosk', () => {
  let s: HostAndBrowser;

  beforeAll(async () => {
    s = await startHostAndBrowser({ kiosk: true, extraArgs: PSEUDO });
  });
  afterAll(() => s?.close());

  it('first-start setup, welcome, staff PIN, the customer\'s "Your data", a conversation, its QR code, "Still there?"', async () => {
    const { context, page } = await newPage(s.browser, { width: 1080, height: 1920 });
    await page.goto(appUrl(s.host));
    await ready(page);
    const setup = page.getByTestId('kiosk-setup');
    await setup.waitFor();
    await scan(page, 'kiosk setup');
    await setup.getByLabel(T('pin.label'), { exact: true }).fill('2468');
    await setup.getByLabel(T('pin.confirmLabel'), { exact: true }).fill('2469');
    await page.getByRole('button', { name: T('setup.finish'), exact: true }).click();
    await expect.poll(() => page.getByTestId('setup-message').innerText()).not.toBe('');
    await scan(page, 'kiosk setup mismatch');
    await setup.getByRole('radio', { name: LOCALE_NAMES.es }).check();
    await setup.getByLabel(T('pin.confirmLabel'), { exact: true }).fill('2468');
    await page.getByRole('button', { name: T('setup.finish'), exact: true }).click();
    await page.getByTestId('welcome').waitFor();
    await scan(page, 'kiosk welcome');

    await page.getByRole('button', { name: T('chat.settings'), exact: true }).click();
    const pin = page.getByTestId('pin-dialog');
    await pin.waitFor();
    await scan(page, 'kiosk pin dialog');
    await pin.getByLabel(T('pin.label'), { exact: true }).fill('1111');
    await pin.getByRole('button', { name: T('pin.submit'), exact: true }).click();
    await expect.poll(() => pin.getByRole('alert').innerText().catch(() => '')).not.toBe('');
    await scan(page, 'kiosk pin wrong');
    // With the right PIN: settings on a kiosk (its Kiosk page has the kiosk-only controls).
    await pin.getByLabel(T('pin.label'), { exact: true }).fill('2468');
    await pin.getByRole('button', { name: T('pin.submit'), exact: true }).click();
    await page.getByTestId('settings').waitFor();
    await settingsNav(page).getByRole('button', { name: T('settings.page.kiosk'), exact: true }).click();
    await page.getByRole('heading', { level: 2, name: T('settings.page.kiosk'), exact: true }).waitFor();
    await loaded(page, '.settings-main');
    await scan(page, 'kiosk settings kiosk page');
    await page.getByRole('button', { name: T('settings.back'), exact: true }).click();
    await page.getByTestId('welcome').waitFor();

    await page.getByRole('button', { name: T('chat.yourData'), exact: true }).click();
    const yours = page.getByTestId('your-data-dialog');
    await yours.waitFor();
    await loaded(page, '[data-testid="your-data-dialog"]');
    await scan(page, 'kiosk your data');
    await page.getByRole('button', { name: T('common.close'), exact: true }).last().click();
    await yours.waitFor({ state: 'detached' });

    // A customer's conversation, and its take-away QR code (kiosk only).
    await page.getByRole('button', { name: T('kiosk.start'), exact: true }).click();
    await waitForComposer(page);
    await scan(page, 'kiosk chat');
    await sendMessage(page, '¿A qué hora abrís el domingo?');
    await page.getByTestId('consent').waitFor();
    await scan(page, 'kiosk consent');
    await page.getByTestId('consent').getByRole('button', { name: T('consent.save'), exact: true }).click();
    await page.getByRole('button', { name: T('chat.takeAway'), exact: true }).click();
    const qr = page.getByRole('dialog');
    await qr.locator('img').waitFor();
    await scan(page, 'kiosk qr dialog');
    await qr.getByRole('button', { name: T('common.close'), exact: true }).click();
    await context.close();

    // The idle countdown, on a short timeout.
    const second = await newPage(s.browser, { width: 1080, height: 1920 });
    await second.page.goto(appUrl(s.host, '?idle=4'));
    await ready(second.page);
    await second.page.getByRole('button', { name: T('kiosk.start'), exact: true }).click();
    await second.page.getByTestId('still-there').waitFor({ timeout: 30_000 });
    await scan(second.page, 'kiosk still there');
    await second.context.close();
  });
});

describe('pseudo-locale scan: start-up screens', () => {
  it('choosing a passphrase, unlocking, forgetting it, and a store that cannot be opened', async () => {
    const browser = await launchChromium();
    let host = await startPreviewHost({ env: { HUSHDESK_PASSPHRASE: '' }, extraArgs: PSEUDO });
    const dataDir = host.dataDir;
    try {
      let { context, page } = await newPage(browser);
      await page.goto(appUrl(host));
      await ready(page);
      await page.getByLabel(T('unlock.passphrase'), { exact: true }).waitFor();
      await scan(page, 'create passphrase');
      await page.getByLabel(T('unlock.passphrase'), { exact: true }).fill('short');
      await page.getByRole('button', { name: T('unlock.create'), exact: true }).click();
      await page.getByRole('alert').first().waitFor();
      await scan(page, 'create passphrase refused');
      const pass = 'pseudo locale passphrase for the scan';
      await page.getByLabel(T('unlock.passphrase'), { exact: true }).fill(pass);
      await page.getByLabel(T('unlock.repeat'), { exact: true }).fill(pass);
      await page.getByRole('button', { name: T('unlock.create'), exact: true }).click();
      await waitForComposer(page);
      await context.close();
      await host.stop();

      host = await startPreviewHost({ dataDir, env: { HUSHDESK_PASSPHRASE: '' }, extraArgs: PSEUDO });
      ({ context, page } = await newPage(browser));
      await page.goto(appUrl(host));
      await ready(page);
      await page.getByRole('button', { name: T('unlock.submit'), exact: true }).waitFor();
      await scan(page, 'unlock');
      await page.getByLabel(T('unlock.passphrase'), { exact: true }).fill('not the passphrase at all');
      await page.getByRole('button', { name: T('unlock.submit'), exact: true }).click();
      await page.getByRole('alert').first().waitFor();
      await scan(page, 'unlock wrong');
      await page.getByRole('button', { name: T('unlock.eraseButton'), exact: true }).click();
      const erase = page.getByRole('alertdialog');
      await erase.waitFor();
      await scan(page, 'confirm erase forgotten');
      await page.getByRole('button', { name: T('common.cancel'), exact: true }).click();
      await context.close();
      await host.stop();

      // Garbage over the file's first pages: the recovery screen.
      const db = path.join(dataDir, 'hushdesk.db');
      const bytes = readFileSync(db);
      randomFillSync(bytes, 0, 8192);
      writeFileSync(db, bytes);
      host = await startPreviewHost({ dataDir, env: { HUSHDESK_PASSPHRASE: pass }, extraArgs: PSEUDO });
      ({ context, page } = await newPage(browser));
      await page.goto(appUrl(host));
      await ready(page);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await scan(page, 'recovery');
      await context.close();
    } finally {
      await browser.close();
      await host.stop();
      removeDir(dataDir);
    }
  });
});
