/**
 * Issue 12 item 6 through the real backend and encrypted store: the owner's detector switches, the
 * shop's countries and the never-a-name words round-trip through settings (bad input refused at its
 * field, nothing stored changed); a detector turned off really stores its type as typed and the
 * "Your data" facts and the bot's privacy answer stop claiming it; a shop country's national
 * numbers are masked only once it is listed; the knowledge base's own street and brand and an
 * allow-listed word are stored as written while the customer's name and address are masked.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/backend';
import type { ChatReply, ChatStart, PrivacyFacts, Settings, Transcript } from '../../shared/domain';
import { DEFAULT_SETTINGS } from '../../shared/settings-defaults';
import type { AppError, Result } from '../../shared/result';
import { cleanupTempDirs, protector, tempDir } from '../store/helpers';
import { filesContaining } from '../support/canary';

afterAll(cleanupTempDirs);

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

function failure(r: Result<unknown>): AppError {
  if (r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r.value).slice(0, 200)}`);
  return r.error;
}

async function backend(): Promise<{ b: Backend; dir: string }> {
  const dir = tempDir('hushdesk-pii-settings-');
  const b = await createBackend({ dataDir: dir, host: 'node', protector: protector() });
  value(await b.handle('settings.set', { patch: { conversationPolicy: 'save' } }));
  return { b, dir };
}

async function stored(b: Backend, conversationId: string, text: string): Promise<string> {
  return value<ChatReply>(await b.handle('chat.send', { conversationId, text })).user.storedText;
}

async function newConversation(b: Backend): Promise<string> {
  return value<ChatStart>(await b.handle('chat.start', {})).conversationId;
}

describe('PII settings: round trip and validation at the field', () => {
  it('stores the detector switches, countries and never-a-name words, and refuses bad ones where they are', async () => {
    const { b } = await backend();
    const fresh = value<Settings>(await b.handle('settings.get', undefined));
    expect(fresh.piiOff).toEqual([]);
    expect(fresh.shopCountries).toEqual([]);
    expect(fresh.neverNames).toEqual([]);
    expect({ piiOff: fresh.piiOff, shopCountries: fresh.shopCountries, neverNames: fresh.neverNames }).toEqual({
      piiOff: DEFAULT_SETTINGS.piiOff,
      shopCountries: DEFAULT_SETTINGS.shopCountries,
      neverNames: DEFAULT_SETTINGS.neverNames,
    });

    const saved = value<Settings>(await b.handle('settings.set', { patch: { piiOff: ['name', 'dob', 'name'], shopCountries: ['de', ' FR ', 'DE'], neverNames: ['Aurora', ' Hazel '] } }));
    expect(saved.piiOff).toEqual(['name', 'dob']);
    expect(saved.shopCountries).toEqual(['DE', 'FR']);
    expect(saved.neverNames).toEqual(['Aurora', 'Hazel']);
    expect(value<Settings>(await b.handle('settings.get', undefined))).toEqual(saved);

    const refusals: { patch: Record<string, unknown>; path: string; code?: string }[] = [
      { patch: { piiOff: ['name', 'nmae'] }, path: 'patch.piiOff.1' },
      { patch: { shopCountries: ['DE', 'D1'] }, path: 'patch.shopCountries.1' },
      // Two letters, but no country's numbering plan: the settings service's check, at the same field.
      { patch: { shopCountries: ['FR', 'XX'] }, path: 'patch.shopCountries.1' },
      { patch: { shopCountries: ['DE', 'FR', 'ES', 'IT', 'NL', 'BE', 'AT', 'CH', 'IE'] }, path: 'patch.shopCountries', code: 'too_large' },
      { patch: { neverNames: ['Aurora', ' \u200b '] }, path: 'patch.neverNames.1' },
      { patch: { neverNames: ['x'.repeat(61)] }, path: 'patch.neverNames.0', code: 'too_large' },
    ];
    for (const r of refusals) {
      const e = failure(await b.handle('settings.set', { patch: r.patch }));
      expect(e.code, JSON.stringify(r.patch)).toBe(r.code ?? 'invalid_input');
      expect(e.details?.[0]?.path, JSON.stringify(r.patch)).toBe(r.path);
    }
    // Nothing stored changed with any refusal.
    expect(value<Settings>(await b.handle('settings.get', undefined))).toEqual(saved);
    await b.close();
  });
});

describe('PII settings: what the redactor does under them', () => {
  it('a detector turned off stores its type as typed, and the facts and the bot stop claiming it', async () => {
    const { b, dir } = await backend();
    let id = await newConversation(b);
    expect(await stored(b, id, 'my name is Zebulon Quixwell')).toBe('my name is [name]');
    const before = value<PrivacyFacts>(await b.handle('privacy.facts', undefined));
    expect(before.masking.types).toContain('name');
    expect(before.masking.types).toContain('dob');
    const answerBefore = value<ChatReply>(await b.handle('chat.send', { conversationId: id, text: 'what do you keep about me' }));
    expect(answerBefore.replies.map((m) => m.text).join(' ')).toMatch(/with names, .*dates of birth.* masked/);

    value(await b.handle('settings.set', { patch: { piiOff: ['name'] } }));
    id = await newConversation(b);
    expect(await stored(b, id, 'my name is Yevgenia Brackwater')).toBe('my name is Yevgenia Brackwater');
    // The other detectors are still on.
    expect(await stored(b, id, 'my DOB is 14/03/1987')).toBe('my DOB is [date of birth]');
    const after = value<PrivacyFacts>(await b.handle('privacy.facts', undefined));
    expect(after.masking.types).not.toContain('name');
    expect(after.masking.types).toEqual(before.masking.types.filter((t) => t !== 'name'));
    const answer = value<ChatReply>(await b.handle('chat.send', { conversationId: id, text: 'what do you keep about me' }));
    const said = answer.replies.map((m) => m.text).join(' ');
    expect(said).toMatch(/with street addresses, .* masked/);
    expect(said).not.toMatch(/\bnames\b/);

    // Masking off altogether: the facts list nothing, and the bot says nothing is masked.
    value(await b.handle('settings.set', { patch: { redactPii: false } }));
    expect(value<PrivacyFacts>(await b.handle('privacy.facts', undefined)).masking.types).toEqual([]);
    const off = value<ChatReply>(await b.handle('chat.send', { conversationId: id, text: 'what do you keep about me' }));
    expect(off.replies.map((m) => m.text).join(' ')).toContain('nothing is masked');

    // Back on: names are masked again (the redactor follows the settings, it is not built once).
    value(await b.handle('settings.set', { patch: { redactPii: true, piiOff: [] } }));
    expect(await stored(b, id, 'my name is Ottoline Farquharsen')).toBe('my name is [name]');
    // What the owner chose to keep is what the store holds (read back through the decrypting store).
    const kept = value<Transcript>(await b.handle('conversations.get', { conversationId: id })).messages.map((m) => m.text);
    expect(kept).toContain('my name is Yevgenia Brackwater');
    expect(kept).toContain('my name is [name]');
    await b.close();
    // What was masked is in no file.
    expect(filesContaining(dir, 'Quixwell')).toEqual([]);
    expect(filesContaining(dir, 'Farquharsen')).toEqual([]);
  });

  it("a shop country's national number is masked only once the country is listed", async () => {
    const { b, dir } = await backend();
    const id = await newConversation(b);
    // A Berlin landline and a French mobile, written the national way, with no phone cue.
    const berlin = 'ich bin unter 030 22609810 erreichbar';
    const paris = 'ring 06 12 34 56 78 tomorrow';
    expect(await stored(b, id, berlin)).toBe(berlin);
    expect(await stored(b, id, paris)).toBe(paris);
    value(await b.handle('settings.set', { patch: { shopCountries: ['FR'] } }));
    expect(value<PrivacyFacts>(await b.handle('privacy.facts', undefined)).masking.phoneCountries).toEqual(['FR']);
    expect(await stored(b, id, 'ring 06 12 34 56 79 tomorrow')).toBe('ring [phone] tomorrow');
    // Eleven digits are no French number: the Berlin one waits for Germany to be listed.
    expect(await stored(b, id, 'ich bin unter 030 22609811 erreichbar')).toBe('ich bin unter 030 22609811 erreichbar');
    value(await b.handle('settings.set', { patch: { shopCountries: ['FR', 'DE'] } }));
    expect(await stored(b, id, 'ich bin unter 030 22609812 erreichbar')).toBe('ich bin unter [phone] erreichbar');
    // Order numbers and prices are not phones in any of the plans.
    expect(await stored(b, id, 'order HD-482913 was 129.99')).toBe('order HD-482913 was 129.99');
    await b.close();
    expect(filesContaining(dir, '030 22609812')).toEqual([]);
    expect(filesContaining(dir, '06 12 34 56 79')).toEqual([]);
  });

  it("the knowledge base's street and brand and an allow-listed word survive; the customer's name and address do not", async () => {
    const { b, dir } = await backend();
    const id = await newConversation(b);
    const shop = 'is the shop at 12 Market Street, Riverside Retail Park, RS1 4HD open? my name is Zebulon Quixwell and I live at 14 Brackenthwaite Road';
    expect(await stored(b, id, shop)).toBe('is the shop at 12 Market Street, Riverside Retail Park, RS1 4HD open? my name is [name] and I live at [address]');
    expect(await stored(b, id, 'can I use Riverside Rewards? this is Priya Shah')).toBe('can I use Riverside Rewards? this is [name]');
    // "Aurora" is a lamp here: a name until the owner lists it, then stored as written.
    const lamp = 'this is Aurora, the lamp I bought; my name is Ysolde Quellmoor';
    expect(await stored(b, id, lamp)).toBe('this is [name], the lamp I bought; my name is [name]');
    value(await b.handle('settings.set', { patch: { neverNames: ['aurora'] } }));
    expect(await stored(b, id, 'this is Aurora, the lamp I bought; my name is Ysolde Quellmoor')).toBe('this is Aurora, the lamp I bought; my name is [name]');
    const t = value<Transcript>(await b.handle('conversations.get', { conversationId: id }));
    expect(t.messages.map((m) => m.text).join('\n')).toContain('12 Market Street');
    await b.close();
    for (const canary of ['Quixwell', 'Brackenthwaite', 'Priya Shah', 'Quellmoor']) expect(filesContaining(dir, canary), canary).toEqual([]);
  });
});
