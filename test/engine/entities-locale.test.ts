/**
 * Entities per locale (issue 17 item 6): money, dates, numbers and phones read in the message's
 * language, relative dates from a reference day the caller passes in (the engine never reads the
 * clock), phones in the shop's region; and slot values written back through Intl in the reply's
 * language.
 */
import { describe, expect, it } from 'vitest';
import { classify, createMultilingualDialogue, kbForLanguage, kbLanguages, trainModel, validateKnowledgeBase, type DialogueState, type Model } from '../../main/engine';
import { extractEntities, type Entity, type EntityOptions } from '../../main/engine/entities';
import { formatEntityValue } from '../../main/engine/entity-format';
import { slotKb } from './fixtures/slot-kb';

// A Thursday.
const TODAY = '2026-12-03';
const es: EntityOptions = { locale: 'es', today: TODAY, region: 'ES' };
const en: EntityOptions = { locale: 'en', today: TODAY, region: 'US' };

function only(text: string, entity: string, options: EntityOptions): Entity[] {
  return extractEntities(text, [], options).filter((e) => e.entity === entity);
}
const values = (text: string, entity: string, options: EntityOptions): string[] => only(text, entity, options).map((e) => e.value);

describe('money', () => {
  it('reads English amounts with thousands separators whole ("$1,299.00" is 1299, not 1.29)', () => {
    const [m] = only('it cost $1,299.00 last week', 'money', en);
    expect(m).toMatchObject({ value: '1299.00 USD', amount: 1299, currency: 'USD', text: '$1,299.00' });
    expect(values('£5 for the bag', 'money', en)).toEqual(['5 GBP']);
    expect(values('about 12 dollars', 'money', en)).toEqual(['12 USD']);
    expect(values('it was 1,299 dollars', 'money', en)).toEqual(['1299 USD']);
    expect(values('€15 please', 'money', en)).toEqual(['15 EUR']);
    // No stray numbers are read out of an amount.
    expect(only('it cost $1,299.00', 'number', en)).toEqual([]);
  });

  it('reads Spanish amounts: decimal comma, dot for thousands, the euro sign before or after, words', () => {
    expect(only('lo vi a 79,99 € en otra tienda', 'money', es)[0]).toMatchObject({ amount: 79.99, currency: 'EUR', text: '79,99 €' });
    expect(values('79,99€', 'money', es)).toEqual(['79.99 EUR']);
    expect(values('la tele cuesta 1.299,00 €', 'money', es)).toEqual(['1299.00 EUR']);
    expect(values('me cobraron 12 euros', 'money', es)).toEqual(['12 EUR']);
    expect(values('son €15', 'money', es)).toEqual(['15 EUR']);
    expect(values('1.299 € al contado', 'money', es)).toEqual(['1299 EUR']);
    expect(values('unos 20 pavos', 'money', es)).toEqual(['20 EUR']);
    expect(only('79,99 € y 1.299,00 €', 'number', es)).toEqual([]);
  });

  it('a dollar sign is the shop region’s dollar', () => {
    expect(values('$20', 'money', { locale: 'en', region: 'CA' })).toEqual(['20 CAD']);
  });
});

