/**
 * People's names (issue 12). Two signals: cue phrases ("my name is", "this is", "I'm", titles, "my
 * husband ...") and a list of given names and surnames (data/names.json, built from @faker-js/faker's
 * per-locale lists by scripts/build-names.mjs). A strong cue ("my name is", a title) accepts any
 * plausible name word; a weak cue ("this is", "I'm", "for") needs a listed name, and a listed name
 * that is also an everyday English word ("will", "hope") only counts when capitalised. Words on the
 * allow-list (knowledge-base entities, brands, the shop's own names, the owner's list) are never
 * part of a name. Linear: one regex pass for cues, then at most MAX_TOKENS words read after each.
 */
import { getCountries } from 'libphonenumber-js/max';
import namesData from './data/names.json';
import type { Candidate } from './types';

interface NameLists {
  given: Set<string>;
  surname: Set<string>;
  common: Set<string>;
}

let lists: NameLists | null = null;
function nameLists(): NameLists {
  if (!lists) {
    const d = namesData as { given: string[]; surname: string[]; common: string[] };
    lists = { given: new Set(d.given), surname: new Set(d.surname), common: new Set(d.common) };
  }
  return lists;
}

/** True when `word` (any case) is on the shipped given-name or surname list. */
export function isListedName(word: string): boolean {
  const l = nameLists();
  const w = word.toLowerCase();
  return l.given.has(w) || l.surname.has(w);
}

const MAX_TOKENS = 4;

// Words that never start or continue a name whatever the lists say: function words, greetings,
// words that follow "I'm" / "this is" in ordinary requests, and shop vocabulary.
const STOP = new Set(
  (
    'a an the and or but nor so yet if then than that this these those there here where when what who whom whose which why how ' +
    'i me my mine you your yours he him his she her hers it its we us our they them their not no yes ok okay ' +
    'is am are was were be been being have has had do does did will would shall should can could may might must ' +
    'to of in on at by for from with without about into onto over under after before between through during ' +
    'sorry trying looking calling writing having going getting waiting wondering interested unable able afraid ' +
    'happy glad sure new here still just also very really quite too only again please thanks thank cheers hi hello hey dear ' +
    'order orders delivery refund return account card phone number email address street road postcode zip code ' +
    'customer client member staff manager agent support team service shop store help kiosk bot ' +
    'mr mrs ms miss mx dr prof sir madam herr frau mme mlle monsieur madame señor señora sr sra srta ' +
    'today tomorrow yesterday monday tuesday wednesday thursday friday saturday sunday ' +
    'january february march april june july august september october november december ' +
    'calling regarding concerning re fw fwd urgent online offline home work'
  ).split(' '),
);

// Name particles allowed inside a name ("Ludwig van Beethoven", "María de la Cruz", "bin Salman").
const PARTICLES = new Set('van von der den de del della di da du dos das la le bin binti ibn al el st ter ten'.split(' '));

// Places that are also given names: after "from" / "for" they are far more often the place.
const PLACES = new Set('jordan chad georgia india israel kenya florence paris victoria sydney austin charlotte dallas houston lincoln orlando phoenix savannah chelsea brooklyn york london berlin madrid vienna adelaide aurora'.split(' '));

// Month abbreviations that are also listed names ("Jan", "Mar", "Sep"): followed by a day they are a
// date ("a table for sep. first", "delivery for Mar 20th"), never a person.
const MONTH_ABBR = new Set('jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '));
const DAY_AFTER = /^\.?,?[ \t]*(?:\d|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twent|thirt|the\s+\d|the\s+(?:first|second|third|fourth|fifth|last|twent|thirt))/iu;

// After a weak cue, a span holding one of these words names a venue, a firm or a place ("a table for
// Thomas Hynes House", "tickets for Warren Theatres", "the forecast for Walker Bay Nature Reserve"),
// not a person. Only after weak cues: "my name is Jenny Park" is a person.
const NOT_A_PERSON_WORDS = new Set(
  ('corporation corp company co inc ltd llc plc gmbh group foundation association society club ' +
    'theatre theatres theater theaters cinema cinemas presents records ' +
    'restaurant grill barbecue bbq diner tavern inn pub bar cafe café bistro brasserie bakery hotel motel ' +
    'house hall centre center museum gallery library university college school academy hospital clinic church ' +
    'airport station mall market plaza ' +
    'park reserve beach forest lake river bay island islands mountain mountains valley hills canyon county city town ' +
    'national state historic recreation wildlife monument memorial').split(' '),
);

const US_STATES =
  'alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming';
const US_STATES_TWO_WORDS = ['new hampshire', 'new jersey', 'new mexico', 'new york', 'north carolina', 'north dakota', 'rhode island', 'south carolina', 'south dakota', 'west virginia', 'district of columbia', 'puerto rico'];

