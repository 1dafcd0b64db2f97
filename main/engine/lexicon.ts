/**
 * Texting forms and common misspellings, read as the words they stand for before anything else sees
 * the text (TF-IDF, spelling correction, the sentence encoder). A general list of how people type on
 * phones and kiosks, not fitted to one dataset; single tokens only, so it never rewrites a phrase. Words that are also ordinary English
 * ("sat", "sun", "wed", "min", "cos") are left out on purpose.
 */
export const TEXTING_LEXICON: Readonly<Record<string, string>> = {
  wen: 'when',
  wat: 'what',
  wot: 'what',
  wht: 'what',
  whr: 'where',
  wer: 'where',
  hw: 'how',
  tonite: 'tonight',
  tmrw: 'tomorrow',
  tmr: 'tomorrow',
  tmoro: 'tomorrow',
  tomoz: 'tomorrow',
  '2day': 'today',
  '2moro': 'tomorrow',
  '2nite': 'tonight',
  cud: 'could',
  cld: 'could',
  shud: 'should',
  wud: 'would',
  wld: 'would',
  coz: 'because',
  cuz: 'because',
  bc: 'because',
  b4: 'before',
  gr8: 'great',
  l8: 'late',
  l8r: 'later',
  ppl: 'people',
  msg: 'message',
  txt: 'text',
  ya: 'you',
  yu: 'you',
  yous: 'you',
  youse: 'you',
  yr: 'your',
  urs: 'yours',
  thnx: 'thanks',
  thanx: 'thanks',
  ty: 'thank you',
  np: 'no problem',
  plse: 'please',
  pleas: 'please',
  sum1: 'someone',
  any1: 'anyone',
  ne1: 'anyone',
  some1: 'someone',
  n: 'and',
  nd: 'and',
  abt: 'about',
  bout: 'about',
  info: 'information',
  qty: 'quantity',
  hrs: 'hours',
  mins: 'minutes',
  tues: 'tuesday',
  thurs: 'thursday',
  thu: 'thursday',
  fri: 'friday',
  dnt: 'do not',
  wont: 'will not',
  didnt: 'did not',
  aint: 'is not',
  idk: 'i do not know',
  dunno: 'do not know',
  donno: 'do not know',
  iirc: 'if i remember correctly',
  asap: 'as soon as possible',
  recieve: 'receive',
  recieved: 'received',
  adress: 'address',
  definately: 'definitely',
  seperate: 'separate',
  untill: 'until',
  wich: 'which',
  beleive: 'believe',
  tommorow: 'tomorrow',
  tomorow: 'tomorrow',
  garentee: 'guarantee',
  gaurantee: 'guarantee',
  warrenty: 'warranty',
  reciept: 'receipt',
  reciet: 'receipt',
  recipt: 'receipt',
  refnd: 'refund',
  delivry: 'delivery',
  availble: 'available',
  avail: 'available',
  appt: 'appointment',
  pls: 'please',
  plz: 'please',
  thx: 'thanks',
  u: 'you',
  ur: 'your',
  r: 'are',
  bak: 'back',
  hav: 'have',
  gud: 'good',
  enuf: 'enough',
  thru: 'through',
  tho: 'though',
  nite: 'night',
  wkend: 'weekend',
  wknd: 'weekend',
  thnks: 'thanks',
  thks: 'thanks',
  anywere: 'anywhere',
  somewere: 'somewhere',
  evry: 'every',
  sumthing: 'something',
  somthing: 'something',
  nething: 'anything',
  becos: 'because',
  wiv: 'with',
  fone: 'phone',
};

/**
 * Texting forms that depend on the next word: "4" before "my", "a", "the"... is "for" ("a voucher 4
 * my dad"), "2" before them or a verb is "to" ("how do i get 2 u", "hw much 2 rent"); before anything
 * else they stay numbers ("4 tonnes", "2 weeks ago").
 */
const FOR_BEFORE = new Set(['my', 'a', 'an', 'the', 'your', 'you', 'me', 'him', 'her', 'us', 'them', 'this', 'that', 'these', 'those', 'it', 'free', 'sale', 'ages', 'how', 'what']);
const TO_BEFORE = new Set([...FOR_BEFORE, 'get', 'buy', 'pick', 'collect', 'rent', 'hire', 'borrow', 'come', 'go', 'see', 'talk', 'speak', 'book', 'order', 'pay', 'return', 'bring', 'take', 'make', 'do', 'find', 'fix', 'use', 'have', 'be', 'open', 'close', 'drop', 'send', 'change', 'swap', 'exchange', 'match', 'check', 'cut', 'mix']);

/** Rewrites "4"/"2" used as "for"/"to" in normalised tokens (in place); see FOR_BEFORE. */
export function textingNumbers(toks: string[]): string[] {
  for (let i = 0; i + 1 < toks.length; i++) {
    const t = toks[i];
    if (t !== '4' && t !== '2') continue;
    const next = toks[i + 1] as string;
    if (t === '4' && FOR_BEFORE.has(next)) toks[i] = 'for';
    else if (t === '2' && TO_BEFORE.has(next)) toks[i] = 'to';
  }
  return toks;
}

/**
 * "lookin", "doin", "makin": the dropped g of spoken English, restored when the word with it is one
 * the vocabulary knows and the word as typed is not (so "cabin" or "basin" never change).
 */
export function restoreDroppedG(word: string, known: (w: string) => boolean): string {
  if (word.length < 4 || !word.endsWith('in') || known(word)) return word;
  return known(`${word}g`) ? `${word}g` : word;
}
