/**
 * The bot's answers the customer trusts (issue 15, items 3-7), through the real `hushdesk chat`
 * CLI on the default knowledge base (or a variant of it), one reply line per piped message.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, runHushdesk } from '../support/cli';
import { afterAll, describe, expect, it } from 'vitest';
import { smallKb } from '../engine/helpers';
import { cleanupTempDirs, tempDir } from '../store/helpers';

afterAll(cleanupTempDirs);



/** Replies to the given lines (the welcome line first), in one conversation, nothing saved. */
function chat(lines: string[], kbFile?: string): string[] {
  const dir = tempDir('hushdesk-cli-answers-');
  const r = runHushdesk(['chat', '--no-save', '--data-dir', dir, ...(kbFile ? ['--kb', kbFile] : [])], {
    input: lines.join('\n') + '\n',
    env: { ...process.env, HUSHDESK_PASSPHRASE: '' },
    timeout: 120_000,
  });
  expect(r.status, r.stderr).toBe(0);
  const out = r.stdout.trim().split('\n');
  expect(out).toHaveLength(lines.length + 1);
  return out.slice(1);
}

describe('answers the customer can trust', () => {
  it('item 3: a phone number next to an order number does not lend its digits to the order', () => {
    const [reply] = chat(['my phone is 07700 900123, wheres my order HD-654321']);
    expect(reply).toContain('Order HD-654321');
    expect(reply).not.toContain('900123');
    // A card number is no order number either.
    const [card] = chat(['where is my order, card 4111 1111 1111 1111']);
    expect(card).not.toMatch(/Order \d/);
  });

  it('item 4: a reference in the wrong shape is named back with the shape it should have', () => {
    const [ask, wrong, right] = chat(['where is my order', 'A-12345', 'HD-482913']);
    expect(ask).toMatch(/order number/i);
    expect(wrong).toContain('"A-12345"');
    expect(wrong).toContain('HD-123456, or 6 to 8 digits');
    expect(wrong).not.toMatch(/couldn't see/);
    expect(right).toContain('Order HD-482913');
  });

  it('item 4: a shop that accepts other shapes keeps the value the customer gave', () => {
    const kb = JSON.parse(readFileSync(path.join(ROOT, 'main/kb/default-kb.json'), 'utf8')) as {
      intents: { id: string; slots?: Record<string, unknown>[] }[];
    };
    const order = kb.intents.find((i) => i.id === 'order.status')!;
    order.slots = order.slots!.map((s) => ({ ...s, acceptOther: true }));
    const file = path.join(tempDir('hushdesk-cli-kb-'), 'kb-accepts-other.json');
    writeFileSync(file, JSON.stringify(kb));
    const [, kept] = chat(['where is my order', 'A-12345'], file);
    expect(kept).toContain('Order A-12345');
  });

  it('item 5: a whole question that is out of scope alone does not inherit the previous topic', () => {
    const [delivery, dave] = chat(['do you deliver', 'is dave in today']);
    expect(delivery).toMatch(/deliver/i);
    expect(dave).toMatch(/can't help with that|not able to answer/);
    expect(dave).not.toBe(delivery);
    // An elliptical follow-up is still read with the question before it.
    const [, hours] = chat(['what time do you close on saturday', 'and sunday?']);
    expect(hours).toMatch(/Sunday/);
  });

  it('item 6: the hand-off answer names only what is on the screen (no help button, no one summoned)', () => {
    const [staff] = chat(['can i talk to a person']);
    expect(staff).not.toMatch(/help button/i);
    expect(staff).not.toMatch(/will come over/i);
    expect(staff).toMatch(/Customer Service desk/);
    const [, second] = chat(['what is the capital of peru', 'who wrote hamlet']);
    expect(second).not.toMatch(/will come over|help button/i);
    expect(second).toMatch(/Customer Service desk/);
  });

  it('item 7: one chip per intent: "did you mean" once, no near-duplicate quick replies', () => {
    const [order] = chat(['where is my order HD-482913']);
    // "Delivery options" (a quick reply) and "Delivery" (the title of the same follow-up intent).
    const chips = /\[([^\]]*)\]$/.exec(order!)?.[1]?.split(' | ') ?? [];
    expect(chips).toContain('Delivery options');
    expect(chips).not.toContain('Delivery');
    expect(new Set(chips).size).toBe(chips.length);
    const [delivery] = chat(['what delivery options do you have']);
    const deliveryChips = /\[([^\]]*)\]$/.exec(delivery!)?.[1]?.split(' | ') ?? [];
    expect(deliveryChips.filter((c) => c.startsWith('Installation'))).toHaveLength(1);

    const file = path.join(tempDir('hushdesk-cli-kb-'), 'small.json');
    writeFileSync(file, JSON.stringify(smallKb()));
    const [dym] = chat(['gift card balance lost'], file);
    expect(dym).toMatch(/^Did you mean/);
    // The pair is offered once (as "did you mean" choices), not again as quick replies.
    expect(dym!.match(/\[/g)).toHaveLength(1);
  });
});
