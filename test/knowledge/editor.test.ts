/**
 * The knowledge-base editor's loop through the real backend on a real encrypted store, with real
 * training (in the worker): a missed question becomes an intent in the draft, publishing reports
 * before/after and stores a version, the bot now answers it, restoring the previous version brings
 * the old behaviour back; regressions are marked; an invalid draft publishes nothing.
 */
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/backend';
import type { AuditEntry, ChatReply, ChatStart } from '../../shared/domain';
import type { KbDiff, KbDraftState, KbVersionInfo, MissGroup, PublishResult, TryAnswer } from '../../shared/kb-editor';
import type { KnowledgeBaseFile } from '../../main/knowledge/kb-file';
import { cleanupTempDirs, protector, tempDir } from '../store/helpers';
import { value } from '../support/result';

afterAll(cleanupTempDirs);

const QUESTION = 'do you sell surfboards for dogs';

async function ask(b: Backend, text: string): Promise<ChatReply> {
  const { conversationId } = value<ChatStart>(await b.handle('chat.start', {}));
  value(await b.handle('chat.consent', { conversationId, choice: 'save' }));
  return value<ChatReply>(await b.handle('chat.send', { conversationId, text }));
}

const versions = async (b: Backend): Promise<KbVersionInfo[]> => value<{ versions: KbVersionInfo[] }>(await b.handle('kb.versions', undefined)).versions;