let placeNames: Set<string> | null = null;
/** Countries (their English names, from Intl) and US states, lower case, with the PLACES above. */
function placeNameSet(): Set<string> {
  if (!placeNames) {
    const s = new Set<string>([...PLACES, ...US_STATES.split(' '), ...US_STATES_TWO_WORDS]);
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    for (const c of getCountries()) {
      const n = names.of(c);
      if (n) s.add(n.toLowerCase());
    }
    placeNames = s;
  }
  return placeNames;
}

/**
 * After a weak cue: is the span (or the word right after it) a venue, firm or place rather than a
 * person? "for France", "for North Carolina", "for General Cinema Corporation".
 */
function notAPerson(text: string, start: number, end: number, cue: string): boolean {
  const span = text.slice(start, end).toLowerCase().replace(/\s+/g, ' ');
  const words = span.split(' ');
  if (words.some((w) => NOT_A_PERSON_WORDS.has(w))) return true;
  const next = /^[ \t]+(\p{Lu}[\p{L}\p{M}]*)/u.exec(text.slice(end, end + 32));
  if (next && NOT_A_PERSON_WORDS.has((next[1] as string).toLowerCase())) return true;
  if (/^(?:from|for|in|to)\b/i.test(cue)) {
    const placeSet = placeNameSet();
    for (let n = words.length; n > 0; n--) if (placeSet.has(words.slice(0, n).join(' '))) return true;
  }
  return false;
}

/**
 * A name that is an artist, a place or the title of a work, not a customer: the cue follows a
 * media or weather word ("my This Is Philip Glass playlist", "the trailer for Love on the Beat",
 * "the forecast for Conrad", "watch Miss Congeniality"), or the name runs into "playlist", or
 * "called"/"named" follows a thing rather than a person ("an album called Just Call Me Stupid"; "a
 * guy called Dave" is still a person). Real traffic (snips) is full of these; masking them hides
 * nothing about the person typing. "book" is left out: "book a table for Rita" names a guest.
 */
const WORK_BEFORE =
  /\b(?:playlists?|songs?|tracks?|tunes?|albums?|artists?|bands?|singers?|records?|music|soundtracks?|trailers?|films?|movies?|shows?|showtimes?|showings?|theatres?|theaters?|cinemas?|series|novels?|sagas?|games?|podcasts?|paintings?|pictures?|photographs?|art|creative\s+work|titled|watch|rate|forecast|weather|conditions|temperatures?|snowstorm)\b[^.!?]{0,24}$/iu;
