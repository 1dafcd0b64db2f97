/**
 * Settings → Your data → Report in real Chromium against the real backend: after a chat and an
 * end-of-day wipe run from the UI, the report of today lists that wipe (staff, completed), says the
 * chain is verified and shows the head hash the log has; saving it as PDF writes a real PDF into the
 * export folder (read back with pdftotext, no chat text in it). axe clean; README screenshot.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/domain';
import { describeFindings, seriousViolations } from './axe';
import { screenshot } from './harness';
import { answerConsentIfAsked, api, backToChat, openAppSession, openSettingsPage, send, type AppSession } from './ui';

const CANARY = 'my umbrella is called quokka-medlar-6612';

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe('Settings → Your data → Report', () => {
  let s: AppSession;
  beforeAll(async () => {
    s = await openAppSession();
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  it('lists the wipe this test ran, verifies the chain with the head hash, saves a PDF without chat text', async () => {
    const { page, host } = s;
    await answerConsentIfAsked(page, 'Save');
    await send(page, CANARY);
    await answerConsentIfAsked(page, 'Save');

    await openSettingsPage(page, 'Export and wipe');
    await page.getByRole('button', { name: 'End-of-day wipe…' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Run the end-of-day wipe?' });
    await dialog.getByRole('button', { name: 'Wipe now' }).click();
    await page.getByText('Wiped ', { exact: false }).first().waitFor();

    await openSettingsPage(page, 'Your data');
    const card = page.getByTestId('report-card');
    await card.getByRole('heading', { name: 'Report for an inspector' }).waitFor();
    await card.getByLabel('From').fill(today());
    await card.getByLabel('To').fill(today());
    await card.getByRole('button', { name: 'Show report' }).click();
    await card.getByTestId('report-summary').waitFor();

    const wipes = card.getByTestId('report-wipes').locator('tbody tr');
    expect(await wipes.count()).toBe(1);
    const cells = await wipes.first().locator('td').allInnerTexts();
    // In words, not the log's codes ("day", "staff").
    expect(cells.slice(1, 4)).toEqual(['End-of-day wipe', 'Staff', 'Completed']);
    expect(Number(cells[4])).toBeGreaterThanOrEqual(1);

    expect(await card.getByTestId('report-chain').innerText()).toMatch(/^Verified \(\d+ entries\)$/);
    // The head hash shown is the log's newest entry as the report read it (the report's own view comes after).
    const listed = await api<{ entries: AuditEntry[] }>(page, 'audit.list', { limit: 5 });
    if (!listed.ok) throw new Error(listed.error.message);
    const headText = await card.getByTestId('report-head').innerText();
    const [seqText, hash] = headText.split(' ');
    const headEntry = listed.value.entries.find((e) => `#${e.seq}` === seqText);
    expect(headEntry?.hash).toBe(hash);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await card.getByTestId('report-period').innerText()).toBe(`${today()} to ${today()}`);

    const findings = await seriousViolations(page);
    expect(findings, describeFindings('Your data → Report', findings)).toEqual([]);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'report-1280x800');

    // The saved report reads the log again: its head is the newest entry at that moment (audit.list writes none).
    const before = await api<{ entries: AuditEntry[] }>(page, 'audit.list', { limit: 1 });
    if (!before.ok) throw new Error(before.error.message);
    const savedHead = before.value.entries[0]?.hash ?? '';
    expect(savedHead).toMatch(/^[0-9a-f]{64}$/);
    await card.getByRole('button', { name: 'Save as PDF' }).click();
    await card.getByText(/^Saved hushdesk-report-.*\.pdf in the export folder\.$/).waitFor();
    const pdf = readdirSync(host.exportDir).find((f) => f.endsWith('.pdf'));
    expect(pdf).toBe(`hushdesk-report-${today()}-to-${today()}.pdf`);
    const file = path.join(host.exportDir, pdf ?? '');
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/End-of-day wipe\s+Staff\s+completed/);
    expect(text.replace(/\s+/g, '')).toContain(savedHead);
    expect(text).not.toContain('quokka');
    await backToChat(page);
  }, 120_000);

  it('refuses a period that ends before it starts, in words', async () => {
    const r = await api(s.page, 'data.report', { from: '2026-12-03', to: '2026-12-02' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'invalid_input' });
    const bad = await api(s.page, 'data.report', { from: '2026-02-30', to: '2026-03-01' });
    expect(bad.ok).toBe(false);
  });
});