describe('dates in Spanish, from the reference day passed in', () => {
  const date = (text: string, options: EntityOptions = es): string[] => values(text, 'datetime', options);

  it('reads day and month (the year nearest the reference day), with and without the year', () => {
    expect(date('¿puedo recogerlo el 3 de marzo?')).toEqual(['2027-03-03']);
    expect(date('3 de marzo de 2027')).toEqual(['2027-03-03']);
    expect(date('el 1º de mayo del 2027')).toEqual(['2027-05-01']);
    // Two weeks ago is nearer than eleven months ahead.
    expect(date('lo compré el 20 de noviembre')).toEqual(['2026-11-20']);
    expect(date('el 3 de Marzo')).toEqual(['2027-03-03']);
  });

  it('reads hoy, mañana, pasado mañana, ayer; "por la mañana" is not tomorrow', () => {
    expect(date('hoy')).toEqual(['2026-12-03']);
    expect(date('mañana')).toEqual(['2026-12-04']);
    expect(date('Mañana')).toEqual(['2026-12-04']);
    expect(date('manana sin falta')).toEqual(['2026-12-04']);
    expect(date('pasado mañana')).toEqual(['2026-12-05']);
    expect(date('ayer')).toEqual(['2026-12-02']);
    expect(date('esta tarde')).toEqual(['2026-12-03']);
    expect(date('paso por la mañana')).toEqual([]);
    expect(date('mañana por la mañana')).toEqual(['2026-12-04']);
    expect(date('mañana a las 5 de la tarde')).toEqual(['2026-12-04', '17:00']);
    expect(date('a las 10 de la mañana')).toEqual(['10:00']);
    expect(date('a las 17:30')).toEqual(['17:30']);
    expect(date('a las 10.30 de la noche')).toEqual(['22:30']);
    expect(date('a la 1.15')).toEqual(['01:15']);
  });

  it('reads weekdays: the next one (today counts), "próximo" after today, "pasado" before; plural is a habit, not a day', () => {
    expect(date('el lunes')).toEqual(['2026-12-07']);
    expect(date('el jueves')).toEqual(['2026-12-03']);
    expect(date('el próximo viernes')).toEqual(['2026-12-04']);
    expect(date('el próximo jueves')).toEqual(['2026-12-10']);
    expect(date('el viernes que viene')).toEqual(['2026-12-04']);
    expect(date('el miercoles')).toEqual(['2026-12-09']);
    expect(date('el sábado')).toEqual(['2026-12-05']);
    expect(date('el lunes pasado')).toEqual(['2026-11-30']);
    expect(date('¿abrís los domingos?')).toEqual(['los domingos']);
    expect(date('la semana que viene')).toEqual(['semana que viene']);
  });

  it('reads 3/4 as day/month in Spanish and month/day in US English; a British shop reads day/month', () => {
    expect(date('el 3/4')).toEqual(['2027-04-03']);
    expect(date('3/4', en)).toEqual(['2027-03-04']);
    expect(date('3/4', { ...en, region: 'GB' })).toEqual(['2027-04-03']);
    // As Intl writes the language there: the Philippines and Puerto Rico month first, Canada (year
    // first) and Spanish in the US day first.
    expect(date('3/4', { ...en, region: 'PH' })).toEqual(['2027-03-04']);
    expect(date('3/4', { ...en, region: 'PR' })).toEqual(['2027-03-04']);
    expect(date('3/4', { ...en, region: 'CA' })).toEqual(['2027-04-03']);
    expect(date('el 3/4', { ...es, region: 'US' })).toEqual(['2027-04-03']);
    expect(date('03/04/2027')).toEqual(['2027-04-03']);
    expect(date('3-4-27')).toEqual(['2027-04-03']);
    expect(date('3.4.2027')).toEqual(['2027-04-03']);
    // Not a day of the calendar: not a date.
    expect(date('31/2')).toEqual([]);
  });

  it('keeps relative words as typed when no reference day is given (the engine never reads the clock), absolute dates still resolve', () => {
    expect(date('mañana', { locale: 'es' })).toEqual(['mañana']);
    expect(date('3 de marzo de 2027', { locale: 'es' })).toEqual(['2027-03-03']);
    expect(date('mañana', { ...es, today: '2027-02-28' })).toEqual(['2027-03-01']);
    expect(date('el 3 de marzo', { ...es, today: '2027-08-01' })).toEqual(['2027-03-03']);
    expect(date('el 3 de marzo', { ...es, today: '2027-10-01' })).toEqual(['2028-03-03']);
  });
});

describe('dates in English', () => {
  const date = (text: string, options: EntityOptions = en): string[] => values(text, 'datetime', options);

  it('reads the same kinds of expression', () => {
    expect(date('tomorrow')).toEqual(['2026-12-04']);
    expect(date('the day after tomorrow')).toEqual(['2026-12-05']);
    expect(date('next friday')).toEqual(['2026-12-04']);
    expect(date('on monday')).toEqual(['2026-12-07']);
    expect(date('last monday')).toEqual(['2026-11-30']);
    expect(date('3rd march')).toEqual(['2027-03-03']);
    expect(date('March 3, 2027')).toEqual(['2027-03-03']);
    expect(date('tomorrow at 5pm')).toEqual(['2026-12-04', '17:00']);
    expect(date('at 9:30 am')).toEqual(['09:30']);
    expect(date('are you open on sundays')).toEqual(['sundays']);
    expect(date('next week')).toEqual(['next week']);
  });

  it('a version number is a number, not a date', () => {
    expect(date('version 2.1')).toEqual([]);
    expect(values('version 2.1', 'number', en)).toEqual(['2.1']);
  });
});

describe('numbers per locale', () => {
  it('reads thousands separators and the decimal mark of the language', () => {
    expect(values('order 1,299 items', 'number', en)).toEqual(['1299']);
    expect(values('2.5 metres', 'number', en)).toEqual(['2.5']);
    expect(values('1.299 unidades', 'number', es)).toEqual(['1299']);
    expect(values('2,5 metros', 'number', es)).toEqual(['2.5']);
    // In English a comma groups thousands only before three digits: "1,5" is two numbers.
    expect(values('1,5', 'number', en)).toEqual(['1', '5']);
  });
});

