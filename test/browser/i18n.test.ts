/**
 * i18n end to end (issue 17, item 5) in real Chromium: the person switches the interface to
 * Español on the Display and language page, and then what the backend decides reaches them in
 * Spanish words from the catalogues: the consent question and the saved badge word the structured
 * retention policy ("durante 30 días", not the backend's English "30 days"), and a refused save
 * (overlapping opening hours) is worded by its error code with the field path, never the backend's
 * English message; the conversations table names topics by the knowledge base's Spanish titles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeFindings, seriousViolations } from './axe';
import { screenshot } from './harness';
import { api, openAppSession, openSettingsPage } from './ui';

describe('i18n: a Spanish screen gets Spanish words for what the backend says', () => {
  let page: Page;
  let close = async (): Promise<void> => undefined;

  beforeAll(async () => {
    ({ page, close } = await openAppSession());
    // The policy the words are made from (the desktop default, set here so the test says it).
    const set = await api(page, 'settings.set', { patch: { retention: { kind: 'days', days: 30 }, conversationPolicy: 'ask' } });
    expect(set.ok).toBe(true);
  });
  afterAll(() => close());

  /** Waits for the chat, says something if the question waits for the first answer, returns its title. */
  async function consentTitle(): Promise<string> {
    await page.waitForFunction(() => {
      const ta = document.querySelector<HTMLTextAreaElement>('textarea.composer-input');
      return !!document.querySelector('[data-testid="consent"]') || (!!ta && !ta.disabled);
    });
    const consent = page.getByTestId('consent');
    if ((await consent.count()) === 0) {
      await page.getByRole('textbox', { name: 'Mensaje' }).fill('¿Dónde está mi pedido?');
      await page.getByRole('button', { name: 'Enviar', exact: true }).click();
    }
    await consent.waitFor();
    return consent.getByRole('heading').innerText();
  }

  it('the language is switched where a person switches it', async () => {
    await openSettingsPage(page, 'Display and language');
    await page.getByLabel('Interface language').selectOption('es');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('es');
    await page.getByRole('heading', { level: 2, name: 'Pantalla e idioma', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Volver al chat' }).click();
    await page.getByTestId('settings').waitFor({ state: 'detached' });
  });

  it('the consent question and the saved badge say "durante 30 días"', async () => {
    const title = await consentTitle();
    expect(title).toBe('¿Guardar esta conversación durante 30 días?');
    const consent = page.getByTestId('consent');
    const findings = await seriousViolations(page);
    expect(findings, describeFindings('Spanish consent card', findings)).toEqual([]);
    await screenshot(page, 'i18n-consent-es');
    await consent.getByRole('button', { name: 'Guardar', exact: true }).click();
    await consent.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.badge-saved').innerText()).toBe('Se guarda durante 30 días');
  });

  it('one day is "1 día" (Intl.PluralRules), worded from the live policy', async () => {
    expect((await api(page, 'settings.set', { patch: { retention: { kind: 'days', days: 1 } } })).ok).toBe(true);
    await page.reload();
    await page.locator('[data-testid="app-ready"][data-ready="true"]').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    expect(await consentTitle()).toBe('¿Guardar esta conversación durante 1 día?');
  });

  it('a refused save is worded from the catalogue by code, with the field path, not in English', async () => {
    const current = await api<{ openingHours: { weekly: Record<string, unknown[]>; holidays: unknown[] } }>(page, 'settings.get');
    if (!current.ok) throw new Error(current.error.code);
    const openingHours = { ...current.value.openingHours, weekly: { ...current.value.openingHours.weekly, fri: [{ open: '09:00', close: '20:00' }] } };
    expect((await api(page, 'settings.set', { patch: { openingHours } })).ok).toBe(true);
    // The backend itself answers in English developer text: that is what must not reach the screen.
    const refused = await api(page, 'settings.set', { patch: { openingHours: { ...openingHours, weekly: { ...openingHours.weekly, fri: [{ open: '09:00', close: '20:00' }, { open: '19:00', close: '21:00' }] } } } });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('invalid_input');
    // The page edits the hours the app loaded: load them again.
    await page.reload();
    await page.locator('[data-testid="app-ready"][data-ready="true"]').waitFor();

    await page.getByRole('button', { name: 'Ajustes', exact: true }).click();
    await page.getByRole('navigation', { name: 'Páginas de ajustes' }).getByRole('button', { name: 'Horario', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Horario', exact: true }).waitFor();
    const fri = page.getByRole('group', { name: 'Viernes' });
    await fri.getByRole('button', { name: 'Añadir horario' }).click();
    await fri.getByLabel('Abre').last().fill('19:00');
    await fri.getByLabel('Cierra').last().fill('21:00');
    await page.getByRole('button', { name: 'Guardar el horario' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'openingHours' });
    await alert.first().waitFor();
    const text = await alert.first().innerText();
    expect(text).toContain('Algunos de los datos introducidos no son válidos.');
    // The detail worded from its rule's code (opening_overlap), next to its field.
    expect(text).toMatch(/\S*openingHours\.weekly\.fri\.1\.open: Debe empezar después de que cierre el horario anterior\./);
    expect(text).not.toContain(refused.error.message);
    expect(text).not.toMatch(/must|previous|opening closes/);
    await screenshot(page, 'i18n-error-es');
    const findings = await seriousViolations(page);
    expect(findings, describeFindings('Spanish refused save', findings)).toEqual([]);
  });

  it('About words how Hushdesk runs ("vista previa en el navegador"), not the host id', async () => {
    await page.getByRole('navigation', { name: 'Páginas de ajustes' }).getByRole('button', { name: 'Acerca de', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Acerca de', exact: true }).waitFor();
    const line = page.getByText(/^Plataforma: /);
    await expect.poll(() => line.innerText()).toMatch(/^Plataforma: \S+ \(vista previa en el navegador\)$/);
  });

  it("the conversations table names each topic by the knowledge base's Spanish title, not the default language's", async () => {
    const kb = await api<{ intents: Array<{ id: string; title: string; titles?: Record<string, string> }> }>(page, 'kb.info');
    const list = await api<{ conversations: Array<{ topics: string[] }> }>(page, 'conversations.list', { limit: 200 });
    if (!kb.ok || !list.ok) throw new Error('kb.info or conversations.list failed');
    // The conversation saved above ("¿Dónde está mi pedido?") has at least one topic.
    const topics = [...new Set(list.value.conversations.flatMap((c) => c.topics))];
    expect(topics.length).toBeGreaterThan(0);
    await page.getByRole('navigation', { name: 'Páginas de ajustes' }).getByRole('button', { name: 'Conversaciones', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Conversaciones', exact: true }).waitFor();
    const table = page.getByTestId('conversation-table');
    await table.waitFor();
    const text = await table.innerText();
    for (const id of topics) {
      const intent = kb.value.intents.find((i) => i.id === id);
      const spanish = intent?.titles?.es;
      expect(spanish, `${id} has a Spanish title in the default knowledge base`).toBeTruthy();
      expect(spanish).not.toBe(intent?.title);
      expect(text).toContain(spanish);
      expect(text).not.toContain(intent?.title);
    }
  });
});
