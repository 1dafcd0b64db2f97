/**
 * Context words: a number right after "order", "invoice", "SKU"... is a business identifier, not a
 * phone or an SSN; one after "SSN" is. Checked on a short window before the match, anchored at its
 * end, so the cost per match is bounded.
 */

const WINDOW = 40;

// Identifiers that look like numbers but are not personal data (EN, ES, DE, FR, NL).
const NOT_PII_BEFORE = new RegExp(
  '(?:' +
    [
      'order', 'orders', 'ord', 'invoice', 'inv', 'ref', 'reference', 'tracking', 'track', 'ticket', 'case',
      'sku', 'item', 'article', 'art', 'model', 'serial', 'part', 'po', 'receipt', 'confirmation', 'booking',
      'reservation', 'transaction', 'txn', 'shipment', 'parcel', 'package', 'product', 'batch', 'lot',
      'voucher', 'coupon', 'promo code', 'discount code', 'pin', 'zip', 'zip code', 'postcode', 'postal code',
      'pedido', 'factura', 'referencia', 'seguimiento', 'envío', 'envio', 'artículo', 'articulo', 'modelo',
      'bestellung', 'bestellnummer', 'auftrag', 'auftragsnummer', 'rechnung', 'rechnungsnummer',
      'sendungsnummer', 'artikel', 'artikelnummer', 'kundennummer', 'plz', 'commande', 'facture',
      'référence', 'suivi', 'colis', 'bestelling', 'bestelnummer', 'factuur', 'ordernummer',
      'postcode', 'zendingnummer', 'qty', 'quantity', 'total', 'price', 'precio', 'preis', 'prix', 'prijs',
    ].join('|') +
    ')\\s*(?:no\\.?|nr\\.?|n\\.?\\s?[º°o]\\.?|num\\.?|number|número|numéro|nummer|id|#)?\\s*[:#.\\-]?\\s*[:#]?\\s*$',
  'iu',
);

const CURRENCY_BEFORE = /(?:[$€£¥₹]|\b(?:usd|eur|gbp|chf|us\$))\s*$/iu;

/** True when the text just before `start` names a business identifier, price or quantity. */
export function identifierContextBefore(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - WINDOW), start);
  // Require a word boundary at the start of the keyword ("reorder" is fine, "order" is not).
  const m = NOT_PII_BEFORE.exec(before);
  if (m) {
    const prev = before.charAt(m.index - 1);
    if (m.index === 0 || !/[\p{L}\p{N}]/u.test(prev)) return true;
  }
  return CURRENCY_BEFORE.test(before) || before.endsWith('#');
}

const UNIT_AFTER = /^\s*(?:[€£¥%]|(?:eur|usd|gbp|kg|g|mg|lb|lbs|ml|l|cm|mm|m|km|pcs|units?|items?|stück|unidades|pièces|stuks|mah|mb|gb|tb|w|v|hz|x)\b)/iu;

/** True when a currency or unit follows (`45 €`, `500 kg`). */
export function unitAfter(text: string, end: number): boolean {
  return UNIT_AFTER.test(text.slice(end, end + 12));
}

const SSN_CONTEXT = /(?:\bssn|social\s+security|soc\.?\s*sec|\bss\s*#|\bss\s*no|seguro\s+social|sozialversicherung|taxpayer|\bitin|\btin)\b[^\n]{0,30}$/iu;

/** True when an SSN keyword appears shortly before `start`. */
export function ssnContextBefore(text: string, start: number): boolean {
  return SSN_CONTEXT.test(text.slice(Math.max(0, start - WINDOW - 10), start));
}

const VERSION_CONTEXT = /(?:\bversion|\bver\.?|\bv\.?|\brelease|\bbuild|\bfirmware|\bupdate|\bupgrade|\bpatch|\bversión|\bfassung|\bapp|\bsoftware|\bos|\bios|\bandroid)\s*[:#]?\s*$/iu;

/** True when a version keyword precedes `start` ("version 1.2.3.4", "firmware 4.1.0.12"). */
export function versionContextBefore(text: string, start: number): boolean {
  return VERSION_CONTEXT.test(text.slice(Math.max(0, start - 24), start));
}
