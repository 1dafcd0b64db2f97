/**
 * The data controls end to end, in real Chromium against the real backend (one preview host that
 * starts with a passphrase, so "erase everything" lands on the "Choose a passphrase" screen):
 * the bot's own "delete this conversation" with its confirmation (cancel keeps, confirm deletes),
 * "Your data" counts against the database after chats, a JSON export and the end-of-day wipe,
 * erase everything back to a first start with a new key, then on that fresh store: kiosk mode
 * turned on from settings, an incognito chat taken away as a QR code without a trace on disk, and
 * leaving kiosk mode only with the staff PIN (and never on a host started with --kiosk).
 *
 * The tests run in order and build on each other, like a day in the store.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { KioskStatus } from '../../shared/contract';
import type { AuditEntry, ConversationSummary, PrivacyFacts, Settings } from '../../shared/domain';
import { filesContaining } from '../support/canary';
import { describeFindings, seriousViolations } from './axe';
import { launchChromium, newPage, removeDir, screenshot, startPreviewHost, type PreviewProcess } from './harness';
import { answerConsentIfAsked, api, choosePassphrase, completeKioskSetup, countText, wipeCountsText, messageBox, openApp, send, startNewConversation, settingsNav, openSettingsPage, backToChat as leaveSettings, openQrDialog } from './ui';

const CATEGORIES = ['conversations', 'messages', 'consents', 'auditEntries', 'knowledgeBaseVersions', 'missedQuestions', 'settings'] as const;
type Counts = Record<(typeof CATEGORIES)[number], number>;

/** Chatted before "erase everything": no file in the data folder may hold it afterwards. */
const ERASE_CANARY = 'my parrot is called quince-ocelot-5521';
/** Chatted in test 2 and so in its JSON export (inside the data folder): gone after erase everything. */
const EXPORT_CANARY = 'my cat is called damson-axolotl-2290';
/** Chatted incognito in kiosk mode: never written anywhere. */
const INCOGNITO_CANARY = 'my locker code is lychee-pangolin-4417';
const STAFF_PIN = '1357';
const NEW_PASSPHRASE = 'a fresh start for the shop';

