/**
 * Export encryption over IPC, on the real backend and a real encrypted store: the `age1…` public
 * keys an IT department sets in settings are validated (typed error naming the field, nothing
 * stored), then every `export.create` is encrypted to them (read back by the real `age` tool with
 * the matching identity file); a passphrase on top of them is refused, not silently dropped; a
 * passphrase alone still works; clearing the keys gives plain exports again.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../main/backend';
import { loadAge } from '../../main/data/export';
import { ageRecipientProblem } from '../../shared/age-recipient';
import type { ChatStart, ExportResult, Settings } from '../../shared/domain';
import { PASS } from '../data/helpers';
import { cleanupTempDirs, tempDir } from '../store/helpers';
import { value } from '../support/result';

afterAll(cleanupTempDirs);


function keygen(dir: string, name: string): { identity: string; recipient: string } {
  const identity = path.join(dir, `${name}.txt`);
  const made = spawnSync('age-keygen', ['-o', identity], { encoding: 'utf8' });
  if (made.error) throw new Error('age-keygen not found: install the Debian package age (.ci/run does)');
  expect(made.status, made.stderr).toBe(0);
  return { identity, recipient: spawnSync('age-keygen', ['-y', identity], { encoding: 'utf8' }).stdout.trim() };
}

describe('the age1 key check shared by the settings schema and the Export page', () => {
  it('accepts every key age-keygen and the age library make, and no key with one character changed', async () => {
    const age = await loadAge();
    const made = [keygen(tempDir('hushdesk-age-ids-'), 'k').recipient];
    for (let i = 0; i < 30; i++) made.push(await age.identityToRecipient(await age.generateX25519Identity()));
    const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
    for (const key of made) {
      expect(ageRecipientProblem(key), key).toBeNull();
      for (const at of [4, 20, 40, 61]) {
        const other = CHARSET[(CHARSET.indexOf(key[at] as string) + 7) % 32] as string;
        const changed = `${key.slice(0, at)}${other}${key.slice(at + 1)}`;
        expect(ageRecipientProblem(changed), changed).not.toBeNull();
      }
    }
    expect(ageRecipientProblem(made[0]?.toUpperCase() ?? '')).toBe('must start with age1');
    expect(ageRecipientProblem(`${made[0]}q`)).toMatch(/62 characters/);
  });
});

describe('export.create with age public keys in settings', () => {
  it('validates the keys, encrypts every export to them, and refuses a passphrase on top', async () => {
    const dir = tempDir('hushdesk-export-keys-');
    const exportDir = tempDir('hushdesk-export-keys-out-');
    const keys = tempDir('hushdesk-export-keys-ids-');
    const it1 = keygen(keys, 'it');
    const b = await createBackend({ dataDir: dir, exportDir, host: 'node', passphrase: PASS });
    try {
      value(await b.handle('settings.set', { patch: { conversationPolicy: 'save' } }));
      const c = value<ChatStart>(await b.handle('chat.start', {}));
      value(await b.handle('chat.send', { conversationId: c.conversationId, text: 'what time do you open on sunday' }));

      // A typo is refused with the field named; nothing is stored.
      const typo = `${it1.recipient.slice(0, 30)}${it1.recipient[30] === 'q' ? 'p' : 'q'}${it1.recipient.slice(31)}`;
      expect(await b.handle('settings.set', { patch: { exportRecipients: [it1.recipient, typo] } })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', details: [{ path: 'patch.exportRecipients.1', message: expect.stringContaining('checksum') }] },
      });
      expect(await b.handle('settings.set', { patch: { exportRecipients: ['ssh-ed25519 AAAAC3Nza'] } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(value<Settings>(await b.handle('settings.get', undefined)).exportRecipients).toEqual([]);

      // Saved (trimmed, duplicates dropped): every export is now encrypted to it.
      const saved = value<Settings>(await b.handle('settings.set', { patch: { exportRecipients: [` ${it1.recipient} `, it1.recipient] } }));
      expect(saved.exportRecipients).toEqual([it1.recipient]);
      const r = value<ExportResult>(await b.handle('export.create', { format: 'json' }));
      expect(r.encrypted).toBe(true);
      expect(r.fileName.endsWith('.json.age')).toBe(true);
      const d = spawnSync('age', ['-d', '-i', it1.identity, r.path], { maxBuffer: 16 << 20 });
      expect(d.status, d.stderr.toString()).toBe(0);
      const doc = JSON.parse(d.stdout.toString('utf8')) as { totals: { messages: number }; conversations: { messages: { text: string }[] }[] };
      expect(doc.totals.messages).toBe(2);
      expect(doc.conversations[0]?.messages[0]?.text).toBe('what time do you open on sunday');
      expect(fs.readFileSync(r.path).includes(Buffer.from('sunday'))).toBe(false);

      const both = await b.handle('export.create', { format: 'csv', passphrase: 'a long passphrase' });
      expect(both).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('Leave the passphrase empty') } });

      // Keys cleared: a passphrase export, then a plain one.
      value(await b.handle('settings.set', { patch: { exportRecipients: [] } }));
      const withPass = value<ExportResult>(await b.handle('export.create', { format: 'csv', passphrase: 'a long passphrase' }));
      expect(withPass.fileName.endsWith('.csv.age')).toBe(true);
      const age = await loadAge();
      const dec = new age.Decrypter();
      dec.addPassphrase('a long passphrase');
      expect(Buffer.from(await dec.decrypt(new Uint8Array(fs.readFileSync(withPass.path)))).toString('utf8')).toContain('what time do you open on sunday');
      const plain = value<ExportResult>(await b.handle('export.create', { format: 'md' }));
      expect(plain.encrypted).toBe(false);
      expect(fs.readFileSync(plain.path, 'utf8')).toContain('what time do you open on sunday');
    } finally {
      await b.close();
    }
  });
});