const WORK_AFTER = /^[ \t]+(?:[\p{L}']+[ \t]+)?playlists?\b/iu;
/** "this is" after a preposition or a possessive is the start of a title ("add it to this is Rosana"), never an introduction. */
const TITLE_LEAD = /(?:\b(?:to|on|onto|into|in|my|the|her|his|their|our|your)|'s)[ \t]+$/iu;
/** Who "called"/"named" may name: a person ("a guy called", "my colleague named"). */
const PERSON_BEFORE_NAMED = /\b(?:guy|man|woman|lady|girl|boy|person|someone|somebody|colleague|friend|customer|assistant|chap|fella|bloke|gentleman|he|she|who|is|was|son|daughter|husband|wife|partner|kid|child|baby|staff|member|manager|driver|engineer|fitter|technician)\s+$/iu;

function titleOfAWork(text: string, cueStart: number, cue: string, end: number): boolean {
  const before = text.slice(Math.max(0, cueStart - 48), cueStart);
  if (/^this\s+is$/iu.test(cue) && TITLE_LEAD.test(before)) return true;
  if (/^(?:named|called)$/iu.test(cue) && !PERSON_BEFORE_NAMED.test(before)) return true;
  return WORK_BEFORE.test(before) || WORK_AFTER.test(text.slice(end, end + 40));
}

type Strength = 'strong' | 'relation' | 'title' | 'weak';

const CUE_PARTS: [Strength, string][] = [
  ['strong', "my\\s+name(?:'s|\\s+is)|my\\s+full\\s+name\\s+is|(?:full\\s+)?name\\s*[:=]|(?:the\\s+)?name\\s+(?:is|on\\s+the\\s+(?:order|account|booking|card)\\s+is)|under\\s+the\\s+name(?:\\s+of)?|in\\s+the\\s+name\\s+of|(?:you\\s+can\\s+)?call\\s+me(?!\\s+(?:on|at|back|later|when|if|tomorrow)\\b)|signed\\s*[,:]|sincerely,?|kind\\s+regards,?|best\\s+regards,?|regards,|mi\\s+nombre\\s+es|me\\s+llamo|ich\\s+hei(?:ß|ss)e|mein\\s+name\\s+ist|je\\s+m'appelle|mon\\s+nom\\s+est|mijn\\s+naam\\s+is|ik\\s+heet|attn:?|attention:?|c\\/o|addressed\\s+to|recipient\\s*:"],
  ['relation', "my\\s+(?:husband|wife|partner|son|daughter|mum|mom|mother|dad|father|brother|sister|friend|colleague|boss|neighbou?r|girlfriend|boyfriend|fianc[ée]e?|grandson|granddaughter|grandma|grandmother|grandpa|grandfather|nan|gran|uncle|aunt|auntie|nephew|niece|flatmate|roommate|carer|kid|child|cousin|spouse|landlord|landlady)(?:'s\\s+name\\s+is|\\s+is\\s+called|\\s+called|,)?"],
  ['title', "(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame|herr|frau|mme|mlle|monsieur|madame|señora|señor|sra|srta|sr)\\.?"],
  ['weak', "this\\s+is|it'?s|it\\s+is|i'?m|i\\s+am|here\\s+is|here'?s|for|ask\\s+for|named|called|speak\\s+to|talk\\s+to|thanks,?|thank\\s+you,?|cheers,?|hi,?|hello,?|hey,?|dear|nice\\s+to\\s+meet\\s+you,?|contact|deliver(?:ed)?\\s+to|send\\s+(?:it\\s+)?to|ship\\s+(?:it\\s+)?to|pick(?:ed)?\\s+up\\s+by|collected\\s+by|soy|je\\s+suis|ich\\s+bin|hier\\s+ist|c'est|para|pour|f(?:ü|ue)r"],
];

const CUES = new RegExp(
  '(?<![\\p{L}\\p{N}_])(?:' + CUE_PARTS.map(([, src], i) => `(?<c${i}>${src})`).join('|') + ')(?=[\\s,:]|$)',
  'giu',
);

/** The next person in a list after a name: ", edith", " and martina", " & Dave Smith" (first word, optional second). */
const LIST_NEXT = /(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+(?:and|&|y|e|et|und)[ \t]+)([\p{L}][\p{L}\p{M}'’\-]*)(?:[ \t]([\p{L}][\p{L}\p{M}'’\-]*))?/uy;
const WORD = /[\p{L}][\p{L}\p{M}]*(?:['’\-][\p{L}][\p{L}\p{M}]*)*/uy;
const GAP = /[ \t]*(?:,[ \t]*)?/y;
const INITIAL = /[A-Z]\.?(?=\s)/y;

function isCapitalised(w: string): boolean {
  return /^\p{Lu}/u.test(w) && !/^\p{Lu}{2,}$/u.test(w);
}

export interface NameOptions {
  /** Lower-case words that are never part of a name (brands, entity values, shop names, settings). */
  allow: ReadonlySet<string>;
}

export function detectNames(text: string, opts: NameOptions): Candidate[] {
  const l = nameLists();
  const out: Candidate[] = [];
  // A text in ALL CAPS or Title Case Throughout gives no capitalisation signal.
  const letters = text.replace(/[^\p{L}]/gu, '');
  const allCaps = letters.length > 3 && letters === letters.toUpperCase();
  const listed = (w: string): boolean => l.given.has(w) || l.surname.has(w);
  const blocked = (w: string): boolean => STOP.has(w) || opts.allow.has(w);

  CUES.lastIndex = 0;
  let m: RegExpExecArray | null;
  let floor = 0;
  while ((m = CUES.exec(text)) !== null) {
    const g = m.groups ?? {};
    const strength = CUE_PARTS[Number(Object.keys(g).find((k) => g[k] !== undefined)?.slice(1) ?? 3)]?.[0] ?? 'weak';
    let pos = m.index + m[0].length;
    if (pos < floor) continue;
    const tokens: { start: number; end: number }[] = [];
    let firstCap = false;
    let skippedAllowed = false;
    for (let k = 0; k < MAX_TOKENS; k++) {
      GAP.lastIndex = pos;
      const gap = GAP.exec(text);
      const at = gap ? GAP.lastIndex : pos;
      // A comma ends a name once one word is read ("Priya, my order..."), but may follow the cue.
      if ((k > 0 || strength === 'title') && gap && gap[0].includes(',')) break;
      if (k > 0 && at === pos) break;
      INITIAL.lastIndex = at;
      const init = k < MAX_TOKENS - 1 && !allCaps ? INITIAL.exec(text) : null;
      if (init && (k > 0 || strength !== 'weak')) {
        tokens.push({ start: at, end: INITIAL.lastIndex });
        pos = INITIAL.lastIndex;
        continue;
      }
      WORD.lastIndex = at;
      const w = WORD.exec(text);
      if (!w) break;
      const word = w[0];
      const afterWord = WORD.lastIndex;
      const lw = word.toLowerCase().replace(/’/g, "'");
      const cap = !allCaps && isCapitalised(word);
      const base = lw.replace(/'s$/, '');
      let ok: boolean;
      if (k === 0) {
        if (blocked(lw) || blocked(base)) {
          // After "my name is" / a title / "my husband", an allowed word first ("Aurora" the lamp,
          // a brand) is stepped over once, so the surname after it is still read ("my name is Aurora
          // Quixwell" keeps "Aurora", masks "Quixwell"); after a weak cue it ends the name.
          // Only the allow-list's words: a stop word ("my brother in Mexico") still ends it.
          if (strength === 'weak' || skippedAllowed || STOP.has(lw) || STOP.has(base)) break;
          skippedAllowed = true;
          pos = afterWord;
          k--;
          continue;
        }
        if (MONTH_ABBR.has(lw) && DAY_AFTER.test(text.slice(afterWord, afterWord + 24))) break;
        // "the forecast for CA", "for VI": two or three capitals after a weak cue are a code, not a name.
        if (strength === 'weak' && /^\p{Lu}{2,3}$/u.test(word)) break;
        const common = l.common.has(lw);
        if (strength === 'strong') ok = !(common && !cap) || listed(lw) || cap;
        else if (strength === 'relation' || strength === 'title') ok = (listed(lw) && !(common && !cap)) || (cap && !common) || (cap && listed(lw));
        else ok = listed(lw) && (cap || !common) && !(PLACES.has(lw) && /^(?:from|for|in|to)\b/i.test(m[0]));
        if (ok && strength === 'strong' && !listed(lw) && !cap && /(?:ing|ed|ly)$/.test(lw)) ok = false;
        firstCap = cap;
      } else {
        if (PARTICLES.has(lw) && !opts.allow.has(lw)) {
          // A particle only counts when a name word follows it.
          GAP.lastIndex = WORD.lastIndex;
          GAP.exec(text);
          WORD.lastIndex = GAP.lastIndex;
          const nx = WORD.exec(text);
          ok = nx !== null && (isCapitalised(nx[0]) || l.surname.has(nx[0].toLowerCase()));
        } else if (blocked(lw) || blocked(base)) {
          ok = false;
        } else {
          const common = l.common.has(lw);
          ok = (listed(lw) && (cap || !common)) || (firstCap && cap && !common) || (strength !== 'weak' && /^(?:o'|mc|mac|d'|fitz|al-|el-|ben-|abu-)\p{L}{2,}/u.test(lw)) ||
            // All lower case after "my name is": "john smith" / "fatima al-sayed" carry no capital to go by.
            (strength === 'strong' && !firstCap && !cap && !common && !/(?:ing|ed|ly)$/.test(lw) && k === 1);
        }
      }
      if (!ok) break;
      // "Dave's" -> the name is "Dave".
      tokens.push({ start: w.index, end: w.index + word.length - (lw.endsWith("'s") ? 2 : 0) });
      pos = afterWord;
      if (lw.endsWith("'s")) break;
    }
    // Trailing particles or initials alone are not a name.
    while (tokens.length > 0) {
      const t = tokens[tokens.length - 1] as { start: number; end: number };
      const tw = text.slice(t.start, t.end).toLowerCase();
      if (PARTICLES.has(tw) || /^[a-z]\.?$/.test(tw)) tokens.pop();
      else break;
    }
    if (tokens.length === 0) continue;
    const start = (tokens[0] as { start: number }).start;
    const end = (tokens[tokens.length - 1] as { end: number }).end;
    const work = (strength === 'weak' || strength === 'title' || /^in\s+the\s+name\s+of$/i.test(m[0])) && titleOfAWork(text, m.index, m[0], end);
    let last = end;
    if (!work && !(strength === 'weak' && notAPerson(text, start, end, m[0]))) {
      out.push({ type: 'name', start, end, placeholder: '[name]' });
      // "a table for rita and brenda", "for marjorie vasquez, edith and martina": the people listed
      // after a name are named too (listed given names, with a listed surname after them).
      for (let more = 0; more < MAX_TOKENS; more++) {
        LIST_NEXT.lastIndex = last;
        const n = LIST_NEXT.exec(text);
        if (!n) break;
        const first = (n[1] as string).toLowerCase();
        if (!l.given.has(first) || blocked(first) || (l.common.has(first) && !isCapitalised(n[1] as string))) break;
        const nStart = n.index + n[0].length - (n[1] as string).length - (n[2] ? n[2].length + 1 : 0);
        const surname = n[2] && l.surname.has(n[2].toLowerCase()) && !blocked(n[2].toLowerCase()) ? n[2] : null;
        const nEnd = nStart + (n[1] as string).length + (surname ? 1 + surname.length : 0);
        out.push({ type: 'name', start: nStart, end: nEnd, placeholder: '[name]' });
        last = nEnd;
      }
    }
    floor = last;
    CUES.lastIndex = Math.max(CUES.lastIndex, last);
  }
  return out;
}
