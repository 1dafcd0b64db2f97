/**
 * The Security page's key protection in real Chromium against the real backend, both ways:
 *   - a passphrase store (the preview host's usual one, no keychain): only "Change passphrase";
 *     a wrong current passphrase, a mismatch and a success, with the new passphrase opening the
 *     file after a restart and the old one not;
 *   - a device-keyed store: the preview host has no OS keychain, so it is started with the test-only
 *     `--fake-device-keychain` (test/support's FakeSafeStorage: real AES-GCM under a secret held by
 *     the host process); "Protect with a passphrase" → then "Use the device keychain instead" → back,
 *     checked against the key file on disk each time.
 * And the Export page's public keys (age, for IT): a typo refused in the form, saved keys replace
 * the passphrase field, the export opens with the real `age -d -i identity.txt`.
 * axe: no serious or critical violation in any of the states.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SecurityStatus } from '../../shared/domain';
import { describeFindings, seriousViolations } from './axe';
import { launchChromium, newPage, removeDir, screenshot, startPreviewHost, type PreviewOptions, type PreviewProcess } from './harness';
import { api, openApp, openSettingsPage } from './ui';

const START_PASS = 'correct horse battery staple';
// A renderer built elsewhere (e.g. while dist/ is another build's): HUSHDESK_TEST_RENDERER_DIR.
const rendererArgs = process.env.HUSHDESK_TEST_RENDERER_DIR ? ['--renderer-dir', process.env.HUSHDESK_TEST_RENDERER_DIR] : [];
const host = (o: PreviewOptions = {}) => startPreviewHost({ ...o, extraArgs: [...(o.extraArgs ?? []), ...rendererArgs] });

/** The protector named in the key file on disk (what a restart would use). */
function protectorOnDisk(dataDir: string): string {
  const keyFile = JSON.parse(readFileSync(path.join(dataDir, 'hushdesk.key'), 'utf8')) as { protector: { kind: string } };
  return keyFile.protector.kind;
}

async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const found = await seriousViolations(page);
  expect(found, describeFindings(what, found)).toEqual([]);
}

const form = (page: Page, testId: string) => page.getByTestId(testId);
const alert = (page: Page) => page.getByRole('alert');

describe('Security page: a passphrase store (no device keychain on this host)', () => {
  let preview: PreviewProcess;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    [preview, browser] = await Promise.all([host(), launchChromium()]);
    ({ page } = await newPage(browser));
    await openApp(page, preview);
  });
  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
    if (preview) removeDir(preview.dataDir);
  });

  it('offers only "Change passphrase"; wrong current, mismatch and success are stated; the new one opens the file after a restart', async () => {
    await openSettingsPage(page, 'Security');
    const change = form(page, 'change-passphrase');
    await change.waitFor();
    expect(await form(page, 'use-device').count()).toBe(0);
    expect(await form(page, 'use-passphrase').count()).toBe(0);
    await expectNoSeriousViolations(page, 'security page, passphrase store');
    await screenshot(page, 'security-passphrase-1280x800');

    const fill = async (current: string, next: string, again: string) => {
      await change.getByLabel('Current passphrase').fill(current);
      await change.getByLabel('New passphrase', { exact: true }).fill(next);
      await change.getByLabel('New passphrase again').fill(again);
      await change.getByRole('button', { name: 'Change passphrase' }).click();
    };
    await fill(START_PASS, 'a new long passphrase', 'a new long passphrase, typo');
    await expect.poll(() => alert(page).innerText()).toContain('The two new passphrases are not the same.');
    await fill(START_PASS, 'short', 'short');
    await expect.poll(() => alert(page).innerText()).toContain('The new passphrase needs at least 8 characters.');
    await fill('not the passphrase', 'a new long passphrase', 'a new long passphrase');
    await expect.poll(() => alert(page).innerText()).toContain('The current passphrase is not right. Nothing was changed.');
    await expectNoSeriousViolations(page, 'security page with an error');

    await fill(START_PASS, 'a new long passphrase', 'a new long passphrase');
    await page.getByRole('status').filter({ hasText: 'Passphrase changed.' }).waitFor();
    expect(await alert(page).count()).toBe(0);
    expect(await change.getByLabel('Current passphrase').inputValue()).toBe('');
    expect(protectorOnDisk(preview.dataDir)).toBe('passphrase');

    // The proof is a restart: the old passphrase no longer opens the file, the new one does.
    await preview.stop();
    const again = await host({ dataDir: preview.dataDir, env: { HUSHDESK_PASSPHRASE: '' } });
    preview = again;
    await openApp(page, preview);
    const old = await api<SecurityStatus>(page, 'security.unlock', { passphrase: START_PASS });
    expect(old.ok).toBe(false);
    if (!old.ok) expect(old.error.code).toBe('wrong_key');
    const ok = await api<SecurityStatus>(page, 'security.unlock', { passphrase: 'a new long passphrase' });
    expect(ok.ok && ok.value.unlocked).toBe(true);
  });
});

