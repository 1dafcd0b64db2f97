/**
 * The chat path end to end through the real backend: IPC router -> chat service -> engine ->
 * redaction -> the encrypted store on disk. Each test opens a real encrypted folder.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/backend';
import type { ChatReply, ChatStart, PrivacyFacts, Transcript } from '../../shared/domain';
import { cleanupTempDirs, protector, tempDir } from '../store/helpers';
import { filesContaining } from '../support/canary';
import { value } from '../support/result';

afterAll(cleanupTempDirs);

async function backendIn(dir: string, kiosk = false): Promise<Backend> {
  return createBackend({ dataDir: dir, host: 'node', kiosk, protector: protector() });
}


async function counts(b: Backend): Promise<PrivacyFacts['counts']> {
  return value<PrivacyFacts>(await b.handle('privacy.facts', undefined)).counts;
}

async function setPolicy(b: Backend, conversationPolicy: 'ask' | 'save' | 'never') {
  value(await b.handle('settings.set', { patch: { conversationPolicy } }));
}

describe('chat through the backend', () => {
  it('answers the hours question and stores the turn once consent is given', async () => {
    const dir = tempDir('hushdesk-chat-');
    const b = await backendIn(dir);
    const start = value<ChatStart>(await b.handle('chat.start', {}));
    expect(start.consentRequired).toBe(true);
    // Before the answer the customer may already ask: answered, held in memory, nothing stored.
    const early = value<ChatReply>(await b.handle('chat.send', { conversationId: start.conversationId, text: 'hi' }));
    expect(early.user.storedText).toBe('');
    expect(value<{ counts: { messages: number } }>(await b.handle('privacy.facts', undefined)).counts.messages).toBe(0);
    value(await b.handle('chat.consent', { conversationId: start.conversationId, choice: 'save' }));
    const reply = value<ChatReply>(await b.handle('chat.send', { conversationId: start.conversationId, text: 'what time do you open on sunday' }));
    expect(reply.replies[0]?.intent).toBe('store.hours');
    expect(reply.replies[0]?.text.toLowerCase()).toContain('sunday');
    const t = value<Transcript>(await b.handle('conversations.get', { conversationId: start.conversationId }));
    // "Save" keeps the conversation from its first question on.
    expect(t.messages.map((m) => m.role)).toEqual(['user', 'bot', 'user', 'bot']);
    expect(t.messages[0]?.text).toBe('hi');
    expect(t.conversation.keptBy).toBe('consent');
    await b.close();
  });

  it('stores redaction placeholders while the bot still answers with the real order number', async () => {
    const dir = tempDir('hushdesk-chat-');
    const b = await backendIn(dir);
    await setPolicy(b, 'save');
    const { conversationId } = value<ChatStart>(await b.handle('chat.start', {}));
    const r1 = value<ChatReply>(await b.handle('chat.send', { conversationId, text: 'where is my order? email me at jane.doe@example.org' }));
    expect(r1.replies[0]?.awaitingSlot).not.toBeNull();
    const r2 = value<ChatReply>(await b.handle('chat.send', { conversationId, text: 'HD-482913, card 4111 1111 1111 1111' }));
    expect(r2.replies.map((m) => m.text).join(' ')).toContain('HD-482913');
    const t = value<Transcript>(await b.handle('conversations.get', { conversationId }));
    const stored = t.messages.map((m) => m.text).join('\n');
    expect(stored).toContain('[email]');
    expect(stored).toContain('[card ••1111]');
    expect(stored).toContain('HD-482913');
    expect(stored).not.toContain('jane.doe@example.org');
    expect(stored).not.toContain('4111 1111 1111 1111');
    await b.close();
  });

  it('masks the business\'s own patterns (loyalty cards) and refuses a pattern that could hang', async () => {
    const dir = tempDir('hushdesk-chat-');
    const b = await backendIn(dir);
    const bad = await b.handle('settings.set', { patch: { customPiiPatterns: [{ name: 'loyalty', pattern: '(a+)+$' }] } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    value(await b.handle('settings.set', { patch: { conversationPolicy: 'save', customPiiPatterns: [{ name: 'loyalty', pattern: 'LC\\d{8}' }] } }));
    const { conversationId } = value<ChatStart>(await b.handle('chat.start', {}));
    value(await b.handle('chat.send', { conversationId, text: 'my loyalty card is LC12345678, how many points do I have' }));
    const t = value<Transcript>(await b.handle('conversations.get', { conversationId }));
    expect(t.messages[0]?.text).toContain('[loyalty]');
    expect(t.messages[0]?.text).not.toContain('LC12345678');
    await b.close();
  });

  it('incognito ("Don\'t save") leaves row counts unchanged and no canary in any file', async () => {
    const dir = tempDir('hushdesk-chat-');
    const b = await backendIn(dir);
    const before = await counts(b);
    const { conversationId } = value<ChatStart>(await b.handle('chat.start', {}));
    const after = value<ChatStart>(await b.handle('chat.consent', { conversationId, choice: 'dont_save' }));
    expect(after.mode).toBe('incognito');
    const canary = 'Zyxqwv-incognito-canary-7731';
    value(await b.handle('chat.send', { conversationId, text: `hello, ${canary} here` }));
    // The customer can still take the chat away as a QR code, made from memory.
    const qr = value<{ svg: string; chars: number }>(await b.handle('export.qr', { conversationId }));
    expect(qr.svg).toContain('<svg');
    expect(qr.chars).toBeGreaterThan(30);
    for (let i = 0; i < 5; i++) value(await b.handle('chat.send', { conversationId, text: `my return for ${canary} ${i}` }));
    value(await b.handle('chat.end', { conversationId }));
    const afterCounts = await counts(b);
    // privacy.facts itself appends audit entries (data viewed); everything else must be unchanged.
    expect({ ...afterCounts, auditEntries: 0 }).toEqual({ ...before, auditEntries: 0 });
    await b.close();
    expect(filesContaining(dir, canary)).toEqual([]);
  });

  it('withdrawing consent deletes the conversation at once and keeps a content-free consent record', async () => {
    const dir = tempDir('hushdesk-chat-');
    const b = await backendIn(dir);
    const { conversationId } = value<ChatStart>(await b.handle('chat.start', {}));
    value(await b.handle('chat.consent', { conversationId, choice: 'save' }));
    const canary = 'Qwvzx-withdraw-canary-5512';
    value(await b.handle('chat.send', { conversationId, text: `do you price match ${canary}` }));
    const res = value<{ deleted: { conversations: number; messages: number } }>(await b.handle('chat.withdrawConsent', { conversationId }));
    expect(res.deleted).toEqual({ conversations: 1, messages: 2, consents: 0 });
    expect(await b.handle('conversations.get', { conversationId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const c = await counts(b);
    expect(c.conversations).toBe(0);
    expect(c.messages).toBe(0);
    expect(c.consents).toBe(1);
    // The conversation goes on, unsaved.
    value(await b.handle('chat.send', { conversationId, text: `still there ${canary}` }));
    expect((await counts(b)).messages).toBe(0);
    await b.close();
    expect(filesContaining(dir, canary)).toEqual([]);
  });

  it('offers staff after two misunderstandings in a row', async () => {
    const dir = tempDir('hushdesk-chat-');
    const b = await backendIn(dir);
    await setPolicy(b, 'never');
    const { conversationId, consentRequired } = value<ChatStart>(await b.handle('chat.start', {}));
    expect(consentRequired).toBe(false);
    const m1 = value<ChatReply>(await b.handle('chat.send', { conversationId, text: 'what is the capital of peru' }));
    expect(m1.replies.some((m) => m.intent === null && !m.handoff)).toBe(true);
    const m2 = value<ChatReply>(await b.handle('chat.send', { conversationId, text: 'how tall is mount everest' }));
    expect(m2.replies.some((m) => m.handoff)).toBe(true);
    await b.close();
  });

  it('answers "what do you keep about me" from live facts', async () => {
    const dir = tempDir('hushdesk-chat-');
    const b = await backendIn(dir);
    value(await b.handle('settings.set', { patch: { conversationPolicy: 'save', retention: { kind: 'days', days: 7 } } }));
    const { conversationId } = value<ChatStart>(await b.handle('chat.start', {}));
    const r = value<ChatReply>(await b.handle('chat.send', { conversationId, text: 'what do you keep about me' }));
    const text = r.replies.map((m) => m.text).join(' ');
    expect(r.replies[0]?.intent).toBe('privacy.what_do_you_keep');
    expect(text).toContain('7 days');
    // "Exactly what this kiosk keeps" includes a question it could not answer, with the inbox's days as set.
    expect(text).toContain('A question I could not answer in a saved conversation is kept on its own, masked and without the rest of the conversation, for up to 30 days so staff can teach me. It');
    value(await b.handle('misses.settings.set', { patch: { retentionDays: 1 } }));
    const one = value<ChatReply>(await b.handle('chat.send', { conversationId, text: 'what do you keep about me' })).replies.map((m) => m.text).join(' ');
    expect(one).toContain('for up to 1 day so staff');
    value(await b.handle('misses.settings.set', { patch: { enabled: false } }));
    const off = value<ChatReply>(await b.handle('chat.send', { conversationId, text: 'what do you keep about me' })).replies.map((m) => m.text).join(' ');
    expect(off).not.toContain('could not answer');
    expect(off).toMatch(/7 days\. It's stored only on this device/);
    expect(off).not.toMatch(/\{[a-zA-Z]+\}/);
    await b.close();
  });
});
