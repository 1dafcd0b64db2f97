/**
 * Exports go to a place the person chooses (issue 15 item 10), in real Chromium against the real
 * backend: the Export page says where files go now (Downloads by default), a folder inside the data
 * folder is refused at the field (aria-invalid, the message linked to it) and nothing changes, a
 * folder of one's own is saved and the next export lands there; "Use Downloads" goes back.
 * Keyboard only, axe clean.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFindings, seriousViolations } from './axe';
import { removeDir, screenshot } from './harness';
import { answerConsentIfAsked, openAppSession, openSettingsPage, send, type AppSession } from './ui';

describe('the export folder, chosen on the Export page', () => {
  let s: AppSession;
  const mine = mkdtempSync(path.join(tmpdir(), 'hushdesk-e2e-my-exports-'));
  beforeAll(async () => {
    s = await openAppSession();
  });
  afterAll(async () => {
    await s?.close();
    removeDir(mine);
  });

  it('shows where exports go, refuses the data folder at the field, and saves a folder of ones own', async () => {
    const { page, host } = s;
    await answerConsentIfAsked(page, 'Save');
    await send(page, 'do you have gift cards');
    await openSettingsPage(page, 'Export and wipe');
    const card = page.getByTestId('export-folder');
    await card.waitFor();
    await page.waitForFunction((dir) => document.querySelector('[data-testid="export-folder-now"]')?.textContent?.includes(dir), host.exportDir);
    expect(await card.getByTestId('export-folder-now').innerText()).toContain('(your Downloads folder, the default)');

    const field = card.getByLabel('Folder (full path)');
    await field.focus();
    await page.keyboard.type(host.dataDir);
    await page.keyboard.press('Enter');
    const alert = card.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain("inside Hushdesk's data folder");
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy}"]`).innerText()).toContain("inside Hushdesk's data folder");
    expect(await card.getByTestId('export-folder-now').innerText()).toContain(host.exportDir);

    await field.fill('');
    await field.focus();
    await page.keyboard.type(mine);
    await page.keyboard.press('Enter');
    await card.getByText(`Saved: exports go to ${mine}.`).waitFor();
    expect(await field.getAttribute('aria-invalid')).toBeNull();
    await page.waitForFunction((dir) => document.querySelector('[data-testid="export-folder-now"]')?.textContent?.includes(`saved in ${dir}.`), mine);
    const findings = await seriousViolations(page);
    expect(findings, describeFindings('export folder', findings)).toEqual([]);
    await screenshot(page, 'export-folder-1280x800');

    // The next export lands in the chosen folder.
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const result = page.getByTestId('export-result');
    await page.waitForFunction(() => /^Saved \d+ conversations?/.test(document.querySelector('[data-testid="export-result"]')?.textContent ?? ''));
    const file = /to (\S+)$/.exec((await result.innerText()).trim())?.[1] ?? '';
    expect(path.dirname(file)).toBe(mine);
    expect(existsSync(file)).toBe(true);

    // Back to Downloads.
    await card.getByRole('button', { name: 'Use Downloads' }).click();
    await card.getByText('Saved: exports go to your Downloads folder.').waitFor();
    await page.waitForFunction((dir) => document.querySelector('[data-testid="export-folder-now"]')?.textContent?.includes(dir), host.exportDir);
  });
});