describe('Export page: public keys for IT (age), end to end', () => {
  let preview: PreviewProcess;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    [preview, browser] = await Promise.all([host(), launchChromium()]);
    ({ page } = await newPage(browser));
    await openApp(page, preview);
  });
  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
    if (preview) removeDir(preview.dataDir);
  });

  it('a typo is refused in the form; saved keys replace the passphrase field; the export opens with the real age -d -i', async () => {
    const keysDir = mkdtempSync(path.join(tmpdir(), 'hushdesk-e2e-age-'));
    const identity = path.join(keysDir, 'identity.txt');
    const made = spawnSync('age-keygen', ['-o', identity], { encoding: 'utf8' });
    if (made.error) throw new Error('age-keygen not found: install the Debian package age (.ci/run does)');
    const recipient = spawnSync('age-keygen', ['-y', identity], { encoding: 'utf8' }).stdout.trim();
    await api(page, 'settings.set', { patch: { conversationPolicy: 'save' } });
    const c = await api<{ conversationId: string }>(page, 'chat.start', {});
    if (!c.ok) throw new Error(c.error.message);
    await api(page, 'chat.send', { conversationId: c.value.conversationId, text: 'my parcel tracking is quince-okapi-7' });

    await openSettingsPage(page, 'Export and wipe');
    const keysForm = page.getByTestId('export-keys');
    const box = keysForm.getByLabel('Public keys (age1…), one per line');
    const typo = `${recipient.slice(0, 30)}${recipient[30] === 'q' ? 'p' : 'q'}${recipient.slice(31)}`;
    await box.fill(`${recipient}\n${typo}`);
    await keysForm.getByRole('button', { name: 'Save keys' }).click();
    await expect.poll(() => keysForm.getByRole('alert').innerText()).toContain('Line 2 is not an age public key');
    const stored = await api<{ exportRecipients: string[] }>(page, 'settings.get');
    expect(stored.ok && stored.value.exportRecipients).toEqual([]);

    await box.fill(recipient);
    await keysForm.getByRole('button', { name: 'Save keys' }).click();
    await keysForm.getByRole('status').filter({ hasText: 'Saved: exports are encrypted to 1 public key.' }).waitFor();
    await page.getByTestId('export-to-keys').waitFor();
    expect(await page.getByLabel('Protect with a passphrase (optional, at least 8 characters)').count()).toBe(0);
    await expectNoSeriousViolations(page, 'export page with public keys');
    await screenshot(page, 'export-keys-1280x800');

    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const result = page.getByTestId('export-result');
    await result.filter({ hasText: 'The file is encrypted to the public keys below (age format).' }).waitFor();
    const file = /to (\S+\.json\.age)/.exec(await result.innerText())?.[1];
    expect(file).toBeDefined();
    expect(readFileSync(file as string).includes(Buffer.from('quince-okapi-7'))).toBe(false);
    const d = spawnSync('age', ['-d', '-i', identity, file as string], { maxBuffer: 16 << 20 });
    expect(d.status, d.stderr.toString()).toBe(0);
    expect(d.stdout.toString('utf8')).toContain('quince-okapi-7');
    removeDir(keysDir);
  });
});