describe('data controls: delete, "Your data", export, wipes, erase, kiosk exit and incognito take-away', () => {
  let host: PreviewProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const nav = () => settingsNav(page);
  const openPage = (name: string) => openSettingsPage(page, name);
  const backToChat = () => leaveSettings(page);
  /** "Your data" from the chat footer (staff view in desktop mode), read every count it shows. */
  const shownCounts = async (): Promise<Counts> => {
    await page.getByRole('button', { name: 'Your data' }).click();
    await page.getByRole('heading', { level: 2, name: 'Your data' }).waitFor();
    return readCounts();
  };
  const readCounts = async (): Promise<Counts> => {
    await page.getByTestId('data-counts').waitFor();
    const out = {} as Counts;
    for (const c of CATEGORIES) out[c] = Number(await page.getByTestId(`count-${c}`).innerText());
    return out;
  };
  const facts = async (): Promise<PrivacyFacts> => {
    const r = await api<PrivacyFacts>(page, 'privacy.facts');
    if (!r.ok) throw new Error(`privacy.facts: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  const conversationId = async () => (await page.locator('.chat-screen').getAttribute('data-conversation')) ?? '';
  const htmlIsKiosk = () => page.evaluate(() => document.documentElement.classList.contains('kiosk'));

  beforeAll(async () => {
    [host, browser] = await Promise.all([startPreviewHost(), launchChromium()]);
    ({ context, page } = await newPage(browser));
    await openApp(page, host);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await host?.stop();
    if (host) removeDir(host.dataDir);
  });

  it('"delete this conversation": the bot asks, Cancel keeps it, confirming deletes it and "Your data" drops', async () => {
    await answerConsentIfAsked(page, 'Save');
    await send(page, 'what time do you open on sunday');
    const id = await conversationId();
    expect(id).not.toBe('');
    const before = await shownCounts();
    expect(before.conversations).toBeGreaterThanOrEqual(1);
    expect(before.messages).toBeGreaterThanOrEqual(2);
    await backToChat();

    // The bot answers with its confirm action: the app asks on screen.
    const dialog = page.getByRole('alertdialog', { name: 'Delete this conversation?' });
    const ask = await send(page, 'delete this conversation');
    expect(ask.intent).toBe('privacy.delete_conversation');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('cannot be undone');
    const findings = await seriousViolations(page);
    expect(findings, describeFindings('bot delete confirmation', findings)).toEqual([]);
    await screenshot(page, 'chat-confirm-delete-1280x800');

    // Cancel (the focused default) keeps everything.
    expect(await dialog.getByRole('button', { name: 'Cancel' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    const kept = await api<{ messages: unknown[] }>(page, 'conversations.get', { conversationId: id });
    expect(kept.ok).toBe(true);
    expect(await conversationId()).toBe(id);
    expect(await page.locator('[role="log"]').innerText()).toContain('what time do you open on sunday');

    // Asked again and confirmed: gone from the database and from the screen.
    await send(page, 'delete this conversation');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Delete conversation', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('The conversation was deleted.').waitFor();
    expect(await page.locator('[role="log"]').innerText()).not.toContain('what time do you open on sunday');
    await expect.poll(conversationId).not.toBe(id);
    const gone = await api(page, 'conversations.get', { conversationId: id });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const after = await shownCounts();
    expect(after.conversations).toBe(before.conversations - 1);
    expect(after.messages).toBe(0);
    // The consent record stays (marked withdrawn, no content): consent must remain provable.
    expect(after.consents).toBe(before.consents);
    await backToChat();
  });

  it('"Your data" counts match the database after chats, a JSON export and the end-of-day wipe', async () => {
    // Two saved conversations.
    await answerConsentIfAsked(page, 'Save');
    await send(page, 'do you have gift cards');
    await send(page, EXPORT_CANARY);
    await startNewConversation(page);
    await answerConsentIfAsked(page, 'Save');
    await messageBox(page).waitFor();
    await send(page, 'what is your return policy');
    await send(page, 'how much is shipping');

    const shown = await shownCounts();
    // The page read the facts, then its view was audited: the next read sees exactly one more entry.
    const db = await facts();
    // The staff view says what the missed-questions inbox keeps, as it is set (no wipe scheduled on this desktop).
    expect(db.missedQuestionKeeping).toEqual({ enabled: true, retentionDays: 30, keepOnDayWipe: false });
    expect(await page.getByTestId('missed-keeping').innerText()).toBe('From saved conversations only: the question alone, masked and without the rest of the conversation, kept 30 days so staff can teach the assistant.');
    expect({ ...shown, auditEntries: shown.auditEntries + 1 }).toEqual(db.counts);
    const list = await api<{ conversations: ConversationSummary[]; total: number }>(page, 'conversations.list', { limit: 500 });
    if (!list.ok) throw new Error(list.error.message);
    expect(list.value.conversations.filter((c) => c.messageCount > 0).length).toBe(2);
    expect(shown.conversations).toBe(list.value.total);
    expect(shown.messages).toBe(list.value.conversations.reduce((n, c) => n + c.messageCount, 0));
    expect(shown.messages).toBeGreaterThanOrEqual(8);
    // The footer's "Your data" and the settings page are the same facts.
    expect(await page.getByText(db.databaseFile, { exact: true }).count()).toBeGreaterThan(0);

    // Export (JSON is the default choice) from the Export page.
    const auditBeforeExport = (await facts()).counts.auditEntries; // this read adds one entry itself
    await openPage('Export and wipe');
    expect(await page.getByRole('radio', { name: /JSON/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const result = page.getByTestId('export-result');
    await page.waitForFunction(() => /Saved \d+ conversations?|went wrong/.test(document.querySelector('.settings-main')?.textContent ?? ''), undefined, { timeout: 20_000 });
    expect(await page.locator('.settings-main [role="alert"]').allInnerTexts()).toEqual([]);
    const text = (await result.innerText()).trim();
    const m = /^Saved (\d+) conversations \((\d+) messages\) to (\S+)$/.exec(text);
    expect(m, text).not.toBeNull();
    const [, nConv, nMsg, file] = m as unknown as [string, string, string, string];
    expect(Number(nConv)).toBe(list.value.total);
    expect(Number(nMsg)).toBe(shown.messages);
    // Exports land where the person keeps downloads, never inside the data folder.
    expect(path.dirname(file)).toBe(host.exportDir);
    expect(existsSync(file)).toBe(true);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { format: string; conversations: Array<{ messages: unknown[] }> };
    expect(doc.format).toBe('hushdesk-export');
    expect(doc.conversations.length).toBe(Number(nConv));
    expect(doc.conversations.reduce((n, c) => n + c.messages.length, 0)).toBe(Number(nMsg));
    expect(filesContaining(host.dataDir, 'damson-axolotl-2290')).toEqual([]);
    expect(filesContaining(host.exportDir, 'damson-axolotl-2290')).toEqual([file]);
    const afterExport = await facts();
    expect(afterExport.counts.auditEntries).toBe(auditBeforeExport + 2);
    const audit = await api<{ entries: AuditEntry[] }>(page, 'audit.list', { limit: 5 });
    if (!audit.ok) throw new Error(audit.error.message);
    expect(audit.value.entries.find((e) => e.kind === 'export')?.detail).toMatchObject({ format: 'json', conversations: Number(nConv), messages: Number(nMsg) });

    // The end-of-day wipe from the UI: conversation data goes, the audit log grows.
    await page.getByRole('button', { name: 'End-of-day wipe…' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Run the end-of-day wipe?' });
    await dialog.waitFor();
    const beforeWipe = await facts();
    expect(await dialog.getByTestId('wipe-counts').innerText()).toBe(wipeCountsText(beforeWipe.counts));
    await dialog.getByRole('button', { name: 'Wipe now' }).click();
    await dialog.waitFor({ state: 'detached' });
    const { conversations: wc, messages: wm } = beforeWipe.counts;
    await page.getByText(`Wiped ${countText(wc, 'conversation', 'conversations')} and ${countText(wm, 'message', 'messages')}.`, { exact: false }).waitFor();
    await openPage('Your data');
    const wiped = await readCounts();
    expect({ conversations: wiped.conversations, messages: wiped.messages, consents: wiped.consents }).toEqual({ conversations: 0, messages: 0, consents: 0 });
    expect(wiped.auditEntries).toBeGreaterThan(beforeWipe.counts.auditEntries);
    expect(wiped.knowledgeBaseVersions).toBe(beforeWipe.counts.knowledgeBaseVersions);
    expect({ ...wiped, auditEntries: wiped.auditEntries + 1 }).toEqual((await facts()).counts);
    await backToChat();
  });

  it('"Erase everything" states what goes, then the app is back at a first start with a new key and no trace', async () => {
    await answerConsentIfAsked(page, 'Save');
    await send(page, ERASE_CANARY);
    const dbFile = path.join(host.dataDir, 'hushdesk.db');
    const keyFile = path.join(host.dataDir, 'hushdesk.key');
    expect(existsSync(dbFile) && existsSync(keyFile)).toBe(true);
    // SQLCipher's first 16 bytes are the database's random salt; the key file holds the wrapped key.
    const oldSalt = readFileSync(dbFile).subarray(0, 16);
    const oldKey = readFileSync(keyFile);

    await openPage('Export and wipe');
    await page.getByRole('button', { name: 'Erase everything…' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Erase everything?' });
    await dialog.waitFor();
    const body = await dialog.innerText();
    // Counts with plurals ("1 conversation"), and every kind of thing that goes, named.
    expect(await dialog.getByTestId('wipe-counts').innerText()).toMatch(/^1 conversation, [1-9]\d* messages, 1 consent record$/);
    const goes = await dialog.getByTestId('wipe-goes').innerText();
    for (const line of ['The encryption key', 'Settings, the staff PIN', 'The audit log']) expect(goes).toContain(line);
    expect(body).toContain(dbFile);
    expect(body).toContain(keyFile);
    // The export is outside the data folder: erasing does not touch it, and the dialog does not list it.
    expect(body).not.toContain(host.exportDir);
    expect(await dialog.getByTestId('wipe-stays').innerText()).toBe('Exports you saved outside the data folder');
    const findings = await seriousViolations(page);
    expect(findings, describeFindings('erase-everything confirmation', findings)).toEqual([]);
    await screenshot(page, 'confirm-erase-everything-1280x800');
    await dialog.getByRole('button', { name: 'Erase everything', exact: true }).click();

    // Back to a first start, without a reload: the passphrase must be chosen anew.
    await page.getByRole('heading', { level: 1, name: 'Choose a passphrase' }).waitFor({ timeout: 20_000 });
    expect(existsSync(dbFile)).toBe(false);
    expect(existsSync(keyFile)).toBe(false);
    expect(filesContaining(host.dataDir, 'quince-ocelot-5521')).toEqual([]);
    expect(filesContaining(host.dataDir, 'damson-axolotl-2290')).toEqual([]);
    // What the dialog promised stays: the person's own export, outside the data folder.
    expect(filesContaining(host.exportDir, 'damson-axolotl-2290')).toHaveLength(1);
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain('quince-ocelot');
    const status = await api<{ unlocked: boolean; storeExists: boolean }>(page, 'security.status');
    expect(status).toMatchObject({ ok: true, value: { unlocked: false, storeExists: false } });
    const unlockFindings = await seriousViolations(page);
    expect(unlockFindings, describeFindings('first-start screen after erase', unlockFindings)).toEqual([]);
    await screenshot(page, 'after-erase-choose-passphrase-1280x800');

    await choosePassphrase(page, NEW_PASSPHRASE);
    await answerConsentIfAsked(page, 'Save');
    await messageBox(page).waitFor();
    // The save question comes with the first answer; "Save" writes that first turn.
    await send(page, 'hello');
    const newId = await conversationId();
    expect(existsSync(dbFile) && existsSync(keyFile)).toBe(true);
    expect(readFileSync(dbFile).subarray(0, 16).equals(oldSalt)).toBe(false);
    expect(readFileSync(keyFile).equals(oldKey)).toBe(false);
    // Only the conversation just saved (its first turn) is in the new store.
    const fresh = await shownCounts();
    const list = await api<{ conversations: ConversationSummary[]; total: number }>(page, 'conversations.list', { limit: 500 });
    if (!list.ok) throw new Error(list.error.message);
    expect(list.value.conversations.map((c) => c.id)).toEqual([newId]);
    expect({ conversations: fresh.conversations, messages: fresh.messages }).toEqual({ conversations: 1, messages: 2 });
    expect(filesContaining(host.dataDir, 'quince-ocelot-5521')).toEqual([]);
    await backToChat();
  });

  it('kiosk mode turned on from settings (after a staff PIN): a reload starts at the welcome screen', async () => {
    await openPage('Kiosk');
    await page.getByText('No staff PIN is set.').waitFor();
    // Without a PIN, kiosk mode cannot be turned on (nobody could leave it).
    await page.getByRole('button', { name: 'Turn kiosk mode on' }).click();
    await page.getByText('Set a staff PIN first.').waitFor();
    await page.getByLabel('New PIN (4 to 12 digits)').fill(STAFF_PIN);
    await page.getByRole('button', { name: 'Save PIN' }).click();
    await page.getByText('Staff PIN saved.').waitFor();
    await page.getByRole('button', { name: 'Turn kiosk mode on' }).click();
    await page.getByText('Kiosk mode is on').waitFor();
    expect(await htmlIsKiosk()).toBe(true);
    const stored = await api<Settings>(page, 'settings.get');
    expect(stored.ok && stored.value.kiosk).toBe(true);

    // A reload (a goto to the same URL would only change the fragment) starts the app afresh.
    await page.reload();
    await page.locator('[data-testid="app-ready"][data-ready="true"]').waitFor();
    await page.getByTestId('welcome').waitFor();
    expect(await htmlIsKiosk()).toBe(true);
    // The staff session opened by setting the PIN does not survive into the kiosk screen.
    await expect
      .poll(async () => {
        const st = await api<KioskStatus>(page, 'kiosk.status');
        return st.ok ? st.value.unlockedUntil : 'error';
      })
      .toBeNull();
  });

  it('kiosk incognito: "Don\'t save", chat, take it away as a QR code, and nothing of it reaches the disk', async () => {
    await page.getByRole('button', { name: 'Start' }).click();
    expect(await answerConsentIfAsked(page, "Don't save")).toBe(true);
    await send(page, INCOGNITO_CANARY);
    await page.getByTestId('incognito-badge').waitFor();
    await send(page, 'do you have gift cards');
    const qr = await openQrDialog(page, 'incognito QR dialog');
    await screenshot(page, 'kiosk-incognito-qr-1280x800');
    await qr.getByRole('button', { name: 'Close' }).click();
    await qr.waitFor({ state: 'detached' });
    expect(filesContaining(host.dataDir, 'lychee-pangolin-4417')).toEqual([]);

    // Ending the chat (next customer) leaves nothing behind either, on disk or on screen.
    await page.getByRole('button', { name: 'New conversation' }).click();
    await page.getByTestId('welcome').waitFor();
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain('lychee-pangolin');
    expect(filesContaining(host.dataDir, 'lychee-pangolin-4417')).toEqual([]);
  });

  it('leaving kiosk mode needs the staff PIN again: a wrong one is refused, the right one leaves', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const pinDialog = page.getByRole('dialog', { name: 'Staff PIN' });
    await pinDialog.waitFor();
    await pinDialog.getByLabel('PIN', { exact: true }).fill(STAFF_PIN);
    await pinDialog.getByRole('button', { name: 'Unlock' }).click();
    await page.getByTestId('settings').waitFor();
    await nav().getByRole('button', { name: 'Kiosk', exact: true }).click();
    await page.getByText('Kiosk mode is on').waitFor();
    const leave = page.getByRole('button', { name: 'Leave kiosk mode' });
    const pinField = page.getByLabel('Staff PIN (needed to leave kiosk mode)');
    const modeCard = page.locator('form.card', { has: page.getByRole('heading', { name: 'Kiosk mode' }) });

    // The open staff session is not enough: the PIN is asked for again.
    await leave.click();
    await modeCard.getByText('The PIN must be 4 to 12 digits.').waitFor();
    const noPin = await api(page, 'settings.set', { patch: { kiosk: false } });
    expect(noPin).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    await pinField.fill('9753');
    await leave.click();
    await modeCard.getByText('Wrong PIN.').waitFor();
    expect(await htmlIsKiosk()).toBe(true);
    expect(await pinField.inputValue()).toBe('');
    const still = await api<Settings>(page, 'settings.get');
    expect(still.ok && still.value.kiosk).toBe(true);
    await screenshot(page, 'settings-kiosk-leave-wrong-pin-1280x800');

    await pinField.fill(STAFF_PIN);
    await leave.click();
    await page.getByRole('button', { name: 'Turn kiosk mode on' }).waitFor();
    expect(await htmlIsKiosk()).toBe(false);
    const left = await api<Settings>(page, 'settings.get');
    expect(left.ok && left.value.kiosk).toBe(false);
    const status = await api<KioskStatus>(page, 'kiosk.status');
    expect(status).toMatchObject({ ok: true, value: { kiosk: false, pinSet: true } });
    // Back to chat: a desktop chat, no welcome screen.
    await backToChat();
    expect(await page.getByTestId('welcome').count()).toBe(0);
    await answerConsentIfAsked(page, "Don't save");
    await messageBox(page).waitFor();
  });

  it('a host started with --kiosk cannot leave kiosk mode, even with the right PIN (conflict, said on screen)', async () => {
    const forced = await startPreviewHost({ kiosk: true });
    const { context: ctx, page: kp } = await newPage(browser);
    try {
      await openApp(kp, forced);
      await completeKioskSetup(kp, '2468');
      await kp.getByRole('button', { name: 'Settings' }).click();
      const pinDialog = kp.getByRole('dialog', { name: 'Staff PIN' });
      await pinDialog.getByLabel('PIN', { exact: true }).fill('2468');
      await pinDialog.getByRole('button', { name: 'Unlock' }).click();
      await kp.getByTestId('settings').waitFor();
      await kp.getByRole('navigation', { name: 'Settings pages' }).getByRole('button', { name: 'Kiosk', exact: true }).click();
      await kp.getByLabel('Staff PIN (needed to leave kiosk mode)').fill('2468');
      await kp.getByRole('button', { name: 'Leave kiosk mode' }).click();
      await kp.getByText(/started with --kiosk/).waitFor();
      expect(await kp.evaluate(() => document.documentElement.classList.contains('kiosk'))).toBe(true);
      const r = await api(kp, 'settings.set', { patch: { kiosk: false }, pin: '2468' });
      expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } });
      const info = await api<{ kiosk: boolean }>(kp, 'app.info');
      expect(info).toMatchObject({ ok: true, value: { kiosk: true } });
    } finally {
      await ctx.close();
      await forced.stop();
      removeDir(forced.dataDir);
    }
  });
});
