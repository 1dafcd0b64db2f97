/**
 * Missed questions through the real backend on a real encrypted store: what goes in (out of scope,
 * did-you-mean not taken, before a hand-off, 👎), and each privacy rule (saved conversations only,
 * masked, detached, own retention, off switch, end-of-day wipe, erase everything, dismissals).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/backend';
import type { ChatReply, ChatStart, ExportResult, PrivacyFacts } from '../../shared/domain';
import type { MissGroup, MissSettings } from '../../shared/kb-editor';
import { cleanupTempDirs, openStoreAt, protector, tempDir } from '../store/helpers';
import { filesContaining } from '../support/canary';
import { value } from '../support/result';

afterAll(cleanupTempDirs);

const DAY = 86_400_000;

async function backendIn(dir: string, clock?: { t: number }): Promise<Backend> {
  return createBackend({ dataDir: dir, host: 'node', protector: protector(), exportDir: tempDir('hushdesk-misses-out-'), ...(clock ? { now: () => clock.t } : {}) });
}

async function conversation(b: Backend, choice: 'save' | 'dont_save' | null): Promise<string> {
  const start = value<ChatStart>(await b.handle('chat.start', {}));
  if (choice) value(await b.handle('chat.consent', { conversationId: start.conversationId, choice }));
  return start.conversationId;
}

async function say(b: Backend, conversationId: string, text: string): Promise<ChatReply> {
  return value<ChatReply>(await b.handle('chat.send', { conversationId, text }));
}

async function groups(b: Backend): Promise<MissGroup[]> {
  return value<{ groups: MissGroup[] }>(await b.handle('misses.list', undefined)).groups;
}

const allTexts = (gs: MissGroup[]): string => gs.flatMap((g) => g.texts).join('\n');

describe('missed questions', () => {
  it('an out-of-scope question of a saved conversation goes in, masked, with the day only and suggestions', async () => {
    const dir = tempDir('hushdesk-misses-');
    const clock = { t: Date.UTC(2026, 10, 20, 15, 42, 7) };
    const b = await backendIn(dir, clock);
    const id = await conversation(b, 'save');
    const r = await say(b, id, 'can you knit me a llama sweater, mail jane.quokka@example.org');
    expect(r.replies[0]?.intent).toBeNull();
    const gs = await groups(b);
    expect(gs).toHaveLength(1);
    expect(gs[0]?.texts[0]).toContain('[email]');
    expect(allTexts(gs)).not.toContain('jane.quokka');
    expect(gs[0]).toMatchObject({ count: 1, lastDay: '2026-11-20' });
    expect(gs[0]?.suggested.length).toBeGreaterThan(0);
    expect(gs[0]?.suggested.length).toBeLessThanOrEqual(3);
    // Counted in "Your data".
    expect(value<PrivacyFacts>(await b.handle('privacy.facts', undefined)).counts.missedQuestions).toBe(1);
    // In a whole-store export (JSON, valid against the published schema), masked; not in one conversation's export.
    const all = value<ExportResult>(await b.handle('export.create', { format: 'json' }));
    const doc = JSON.parse(readFileSync(all.path, 'utf8')) as { missedQuestions?: { text: string; day: string; reason: string }[] };
    expect(doc.missedQuestions).toEqual([{ text: gs[0]!.texts[0], day: '2026-11-20', language: 'en', reason: 'out_of_scope', status: 'open' }]);
    expect(JSON.stringify(doc)).not.toContain('jane.quokka');
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'docs', 'export-schema.json'), 'utf8')) as object);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    const one = value<ExportResult>(await b.handle('export.create', { format: 'json', conversationId: id }));
    expect(JSON.parse(readFileSync(one.path, 'utf8'))).not.toHaveProperty('missedQuestions');
    // Detached: the row holds no conversation id and no time finer than the day.
    await b.close();
    const s = await openStoreAt(dir);
    const cols = (s.db.prepare('select name from pragma_table_info(?)').pluck().all('missed_questions') as string[]).sort();
    expect(cols).toEqual(['day', 'id', 'intent', 'language', 'norm', 'reason', 'status', 'suggested', 'text']);
    const row = s.db.prepare('select * from missed_questions').get() as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain(id);
    expect(row.day).toBe('2026-11-20');
  });

  it('the canary never reaches the inbox from incognito, a "never save" policy or pending consent', async () => {
    const dir = tempDir('hushdesk-misses-');
    const b = await backendIn(dir);
    const canary = 'zebracanary trampoline soup 4471';
    const incognito = await conversation(b, 'dont_save');
    await say(b, incognito, `${canary} one`);
    value(await b.handle('chat.feedback', { conversationId: incognito, turn: 1, helpful: false }));
    // Asking before the consent answer (answered, or refused while consent is pending: either way nothing is kept).
    const pending = await conversation(b, null);
    await b.handle('chat.send', { conversationId: pending, text: `${canary} two` });
    value(await b.handle('settings.set', { patch: { conversationPolicy: 'never' } }));
    const never = await conversation(b, null);
    await say(b, never, `${canary} three`);
    await say(b, never, `${canary} three again`);
    await say(b, never, 'talk to staff');
    expect(await groups(b)).toEqual([]);
    const facts = value<PrivacyFacts>(await b.handle('privacy.facts', undefined));
    expect(facts.counts.conversations).toBe(0);
    await b.close();
    expect(filesContaining(dir, 'zebracanary')).toEqual([]);
    const s = await openStoreAt(dir);
    expect(s.db.prepare('select count(*) from missed_questions').pluck().get()).toBe(0);
  });

  it('did-you-mean not taken, the message before a hand-off, and a 👎 answer go in; a 👍 does not', async () => {
    const dir = tempDir('hushdesk-misses-');
    const b = await backendIn(dir);
    const id = await conversation(b, 'save');
    const hours = await say(b, id, 'what time do you open on sunday');
    expect(hours.replies[0]?.intent).toBe('store.hours');
    expect(value<{ recorded: boolean }>(await b.handle('chat.feedback', { conversationId: id, turn: 1, helpful: true })).recorded).toBe(false);
    expect(value<{ recorded: boolean }>(await b.handle('chat.feedback', { conversationId: id, turn: 1, helpful: false })).recorded).toBe(true);
    // Asking again for the same turn records nothing more.
    expect(value<{ recorded: boolean }>(await b.handle('chat.feedback', { conversationId: id, turn: 1, helpful: false })).recorded).toBe(false);
    await say(b, id, 'my toaster is on fire and the cat left home');
    await say(b, id, 'talk to staff');
    const gs = await groups(b);
    const reasons = new Set(gs.flatMap((g) => g.reasons));
    expect(reasons.has('unhelpful')).toBe(true);
    expect(reasons.has('out_of_scope') || reasons.has('before_handoff')).toBe(true);
    expect(allTexts(gs)).toContain('what time do you open on sunday');
    expect(allTexts(gs)).toContain('toaster is on fire');
    // A turn number that does not exist is not an error and records nothing.
    expect(value<{ recorded: boolean }>(await b.handle('chat.feedback', { conversationId: id, turn: 99, helpful: false })).recorded).toBe(false);
    await b.close();
  });

  it('groups near-duplicates with a count, sorted by count; a dismissed group does not come back', async () => {
    const dir = tempDir('hushdesk-misses-');
    const b = await backendIn(dir);
    const id = await conversation(b, 'save');
    for (const t of ['do you rent kayaks', 'do you rent kayaks?', 'do you rent out kayaks', 'can i adopt a goldfish here']) await say(b, id, t);
    let gs = await groups(b);
    expect(gs.map((g) => g.count)).toEqual([3, 1]);
    expect(gs[0]?.texts[0]).toBe('do you rent kayaks');
    value(await b.handle('misses.dismiss', { group: gs[0]!.id }));
    await say(b, id, 'Do you rent kayaks??');
    gs = await groups(b);
    expect(gs.map((g) => g.texts[0])).toEqual(['can i adopt a goldfish here']);
    expect(await b.handle('misses.dismiss', { group: 'm99999' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await b.close();
  });

  it('has its own retention (default 30 days) and an off switch that also forgets what is kept', async () => {
    const dir = tempDir('hushdesk-misses-');
    const clock = { t: Date.UTC(2026, 9, 1, 12) };
    const b = await backendIn(dir, clock);
    expect(value<MissSettings>(await b.handle('misses.settings.get', undefined))).toEqual({ enabled: true, retentionDays: 30, keepOnDayWipe: false });
    const id = await conversation(b, 'save');
    await say(b, id, 'do you rent kayaks');
    clock.t += 29 * DAY;
    await say(b, id, 'can i adopt a goldfish here');
    expect((await groups(b)).length).toBe(2);
    clock.t += 2 * DAY; // the first is now 31 days old
    await say(b, id, 'can you knit me a llama sweater');
    expect(allTexts(await groups(b))).not.toContain('kayaks');
    expect(allTexts(await groups(b))).toContain('goldfish');
    // "Your data" says what the inbox keeps as it is set, not the built-in notice's "30 days unless the shop sets otherwise".
    const keeping = async () => value<PrivacyFacts>(await b.handle('privacy.facts', undefined)).missedQuestionKeeping;
    expect(await keeping()).toEqual({ enabled: true, retentionDays: 30, keepOnDayWipe: false });
    value(await b.handle('misses.settings.set', { patch: { retentionDays: 1 } }));
    expect(await keeping()).toEqual({ enabled: true, retentionDays: 1, keepOnDayWipe: false });
    expect(allTexts(await groups(b))).not.toContain('goldfish');
    expect(allTexts(await groups(b))).toContain('llama');
    value(await b.handle('misses.settings.set', { patch: { enabled: false } }));
    expect((await keeping()).enabled).toBe(false);
    expect(await groups(b)).toEqual([]);
    await say(b, id, 'do you rent out kayaks');
    expect(await groups(b)).toEqual([]);
    await b.close();
  });

  it('the end-of-day wipe takes them unless kept; erase everything takes them always', async () => {
    const dir = tempDir('hushdesk-misses-');
    let b = await backendIn(dir);
    let id = await conversation(b, 'save');
    await say(b, id, 'walruscanary do you sell walrus food');
    value(await b.handle('wipe.run', { scope: { kind: 'day' } }));
    expect(await groups(b)).toEqual([]);
    expect(value<PrivacyFacts>(await b.handle('privacy.facts', undefined)).counts.missedQuestions).toBe(0);
    value(await b.handle('misses.settings.set', { patch: { keepOnDayWipe: true } }));
    id = await conversation(b, 'save');
    await say(b, id, 'walruscanary do you sell walrus food');
    value(await b.handle('wipe.run', { scope: { kind: 'day' } }));
    expect(allTexts(await groups(b))).toContain('walruscanary');
    const facts = value<PrivacyFacts>(await b.handle('privacy.facts', undefined));
    expect(facts.counts.conversations).toBe(0);
    value(await b.handle('wipe.run', { scope: { kind: 'all' } }));
    await b.close();
    expect(filesContaining(dir, 'walruscanary')).toEqual([]);
    b = await backendIn(dir);
    expect(await groups(b)).toEqual([]);
    await b.close();
  });
});
