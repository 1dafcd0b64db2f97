/**
 * The kiosk take-away QR code speaks the customer's language (issue 17): a Spanish visit's transcript
 * reads "Chat de Tienda …", "Tú: …", not "Shop chat …", "You: …". Through the real backend and
 * encrypted store; the code is compared with the one made from the expected text (same library,
 * same options, so the same SVG), since nothing here can read a QR image back.
 */
import * as QRCode from 'qrcode';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../main/backend';
import { localTime } from '../../main/data/export/formats';
import type { QrExport } from '../../shared/contract';
import type { ChatReply, ChatStart, Transcript } from '../../shared/domain';
import { cleanupTempDirs, protector, tempDir } from '../store/helpers';
import { value } from '../support/result';

afterAll(cleanupTempDirs);

const svgOf = (text: string): Promise<string> => QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'L', margin: 2 });

describe('the take-away QR code in the customer language', () => {
  it('a saved Spanish conversation: Spanish words around the messages; English when asked in English', async () => {
    const b = await createBackend({ dataDir: tempDir('hushdesk-qr-es-'), host: 'node', kiosk: false, protector: protector() });
    const start = value<ChatStart>(await b.handle('chat.start', { locale: 'es' }));
    const id = start.conversationId;
    value(await b.handle('chat.consent', { conversationId: id, choice: 'save' }));
    const reply = value<ChatReply>(await b.handle('chat.send', { conversationId: id, text: '¿a qué hora abrís el domingo?' }));
    const t = value<Transcript>(await b.handle('conversations.get', { conversationId: id }));
    const when = localTime(t.conversation.startedAt);
    const lines = (title: string, you: string, shop: string): string =>
      [title, ...t.messages.map((m) => `${m.role === 'user' ? you : shop}: ${m.text.replace(/\s+/g, ' ').trim()}`)].join('\n');
    const spanish = lines(`Chat de Tienda ${when}`, 'Tú', 'Tienda');
    expect(spanish).toContain(`Tú: ¿a qué hora abrís el domingo?`);
    expect(spanish).toContain(`Tienda: ${reply.replies[0]?.text.replace(/\s+/g, ' ').trim()}`);

    const es = value<QrExport>(await b.handle('export.qr', { conversationId: id, locale: 'es' }));
    expect(es.svg).toBe(await svgOf(spanish));
    const en = value<QrExport>(await b.handle('export.qr', { conversationId: id, locale: 'en' }));
    expect(en.svg).toBe(await svgOf(lines(`Shop chat ${when}`, 'You', 'Shop')));
    expect(en.svg).not.toBe(es.svg);
    await b.close();
  });

  it('an unsaved one (made from memory) is worded the same way', async () => {
    const b = await createBackend({ dataDir: tempDir('hushdesk-qr-es-'), host: 'node', kiosk: false, protector: protector() });
    value(await b.handle('settings.set', { patch: { conversationPolicy: 'never' } }));
    const start = value<ChatStart>(await b.handle('chat.start', { locale: 'es' }));
    const reply = value<ChatReply>(await b.handle('chat.send', { conversationId: start.conversationId, text: '¿tenéis wifi gratis?' }));
    const es = value<QrExport>(await b.handle('export.qr', { conversationId: start.conversationId, locale: 'es' }));
    // The start time is not known here; its text is the same length whatever it is.
    // Memory holds the customer's messages and their answers (not the welcome).
    const answer = (reply.replies[0]?.text ?? '').replace(/\s+/g, ' ').trim();
    const expected = [`Chat de Tienda ${localTime(0)}`, 'Tú: ¿tenéis wifi gratis?', `Tienda: ${answer}`].join('\n');
    expect(es.chars).toBe([...expected].length);
    const en = value<QrExport>(await b.handle('export.qr', { conversationId: start.conversationId, locale: 'en' }));
    expect(en.chars).toBe(es.chars - ('Chat de Tienda'.length - 'Shop chat'.length) - ('Tienda'.length - 'Shop'.length) - ('Tú'.length - 'You'.length));
    await b.close();
  });
});