describe('phones in the shop region (libphonenumber)', () => {
  it('reads a national number in the store region and an international one anywhere', () => {
    expect(only('llámame al 612 345 678', 'phone', es)[0]).toMatchObject({ value: '+34612345678', country: 'ES', text: '612 345 678' });
    expect(only('call +34 612 345 678', 'phone', en)[0]).toMatchObject({ value: '+34612345678', country: 'ES' });
    expect(only('mi número es +44 20 7946 0958', 'phone', es)[0]).toMatchObject({ value: '+442079460958', country: 'GB' });
    expect(only('0034 612 345 678', 'phone', en)[0]).toMatchObject({ value: '+34612345678', country: 'ES' });
  });

  it('a number that is not Spanish in a US shop stays an unverified phone, read in the next shop country when it is one', () => {
    const us = only('call me on 612 345 678', 'phone', en)[0];
    expect(us).toMatchObject({ value: '612345678', text: '612 345 678' });
    expect(us?.country).toBeUndefined();
    expect(only('call me on 612 345 678', 'phone', { ...en, regions: ['ES'] })[0]).toMatchObject({ value: '+34612345678', country: 'ES' });
    // Its digits are still claimed: no order number is read out of a phone.
    expect(only('ring 07700 900123', 'order_number', en)).toEqual([]);
  });
});

describe('other languages and hostile input', () => {
  it('a language without its own words reads the English words and every numeric form; a bad tag throws nothing', () => {
    // French: day/month like Spanish, the English words, the decimal comma from Intl.
    expect(values('3/4/2027, tomorrow', 'datetime', { locale: 'fr', today: TODAY })).toEqual(['2027-04-03', '2026-12-04']);
    expect(values('2,5 kg', 'number', { locale: 'fr' })).toEqual(['2.5']);
    expect(values('79,99 € tomorrow', 'money', { locale: 'not a language!' })).toEqual(['79.99 EUR']);
  });

  it('long runs of digits, dates and words are read (bounded: 200 matches per kind), spans never overlap', () => {
    expect(values('mañana '.repeat(140), 'datetime', es)).toEqual(Array(140).fill('2026-12-04'));
    // Past the libphonenumber budget (8 reads) a number keeps its digits, which here are the same.
    expect(values('+34 612 345 678 '.repeat(60), 'phone', es)).toEqual(Array(60).fill('+34612345678'));
    for (const text of ['1 '.repeat(500), '3/4/'.repeat(250), '$1,'.repeat(330), '12 34 '.repeat(166)]) {
      const found = extractEntities(text, [], es);
      expect(found.length).toBeGreaterThan(0);
      expect(found.every((e) => text.slice(e.start, e.start + e.text.length) === e.text)).toBe(true);
      const spans = found.map((e) => [e.start, e.start + e.text.length] as const).sort((x, y) => x[0] - y[0]);
      expect(spans.every((sp, i) => i === 0 || sp[0] >= (spans[i - 1] as readonly [number, number])[1])).toBe(true);
    }
  });
});

describe('same input, same entities', () => {
  it('depends on the options only (no clock)', () => {
    const a = extractEntities('mañana, 79,99 € y el 612 345 678', [], es);
    expect(extractEntities('mañana, 79,99 € y el 612 345 678', [], es)).toEqual(a);
    expect(extractEntities('mañana', [], { ...es, today: '2027-01-10' })[0]?.value).toBe('2027-01-11');
  });
});

