/**
 * A Spanish conversation end to end through the real backend (IPC router -> chat service -> the
 * Spanish model of the default KB -> the encrypted store on disk): welcome, answers, quick replies,
 * slot prompt, privacy answer from the live facts, hand-off, and the conversation following the
 * customer into English and back.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/backend';
import type { ChatReply, ChatStart, Transcript } from '../../shared/domain';
import { cleanupTempDirs, protector, tempDir } from '../store/helpers';
import { value } from '../support/result';

afterAll(cleanupTempDirs);

async function backendIn(dir: string): Promise<Backend> {
  return createBackend({ dataDir: dir, host: 'node', kiosk: false, protector: protector() });
}

async function send(b: Backend, conversationId: string, text: string): Promise<ChatReply> {
  return value<ChatReply>(await b.handle('chat.send', { conversationId, text }));
}

describe('a Spanish conversation through the backend', () => {
  it('welcomes, answers, asks, hands off and explains privacy in Spanish; follows the customer into English and back', async () => {
    const b = await backendIn(tempDir('hushdesk-chat-es-'));
    const start = value<ChatStart>(await b.handle('chat.start', { locale: 'es' }));
    expect(start.language).toBe('es');
    expect(start.welcome.language).toBe('es');
    expect(start.welcome.text).toContain('¡Hola!');
    expect(start.welcome.quickReplies).toEqual(['Horario', 'Estado del pedido', 'Devoluciones', 'Hablar con una persona']);
    // The consent question's retention in the customer's words.
    expect(start.retentionText).toBe('30 días');
    value(await b.handle('chat.consent', { conversationId: start.conversationId, choice: 'save' }));
    const id = start.conversationId;

    const hours = await send(b, id, '¿a qué hora abrís el domingo?');
    expect(hours.language).toBe('es');
    expect(hours.replies[0]).toMatchObject({ intent: 'store.hours', language: 'es' });
    expect(hours.replies[0]?.text).toContain('domingos');
    expect(hours.replies[0]?.quickReplies).toContain('Aparcamiento');

    const order = await send(b, id, 'q pasa con mi pedido, no me llega');
    expect(order.replies[0]).toMatchObject({ intent: 'order.status', awaitingSlot: 'order' });
    expect(order.replies[0]?.text).toContain('número de pedido');
    // A bare order number is too short to switch language: still Spanish.
    const filled = await send(b, id, 'HD-482913');
    expect(filled.language).toBe('es');
    expect(filled.replies[0]?.text).toContain('Pedido HD-482913');

    const privacy = await send(b, id, '¿qué datos guardáis sobre mí?');
    expect(privacy.replies[0]?.intent).toBe('privacy.what_do_you_keep');
    const said = privacy.replies[0]?.text ?? '';
    expect(said).toContain('Las conversaciones guardadas se borran automáticamente a los 30 días. Una pregunta que no supe responder en una conversación guardada se guarda aparte, con los datos ocultos y sin el resto de la conversación, hasta 30 días para que el personal me enseñe. Se guarda solo');
    expect(said).toContain('Nunca se envía nada a un servidor ni a internet.');
    expect(said).toContain('Esta conversación está guardada.');
    expect(said).toMatch(/Conversaciones guardadas ahora mismo en este dispositivo: \d+\./);
    expect(said).not.toMatch(/\{[a-zA-Z]+\}/);

    const person = await send(b, id, 'quiero hablar con una persona de verdad');
    expect(person.replies[0]).toMatchObject({ intent: 'staff.handoff', handoff: true, language: 'es' });
    expect(person.replies[0]?.text).toContain('Atención al Cliente');

    // Two misunderstandings in a row: the Spanish hand-off reply with the Spanish chip.
    await send(b, id, 'cuéntame algo de los dinosaurios del jurásico');
    const lost = await send(b, id, 'quién ganó la liga de baloncesto el año pasado');
    expect(lost.replies[0]).toMatchObject({ handoff: true, quickReplies: ['Hablar con una persona'] });
    expect(lost.replies[0]?.text).toContain('me está costando entenderte');

    // The customer switches to English: answered in English, and the reply says so.
    const en = await send(b, id, 'what time do you close on sunday');
    expect(en.language).toBe('en');
    expect(en.replies[0]).toMatchObject({ intent: 'store.hours', language: 'en' });
    expect(en.replies[0]?.text).toContain('Sunday');
    const back = await send(b, id, 'y cuánto cuesta el envío a casa');
    expect(back.language).toBe('es');
    expect(back.replies[0]?.intent).toBe('delivery.options');
    // "Prefer English?": the customer's choice holds for short messages too.
    expect(value<{ language: string }>(await b.handle('chat.setLanguage', { conversationId: id, language: 'en' }))).toEqual({ language: 'en' });
    const parking = await send(b, id, 'parking');
    expect(parking).toMatchObject({ language: 'en' });
    expect(parking.replies[0]).toMatchObject({ intent: 'store.parking', language: 'en' });
    expect(parking.replies[0]?.text).toContain('car park');
    expect(await b.handle('chat.setLanguage', { conversationId: id, language: 'fr' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const t = value<Transcript>(await b.handle('conversations.get', { conversationId: id }));
    expect(t.messages.filter((m) => m.role === 'bot').map((m) => m.text)).toContain(hours.replies[0]?.text);
    await b.close();
  });

  it('starts in English when asked, and a Spanish question still gets a Spanish answer', async () => {
    const b = await backendIn(tempDir('hushdesk-chat-es-'));
    value(await b.handle('settings.set', { patch: { conversationPolicy: 'never' } }));
    const start = value<ChatStart>(await b.handle('chat.start', { locale: 'en' }));
    expect(start.language).toBe('en');
    expect(start.retentionText).toBe('30 days');
    const r = await send(b, start.conversationId, '¿tenéis wifi gratis en la tienda?');
    expect(r.language).toBe('es');
    expect(r.replies[0]).toMatchObject({ intent: 'store.wifi', language: 'es' });
    expect(r.replies[0]?.text).toContain('Riverside-Guest');
    expect(r.replies[0]?.text).toContain('contraseña');
    await b.close();
  });
});
