/**
 * Street addresses and postcodes (issue 12). Streets: house number + street words + a street type
 * (UK/US/Irish "14 Elm Road", "1600 Pennsylvania Ave NW"), German/Spanish "Hauptstraße 12", "Calle
 * Mayor 5", French "12 bis rue de la Paix", with a flat/apartment before or after. Postcodes: UK
 * (valid area letters), Irish Eircode (valid routing-key letters), US ZIP / ZIP+4 and German/French
 * five-digit codes only with context (a cue word, a state code, or right after a street), because a
 * bare five-digit number is usually an order or a quantity. Every pattern is bounded (no nested
 * unbounded repetition), so the scan stays linear on hostile input.
 */
import type { Candidate } from './types';

const STREET_TYPES =
  'road|rd|street|st|avenue|ave|av|lane|ln|drive|dr|close|cl|court|ct|crescent|cres|place|pl|way|terrace|tce|grove|gardens|gdns|square|sq|boulevard|blvd|highway|hwy|parkway|pkwy|row|hill|mews|walk|rise|circle|cir|trail|trl|quay|wharf|parade|pde|park|green|view|vale|hollow|path|pike|plaza|alley|broadway|esplanade|embankment';
const UNIT = '(?:flat|apt\\.?|apartment|unit|suite|ste\\.?|apto\\.?|appartement|appt\\.?|wohnung|piso|#)\\s*[A-Za-z]?\\d{1,4}[A-Za-z]?';
const DIRECTION = '(?:\\s+(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West))?';
const NAME_WORD = "[\\p{L}][\\p{L}\\p{M}'’.\\-]{0,24}";
const HOUSE = '\\d{1,5}[A-Za-z]?(?:[\\-/]\\d{1,4}[A-Za-z]?)?';

// UK / US / IE: [unit, ] number [,] 1-4 name words + type [direction] [, unit]
const ENGLISH_STREET = new RegExp(
  `(?<![\\p{L}\\p{N}_.,/\\-])(?:${UNIT}\\s*,?\\s*)?(${HOUSE}),?\\s+((?:${NAME_WORD}\\s+){0,3}?${NAME_WORD})\\s+(${STREET_TYPES})\\b\\.?${DIRECTION}(?:\\s*,?\\s*${UNIT})?(?![\\p{L}\\p{N}])`,
  'giu',
);
// DE / AT / CH: "Hauptstraße 12a", "Berliner Str. 5", "Am Lindenweg 3"
const GERMAN_STREET = new RegExp(
  `(?<![\\p{L}\\p{N}_])(?:(?:[\\p{Lu}][\\p{L}\\-]{1,24}\\s+){0,2}(?:[\\p{Lu}][\\p{L}\\-]{0,30}(?:straße|strasse|str\\.|weg|gasse|allee|platz|damm|ufer|chaussee|steig|pfad)|[\\p{Lu}][\\p{L}\\-]{2,30}ring|Straße|Str\\.|Weg|Gasse|Allee|Platz|Ring|Damm|Ufer)|[\\p{L}\\-]{1,30}(?:straße|strasse|str\\.))\\s+\\d{1,4}\\s?[a-zA-Z]?(?:\\s*[\\-/]\\s*\\d{1,4}[a-z]?)?(?![\\p{L}\\p{N}])`,
  'gu',
);
// ES: "Calle Mayor 5", "C/ Alcalá 42, 3º B", "Avenida de América 12"
const SPANISH_STREET = new RegExp(
  `(?<![\\p{L}\\p{N}_])(?:calle|c/|avenida|avda\\.?|plaza|paseo|carrer|camino|ronda)\\s+(?:${NAME_WORD}\\s+){0,3}?${NAME_WORD},?\\s+(?:n[º°o]\\.?\\s*)?\\d{1,4}(?:\\s*,\\s*\\d{1,2}[º°]?\\s*[A-Za-z]?)?(?![\\p{L}\\p{N}])`,
  'giu',
);
// FR / BE / LU: "12 bis rue de la Paix", "5, boulevard Saint-Germain"
const FRENCH_STREET = new RegExp(
  `(?<![\\p{L}\\p{N}_.,/\\-])\\d{1,4}(?:\\s?(?:bis|ter|quater|[a-d]))?,?\\s+(?:rue|avenue|av\\.|boulevard|bd|chemin|allée|allee|impasse|place|quai|route|cours|square|passage|faubourg|rond-point)\\s+((?:${NAME_WORD}\\s+){0,4}${NAME_WORD})(?![\\p{L}\\p{N}])`,
  'giu',
);

