/**
 * Page helpers of the knowledge-base editor's browser tests (kb-editor.test.ts,
 * kb-editor-languages.test.ts): its tabs, keyboard presses, publishing, a fresh conversation's
 * answer, "Try a phrase" through the bridge, and axe on the current view.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TryAnswer } from '../../shared/kb-editor';
import { describeFindings, seriousViolations } from './axe';
import { answerConsentIfAsked, api, backToChat, send, startNewConversation, type BotReply } from './ui';

/** The editor's settings page, by its name in the settings navigation. */
export const KB_EDITOR_PAGE = 'Teach the bot';

export interface KbEditorUi {
  axeClean(where: string): Promise<void>;
  /** One of the editor's tabs, by its (English) name. */
  tab(name: string): Locator;
  /** Focus and a key (Enter by default): keyboard only, no clicks. */
  press(locator: Locator, key?: string): Promise<void>;
  /** Publish the draft and wait for the report. */
  publish(): Promise<void>;
  /** The answer to `text` in a new saved conversation (after a "hello"). */
  askFresh(text: string, greeting?: string): Promise<BotReply>;
  /** "Try a phrase" through the bridge (`language`: the editor's chosen language). */
  tryAnswer(text: string, language?: string): Promise<TryAnswer>;
}

/** `current`: the page under test (a getter: test files open it in their beforeAll). */
export function kbEditorUi(current: () => Page): KbEditorUi {
  // A person cannot press a disabled control: wait until it is enabled (a button that waits for a
  // file being read, say), so the key never lands on whatever had the focus before.
  const press = async (locator: Locator, key = 'Enter') => {
    await expect.poll(async () => locator.isEnabled(), { message: 'the control to press is enabled' }).toBe(true);
    await locator.focus();
    await current().keyboard.press(key);
  };
  return {
    async axeClean(where) {
      const page = current();
      const v = await seriousViolations(page);
      expect(v, describeFindings(where, v)).toEqual([]);
    },
    tab: (name) => current().getByRole('navigation', { name: 'Knowledge base editor' }).getByRole('button', { name, exact: true }),
    press,
    async publish() {
      const page = current();
      await press(page.getByTestId('publish'));
      await page.getByTestId('publish-report').waitFor({ timeout: 120_000 });
    },
    async askFresh(text, greeting = 'hello') {
      const page = current();
      if ((await page.getByTestId('settings').count()) > 0) await backToChat(page);
      await startNewConversation(page);
      await answerConsentIfAsked(page, 'Save');
      await send(page, greeting);
      return send(page, text);
    },
    async tryAnswer(text, language) {
      const r = await api<TryAnswer>(current(), 'kb.tryAnswer', language ? { text, language } : { text });
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    },
  };
}
