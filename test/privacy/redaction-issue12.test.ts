/**
 * Issue 12 (names, addresses, postcodes, dates of birth, phones in any plan) and issue 14 item 7
 * (PII in other scripts). The labelled set pii-cases-issue12.json was written apart from the code.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createPreviousRedactor,
  createRedactor,
  foldText,
  knowledgeBaseAllowList,
  redact,
  scorePii,
  type Finding,
  type PiiCase,
  type PiiType,
} from '../../main/privacy/redact';
import rawCases from './pii-cases-issue12.json';
import rawOld from './pii-cases.json';

const cases = rawCases as PiiCase[];
const oldCases = rawOld as PiiCase[];
const kb = JSON.parse(readFileSync(path.resolve(__dirname, '../../main/kb/default-kb.json'), 'utf8')) as Parameters<typeof knowledgeBaseAllowList>[0];
const allow = knowledgeBaseAllowList(kb);

function wellFormed(text: string, findings: Finding[], out: string): void {
  let rebuilt = '';
  let p = 0;
  for (const f of findings) {
    expect(f.start).toBeGreaterThanOrEqual(p);
    expect(f.end).toBeGreaterThan(f.start);
    rebuilt += text.slice(p, f.start) + f.placeholder;
    p = f.end;
  }
  expect(rebuilt + text.slice(p)).toBe(out);
}

describe('issue 12 labelled set', () => {
  it('has >= 60 cases per new type and >= 100 look-alikes, every value present in its text', () => {
    const count = (t: PiiType) => cases.filter((c) => c.expect.some((e) => e.type === t)).length;
    for (const t of ['name', 'address', 'postcode', 'dob', 'phone'] as const) expect(count(t), t).toBeGreaterThanOrEqual(60);
    expect(cases.filter((c) => c.expect.length === 0).length).toBeGreaterThanOrEqual(100);
    for (const c of cases) for (const e of c.expect) expect(c.text).toContain(e.value);
    expect(new Set(cases.map((c) => c.text)).size).toBe(cases.length);
  });

  it('meets the recall targets, and the look-alikes survive', () => {
    const s = scorePii(cases, { allow });
    const report = s.misses.map((m) => `${m.kind} ${m.type} "${m.value}" in "${m.text}"`).join('\n');
    expect(s.perType.phone.recall, report).toBeGreaterThanOrEqual(0.95);
    for (const t of ['name', 'address', 'postcode', 'dob'] as const) expect(s.perType[t].recall, `${t}\n${report}`).toBeGreaterThanOrEqual(0.9);
    const lookalikes = cases.filter((c) => c.expect.length === 0);
    const r = createRedactor({ allow, countries: ['GB', 'DE', 'FR'] });
    const kept = lookalikes.filter((c) => r(c.text).findings.length === 0);
    expect(kept.length / lookalikes.length, lookalikes.filter((c) => !kept.includes(c)).map((c) => c.text).join(' | ')).toBeGreaterThanOrEqual(0.95);
  });

  it('today\'s redactor beats the previous one on the new types (the previous finds none of them)', () => {
    const now = scorePii(cases, { allow });
    const before = scorePii(cases, { allow }, createPreviousRedactor);
    for (const t of ['name', 'address', 'postcode', 'dob'] as const) {
      expect(before.perType[t].tp, t).toBe(0);
      expect(now.perType[t].tp, t).toBeGreaterThan(50);
    }
    expect(now.perType.phone.recall).toBeGreaterThan(before.perType.phone.recall);
  });

  it('keeps precision >= 0.98 for every type on the existing labelled set', () => {
    const s = scorePii(oldCases, { allow });
    const report = s.misses.map((m) => `${m.kind} ${m.type} "${m.value}"`).join('; ');
    for (const [t, v] of Object.entries(s.perType)) expect(v.precision, `${t}: ${report}`).toBeGreaterThanOrEqual(0.98);
  });

  it('finds nothing in >= 99.5% of the 27k real customer-service messages (bitext)', () => {
    const file = path.resolve(__dirname, '../../../shared/datasets/bitext-customer-service.json');
    const texts = (JSON.parse(readFileSync(file, 'utf8')) as { train: { text: string }[] }).train.map((m) => m.text);
    expect(texts.length).toBeGreaterThan(27_000);
    const r = createRedactor({ allow, countries: ['GB', 'DE', 'FR'] });
    const flagged = texts.filter((t) => r(t).findings.length > 0);
    expect(flagged.length, flagged.slice(0, 5).join(' | ')).toBeLessThanOrEqual(Math.floor(texts.length * 0.005));
  });
});

describe('names', () => {
  it('after cues, with titles, hyphens, apostrophes, particles, non-English names and lower case', () => {
    expect(redact('this is Priya Shah, my order is late').text).toBe('this is [name], my order is late');
    expect(redact('for Mrs Patel please').text).toBe('for Mrs [name] please');
    expect(redact('my husband Dave will collect it').text).toBe('my husband [name] will collect it');
    expect(redact('Name: Jean-Luc Picard').text).toBe('Name: [name]');
    expect(redact("this is Kevin O'Brien, order 4839201").text).toBe('this is [name], order 4839201');
    expect(redact('My name is Ludwig van Beethoven').text).toBe('My name is [name]');
    expect(redact('mein Name ist Jürgen Becker').text).toBe('mein Name ist [name]');
    expect(redact('hi this is priya shah').text).toBe('hi this is [name]');
  });

  it('leaves ordinary words after weak cues, brands, and the shop\'s own names', () => {
    for (const t of ["I'm trying to cancel", 'this is ridiculous', "I'm sorry", 'this is for my Dyson', 'I hope you can help', 'Will it arrive by Friday?']) {
      expect(redact(t, { allow }).findings, t).toEqual([]);
    }
    expect(redact('this is Riverside Electricals right?', { allow }).findings).toEqual([]);
    expect(redact("I'm Riverside Rewards member", { allow }).findings).toEqual([]);
    // The owner's never-a-name list wins over the shipped name list.
    expect(redact('this is Jordan speaking').text).toBe('this is [name] speaking');
    expect(redact('this is Jordan speaking', { allow: ['Jordan'] }).findings).toEqual([]);
  });
});

describe('look-alikes from real traffic (the 5 intent datasets the bench reads): dates, places and venues after "for"', () => {
  // Each was masked as a name or an address before (snips: bookings, weather, cinema questions).
  const kept = [
    'Need a table for sep. first in Haiti for a party of three',
    'book a restaurant for Jul. 27',
    'can I get a delivery for mar 20th?',
    'Book The Crown at Whitebrook for Dec. the twenty-third, 2029.',
    'What is the forecast for Dec. 15 in Lake Woodruff',
    'do you ship for France or Argentina?',
    'What is the weather forecast for North Carolina',
    'Give me a weather forecast for CA',
    'Book a reservation for Thomas Hynes House on jan. the third',
    'I need a reservation for Blue Ribbon Barbecue far from NY',
    'tickets for General Cinema Corporation please',
    'the forecast for Walker Bay Nature Reserve',
    "Is it going to be sunny at 21 o'clock close-by District Of Columbia?",
    'Will it be chillier on october 17 nearby East Glacier Park',
    'Where can I get the album So Fresh: The Hits of Spring 2011',
    // Artists, places and titles of works (snips: playlists, weather, creative works, cinema).
    'Add this track to my This Is Thomas Rhett playlist',
    'add song to This Is Philip Glass',
    'put deep purple on this is jennifer lopez',
    'Add tune to this is trey songz',
    'Add this artist named Prince to the playlist all new all now',
    'Look for the creative work called White Sugar',
    'Where can I see the trailer for Love on the Beat',
    'What is the weather forecast for Garrison',
    'Tell me the weather forecast for Alexander, SD',
    "I'd like to watch Miss Congeniality",
    'rate Goodbye, Mr. Chips one stars',
  ];
  for (const t of kept) {
    it(`keeps "${t}"`, () => {
      expect(redact(t, { allow, countries: ['GB', 'DE', 'FR'] }).findings).toEqual([]);
    });
  }

  it('still masks the people in the same sentences, and names that are also months or places after a strong cue', () => {
    // Everyone in the list, not only the first ("for [name] and brenda" kept a guest in clear).
    expect(redact('book a table for rita and brenda', { allow }).text).toBe('book a table for [name] and [name]');
    expect(redact('a table for Rita, Edith and Brenda Smith at 8', { allow }).text).toBe('a table for [name], [name] and [name] at 8');
    expect(redact('a table for Jan and I at 8', { allow }).text).toBe('a table for [name] and I at 8');
    // A person after "called"/"named", an introduction, and a person beside a media word's cue.
    expect(redact('a guy called Dave Moss helped me', { allow }).text).toBe('a guy called [name] helped me');
    expect(redact('hi, this is Priya Shah about my order', { allow }).text).toBe('hi, this is [name] about my order');
    expect(redact('this is Jan Kowalski', { allow }).text).toBe('this is [name]');
    expect(redact('a table for Jan at 8', { allow }).text).toBe('a table for [name] at 8');
    expect(redact('my name is Georgia Brown', { allow }).text).toBe('my name is [name]');
    expect(redact('my name is Jenny Park', { allow }).text).toBe('my name is [name]');
    expect(redact('Lieferung an Kaiserring 12', { allow }).text).toBe('Lieferung an [address]');
  });
});

describe('addresses and postcodes', () => {
  it('UK, US, Irish, German, French and Spanish street forms, flats included', () => {
    expect(redact('Deliver to 14 Elm Road, flat 2').text).toBe('Deliver to [address]');
    expect(redact('ship it to 1600 Pennsylvania Ave NW').text).toBe('ship it to [address]');
    expect(redact('Lieferadresse: Hauptstraße 12, 10115 Berlin').text).toBe('Lieferadresse: [address], [postcode] Berlin');
    expect(redact('livrer au 12 rue de la Paix, 75002 Paris').text).toBe('livrer au [address], [postcode] Paris');
    expect(redact('mi dirección es Calle Mayor 5').text).toBe('mi dirección es [address]');
  });

  it('postcodes: UK, Eircode, ZIP / ZIP+4 and five-digit codes only with context', () => {
    expect(redact('London SW1A 1AA').text).toBe('London [postcode]');
    expect(redact('Eircode D02 X285').text).toBe('Eircode [postcode]');
    expect(redact('Austin, TX 78701-1234').text).toBe('Austin, TX [postcode]');
    expect(redact('PLZ 10115').text).toBe('PLZ [postcode]');
    for (const t of ['I have 10115 loyalty points', 'reference 75002 in your letter', 'model KD-55X80K', 'product code 90210-B']) expect(redact(t).findings, t).toEqual([]);
    // Country-prefixed codes at their country's length; an order reference of another length is not one.
    expect(redact('D-50667 Köln').text).toBe('[postcode] Köln');
    expect(redact('A-1010 Wien').text).toBe('[postcode] Wien');
    for (const t of ['A-12345', 'my order is A-12345', 'CH-80012']) expect(redact(t).findings, t).toEqual([]);
  });

  it('the shop\'s own address in the knowledge base survives; quantities on the road survive', () => {
    expect(redact('your shop at 12 Market Street is closed', { allow }).findings).toEqual([]);
    expect(redact('your shop at 12 Market Street is closed').text).toBe('your shop at [address] is closed');
    expect(redact('I waited 20 minutes on the road outside').findings).toEqual([]);
    expect(redact('I need a 2 way switch').findings).toEqual([]);
  });
});

describe('dates of birth', () => {
  it('masks a date said to be a birth date, in several languages and forms', () => {
    expect(redact('DOB 14/03/1987').text).toBe('DOB [date of birth]');
    expect(redact('I was born on 3rd May 1990').text).toBe('I was born on [date of birth]');
    expect(redact('geboren am 3. März 1975').text).toBe('geboren am [date of birth]');
    expect(redact('née le 12 janvier 1990').text).toBe('née le [date of birth]');
  });

  it('keeps delivery and purchase dates, and birthday presents', () => {
    for (const t of ['delivered 12/05/2024 at 10:30', 'purchase date 03/02/2023', 'I bought it as a birthday gift on 12/05/2024', 'it was delivered on 14 March']) {
      expect(redact(t).findings, t).toEqual([]);
    }
  });
});

describe('phones in any numbering plan', () => {
  it('store region first, then the shop\'s countries', () => {
    expect(redact('Ruf mich an: 030 12345678', { region: 'US', countries: ['DE'] }).text).toBe('Ruf mich an: [phone]');
    expect(redact('fixe 01 42 68 53 00', { region: 'US', countries: ['GB', 'FR'] }).text).toBe('fixe [phone]');
    // Without FR among the countries the same digits are no plan's: they survive (no cue here).
    expect(redact('fixe 01 42 68 53 00', { region: 'US' }).findings).toEqual([]);
  });

  it('any international form, and a phone-shaped run after a phone cue even when no plan accepts it', () => {
    expect(redact('UK mobile +44 7700 900123').text).toBe('UK mobile [phone]');
    expect(redact('my phone number is 555 0199 7788').text).toBe('my phone number is [phone]');
    expect(redact('call me on 07700 900456', { region: 'US' }).text).toBe('call me on [phone]');
  });

  it('order numbers, prices, model numbers and quantities survive', () => {
    for (const t of ['my order number is 48392017', 'order 123456789 shipped', 'price was $1,299.99', 'quantity 12500 units', 'serial number SN 5512 9981 2231', 'call me back later']) {
      expect(redact(t, { countries: ['GB', 'DE', 'FR'] }).findings, t).toEqual([]);
    }
  });
});

describe('issue 14 item 7: PII in other scripts is folded before detection', () => {
  const folded: [string, string, string][] = [
    ['fullwidth card digits', 'card ４１１１ １１１１ １１１１ １１１１', 'card [card ••1111]'],
    ['Arabic-Indic card digits', 'card ٤١١١ ١١١١ ١١١١ ١١١١', 'card [card ••1111]'],
    ['Persian digits', 'card ۴۱۱۱۱۱۱۱۱۱۱۱۱۱۱۱', 'card [card ••1111]'],
    ['zero-width spaces inside a card', '4111\u200b1111\u200b1111\u200b1111 ok', '[card ••1111] ok'],
    ['mixed separators', 'card 4111-1111 1111.1111', 'card [card ••1111]'],
    ['slashes', 'card 4111/1111/1111/1111', 'card [card ••1111]'],
    ['fullwidth @ and .', 'mail jo＠example．com', 'mail [email]'],
    ['(at) (dot)', 'mail jo (at) example (dot) com', 'mail [email]'],
    ['[at] [dot]', 'mail jo [at] example [dot] com', 'mail [email]'],
    ['bare at / dot', 'mail jane at example dot com', 'mail [email]'],
    ['fullwidth IBAN', 'IBAN ＤＥ８９ ３７０４ ００４４ ０５３２ ０１３０ ００', 'IBAN [iban ••3000]'],
    ['fullwidth SSN', 'SSN ５３６-２２-１９８７', 'SSN [ssn]'],
  ];
  for (const [name, input, expected] of folded) {
    it(`${name}: masked (the previous redactor stored it in clear)`, () => {
      expect(createPreviousRedactor()(input).text).toBe(input);
      const r = redact(input);
      expect(r.text).toBe(expected);
      wellFormed(input, r.findings, r.text);
    });
  }

  it('maps findings back to the original spans, invisible characters included', () => {
    const input = 'x ４１１１\u200b１１１１ １１１１ １１１１ y';
    const r = redact(input);
    expect(r.findings).toHaveLength(1);
    expect(input.slice(r.findings[0]!.start, r.findings[0]!.end)).toBe('４１１１\u200b１１１１ １１１１ １１１１');
    const f = foldText('a\u200bb١');
    expect(f.text).toBe('ab1');
  });

  it('"arrived at Amazon.com" and "look at this" are not spelled-out e-mails', () => {
    expect(redact('arrived at Amazon.com').findings).toEqual([]);
    expect(redact('please look at this dot matrix printer').findings).toEqual([]);
  });
});

describe('hostile input never stalls the new detectors', () => {
  const N = 100_000;
  const inputs: Record<string, string> = {
    cueSpaces: 'dob' + ' '.repeat(N),
    nameCues: 'my name is '.repeat(N / 11),
    streetNumbers: '12 Elm '.repeat(N / 7),
    atTokens: 'a (at) b (dot) '.repeat(N / 15),
    fullwidthDigits: '４'.repeat(N),
    zeroWidth: '1\u200b'.repeat(N / 2),
    postcodes: 'SW1A 1AA '.repeat(N / 9),
    phoneCues: 'call me on 0'.repeat(N / 12),
  };
  for (const [name, text] of Object.entries(inputs)) {
    // A generous bound that only a super-linear scan could miss; the real number is in the bench.
    it(`${name}: returns, with well-formed findings`, () => {
      const t0 = performance.now();
      const r = redact(text, { countries: ['GB', 'DE', 'FR'] });
      expect(performance.now() - t0).toBeLessThan(20_000);
      wellFormed(text, r.findings, r.text);
    });
  }
});