// Words that cannot be the name of a street in "<number> <words> <type>": "20 minutes on the road".
const NOT_STREET_WORD = new Set(
  ('a an the and or of on in at to by for from with my your our their this that these those is are was were be ' +
    'minutes minute mins hours hour days day weeks week months month years year times items item pieces units ' +
    'orders order pounds dollars euros percent pcs kg km miles mile metres meters feet ft inches yards ' +
    'people persons more less than about over under only just very way ways ' +
    // "at 21 o'clock close to ...", "october 17 nearby East Glacier Park": times and prose, not streets.
    "o'clock oclock near nearby close-by").split(' '),
);

function streetWordsOk(words: string): boolean {
  // A capitalised "The" is part of a name ("5 The Mews"); a lower-case "the" is prose.
  return words.split(/\s+/).every((w) => w === 'The' || !NOT_STREET_WORD.has(w.toLowerCase()));
}

const MORE_TYPE = new RegExp(`^\\s+(?:${STREET_TYPES})\\b\\.?`, 'iu');

export function detectStreets(text: string): Candidate[] {
  const out: Candidate[] = [];
  const push = (start: number, end: number): void => {
    out.push({ type: 'address', start, end, placeholder: '[address]' });
  };
  for (const re of [ENGLISH_STREET, GERMAN_STREET, SPANISH_STREET, FRENCH_STREET]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      if (re === ENGLISH_STREET) {
        const words = m[2] ?? '';
        if (!streetWordsOk(words)) {
          // Retry from the next word: "I live at 14 the Elm Road" is rare; "3 days on the road" is not.
          re.lastIndex = m.index + 1;
          continue;
        }
        // Short or everyday types ("st", "way", "park") after all-lower-case words are usually prose.
        const tw = (m[3] ?? '').toLowerCase();
        if (/^(?:st|dr|pl|ct|cl|av|way|row|park|green|view|hill|walk|rise|path|vale|hollow|trail|circle|place|court)$/.test(tw) && !/\p{Lu}/u.test(words + (m[3] ?? ''))) continue;
      }
      let end = m.index + m[0].length;
      // "60 Elm Park Gardens": a second street type right after the first belongs to the name.
      if (re === ENGLISH_STREET) {
        const more = MORE_TYPE.exec(text.slice(end, end + 16));
        if (more) end += more[0].length;
      }
      if (re === FRENCH_STREET) end = m.index + m[0].length - (m[1] ?? '').length + frenchNameLength(m[1] ?? '');
      push(m.index, end);
    }
  }
  return out;
}

const FR_PARTICLES = /^(?:de|la|le|les|du|des|d'|l'|d’|l’|sur|en|aux?)$/iu;

