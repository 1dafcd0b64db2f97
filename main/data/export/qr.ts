/**
 * A kiosk customer's own transcript as an on-screen QR code: plain compact text (no network, no
 * link), shown as SVG. QR version 40 at error-correction L holds 2,953 bytes; a dense code that big
 * is hard to scan from a screen, so the cap is 1,500 characters (and the UTF-8 bytes must fit too).
 */
import * as QRCode from 'qrcode';
import type { QrExport } from '../../../shared/contract';
import type { Locale } from '../../../shared/domain';
import { AppFailure } from '../../../shared/result';
import type { Db } from '../../store';
import { getTranscript } from '../../store';
import { appendAudit } from '../audit';
import { localTime, oneLine } from './formats';

export const QR_MAX_CHARS = 1500;
const QR_MAX_BYTES = 2900;

export interface QrMessage {
  role: 'user' | 'bot';
  text: string;
}

/** The transcript's own words, in the language the customer reads (the screen's when they took it). */
const QR_WORDS: Record<Locale, { shop: string; you: string; title: (shop: string, time: string) => string }> = {
  en: { shop: 'Shop', you: 'You', title: (shop, time) => `${shop} chat ${time}` },
  es: { shop: 'Tienda', you: 'Tú', title: (shop, time) => `Chat de ${shop} ${time}` },
};

/** The transcript as the QR code carries it, under the shop's name when branding sets one ('' = "Shop" / "Tienda"). */
export function transcriptText(startedAt: number, messages: readonly QrMessage[], shopName = '', locale: Locale = 'en'): string {
  const words = QR_WORDS[locale];
  const shop = oneLine(shopName) || words.shop;
  const lines = [words.title(shop, localTime(startedAt))];
  for (const m of messages) lines.push(`${m.role === 'user' ? words.you : shop}: ${oneLine(m.text)}`);
  return lines.join('\n');
}

export function qrText(db: Db, conversationId: string, shopName = '', locale: Locale = 'en'): { text: string; messages: number } {
  const t = getTranscript(db, conversationId);
  if (!t) throw new AppFailure('not_found', `no conversation ${conversationId}`);
  return { text: transcriptText(t.conversation.startedAt, t.messages, shopName, locale), messages: t.messages.length };
}

/** A QR code of a conversation kept only in memory (incognito): nothing about it is written, not even an audit entry. */
export async function qrOfMessages(startedAt: number, messages: readonly QrMessage[], shopName = '', locale: Locale = 'en'): Promise<QrExport> {
  return qrOf(transcriptText(startedAt, messages, shopName, locale));
}

export async function exportQr(db: Db, conversationId: string, now: number, shopName = '', locale: Locale = 'en'): Promise<QrExport> {
  const { text, messages } = qrText(db, conversationId, shopName, locale);
  const result = await qrOf(text);
  appendAudit(db, 'export', { what: 'conversation', scope: 'conversation', format: 'qr', conversations: 1, messages, encrypted: false }, now);
  return result;
}

async function qrOf(text: string): Promise<QrExport> {
  const chars = [...text].length;
  if (chars > QR_MAX_CHARS || Buffer.byteLength(text, 'utf8') > QR_MAX_BYTES) {
    throw new AppFailure(
      'too_large',
      `This conversation is too long for a QR code (${chars} characters; the limit is ${QR_MAX_CHARS}). A member of staff can export it for you instead.`,
    );
  }
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'L', margin: 2 });
  return { svg, chars };
}
