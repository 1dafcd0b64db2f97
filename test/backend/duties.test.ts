/**
 * A scheduled duty that fails is never silent (issue 10 item 1). The store fails mid-duty for real:
 * the key file is moved away while the store is open, so the end-of-day wipe deletes the rows and
 * then cannot rotate the key. The failure is audited (code only), recorded, shown in the privacy
 * facts ("Your data") and by `hushdesk doctor`, written to the content-free log, and retried on a
 * backoff; once the key file is back the retry finishes the wipe, and the next wipe still runs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../main/backend';
import type { AuditEntry, ChatStart, PrivacyFacts } from '../../shared/domain';
import { cli, PASS } from '../data/helpers';
import { cleanupTempDirs, tempDir } from '../store/helpers';
import { value } from '../support/result';

afterAll(cleanupTempDirs);


async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('scheduled duties', () => {
  it('a wipe that fails mid-way is retried, audited, shown, logged; the next one still runs', async () => {
    const dir = tempDir('hushdesk-duties-');
    let clock = new Date(2026, 5, 1, 10, 0, 0).getTime();
    const b = await createBackend({ dataDir: dir, host: 'node', passphrase: PASS, now: () => clock, dutyRetryBaseMs: 150 });
    const facts = async () => value<PrivacyFacts>(await b.handle('privacy.facts', undefined));
    const keyFile = path.join(dir, 'hushdesk.key');
    try {
      value(await b.handle('settings.set', { patch: { conversationPolicy: 'save', endOfDayWipeAt: '18:00' } }));
      const c = value<ChatStart>(await b.handle('chat.start', {}));
      value(await b.handle('chat.send', { conversationId: c.conversationId, text: 'where is my order DUTYCANARY551' }));

      // The evening's wipe is missed while the key file cannot be read.
      fs.renameSync(keyFile, `${keyFile}.away`);
      clock += 24 * 3_600_000;
      // A settings change runs the duties now (as the hourly timer would).
      value(await b.handle('settings.set', { patch: { retention: { kind: 'days', days: 29 } } }));
      await until('the failure to be recorded', async () => (await facts()).duties.failuresInARow > 0);
      const failed = await facts();
      expect(failed.duties.lastFailure).toMatchObject({ duty: 'scheduled', code: 'key_file_missing', at: clock });
      expect(failed.duties.lastFailure?.nextRetryAt).toBeGreaterThan(clock);
      const { entries } = value<{ entries: AuditEntry[] }>(await b.handle('audit.list', { limit: 50 }));
      expect(entries.find((e) => e.kind === 'duty_failed')?.detail).toEqual({ duty: 'scheduled', code: 'key_file_missing' });
      const doctor = await cliWhileOpen(dir);
      expect(doctor).toMatch(/FAIL\s+scheduled\s+last scheduled wipe failed at .*: key_file_missing; retrying at/);

      // Fixed: the backoff retry finishes the wipe by itself.
      fs.renameSync(`${keyFile}.away`, keyFile);
      await until('the retry to succeed', async () => (await facts()).duties.failuresInARow === 0);
      const ok = await facts();
      expect(ok.lastWipe).toMatchObject({ scope: 'day' });
      expect(ok.counts.conversations).toBe(0);
      expect(value<{ hits: unknown[] }>(await b.handle('conversations.search', { query: 'DUTYCANARY551' })).hits).toEqual([]);

      // The next evening's wipe still runs.
      const c2 = value<ChatStart>(await b.handle('chat.start', {}));
      value(await b.handle('chat.send', { conversationId: c2.conversationId, text: 'second day DUTYCANARY552' }));
      const firstWipeAt = (await facts()).lastWipe?.at ?? 0;
      clock += 24 * 3_600_000;
      value(await b.handle('settings.set', { patch: { retention: { kind: 'days', days: 30 } } }));
      await until('the next wipe', async () => ((await facts()).lastWipe?.at ?? 0) > firstWipeAt);
      expect((await facts()).counts.conversations).toBe(0);
    } finally {
      await b.close();
    }
    const log = fs.readFileSync(path.join(dir, 'logs', 'hushdesk.log'), 'utf8');
    expect(log).toContain('"event":"duty.failed"');
    expect(log).toContain('"errorCode":"key_file_missing"');
    expect(log).not.toContain('DUTYCANARY');
  }, 60_000);
});

/** `hushdesk doctor` needs the store closed; it runs against a copy of the data folder. */
async function cliWhileOpen(dir: string): Promise<string> {
  const copy = tempDir('hushdesk-duties-copy-');
  for (const f of fs.readdirSync(dir)) fs.cpSync(path.join(dir, f), path.join(copy, f), { recursive: true });
  // The copy's key file: the moved-away one (the live store is open under it).
  fs.copyFileSync(path.join(dir, 'hushdesk.key.away'), path.join(copy, 'hushdesk.key'));
  const r = await cli(['doctor', '--data-dir', copy]);
  return r.out + r.err;
}
