/**
 * The masking marks in a saved message ("[name]", "[card ••4242]"), worded in the screen's
 * language for display only: the stored text, exports and the audit keep the backend's marks, but
 * a Spanish customer reading "Guardado como: …" sees "[nombre]", not "[name]". A shop's own
 * patterns keep the placeholder the shop chose.
 */
import type { MessageKey, Translate } from '../i18n';

const PLAIN: Record<string, MessageKey> = {
  name: 'mask.mark.name',
  address: 'mask.mark.address',
  postcode: 'mask.mark.postcode',
  'date of birth': 'mask.mark.dob',
  phone: 'mask.mark.phone',
  email: 'mask.mark.email',
  ssn: 'mask.mark.ssn',
  ip: 'mask.mark.ip',
};
/** Marks that keep the last four characters, as the backend writes them. */
const WITH_LAST: Record<string, MessageKey> = { card: 'mask.mark.card', iban: 'mask.mark.iban' };

const MARK = /\[(name|address|postcode|date of birth|phone|email|ssn|ip)\]|\[(card|iban) ••([0-9A-Za-z]{4})\]/g;

export function wordMasks(text: string, t: Translate): string {
  return text.replace(MARK, (whole, plain: string | undefined, kind: string | undefined, last: string | undefined) => {
    const plainKey = plain === undefined ? undefined : PLAIN[plain];
    if (plainKey) return t(plainKey);
    const lastKey = kind === undefined ? undefined : WITH_LAST[kind];
    return lastKey ? t(lastKey, { last: last ?? '' }) : whole;
  });
}
