/**
 * What the customer reads and what is kept, in real Chromium on the desktop host (issue 15):
 * "Try a phrase" shows the chat's own decision and context (item 5), the hand-off says one thing
 * (6), chips once per intent (7), the "Your data" panel claims exactly the masked types and each
 * claimed type really is masked (8), and the knowledge base's own text is stored as written (9).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ChatReply, PrivacyFacts, Transcript } from '../../shared/domain';
import { screenshot } from './harness';
import { answerConsentIfAsked, api, botMessages, openAppSession, openSettingsPage, send, startNewConversation } from './ui';

/** Samples a detector of each type must mask (types without a sample here are not checked). */
const SAMPLES: Record<string, string> = {
  email: 'jo.bloggs@example.com',
  card: '4111 1111 1111 1111',
  iban: 'GB82 WEST 1234 5698 7654 32',
  ip: '192.168.10.24',
  phone: '+44 7912 345678',
};

describe('answers and privacy promises on screen', () => {
  let page: Page;

  let close = async (): Promise<void> => undefined;

  beforeAll(async () => {
    ({ page, close } = await openAppSession());
    await answerConsentIfAsked(page, 'Save');
  });
  afterAll(() => close());

  afterEach(async () => {
    // Each test starts from the chat, whatever the one before it left open.
    if ((await page.getByTestId('settings').count()) > 0) await page.getByRole('button', { name: 'Back to chat' }).click();
  });

  const conversationId = async (): Promise<string> => (await page.locator('.chat-screen').getAttribute('data-conversation')) ?? '';

  it('item 5: "Try a phrase" shows the decision the chat makes, with the context it used', async () => {
    const delivery = await send(page, 'do you deliver');
    const dave = await send(page, 'is dave in today');
    expect(dave.intent).toBe('');
    expect(dave.text).not.toBe(delivery.text);
    await openSettingsPage(page, 'Knowledge base');
    const form = page.getByRole('form', { name: 'Try a phrase' });
    await form.getByLabel('Previous message in the chat (optional)').fill('do you deliver');
    await form.getByLabel('Phrase', { exact: true }).fill('is dave in today');
    await form.getByRole('button', { name: 'Try' }).click();
    const result = page.getByTestId('try-result');
    await expect.poll(() => result.innerText()).toContain('Out of scope');
    expect(await page.getByTestId('try-context').innerText()).toBe('Read on its own, as the chat would.');
    // A real follow-up is read with the message before it, and the page says so.
    await form.getByLabel('Previous message in the chat (optional)').fill('do you deliver');
    await form.getByLabel('Phrase', { exact: true }).fill('and to scotland?');
    await form.getByRole('button', { name: 'Try' }).click();
    await expect.poll(() => page.getByTestId('try-context').innerText()).toBe('Read as a follow-up to “do you deliver”, as the chat would.');
    expect(await result.innerText()).toContain('Delivery');
    await screenshot(page, 'settings-try-phrase-context-1280x800');
    // Alone, the same words are out of scope: the context is what made the difference.
    await form.getByLabel('Previous message in the chat (optional)').fill('');
    await form.getByRole('button', { name: 'Try' }).click();
    await expect.poll(() => result.innerText()).toContain('Out of scope');
  });

  it('item 6: the hand-off is one message: where to go is said once, as it is on the screen', async () => {
    const reply = await send(page, 'can i talk to a person');
    expect(reply.text).toContain('Customer Service desk');
    expect(reply.text).not.toMatch(/help button|come over/i);
    const card = botMessages(page).last().getByTestId('handoff');
    await card.waitFor();
    expect((await card.innerText()).trim()).toBe('A member of staff can help');
  });

  it('item 7: quick replies once per intent, and "did you mean" never repeated as quick replies', async () => {
    await send(page, 'where is my order HD-482913');
    const chips = await page.getByRole('group', { name: 'Quick replies' }).getByRole('button').allInnerTexts();
    expect(chips).toContain('Delivery options');
    expect(chips).not.toContain('Delivery');
    expect(new Set(chips).size).toBe(chips.length);
    await screenshot(page, 'chat-handoff-quick-replies-1280x800');
    // "guarantee repair" sits between two topics of the default knowledge base: the pair is offered
    // once, as "did you mean" choices, and neither label comes again as a quick reply.
    const dym = await send(page, 'guarantee repair');
    expect(dym.text).toMatch(/^Did you mean/);
    const suggest = await page.getByRole('group', { name: 'Did you mean…?' }).getByRole('button').allInnerTexts();
    expect(suggest).toHaveLength(2);
    expect(new Set(suggest).size).toBe(2);
    const after = await page.getByRole('group', { name: 'Quick replies' }).getByRole('button').allInnerTexts();
    for (const s of suggest) expect(after).not.toContain(s);
    await screenshot(page, 'chat-did-you-mean-1280x800');
    // A choice answers as that topic.
    await page.getByRole('group', { name: 'Did you mean…?' }).getByRole('button', { name: suggest[0]!, exact: true }).click();
    await expect.poll(async () => (await botMessages(page).last().getAttribute('data-intent')) ?? '').not.toBe('');
  });

  it('item 8: "Your data" names exactly the masked types, and each one named is masked in what is stored', async () => {
    await startNewConversation(page);
    await answerConsentIfAsked(page, 'Save');
    // The save question comes with the first answer: answer it, so what follows is stored.
    await send(page, 'hello');
    await page.getByRole('button', { name: 'Stop saving and delete' }).waitFor();
    const facts = await api<PrivacyFacts>(page, 'privacy.facts');
    if (!facts.ok) throw new Error(facts.error.message);
    await openSettingsPage(page, 'Your data');
    const list = page.getByTestId('masking');
    await list.waitFor();
    const shown = await list.locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
    expect(shown).toEqual(facts.value.masking.types);
    expect(await page.getByText('Personal details removed before saving').count()).toBe(0);
    // The phone line says which numbers it covers, and that others are kept as typed.
    expect(await list.locator('li[data-type="phone"]').innerText()).toMatch(/United States way, or with a country code.*saved as typed/);
    await list.scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-your-data-masking-1280x800');
    await page.getByRole('button', { name: 'Back to chat' }).click();
    await page.getByTestId('settings').waitFor({ state: 'detached' });
    const id = await conversationId();
    for (const type of shown) {
      const sample = type ? SAMPLES[type] : undefined;
      if (!sample) continue;
      const r = await api<ChatReply>(page, 'chat.send', { conversationId: id, text: `my detail is ${sample} thanks` });
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.user.storedText, `${type} is claimed as masked`).not.toContain(sample);
    }
  });

  it("item 9: the store's own e-mail address in a reply is stored as written; the customer's is masked", async () => {
    await send(page, 'how can i contact you by email');
    await send(page, 'my email is sam.customer@example.org');
    const t = await api<Transcript>(page, 'conversations.get', { conversationId: await conversationId() });
    if (!t.ok) throw new Error(t.error.message);
    const bot = t.value.messages.filter((m) => m.role === 'bot').map((m) => m.text);
    expect(bot.some((x) => x.includes('help@riverside-electricals.example'))).toBe(true);
    const all = t.value.messages.map((m) => m.text).join('\n');
    expect(all).not.toContain('sam.customer@example.org');
  });
});
