/**
 * A kiosk customer's own transcript as an on-screen QR code: plain compact text (no network, no
 * link), shown as SVG. QR version 40 at error-correction L holds 2,953 bytes; a dense code that big
 * is hard to scan from a screen, so the cap is 1,500 characters (and the UTF-8 bytes must fit too).
 */
import * as QRCode from 'qrcode';
import type { QrExport } from '../../../shared/contract';
import { AppFailure } from '../../../shared/result';
import type { Db } from '../../store';
import { getTranscript } from '../../store';
import { appendAudit } from '../audit';
import { localTime } from './formats';

export const QR_MAX_CHARS = 1500;
const QR_MAX_BYTES = 2900;

/** The transcript as the QR code carries it. */
export function qrText(db: Db, conversationId: string): { text: string; messages: number } {
  const t = getTranscript(db, conversationId);
  if (!t) throw new AppFailure('not_found', `no conversation ${conversationId}`);
  const lines = [`Hushdesk chat ${localTime(t.conversation.startedAt)}`];
  for (const m of t.messages) lines.push(`${m.role === 'user' ? 'You' : 'Shop'}: ${m.text.replace(/\s+/g, ' ').trim()}`);
  return { text: lines.join('\n'), messages: t.messages.length };
}

export async function exportQr(db: Db, conversationId: string, now: number): Promise<QrExport> {
  const { text, messages } = qrText(db, conversationId);
  const chars = [...text].length;
  if (chars > QR_MAX_CHARS || Buffer.byteLength(text, 'utf8') > QR_MAX_BYTES) {
    throw new AppFailure(
      'too_large',
      `This conversation is too long for a QR code (${chars} characters; the limit is ${QR_MAX_CHARS}). A member of staff can export it for you instead.`,
    );
  }
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'L', margin: 2 });
  appendAudit(db, 'export', { what: 'conversation', scope: 'conversation', format: 'qr', conversations: 1, messages, encrypted: false }, now);
  return { svg, chars };
}
