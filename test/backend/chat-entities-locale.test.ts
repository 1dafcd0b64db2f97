/**
 * Entities per locale through the real backend (IPC router -> chat service -> the knowledge base's
 * Spanish and English models -> the encrypted store on disk): a Spanish customer fills a date slot
 * ("el 3 de marzo", "mañana" read from the backend's clock) and a money slot ("79,99 €") and hears
 * them back through Intl in Spanish; a national phone number is read in the shop's region from
 * settings; the stored transcript keeps the same words, the echoed phone masked.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/backend';
import type { ChatReply, ChatStart, Transcript } from '../../shared/domain';
import type { TryAnswer } from '../../shared/kb-editor';
import { slotKb } from '../engine/fixtures/slot-kb';
import { cleanupTempDirs, protector, tempDir } from '../store/helpers';
import { value } from '../support/result';

afterAll(cleanupTempDirs);

// Thursday 3 December 2026, noon local time: the shop's calendar day whatever the machine's zone.
const NOW = new Date(2026, 11, 3, 12, 0, 0).getTime();

/** The real backend on an encrypted store of its own, with the slot knowledge base and the clock at NOW. */
function slotBackend(prefix: string): Promise<Backend> {
  return createBackend({ dataDir: tempDir(prefix), host: 'node', protector: protector(), now: () => NOW, knowledgeBase: { fileName: 'slot-kb.json', content: JSON.stringify(slotKb()) } });
}

/** Asks for a collection day, gives `day` when asked, and returns the bot's answer. */
async function collectOn(b: Backend, conversationId: string, day: string): Promise<string> {
  await send(b, conversationId, 'i want to book a collection day');
  return (await send(b, conversationId, day)).replies[0]?.text ?? '';
}

async function send(b: Backend, conversationId: string, text: string): Promise<ChatReply> {
  return value<ChatReply>(await b.handle('chat.send', { conversationId, text }));
}

