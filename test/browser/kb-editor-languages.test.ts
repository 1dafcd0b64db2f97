/**
 * The knowledge-base editor with several languages (issue 17), in real Chromium against the real
 * backend (preview host, encrypted store, training in the editor's worker): the warnings panel
 * lists what a language has not translated, worded from the warning's code, and opens its field;
 * the language switch edits the Spanish words of an intent, publishing reports each language, and
 * the chat then answers the Spanish question. Keyboard only for the edits; axe on every view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { KbDraftState } from '../../shared/kb-editor';
import { newPage, startHostAndBrowser, type HostAndBrowser } from './harness';
import { KB_EDITOR_PAGE, kbEditorUi } from './kb-editor-ui';
import { answerConsentIfAsked, api, openApp, openSettingsPage, send } from './ui';

const GIFT_ID = 'store.gift_vouchers';
const GIFT_TITLE = 'Gift vouchers';

describe('knowledge-base editor in several languages: warnings, the language switch, the report per language', () => {
  let env: HostAndBrowser;
  let page: Page;
  const { axeClean, tab, press } = kbEditorUi(() => page);

  const draft = async (): Promise<KbDraftState> => {
    const r = await api<KbDraftState>(page, 'kb.draft.get');
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };

  beforeAll(async () => {
    env = await startHostAndBrowser();
    ({ page } = await newPage(env.browser));
    await openApp(page, env.host);
    await answerConsentIfAsked(page, 'Save');
    await send(page, 'hello');
  });
  afterAll(async () => {
    await env?.close();
  });

  it('an intent written in English only shows in the warnings panel, worded from its code; the warning opens the intent', async () => {
    await openSettingsPage(page, KB_EDITOR_PAGE);
    await page.getByTestId('intent-list').waitFor();
    // The built-in knowledge base is translated throughout: no panel.
    expect((await draft()).warnings).toEqual([]);
    expect(await page.getByTestId('kb-warnings').count()).toBe(0);

    // A new intent, by keyboard, in the default language only.
    await page.getByLabel('New intent id (e.g. "store.events")').focus();
    await page.keyboard.type(GIFT_ID);
    await page.getByLabel('Title', { exact: true }).first().focus();
    await page.keyboard.type(GIFT_TITLE);
    await press(page.getByRole('button', { name: 'Add', exact: true }));
    await page.getByRole('heading', { name: `Edit intent: ${GIFT_TITLE}` }).waitFor();
    await page.getByTestId('paste-phrases').focus();
    await page.keyboard.type('can i buy a gift voucher for my neighbour\ndo you sell gift vouchers');
    await press(page.getByTestId('add-phrases'));
    await press(page.getByRole('button', { name: 'Add an answer variant' }));
    await page.getByRole('textbox', { name: 'Answer variant 1', exact: true }).focus();
    await page.keyboard.type('Gift vouchers are sold at the tills, from 10 to 200 euros.');

    const warning = page.getByTestId('kb-warning').filter({ hasText: GIFT_ID });
    await warning.waitFor({ timeout: 15_000 });
    // Worded from the code and parameters by the renderer, not the backend's English message.
    expect(await warning.innerText()).toContain(`${GIFT_TITLE} (${GIFT_ID}) has no Español words yet: the bot answers it in English and says so.`);
    const w = (await draft()).warnings ?? [];
    expect(w).toEqual([expect.objectContaining({ code: 'intent_untranslated', path: `$.languages.es.intents.${GIFT_ID}`, params: { language: 'es', defaultLanguage: 'en', intent: GIFT_ID } })]);
    await axeClean('warnings panel');

    // Away from the intent, the warning brings it back.
    await press(tab('Bot settings'));
    await press(warning);
    await page.getByRole('heading', { name: `Edit intent: ${GIFT_TITLE}` }).waitFor();
  });
});
