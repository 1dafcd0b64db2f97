/**
 * A damaged store: the app says what is wrong, changes nothing, and offers to set the files aside
 * and start fresh (real backend, real Chromium, a real encrypted file damaged on disk).
 */
import { randomFillSync } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeFindings, seriousViolations } from './axe';
import { launchChromium, newPage, removeDir, screenshot, startPreviewHost, type PreviewProcess } from './harness';
import { openApp, waitForChat } from './ui';

describe('recovery: a store that cannot be opened', () => {
  let host: PreviewProcess | undefined;
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    if (host) removeDir(host.dataDir);
  });

  it('explains, keeps the files, and starts fresh only when asked', async () => {
    // A real store, then garbage over its first pages.
    const first = await startPreviewHost();
    await first.stop();
    const db = path.join(first.dataDir, 'hushdesk.db');
    const bytes = readFileSync(db);
    randomFillSync(bytes, 0, 8192);
    writeFileSync(db, bytes);

    [host, browser] = await Promise.all([startPreviewHost({ dataDir: first.dataDir }), launchChromium()]);
    const { context, page } = await newPage(browser);
    await openApp(page, host);
    await page.getByRole('heading', { level: 1, name: 'The conversation file could not be opened' }).waitFor();
    const findings = await seriousViolations(page);
    expect(findings, describeFindings('recovery screen', findings)).toEqual([]);
    await screenshot(page, 'recovery-1280x800');
    expect(readFileSync(db).equals(bytes)).toBe(true);

    await page.getByRole('button', { name: 'Set the files aside and start fresh' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Set aside and start fresh' }).click();
    await page.getByRole('status').filter({ hasText: 'moved to' }).waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(['consent', 'input']).toContain(await waitForChat(page));

    // The damaged file is kept, unchanged, in a set-aside folder.
    const aside = readdirSync(first.dataDir).find((n) => n.startsWith('set-aside-'));
    expect(aside).toBeDefined();
    const kept = path.join(first.dataDir, aside as string, 'hushdesk.db');
    expect(existsSync(kept) && readFileSync(kept).equals(bytes)).toBe(true);
    await context.close();
  });
});