describe('entities per locale through the backend', () => {
  it('a Spanish conversation fills a date and a money slot and gets them back in Spanish; the phone is read in the store region', async () => {
    const b = await slotBackend('hushdesk-entities-es-');
    try {
      value(await b.handle('settings.set', { patch: { conversationPolicy: 'save', storeRegion: 'ES' } }));
      const start = value<ChatStart>(await b.handle('chat.start', { locale: 'es' }));
      expect(start.language).toBe('es');
      const id = start.conversationId;

      const ask = await send(b, id, 'quiero reservar un día de recogida');
      expect(ask.replies[0]).toMatchObject({ intent: 'collect.day', awaitingSlot: 'day', language: 'es' });
      const day = await send(b, id, 'el 3 de marzo');
      expect(day.replies[0]?.text).toBe('Hecho: tu pedido te espera en el mostrador el 3 de marzo de 2027.');

      // "mañana" from the backend's clock (the engine itself never reads one).
      await send(b, id, 'quiero pasar a recogerlo otro día');
      const tomorrow = await send(b, id, 'mañana');
      expect(tomorrow.language).toBe('es');
      expect(tomorrow.replies[0]?.text).toBe('Hecho: tu pedido te espera en el mostrador el 4 de diciembre de 2026.');

      const price = await send(b, id, 'lo he visto más barato en otra tienda a 1.299,00 €');
      expect(price.replies[0]).toMatchObject({ intent: 'price.match', language: 'es' });
      expect(price.replies[0]?.text).toBe('Te lo igualamos: pagas 1299,00\u00a0€.');
      const cents = await send(b, id, 'me igualáis este precio');
      expect(cents.replies[0]?.awaitingSlot).toBe('price');
      expect((await send(b, id, '79,99€')).replies[0]?.text).toBe('Te lo igualamos: pagas 79,99\u00a0€.');

      // The shop's region is Spain: a national mobile number is Spanish.
      await send(b, id, 'quiero que me llaméis');
      const phone = await send(b, id, '612 345 678');
      expect(phone.replies[0]?.text).toBe('Te llamamos al +34612345678.');

      // The same slot in English, when the customer writes in English.
      const en = await send(b, id, 'i saw it cheaper somewhere else for $1,299.00');
      expect(en.language).toBe('en');
      expect(en.replies[0]?.text).toBe('We will match it: you pay $1,299.00.');

      // The editor's "Try a phrase" reads them the same way (the turn's own entities, the shop's day and region).
      const tried = value<TryAnswer>(await b.handle('kb.tryAnswer', { text: 'llamadme mañana al 612 345 678, lo vi a 79,99 €', language: 'es' }));
      expect(tried.entities).toEqual(
        expect.arrayContaining([
          { entity: 'datetime', value: '2026-12-04', text: 'mañana' },
          { entity: 'phone', value: '+34612345678', text: '612 345 678' },
          { entity: 'money', value: '79.99 EUR', text: '79,99 €' },
        ]),
      );

      const stored = value<Transcript>(await b.handle('conversations.get', { conversationId: id })).messages.filter((m) => m.role === 'bot').map((m) => m.text);
      expect(stored).toContain('Hecho: tu pedido te espera en el mostrador el 3 de marzo de 2027.');
      expect(stored).toContain('Te lo igualamos: pagas 79,99\u00a0€.');
      // The customer's phone number echoed by the bot is masked on disk, as typed or as read.
      expect(stored.some((t) => t.startsWith('Te llamamos al ') && !t.includes('612'))).toBe(true);
    } finally {
      await b.close();
    }
  });

  it('in a US shop the same digits are not a Spanish number, and an international one still is', async () => {
    const b = await slotBackend('hushdesk-entities-us-');
    try {
      value(await b.handle('settings.set', { patch: { conversationPolicy: 'never' } }));
      const id = value<ChatStart>(await b.handle('chat.start', { locale: 'en' })).conversationId;
      await send(b, id, 'can someone call me back');
      expect((await send(b, id, '612 345 678')).replies[0]?.text).toBe('We will call you on 612345678.');
      await send(b, id, 'can someone call me back');
      expect((await send(b, id, '+34 612 345 678')).replies[0]?.text).toBe('We will call you on +34612345678.');
      // US English: 3/4 is March 4.
      expect(await collectOn(b, id, '3/4')).toBe('Done: your order will wait for you at the desk on March 4, 2027.');
      expect(await collectOn(b, id, '5pm')).toMatch(/^Done: your order will wait for you at the desk on 5:00\sPM\.$/u);
    } finally {
      await b.close();
    }
  });

  it('a British shop reads 3/4 as the 3rd of April and says dates and times back the British way', async () => {
    const b = await slotBackend('hushdesk-entities-gb-');
    try {
      value(await b.handle('settings.set', { patch: { conversationPolicy: 'save', storeRegion: 'GB' } }));
      const id = value<ChatStart>(await b.handle('chat.start', { locale: 'en' })).conversationId;
      expect(await collectOn(b, id, '3/4')).toBe('Done: your order will wait for you at the desk on 3 April 2027.');
      expect(await collectOn(b, id, 'tomorrow')).toBe('Done: your order will wait for you at the desk on 4 December 2026.');
      expect(await collectOn(b, id, '5pm')).toBe('Done: your order will wait for you at the desk on 17:00.');
      // Money keeps the language's own form (read with a decimal point, said with one).
      expect((await send(b, id, 'i saw it cheaper somewhere else for £1,299.50')).replies[0]?.text).toBe('We will match it: you pay £1,299.50.');
      // The stored transcript holds what was said.
      const stored = value<Transcript>(await b.handle('conversations.get', { conversationId: id })).messages.filter((m) => m.role === 'bot').map((m) => m.text);
      expect(stored).toContain('Done: your order will wait for you at the desk on 3 April 2027.');

      // Back to the US: the same conversation's next date is said the US way.
      value(await b.handle('settings.set', { patch: { storeRegion: 'US' } }));
      expect(await collectOn(b, id, '3/4')).toBe('Done: your order will wait for you at the desk on March 4, 2027.');
    } finally {
      await b.close();
    }
  });
});
