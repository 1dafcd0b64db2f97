import { describe, expect, it } from 'vitest';
import { getEncoder, normalizeText, trainRows } from '../../main/engine';
import { encoderInput } from '../../main/engine/model';
import { restoreDroppedG } from '../../main/engine/lexicon';
import { SpellIndex } from '../../main/engine/spell';

describe('text as customers type it', () => {
  it('reads "4" and "2" as "for" and "to" only before the words that say so', () => {
    expect(normalizeText('can i get a £50 voucher 4 my dad')).toBe('can i get a 50 voucher for my dad');
    expect(normalizeText('hw do i get 2 u from the ring road')).toBe('how do i get to you from the ring road');
    expect(normalizeText('hw much 2 rent a kango')).toBe('how much to rent a kango');
    // Numbers stay numbers.
    expect(normalizeText('4 tonnes of topsoil')).toBe('4 tonnes of topsoil');
    expect(normalizeText('returned it 2 weeks ago')).toBe('returned it 2 weeks ago');
    expect(normalizeText('aisle 4')).toBe('aisle 4');
  });

  it('expands common texting forms', () => {
    expect(normalizeText('can i bring bak a tap, hav the receipt')).toBe('can i bring back a tap have the receipt');
    expect(normalizeText('cant find it anywere')).toBe('can not find it anywhere');
  });

  it('restores a dropped g only where the vocabulary knows the word with it and not without', () => {
    const enc = getEncoder();
    expect(enc).not.toBeNull();
    const known = (w: string): boolean => enc?.knowsWord(w) ?? false;
    expect(restoreDroppedG('lookin', known)).toBe('looking');
    expect(restoreDroppedG('makin', known)).toBe('making');
    // Real words ending in -in stay as typed.
    for (const w of ['cabin', 'basin', 'again', 'main', 'begin']) expect(restoreDroppedG(w, known)).toBe(w);
  });

  it('gives the sentence encoder the restored word, not a spelling guess', () => {
    const m = trainRows([
      { text: 'where can i find compost', intent: 'aisle' },
      { text: 'which aisle is the main paint section', intent: 'aisle' },
      { text: 'when do you open', intent: 'hours' },
      { text: 'what time do you close', intent: 'hours' },
    ]);
    expect(m.enc).not.toBeNull();
    // Without the rule the spelling correction reads "makin" as "main" (one edit away, a known word).
    expect(encoderInput(m, 'lookin for compost')).toBe('looking for compost');
    expect(encoderInput(m, 'makin a compost heap')).toContain('making');
  });

  it('prefers the known word with a doubled letter over other words one edit away', () => {
    // "help" is more frequent (first) and one substitution away; "hello" is the doubled letter.
    const s = new SpellIndex(['help', 'hello', 'address', 'return']);
    expect(s.correct('helo')).toBe('hello');
    expect(s.correct('adress')).toBe('address');
    // Other typos still go to the closest word.
    expect(s.correct('retrun')).toBe('return');
    expect(s.correct('hepl')).toBe('help');
  });
});
