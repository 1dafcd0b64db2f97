/**
 * Missed questions asked BEFORE the consent answer (issue 11: only from conversations the customer
 * agreed to save), through the real backend on a real encrypted store: the turn's candidates and a
 * 👎 are held until the answer; "Save" puts them in the inbox (masked), "Don't save" drops them and
 * nothing of them reaches the disk.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/backend';
import type { ChatReply, ChatStart } from '../../shared/domain';
import type { MissGroup } from '../../shared/kb-editor';
import { cleanupTempDirs, openStoreAt, protector, tempDir } from '../store/helpers';
import { filesContaining } from '../support/canary';
import { value } from '../support/result';

afterAll(cleanupTempDirs);

async function backendIn(dir: string): Promise<Backend> {
  return createBackend({ dataDir: dir, host: 'node', protector: protector(), exportDir: tempDir('hushdesk-misses-out-') });
}

async function pending(b: Backend): Promise<string> {
  const start = value<ChatStart>(await b.handle('chat.start', {}));
  expect(start.consentRequired).toBe(true);
  return start.conversationId;
}

async function say(b: Backend, conversationId: string, text: string): Promise<ChatReply> {
  return value<ChatReply>(await b.handle('chat.send', { conversationId, text }));
}

async function feedback(b: Backend, conversationId: string, turn: number, helpful: boolean): Promise<boolean> {
  return value<{ recorded: boolean }>(await b.handle('chat.feedback', { conversationId, turn, helpful })).recorded;
}

async function groups(b: Backend): Promise<MissGroup[]> {
  return value<{ groups: MissGroup[] }>(await b.handle('misses.list', undefined)).groups;
}

const allTexts = (gs: MissGroup[]): string => gs.flatMap((g) => g.texts).join('\n');

describe('missed questions asked before the consent answer', () => {
  it('are held, and go in (masked) when the customer then chooses Save; a 👎 given meanwhile too', async () => {
    const dir = tempDir('hushdesk-misses-consent-');
    const b = await backendIn(dir);
    const id = await pending(b);
    const first = await say(b, id, 'can you knit me a llama sweater, mail jane.quokka@example.org');
    expect(first.replies[0]?.intent).toBeNull();
    const hours = await say(b, id, 'what time do you open on sunday');
    expect(hours.replies[0]?.intent).toBe('store.hours');
    // Held, not recorded: nothing in the inbox before the answer, and the 👎 says it is not recorded (yet).
    expect(await feedback(b, id, 2, false)).toBe(false);
    expect(await groups(b)).toEqual([]);
    value(await b.handle('chat.consent', { conversationId: id, choice: 'save' }));
    const gs = await groups(b);
    expect(allTexts(gs)).toContain('llama sweater');
    expect(allTexts(gs)).toContain('[email]');
    expect(allTexts(gs)).not.toContain('jane.quokka');
    expect(allTexts(gs)).toContain('what time do you open on sunday');
    const reasons = new Set(gs.flatMap((g) => g.reasons));
    expect(reasons).toEqual(new Set(['out_of_scope', 'unhelpful']));
    await b.close();
    expect(filesContaining(dir, 'jane.quokka')).toEqual([]);
  });

  it('a 👎 on an answer given before Save, pressed after it (where the chat shows the buttons), is recorded', async () => {
    const b = await backendIn(tempDir('hushdesk-misses-consent-'));
    const id = await pending(b);
    await say(b, id, 'what time do you open on sunday');
    value(await b.handle('chat.consent', { conversationId: id, choice: 'save' }));
    expect(await groups(b)).toEqual([]);
    expect(await feedback(b, id, 1, false)).toBe(true);
    expect(allTexts(await groups(b))).toContain('what time do you open on sunday');
    await b.close();
  });

  it('are dropped when the customer chooses Don\'t save: the canary never reaches the inbox or the disk', async () => {
    const dir = tempDir('hushdesk-misses-consent-');
    const b = await backendIn(dir);
    const canary = 'okapicanary trombone pudding 5182';
    const id = await pending(b);
    await say(b, id, `${canary} first`);
    await say(b, id, 'what time do you open on sunday okapicanary');
    expect(await feedback(b, id, 2, false)).toBe(false);
    await say(b, id, `talk to staff okapicanary`);
    value(await b.handle('chat.consent', { conversationId: id, choice: 'dont_save' }));
    // Nothing held comes back later either: not by a 👎 after the answer, not by the next turns.
    expect(await feedback(b, id, 1, false)).toBe(false);
    await say(b, id, `${canary} after`);
    expect(await groups(b)).toEqual([]);
    // A saved conversation afterwards records its own misses only.
    const saved = await pending(b);
    value(await b.handle('chat.consent', { conversationId: saved, choice: 'save' }));
    await say(b, saved, 'do you rent kayaks');
    expect(allTexts(await groups(b))).toBe('do you rent kayaks');
    await b.close();
    expect(filesContaining(dir, 'okapicanary')).toEqual([]);
    const s = await openStoreAt(dir);
    expect(s.db.prepare('select count(*) from missed_questions').pluck().get()).toBe(1);
  });
});
