/**
 * Phone numbers no plan accepts, caught by what the customer says about them (issue 12): a
 * phone-shaped run (7-15 digits with phone punctuation) right after a phone cue ("call me on", "my
 * number is", "tel:", "mi móvil", "meine Handynummer", "mon portable") is masked even when it is
 * in no numbering plan the shop knows. The run must follow the cue within a few filler words, so
 * "my number of orders is 12" or "call me about order 4839201" stay as they are.
 */
import { getCountries, getCountryCallingCode } from 'libphonenumber-js/max';
import type { Candidate } from './types';

const CUE =
  "(?:call|ring|phone|text|whatsapp|reach|contact)\\s+(?:me|us|him|her)(?:\\s+back)?(?:\\s+(?:on|at))?|" +
  "my\\s+(?:(?!(?:order|account|tracking|reference|case|ticket|invoice|customer|member|membership|card|loyalty|booking|serial|model|policy|confirmation|parcel|refund|item|product|reward|rewards|voucher|pin)\\b)[\\p{L}]{2,12}\\s+)?(?:mobile|cell|cellphone|phone|telephone|tel|landline|whatsapp|work|home|contact|daytime)?\\s*(?:phone\\s+)?(?:number|no\\.?|nr\\.?|#)|" +
  "my\\s+(?:[\\p{L}]{2,12}\\s+)?(?:mobile|cell|cellphone|phone|landline|whatsapp)|(?:phone|mobile|cell|tel|telephone|landline|fax|whatsapp)\\s*(?:number|no\\.?|nr\\.?|#)?\\s*[:=]|" +
  "(?:mi|el)\\s+(?:número|numero|teléfono|telefono|móvil|movil|celular)(?:\\s+de\\s+(?:teléfono|telefono|móvil|movil))?|" +
  "(?:meine|unsere)\\s+(?:handynummer|telefonnummer|nummer|handy-nummer|mobilnummer)|(?:handy|telefon|tel\\.|mobil)\\s*:|ruf(?:en\\s+sie)?\\s+(?:mich|uns)\\s+an\\s+unter|" +
  "(?:mon|notre)\\s+(?:numéro|numero|portable|téléphone|telephone|tel\\.?|mobile)(?:\\s+de\\s+(?:téléphone|telephone|portable))?|(?:portable|téléphone)\\s*:|appelez(?:-moi)?\\s+(?:au|le)";
const FILLER = "(?:[ \\t]{0,3}(?:is|it's|es|ist|est|:|=|-|on|at|au|le|unter|#)(?![\\p{L}])|[ \\t]{1,3}){0,3}[ \\t]{0,3}";
const RUN = "[+(]?\\d[\\d \\-().\\/]{5,22}\\d";
const CUED = new RegExp(`(?<![\\p{L}])(?:${CUE})${FILLER}(${RUN})(?![\\p{N}])`, 'giu');
// A bare phone word right before the digits ("UK mobile 07700 900123", "US cell 212-555-0187"): only
// for runs that look dialled (a + / 0 / ( start, or 10+ digits), since "phone 2" is a quantity.
const WORD_CUED = new RegExp(`(?<![\\p{L}])(?:mobile|cell|cellphone|phone|landline|handy|portable|móvil|movil|tel\\.?|telephone|telefon|téléphone)[ \\t]{1,3}(${RUN})(?![\\p{N}])`, 'giu');
// Any number written in international form ("+44 7700 900123"), valid in its plan or not.
const INTERNATIONAL = /(?<![\p{L}\p{N}+])(?:\+|00)([1-9]\d{0,2})[ \-.]?\(?\d[\d \-().]{5,18}\d(?![\p{N}])/gu;

let callingCodes: Set<string> | null = null;
function isCallingCode(cc: string): boolean {
  if (!callingCodes) callingCodes = new Set(getCountries().map((c) => getCountryCallingCode(c)));
  return callingCodes.has(cc);
}

export function detectCuedPhones(text: string): Candidate[] {
  const out: Candidate[] = [];
  CUED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CUED.exec(text)) !== null) {
    const run = (m[1] ?? '').replace(/[\s\-(.\/]+$/u, '');
    const digits = run.replace(/\D/g, '').length;
    if (digits < 7 || digits > 15) continue;
    const start = m.index + m[0].length - (m[1] ?? '').length;
    out.push({ type: 'phone', start, end: start + run.length, placeholder: '[phone]' });
  }
  WORD_CUED.lastIndex = 0;
  while ((m = WORD_CUED.exec(text)) !== null) {
    const run = (m[1] ?? '').replace(/[\s\-(.\/]+$/u, '');
    const digits = run.replace(/\D/g, '').length;
    if (digits < 7 || digits > 15 || !(/^[+0(]/.test(run) || digits >= 10)) continue;
    const start = m.index + m[0].length - (m[1] ?? '').length;
    out.push({ type: 'phone', start, end: start + run.length, placeholder: '[phone]' });
  }
  INTERNATIONAL.lastIndex = 0;
  while ((m = INTERNATIONAL.exec(text)) !== null) {
    // Inside a longer run of digit groups ("DE89 3704 0044 0532") it is not a dialled prefix.
    if (/\d[ \-.]?$/.test(text.slice(Math.max(0, m.index - 2), m.index))) continue;
    const digits = m[0].replace(/\D/g, '').length - (m[0].startsWith('00') ? 2 : 0);
    if (digits < 8 || digits > 15) continue;
    // The calling code may be 1-3 digits; accept when some prefix of the digits is a real one.
    const d = m[0].replace(/\D/g, '').replace(/^00/, '');
    if (![1, 2, 3].some((n) => isCallingCode(d.slice(0, n)))) continue;
    const run = m[0].replace(/[\s\-(.]+$/u, '');
    out.push({ type: 'phone', start: m.index, end: m.index + run.length, placeholder: '[phone]' });
  }
  return out;
}