describe('knowledge-base editor', () => {
  it('missed question -> new intent in the draft -> publish (report, version) -> answered -> restore brings the old behaviour back', async () => {
    const dir = tempDir('hushdesk-editor-');
    const b = await createBackend({ dataDir: dir, host: 'node', protector: protector() });
    expect((await ask(b, QUESTION)).replies[0]?.intent).toBeNull();
    const [group] = value<{ groups: MissGroup[] }>(await b.handle('misses.list', undefined)).groups;
    expect(group?.texts).toEqual([QUESTION]);

    const created = value<{ added: number; draft: KbDraftState }>(
      await b.handle('misses.create', { group: group!.id, id: 'pets.surfboards', title: 'Dog surfboards', answer: 'Yes: dog surfboards are in aisle 9.' }),
    );
    expect(created.added).toBe(1);
    expect(created.draft.changed).toBe(true);
    expect(created.draft.diff?.intentsAdded).toEqual(['pets.surfboards']);
    // Drafts are drafts: the live bot has not changed (asked again, the question is back in the inbox as a new miss).
    expect((await ask(b, QUESTION)).replies[0]?.intent).toBeNull();
    expect(value<{ groups: MissGroup[] }>(await b.handle('misses.list', undefined)).groups.map((g) => g.texts[0])).toEqual([QUESTION]);

    // The chat keeps answering with the live model while the publish trains in the worker.
    let published = false;
    const publishing = b.handle('kb.publish', undefined).then((r) => {
      published = true;
      return r;
    });
    const during = await ask(b, 'what time do you open on sunday');
    expect(during.replies[0]?.intent).toBe('store.hours');
    expect(published).toBe(false);
    expect((await ask(b, QUESTION)).replies[0]?.intent).toBeNull();
    const pub = value<PublishResult>(await publishing);
    expect(pub.version).toMatchObject({ version: 2, role: 'owner', live: true });
    expect(pub.version.summary).toContain('pets.surfboards');
    expect(pub.report.changed).toContainEqual(expect.objectContaining({ text: QUESTION, before: null, after: 'pets.surfboards', kind: 'new_example', regression: false }));
    expect(pub.report.after.inScopeTests).toBeGreaterThan(300);
    expect(pub.report.after.inScopeAccuracy).toBeGreaterThan(0.85);
    expect(pub.report.health.find((h) => h.id === 'store.hours')?.tests).toBeGreaterThan(0);

    const reply = await ask(b, QUESTION);
    expect(reply.replies[0]?.intent).toBe('pets.surfboards');
    expect(reply.replies[0]?.text).toContain('aisle 9');
    const tried = value<TryAnswer>(await b.handle('kb.tryAnswer', { text: QUESTION }));
    expect(tried).toMatchObject({ intent: 'pets.surfboards', outOfScope: false });
    expect(tried.answer.join(' ')).toContain('aisle 9');

    const list = await versions(b);
    expect(list.map((v) => [v.version, v.role, v.live])).toEqual([
      [2, 'owner', true],
      [1, 'system', false],
    ]);
    const diff = value<KbDiff>(await b.handle('kb.diff', { from: 1, to: 2 }));
    expect(diff.intentsAdded).toEqual(['pets.surfboards']);
    const v2 = value<{ content: KnowledgeBaseFile; report: unknown }>(await b.handle('kb.version', { version: 2 }));
    expect(v2.content.intents.some((i) => i.id === 'pets.surfboards')).toBe(true);
    expect(v2.report).toBeTruthy();

    const restored = value<PublishResult>(await b.handle('kb.restore', { version: 1 }));
    expect(restored.version).toMatchObject({ version: 3, live: true });
    expect(restored.version.summary).toMatch(/^restored version 1: removed 1 intent/);
    expect(restored.report.changed).toContainEqual(expect.objectContaining({ text: QUESTION, before: 'pets.surfboards', after: null }));
    expect((await ask(b, QUESTION)).replies[0]?.intent).toBeNull();
    expect(await b.handle('kb.restore', { version: 42 })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const audit = value<{ entries: AuditEntry[] }>(await b.handle('audit.list', { limit: 200 })).entries;
    expect(audit.filter((e) => e.kind === 'kb_published').map((e) => e.detail.role)).toEqual(expect.arrayContaining(['owner', 'owner']));
    expect(audit.some((e) => e.kind === 'misses_assigned')).toBe(true);
    await b.close();

    // After a restart the restored version is what answers.
    const again = await createBackend({ dataDir: dir, host: 'node', passphrase: 'correct horse battery staple' });
    expect((await ask(again, QUESTION)).replies[0]?.intent).toBeNull();
    expect((await versions(again))[0]).toMatchObject({ version: 3, live: true });
    await again.close();
  }, 240_000);

  it('marks a regression, and an invalid draft shows its problems at the field and publishes nothing', async () => {
    const dir = tempDir('hushdesk-editor-');
    const b = await createBackend({ dataDir: dir, host: 'node', protector: protector() });
    const draft = value<KbDraftState>(await b.handle('kb.draft.get', undefined));
    expect(draft.changed).toBe(false);
    const file = draft.content as KnowledgeBaseFile;
    const broken = structuredClone(file);
    broken.intents[0]!.examples = [];
    broken.settings.confidenceThreshold = 2 as unknown as number;
    const saved = value<KbDraftState>(await b.handle('kb.draft.save', { content: broken as unknown as Record<string, unknown> }));
    expect(saved.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['$.intents[0].examples', '$.settings.confidenceThreshold']));
    expect(await b.handle('kb.publish', undefined)).toMatchObject({ ok: false, error: { code: 'kb_invalid', details: expect.arrayContaining([expect.objectContaining({ path: '$.intents[0].examples' })]) } });
    expect(await versions(b)).toEqual([]);

    // Teach one of store.hours' own test phrases to another intent: that test phrase now regresses.
    const teach = structuredClone(file);
    const hours = teach.intents.find((i) => i.id === 'store.hours')!;
    const parking = teach.intents.find((i) => i.id === 'store.parking')!;
    const phrase = 'what time do you open on sunday';
    expect(hours.tests).toContain(phrase);
    parking.examples.push(phrase, 'what time do you open on sundays', 'when do you open on sunday');
    value(await b.handle('kb.draft.save', { content: teach as unknown as Record<string, unknown> }));
    const pub = value<PublishResult>(await b.handle('kb.publish', undefined));
    expect(pub.report.regressions).toBeGreaterThan(0);
    expect(pub.report.changed[0]).toMatchObject({ text: phrase, expected: 'store.hours', before: 'store.hours', after: 'store.parking', regression: true, kind: 'test' });
    expect(pub.report.after.inScopeAccuracy).toBeLessThan(pub.report.before.inScopeAccuracy);
    expect(pub.report.health.find((h) => h.id === 'store.hours')?.confusedWith).toBe('store.parking');
    await b.close();
  }, 240_000);

  it('an edit the model never reads (answers, quick replies, test phrases, Spanish words) publishes the same model: nothing retrained, no answer changed', async () => {
    const dir = tempDir('hushdesk-editor-');
    const b = await createBackend({ dataDir: dir, host: 'node', protector: protector() });
    const file = value<KbDraftState>(await b.handle('kb.draft.get', undefined)).content as KnowledgeBaseFile;
    const wording = structuredClone(file);
    const hours = wording.intents.find((i) => i.id === 'store.hours')!;
    hours.responses = ['We are open every day; the times are on the door.'];
    hours.quickReplies = ['Parking'];
    hours.tests.push('what are your hours on a bank holiday monday');
    const es = wording.languages?.es?.intents['store.hours'];
    if (es) es.responses = ['Abrimos todos los días; el horario está en la puerta.'];
    value(await b.handle('kb.draft.save', { content: wording as unknown as Record<string, unknown> }));
    const pub = value<PublishResult>(await b.handle('kb.publish', undefined));
    expect(pub.report.fromCache).toBe(true);
    expect(pub.report.changed).toEqual([]);
    expect(pub.report.thresholdOnly).toEqual([]);
    expect(pub.report.regressions).toBe(0);
    const reply = await ask(b, 'what time do you open on sunday');
    expect(reply.replies[0]).toMatchObject({ intent: 'store.hours', text: 'We are open every day; the times are on the door.' });

    // An example is read by the training: the same publish then retrains.
    const taught = structuredClone(wording);
    taught.intents.find((i) => i.id === 'store.parking')!.examples.push('is there somewhere to leave my van');
    value(await b.handle('kb.draft.save', { content: taught as unknown as Record<string, unknown> }));
    expect(value<PublishResult>(await b.handle('kb.publish', undefined)).report.fromCache).toBe(false);
    await b.close();
  }, 240_000);

  it('exports the live knowledge base to the export folder, never inside the data folder', async () => {
    const dir = tempDir('hushdesk-editor-');
    const out = tempDir('hushdesk-editor-out-');
    const b = await createBackend({ dataDir: dir, host: 'node', protector: protector(), exportDir: out });
    const json = value<{ path: string; bytes: number }>(await b.handle('kb.export', { format: 'json' }));
    expect(path.dirname(json.path)).toBe(realpathSync(out));
    expect((JSON.parse(readFileSync(json.path, 'utf8')) as KnowledgeBaseFile).intents.length).toBeGreaterThan(10);
    const csv = value<{ path: string }>(await b.handle('kb.export', { format: 'faq-csv' }));
    expect(readFileSync(csv.path, 'utf8').split('\r\n')[0]).toBe('Question,Answer');
    await b.close();
    const inside = await createBackend({ dataDir: dir, host: 'node', passphrase: 'correct horse battery staple', exportDir: path.join(dir, 'cache') });
    expect(await inside.handle('kb.export', { format: 'json' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await inside.close();
  });

  it('in kiosk mode the editor and the inbox need the staff PIN', async () => {
    const dir = tempDir('hushdesk-editor-');
    const b = await createBackend({ dataDir: dir, host: 'node', kiosk: true, protector: protector() });
    for (const [channel, payload] of [
      ['kb.draft.get', undefined],
      ['kb.publish', undefined],
      ['kb.versions', undefined],
      ['misses.list', undefined],
      ['kb.export', { format: 'json' }],
    ] as const) {
      expect(await b.handle(channel, payload)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    await b.close();
  });
});