describe('slot values written in the reply’s language (Intl)', () => {
  it('dates, times, money and numbers', () => {
    expect(formatEntityValue('datetime', '2027-03-03', 'es')).toBe('3 de marzo de 2027');
    expect(formatEntityValue('datetime', '2027-03-03', 'en')).toBe('March 3, 2027');
    expect(formatEntityValue('datetime', '17:00', 'es')).toBe('17:00');
    expect(formatEntityValue('datetime', '17:00', 'en')).toMatch(/^5:00\sPM$/u);
    expect(formatEntityValue('money', '79.99 EUR', 'es')).toBe('79,99\u00a0€');
    expect(formatEntityValue('money', '79.99 EUR', 'en')).toBe('€79.99');
    expect(formatEntityValue('money', '1299.00 USD', 'en')).toBe('$1,299.00');
    expect(formatEntityValue('money', '5 GBP', 'en')).toBe('£5');
    expect(formatEntityValue('number', '12345.5', 'es')).toBe('12.345,5');
    expect(formatEntityValue('number', '12345.5', 'en')).toBe('12,345.5');
  });

  it('dates and times the shop’s country’s way; money and numbers by the language alone', () => {
    expect(formatEntityValue('datetime', '2027-03-03', 'en', 'GB')).toBe('3 March 2027');
    expect(formatEntityValue('datetime', '17:00', 'en', 'GB')).toBe('17:00');
    expect(formatEntityValue('datetime', '2027-03-03', 'en', 'US')).toBe('March 3, 2027');
    expect(formatEntityValue('datetime', '17:00', 'en', 'AU')).toMatch(/^5:00\spm$/u);
    expect(formatEntityValue('datetime', '17:00', 'es', 'MX')).toMatch(/^5:00\sp\.\s?m\.$/u);
    expect(formatEntityValue('datetime', '17:00', 'es', 'ES')).toBe('17:00');
    // A pair Intl has no data for is the language alone; a malformed region is ignored.
    expect(formatEntityValue('datetime', '2027-03-03', 'es', 'GB')).toBe('3 de marzo de 2027');
    expect(formatEntityValue('datetime', '2027-03-03', 'en', 'gb!')).toBe('March 3, 2027');
    // In Germany an English reader still sees the decimal point the number was read with.
    expect(formatEntityValue('number', '12345.5', 'en', 'DE')).toBe('12,345.5');
    expect(formatEntityValue('money', '79.99 EUR', 'en', 'DE')).toBe('€79.99');
  });

  it('what is not a canonical value is said as it was typed', () => {
    expect(formatEntityValue('datetime', 'semana que viene', 'es')).toBe('semana que viene');
    expect(formatEntityValue('order_number', 'HD-123456', 'es')).toBe('HD-123456');
    expect(formatEntityValue('money', '79.99 EUR', 'not a language')).toBe('79.99 EUR');
  });
});

describe('the dialogue reads entities in the message’s language and says slot values back in the reply’s', () => {
  const kb = validateKnowledgeBase(slotKb(), 'slot-kb.json');
  const models: Record<string, Model> = Object.fromEntries(kbLanguages(kb).map((l) => [l, trainModel(kbForLanguage(kb, l))]));
  const dialogue = createMultilingualDialogue(kb, models);
  const context = { today: TODAY, region: 'ES' };

  it('a Spanish customer gives "el 3 de marzo" and "79,99 €"; an English one "$1,299.00"', () => {
    let state: DialogueState | null = null;
    const say = (text: string, current: string) => {
      const turn = dialogue.respondIn(state, text, () => ({}), current, context);
      state = turn.state;
      return turn;
    };
    const ask = say('quiero reservar un día de recogida', 'es');
    expect(ask.messages[0]).toMatchObject({ intent: 'collect.day', awaitingSlot: 'day', language: 'es' });
    const day = say('el 3 de marzo', 'es');
    expect(day.entities).toContainEqual(expect.objectContaining({ entity: 'datetime', value: '2027-03-03' }));
    expect(day.messages[0]?.text).toBe('Hecho: tu pedido te espera en el mostrador el 3 de marzo de 2027.');
    // "mañana" alone is too short to change the conversation's language: still read in Spanish.
    say('quiero reservar un día de recogida', 'es');
    expect(say('mañana', 'es').messages[0]?.text).toBe('Hecho: tu pedido te espera en el mostrador el 4 de diciembre de 2026.');

    const price = say('lo he visto más barato en otra tienda a 79,99 €', 'es');
    expect(price.messages[0]).toMatchObject({ intent: 'price.match', language: 'es' });
    expect(price.messages[0]?.text).toBe('Te lo igualamos: pagas 79,99\u00a0€.');

    const en = say('i saw it cheaper somewhere else for $1,299.00', 'es');
    expect(en.messages[0]).toMatchObject({ intent: 'price.match', language: 'en' });
    expect(en.messages[0]?.text).toBe('We will match it: you pay $1,299.00.');
  });

  it('classify() reads entities in its model’s language', () => {
    expect(classify(models.es as Model, 'me igualáis 1.299 unidades').entities).toContainEqual(expect.objectContaining({ entity: 'number', value: '1299' }));
    expect(classify(models.en as Model, 'match 1.299 units').entities).toContainEqual(expect.objectContaining({ entity: 'number', value: '1.299' }));
  });

  it('a slot filled in Spanish is said in English when the customer switches language before the answer', () => {
    let state: DialogueState | null = null;
    const first = dialogue.respondIn(state, 'reservar un día para recoger mi pedido', () => ({}), 'es', context);
    state = first.state;
    expect(first.messages[0]?.awaitingSlot).toBe('day');
    const answer = dialogue.respondIn(state, 'book it for the 3rd of march please', () => ({}), 'es', context);
    expect(answer.language).toBe('en');
    // In English, the Spanish shop's way: day first.
    expect(answer.messages[0]?.text).toBe('Done: your order will wait for you at the desk on 3 March 2027.');
  });
});