/** "de la Paix et merci" -> "de la Paix": capitalised words and particles, no trailing particle. */
function frenchNameLength(words: string): number {
  const parts = [...words.matchAll(/\S+/gu)];
  let endAt = 0;
  for (let i = 0; i < parts.length; i++) {
    const w = (parts[i] as RegExpMatchArray)[0];
    if (FR_PARTICLES.test(w) || /^(?:[dl]['’])?\p{Lu}/u.test(w)) {
      if (!FR_PARTICLES.test(w)) endAt = ((parts[i] as RegExpMatchArray).index ?? 0) + w.length;
    } else if (i === 0) {
      // Typed in lower case ("12 rue victor hugo"): keep the first word at least.
      endAt = w.length;
    } else break;
  }
  return endAt;
}

// UK postcode areas (Royal Mail), so "KD55 8XK"-style model numbers are not postcodes.
const UK_AREAS =
  'AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE';
const UK_POSTCODE = new RegExp(
  `(?<![\\p{L}\\p{N}_\\-])(?:${UK_AREAS.split(' ').join('|')})\\d[A-Z\\d]?\\s?\\d[ABD-HJLNP-UW-Z]{2}(?![\\p{L}\\p{N}_\\-])`,
  'giu',
);
// Eircode: routing key (letter from the Eircode set + 2 digits, or D6W) + 4-character identifier.
const EIRCODE = /(?<![\p{L}\p{N}_\-])(?:[AC-FHKNPRTV-Y]\d{2}|D6W)\s?[0-9AC-FHKNPRTV-Y]{4}(?![\p{L}\p{N}_\-])/giu;
const FIVE_DIGITS = /(?<![\p{L}\p{N}_.,\-\/])(\d{5})(?:-(\d{4}))?(?![\p{L}\p{N}_]|[.,\/]\d)/gu;
const US_STATES =
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR';
const STATE_BEFORE = new RegExp(`(?:^|[\\s,])(?:${US_STATES.split(' ').join('|')})\\.?,?\\s*$`, 'u');
const ZIP_CUE = /(?:\bzip(?:\s*code)?|\bpostal\s*code|\bpost\s*code|\bpostcode|\bplz|\bpostleitzahl|\bcode\s+postal|\bc\.?p\.?|\bcódigo\s+postal|\bpostnummer)\s*(?:is|ist|est|es|:|=|#|-)?\s*(?:[A-Z]-)?$/iu;
const COUNTRY_PREFIX = /(?:^|[\s,(])(?:D|F|A|CH|L|B)-$/u;
// "D-50667 Köln", "F-75002", "CH-8001": the old European country-prefixed form needs no cue, with
// each country's own length (Germany and France five digits; Austria, Switzerland, Luxembourg and
// Belgium four), so an order reference such as "A-12345" is not read as an Austrian postcode.
const PREFIXED = /(?<![\p{L}\p{N}_\-])(?:(?:D|F)-\d{5}|(?:A|CH|L|B)-\d{4})(?![\p{L}\p{N}_])/gu;

export interface PostcodeContext {
  /** Ends of street findings: a five-digit code right after one is a postcode. */
  streetEnds: readonly number[];
}

export function detectPostcodes(text: string, ctx: PostcodeContext): Candidate[] {
  const out: Candidate[] = [];
  const push = (start: number, end: number): void => {
    out.push({ type: 'postcode', start, end, placeholder: '[postcode]' });
  };
  for (const re of [UK_POSTCODE, EIRCODE]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const v = m[0];
      // Mixed case ("Sw1a 1aA") is not how anyone writes a postcode; an all-digit or all-letter
      // identifier part of an Eircode-shaped token is usually a model or part number.
      if (v !== v.toUpperCase() && v !== v.toLowerCase()) continue;
      if (re === EIRCODE) {
        const id = v.replace(/\s/g, '').slice(3);
        if (!/\d/.test(id) || !/[A-Za-z]/.test(id)) {
          if (!ZIP_CUE.test(text.slice(Math.max(0, m.index - 24), m.index)) && !/eircode/i.test(text.slice(Math.max(0, m.index - 24), m.index))) continue;
        }
      }
      push(m.index, m.index + v.length);
    }
  }
  let m: RegExpExecArray | null;
  PREFIXED.lastIndex = 0;
  while ((m = PREFIXED.exec(text)) !== null) push(m.index, m.index + m[0].length);
  FIVE_DIGITS.lastIndex = 0;
  while ((m = FIVE_DIGITS.exec(text)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    const before = text.slice(Math.max(0, start - 32), start);
    const afterStreet = ctx.streetEnds.some((e) => e <= start && /^[\s,]*(?:[\p{L}\-]+[\s,]+){0,2}$/u.test(text.slice(e, start)) && start - e <= 40);
    const cue = ZIP_CUE.test(before) || COUNTRY_PREFIX.test(before) || STATE_BEFORE.test(before);
    if (!cue && !afterStreet) continue;
    push(COUNTRY_PREFIX.test(before) ? start - 2 : start, end);
  }
  return out;
}
