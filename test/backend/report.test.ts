/**
 * data.report / data.reportSave through the real backend on a real encrypted store: a kiosk
 * customer's e-mail address masked in a turn held before consent is counted once the turn is saved,
 * the consent is counted, blocked requests reach the log when the backend closes, a locked kiosk
 * gets no report, and the saved PDF lands in the export folder under the period's name.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../main/backend';
import type { ChatStart } from '../../shared/domain';
import type { AuditReport } from '../../shared/report';
import { cleanupTempDirs, tempDir } from '../store/helpers';
import { value } from '../support/result';

afterAll(cleanupTempDirs);
const PASS = 'correct horse battery staple';

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe('data.report', () => {
  it('counts redactions, consents and blocked requests; staff only on a kiosk; saves a PDF', async () => {
    const dir = tempDir('hushdesk-report-backend-');
    const exportDir = tempDir('hushdesk-report-backend-out-');
    let blocked = 0;
    let b = await createBackend({ dataDir: dir, exportDir, host: 'node', passphrase: PASS, networkBlockedCount: () => blocked });
    try {
      value(await b.handle('kiosk.setPin', { pin: '2468' }));
      value(await b.handle('settings.set', { patch: { kiosk: true } }));
      const start = value<ChatStart>(await b.handle('chat.start', {}));
      // Asked before the consent answer: held in memory, written (and its masks counted) on "Save".
      value(await b.handle('chat.send', { conversationId: start.conversationId, text: 'my email is ocelot1234@example.com' }));
      value(await b.handle('chat.consent', { conversationId: start.conversationId, choice: 'save' }));
      blocked = 3;
      value(await b.handle('kiosk.lock', undefined));
      expect(await b.handle('data.report', { from: today(), to: today() })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await b.handle('data.reportSave', { from: today(), to: today(), format: 'pdf' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      await b.close();
    }

    b = await createBackend({ dataDir: dir, exportDir, host: 'node', passphrase: PASS });
    try {
      value(await b.handle('kiosk.unlock', { pin: '2468' }));
      const r = value<AuditReport>(await b.handle('data.report', { from: today(), to: today() }));
      expect(r.redactions.byType).toEqual([{ type: 'email', count: 1 }]);
      expect(r.consent.given).toBe(1);
      expect(r.networkBlocked.count).toBe(3);
      expect(r.chain.ok).toBe(true);
      expect(JSON.stringify(r)).not.toContain('ocelot1234');
      const saved = value<{ path: string; fileName: string; bytes: number }>(await b.handle('data.reportSave', { from: today(), to: today(), format: 'pdf' }));
      expect(saved.fileName).toBe(`hushdesk-report-${today()}-to-${today()}.pdf`);
      expect(path.dirname(saved.path)).toBe(fs.realpathSync(exportDir));
      expect(fs.readFileSync(saved.path).subarray(0, 5).toString()).toBe('%PDF-');
      // A second save never replaces the first.
      const again = value<{ fileName: string }>(await b.handle('data.reportSave', { from: today(), to: today(), format: 'html' }));
      expect(again.fileName).toBe(`hushdesk-report-${today()}-to-${today()}.html`);
      expect(await b.handle('data.report', { from: today(), to: '2020-01-01' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    } finally {
      await b.close();
    }
  }, 120_000);
});