describe('Security page: the device keychain <-> passphrase switch (fake keychain, test-only flag)', () => {
  let preview: PreviewProcess;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    // No passphrase at start: the new store is created under the (fake) device keychain.
    [preview, browser] = await Promise.all([host({ env: { HUSHDESK_PASSPHRASE: '' }, extraArgs: ['--fake-device-keychain'] }), launchChromium()]);
    ({ page } = await newPage(browser));
    await openApp(page, preview);
  });
  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
    if (preview) removeDir(preview.dataDir);
  });

  it('device-keyed: "Protect with a passphrase" (typed twice) and no "Change passphrase"; then back with the current passphrase', async () => {
    await openSettingsPage(page, 'Security');
    const toPass = form(page, 'use-passphrase');
    await toPass.waitFor();
    expect(protectorOnDisk(preview.dataDir)).toBe('device');
    expect(await form(page, 'change-passphrase').count()).toBe(0);
    expect(await page.getByText('Device keychain (fake_test_keychain)').count()).toBe(1);
    await expectNoSeriousViolations(page, 'security page, device-keyed store');
    await screenshot(page, 'security-device-1280x800');

    await toPass.getByLabel('New passphrase', { exact: true }).fill('my own passphrase');
    await toPass.getByLabel('New passphrase again').fill('my own passphrase!');
    await toPass.getByRole('button', { name: 'Protect with a passphrase' }).click();
    await expect.poll(() => alert(page).innerText()).toContain('The two new passphrases are not the same.');
    expect(protectorOnDisk(preview.dataDir)).toBe('device');

    await toPass.getByLabel('New passphrase again').fill('my own passphrase');
    await toPass.getByRole('button', { name: 'Protect with a passphrase' }).click();
    await page.getByRole('status').filter({ hasText: 'Done: the file is now protected by your passphrase.' }).waitFor();
    expect(protectorOnDisk(preview.dataDir)).toBe('passphrase');
    // Now a passphrase store on a host with a keychain: change it, or go back to the keychain.
    const change = form(page, 'change-passphrase');
    const toDevice = form(page, 'use-device');
    await change.waitFor();
    await toDevice.waitFor();
    expect(await form(page, 'use-passphrase').count()).toBe(0);
    expect(await page.getByText('Your passphrase', { exact: true }).count()).toBe(1);
    await expectNoSeriousViolations(page, 'security page, passphrase store with a keychain');
    await screenshot(page, 'security-passphrase-with-keychain-1280x800');

    await toDevice.getByLabel('Current passphrase').fill('not it at all');
    await toDevice.getByRole('button', { name: 'Use the device keychain instead' }).click();
    await expect.poll(() => alert(page).innerText()).toContain('The current passphrase is not right. Nothing was changed.');
    expect(protectorOnDisk(preview.dataDir)).toBe('passphrase');

    await toDevice.getByLabel('Current passphrase').fill('my own passphrase');
    await toDevice.getByRole('button', { name: 'Use the device keychain instead' }).click();
    await page.getByRole('status').filter({ hasText: 'Done: the file is now protected by the device keychain.' }).waitFor();
    expect(protectorOnDisk(preview.dataDir)).toBe('device');
    await form(page, 'use-passphrase').waitFor();
    expect(await form(page, 'change-passphrase').count()).toBe(0);
    // Both switches are in the audit log shown on the same page (kind only, never a passphrase).
    const audit = await api<{ entries: { kind: string; detail: Record<string, unknown> }[] }>(page, 'audit.list', { limit: 50 });
    expect(audit.ok).toBe(true);
    if (audit.ok) {
      expect(audit.value.entries.filter((e) => e.kind === 'protector_changed').map((e) => e.detail)).toEqual([{ to: 'device' }, { to: 'passphrase' }]);
      expect(JSON.stringify(audit.value.entries)).not.toContain('my own passphrase');
    }
  });

  it('the test-only flag is refused outside vitest', () => {
    const env = { ...process.env };
    delete env.VITEST;
    const r = spawnSync(path.join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx'), ['scripts/preview/host.ts', '--fake-device-keychain'], {
      cwd: path.join(__dirname, '..', '..'),
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--fake-device-keychain is for the browser tests only');
  });
});
