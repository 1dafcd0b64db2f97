/**
 * A Spanish message dominated by an order number and a name (the walk: "mi pedido es HD-123456, me
 * llamo …" got the English fallback in a Spanish conversation), through the real backend: ids and
 * names say nothing about the language, so the conversation stays Spanish and the order is
 * understood; a message the other language does not understand either gets the Spanish fallback.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/backend';
import type { ChatReply, ChatStart } from '../../shared/domain';
import { cleanupTempDirs, protector, tempDir } from '../store/helpers';
import { value } from '../support/result';

afterAll(cleanupTempDirs);

let b: Backend;
afterAll(async () => b?.close());

async function first(text: string): Promise<ChatReply> {
  b ??= await createBackend({ dataDir: tempDir('hushdesk-chat-es-ids-'), host: 'node', kiosk: false, protector: protector() });
  const start = value<ChatStart>(await b.handle('chat.start', { locale: 'es' }));
  expect(start.language).toBe('es');
  return value<ChatReply>(await b.handle('chat.send', { conversationId: start.conversationId, text }));
}

describe('a Spanish message that is mostly an order number and a name', () => {
  it('"mi pedido es HD-123456, me llamo …" is the order status, in Spanish', async () => {
    const r = await first('mi pedido es HD-123456, me llamo Kevin Walsh');
    expect(r.language).toBe('es');
    expect(r.replies[0]).toMatchObject({ intent: 'order.status', language: 'es' });
    expect(r.replies[0]?.text).toContain('Pedido HD-123456');
  });

  it.each(['HD-123456 me llamo Kevin Walsh', 'HD-123456, me llamo Jennifer Wright', 'HD-123456 me llamo Mike Brown'])('"%s" (an id, a name and two Spanish words) is answered in Spanish', async (text) => {
    const r = await first(text);
    expect(r.language).toBe('es');
    for (const m of r.replies) expect(m.language).toBe('es');
  });

  it('a Spanish conversation\'s fallback is Spanish even when the words look English to the detector', async () => {
    const r = await first('HD-123456 me llamo Oliver Smith Watson Brown');
    expect(r.language).toBe('es');
    for (const m of r.replies) expect(m.language).toBe('es');
    const english = ['Sorry, I can\'t help', 'I\'m not able to answer', 'I\'m having trouble understanding'];
    for (const m of r.replies) for (const e of english) expect(m.text).not.toContain(e);
  });

  it('an English question in a Spanish conversation still switches to English', async () => {
    const r = await first('where is my order HD-123456, my name is Kevin Walsh');
    expect(r.language).toBe('en');
    expect(r.replies[0]).toMatchObject({ intent: 'order.status', language: 'en' });
  });
});
