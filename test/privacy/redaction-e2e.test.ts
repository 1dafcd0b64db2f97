/**
 * Issue 12 end to end through the real backend and encrypted store: each new type typed in chat is
 * masked in the export, and no canary value is in any file of the data folder (nor in the export);
 * the bot still answers an order-status question with the real order number within the turn.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../main/backend';
import type { ChatReply, ChatStart, ExportResult } from '../../shared/domain';
import type { MissGroup } from '../../shared/kb-editor';
import type { Result } from '../../shared/result';
import { cleanupTempDirs, protector, tempDir } from '../store/helpers';
import { filesContaining } from '../support/canary';

afterAll(cleanupTempDirs);

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

const typed: { text: string; canary: string; mask: string }[] = [
  { text: 'hello, my name is Zebulon Quixwell', canary: 'Quixwell', mask: '[name]' },
  { text: 'please deliver to 14 Brackenthwaite Road, flat 2', canary: 'Brackenthwaite', mask: '[address]' },
  { text: 'my postcode is EH12 9QZ', canary: 'EH12 9QZ', mask: '[postcode]' },
  { text: 'my DOB is 14/03/1987', canary: '14/03/1987', mask: '[date of birth]' },
  { text: 'call me on +44 7700 900417', canary: '7700 900417', mask: '[phone]' },
];

describe('issue 12 end to end: chat -> store -> export', () => {
  it('every new type is masked in the export and no canary is in any file', async () => {
    const dir = tempDir('hushdesk-pii12-');
    const out = tempDir('hushdesk-pii12-out-');
    const b = await createBackend({ dataDir: dir, host: 'node', protector: protector(), exportDir: out });
    value(await b.handle('settings.set', { patch: { conversationPolicy: 'save' } }));
    const { conversationId } = value<ChatStart>(await b.handle('chat.start', {}));
    for (const t of typed) {
      const r = value<ChatReply>(await b.handle('chat.send', { conversationId, text: t.text }));
      // Within the turn the real text is what was typed; what is stored is masked.
      expect(r.user.text).toBe(t.text);
      expect(r.user.storedText).toContain(t.mask);
      expect(r.user.storedText).not.toContain(t.canary);
    }
    const ex = value<ExportResult>(await b.handle('export.create', { format: 'json' }));
    const exported = readFileSync(ex.path, 'utf8');
    for (const t of typed) {
      expect(exported, t.mask).toContain(t.mask);
      expect(exported, t.canary).not.toContain(t.canary);
    }
    await b.close();
    for (const t of typed) expect(filesContaining(dir, t.canary), t.canary).toEqual([]);
    for (const t of typed) expect(filesContaining(out, t.canary), t.canary).toEqual([]);
  });

  it('a question the bot cannot answer reaches the missed-questions inbox masked, every new type', async () => {
    const dir = tempDir('hushdesk-pii12-');
    const b = await createBackend({ dataDir: dir, host: 'node', protector: protector(), exportDir: tempDir('hushdesk-pii12-out-') });
    value(await b.handle('settings.set', { patch: { conversationPolicy: 'save' } }));
    const { conversationId } = value<ChatStart>(await b.handle('chat.start', {}));
    const question = `can you knit me a llama sweater? ${typed.map((t) => t.text).join('; ')}`;
    const r = value<ChatReply>(await b.handle('chat.send', { conversationId, text: question }));
    expect(r.replies[0]?.intent ?? null).toBeNull();
    const inbox = value<{ groups: MissGroup[] }>(await b.handle('misses.list', undefined)).groups.flatMap((g) => g.texts).join('\n');
    expect(inbox).toContain('llama sweater');
    for (const t of typed) {
      expect(inbox, t.mask).toContain(t.mask);
      expect(inbox, t.canary).not.toContain(t.canary);
    }
    await b.close();
    for (const t of typed) expect(filesContaining(dir, t.canary), t.canary).toEqual([]);
  });

  it('the bot still answers an order-status question with the real order number', async () => {
    const dir = tempDir('hushdesk-pii12-');
    const b = await createBackend({ dataDir: dir, host: 'node', protector: protector() });
    value(await b.handle('settings.set', { patch: { conversationPolicy: 'save' } }));
    const { conversationId } = value<ChatStart>(await b.handle('chat.start', {}));
    value(await b.handle('chat.send', { conversationId, text: 'this is Priya Shah, where is my order?' }));
    const r = value<ChatReply>(await b.handle('chat.send', { conversationId, text: 'HD-482913' }));
    expect(r.replies.map((m) => m.text).join(' ')).toContain('HD-482913');
    await b.close();
    expect(filesContaining(dir, 'Priya Shah')).toEqual([]);
  });
});
