/**
 * Imports with a preview, on fixtures written here: FAQ CSV (Dialogflow layout, no header), QnA
 * Maker TSV (Question, Answer, Source, Metadata), a Dialogflow ES agent zip, Rasa nlu.yml +
 * domain.yml, an NLP.js corpus. Bad files get errors by line or path; a preview changes nothing;
 * hostile zips are refused.
 */
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { defaultKbFile } from '../../main/knowledge/kb-file';
import { detectFormat, prepareImport } from '../../main/knowledge/imports';
import { readZip, MAX_ZIP_BYTES } from '../../main/knowledge/imports/dialogflow';
import { exportKbText } from '../../main/knowledge/export';
import { parse } from 'csv-parse/sync';
import { isAppFailure } from '../../shared/result';

const u8 = (s: string): Uint8Array => strToU8(s);
const base = defaultKbFile();

function dialogflowZip(extra: Record<string, Uint8Array> = {}): Uint8Array {
  return zipSync({
    'PetShop/agent.json': u8(JSON.stringify({ language: 'en' })),
    'PetShop/intents/Grooming Prices.json': u8(JSON.stringify({ name: 'Grooming Prices', responses: [{ messages: [{ type: 0, lang: 'en', speech: ['A full groom is 35 pounds.', 'Grooming starts at 35 pounds.'] }] }] })),
    'PetShop/intents/Grooming Prices_usersays_en.json': u8(
      JSON.stringify([{ data: [{ text: 'how much is ' }, { text: 'dog', alias: 'pet', meta: '@pet' }, { text: ' grooming' }] }, { data: [{ text: 'grooming prices' }] }, { data: [{ text: 'what does a groom cost' }] }]),
    ),
    'PetShop/intents/Default Fallback Intent.json': u8(JSON.stringify({ name: 'Default Fallback Intent', fallbackIntent: true, responses: [{ messages: [{ type: 0, speech: ['Sorry?'] }] }] })),
    'PetShop/entities/pet.json': u8(JSON.stringify({ name: 'pet', isRegexp: false })),
    'PetShop/entities/pet_entries_en.json': u8(JSON.stringify([{ value: 'dog', synonyms: ['dog', 'puppy', 'pup'] }, { value: 'cat', synonyms: ['kitten'] }])),
    ...extra,
  });
}

describe('imports', () => {
  it('FAQ CSV without a header (Dialogflow layout): questions sharing an answer become one intent', () => {
    const csv = 'do you groom cats,"Yes, cats are groomed on Tuesdays."\ncat grooming,"Yes, cats are groomed on Tuesdays."\nwhere do I park,"Behind the store, free for 2 hours."\n';
    const { preview, merged } = prepareImport(base, { fileName: 'faq.csv', bytes: u8(csv) });
    expect(preview.format).toBe('faq-csv');
    expect(preview.errors).toEqual([]);
    expect(preview.columns?.mapping).toEqual({ question: 0, answer: 1, header: false });
    expect(preview.intents.map((i) => [i.examples, i.responses])).toEqual([[2, 1], [1, 1]]);
    expect(preview.warnings.map((w) => w.message).join(' ')).toMatch(/only one question/);
    expect(preview.warnings.map((w) => w.code)).toContain('single_question');
    expect(merged?.intents.length).toBe(base.intents.length + 2);
    expect(merged?.intents.find((i) => i.examples.includes('cat grooming'))?.responses).toEqual(['Yes, cats are groomed on Tuesdays.']);
  });

  it('QnA Maker TSV (Question, Answer, Source, Metadata) with a header, and a column mapping chosen in the preview', () => {
    const tsv = 'Question\tAnswer\tSource\tMetadata\nDo you sell bird seed?\tYes, aisle 4.\tEditorial\t\nbird seed\tYes, aisle 4.\tEditorial\t\n';
    const { preview } = prepareImport(base, { fileName: 'kb.tsv', bytes: u8(tsv) });
    expect(preview.columns).toEqual({ headers: ['Question', 'Answer', 'Source', 'Metadata'], mapping: { question: 0, answer: 1, header: true } });
    expect(preview.intents).toHaveLength(1);
    expect(preview.phrases).toBe(2);
    // Mapping answer to "Source": every question now answers "Editorial" (one intent), as chosen.
    const remapped = prepareImport(base, { fileName: 'kb.tsv', bytes: u8(tsv), mapping: { question: 0, answer: 2, header: true } }).preview;
    expect(remapped.intents).toHaveLength(1);
    expect(remapped.answers).toBe(1);
  });

  it('a broken spreadsheet names its lines and produces no draft', () => {
    const csv = 'question,answer\nhello,hi there\n,an answer without a question\na question without an answer,\n"unclosed quote,oops\n';
    const { preview, merged } = prepareImport(base, { fileName: 'bad.csv', bytes: u8(csv) });
    expect(merged).toBeNull();
    expect(preview.errors.length).toBeGreaterThan(0);
    expect(preview.errors.every((e) => /^line \d+$/.test(e.path))).toBe(true);
    const rows = prepareImport(base, { fileName: 'bad2.csv', bytes: u8('question,answer\nhello,hi\n,no question\nno answer,\n') }).preview.errors;
    expect(rows).toEqual([
      { path: 'line 3', message: 'has an answer but no question' },
      { path: 'line 4', message: 'has a question but no answer' },
    ]);
  });

  it('Dialogflow ES agent zip: intents with their phrases in the agent folder, entities, the fallback intent left out', () => {
    const bytes = dialogflowZip();
    expect(detectFormat('agent.zip', bytes)).toBe('dialogflow');
    const { preview, merged } = prepareImport(base, { fileName: 'agent.zip', bytes });
    expect(preview.errors).toEqual([]);
    expect(preview.intents).toEqual([{ id: 'grooming_prices', title: 'Grooming Prices', examples: 3, responses: 2, replaces: false }]);
    expect(preview.entities).toBe(1);
    expect(preview.warnings.map((w) => w.message).join(' ')).toMatch(/fallback intent/);
    expect(preview.warnings.map((w) => w.code)).toContain('fallback_intent');
    const it = merged?.intents.find((i) => i.id === 'grooming_prices');
    expect(it?.examples).toContain('how much is dog grooming');
    expect(merged?.entities.find((e) => e.name === 'pet')).toMatchObject({ kind: 'list', values: [{ value: 'dog', synonyms: ['puppy', 'pup'] }, { value: 'cat', synonyms: ['kitten'] }] });
  });

  it('a zip with a path outside its root, or over 50 MB, is refused before anything is read', () => {
    const evil = zipSync({ 'intents/a.json': u8('{}'), '../../etc/evil.json': u8('{}') });
    expect(() => readZip(evil)).toThrow(/outside its folder/);
    const big = new Uint8Array(MAX_ZIP_BYTES + 1);
    big[0] = 0x50;
    big[1] = 0x4b;
    try {
      prepareImport(base, { fileName: 'big.zip', bytes: big });
      expect.unreachable();
    } catch (e) {
      expect(isAppFailure(e) && e.error.code).toBe('too_large');
    }
    const broken = prepareImport(base, { fileName: 'agent.zip', bytes: dialogflowZip({ 'PetShop/intents/Bad.json': u8('{"name": ') }) }).preview;
    expect(broken.errors).toEqual([expect.objectContaining({ path: 'PetShop/intents/Bad.json' })]);
  });

  it('Rasa nlu.yml + domain.yml: annotated examples as text, responses from utter_<intent>, synonyms as an entity; YAML errors by line', () => {
    const nlu = `version: "3.1"\nnlu:\n- intent: ask_delivery\n  examples: |\n    - do you deliver to [Leeds](city)\n    - how long is delivery\n    - delivery times\n- intent: no_answer_here\n  examples: |\n    - something\n- synonym: credit\n  examples: |\n    - credit card\n    - visa\n`;
    const domain = `version: "3.1"\nresponses:\n  utter_ask_delivery:\n  - text: "We deliver in 2 to 3 days."\n`;
    const { preview, merged } = prepareImport(base, { fileName: 'nlu.yml', bytes: u8(nlu), extra: { fileName: 'domain.yml', bytes: u8(domain) } });
    expect(preview.format).toBe('rasa');
    expect(preview.errors).toEqual([]);
    expect(preview.intents).toEqual([{ id: 'ask_delivery', title: 'ask delivery', examples: 3, responses: 1, replaces: false }]);
    expect(preview.warnings.map((w) => w.message).join(' ')).toMatch(/no_answer_here/);
    expect(preview.warnings).toContainEqual(expect.objectContaining({ params: expect.objectContaining({ name: 'no_answer_here' }) }));
    expect(merged?.intents.find((i) => i.id === 'ask_delivery')?.examples[0]).toBe('do you deliver to Leeds');
    expect(merged?.entities.find((e) => e.name === 'synonyms')).toBeTruthy();
    const bad = prepareImport(base, { fileName: 'nlu.yml', bytes: u8('nlu:\n- intent: a\n  examples: |\n    - x\n   bad: [unclosed\n') }).preview;
    expect(bad.errors[0]?.path).toMatch(/^nlu\.yml line \d+$/);
  });

  it('NLP.js corpus: intents with utterances and answers; a wrong shape is named by JSON path', () => {
    const corpus = { name: 'Corpus', locale: 'en-US', data: [{ intent: 'agent.age', utterances: ['how old are you', 'your age'], answers: ['I was set up this year.'] }, { intent: 'agent.mute', utterances: ['hello'], answers: [] }] };
    const { preview } = prepareImport(base, { fileName: 'corpus.json', bytes: u8(JSON.stringify(corpus)) });
    expect(preview.format).toBe('nlpjs');
    expect(preview.intents).toEqual([{ id: 'agent.age', title: 'agent age', examples: 2, responses: 1, replaces: false }]);
    expect(preview.warnings.map((w) => w.message).join(' ')).toMatch(/agent\.mute/);
    const bad = prepareImport(base, { fileName: 'corpus.json', bytes: u8(JSON.stringify({ data: [{ intent: 'x', utterances: 'oops' }] })) }).preview;
    expect(bad.errors).toEqual([expect.objectContaining({ path: '$.data[0].utterances' })]);
  });

  it('a phrase already taught to another intent stays there (warned), so the merged draft stays valid', () => {
    const taught = base.intents[0]!.examples[0]!;
    const csv = `${taught},Something else entirely.\nanother way to ask,Something else entirely.\n`;
    const { preview, merged } = prepareImport(base, { fileName: 'dup.csv', bytes: u8(csv) });
    expect(preview.draftProblems).toEqual([]);
    expect(preview.warnings.map((w) => w.message).join(' ')).toContain(`already an example of ${base.intents[0]!.id}`);
    expect(preview.warnings).toContainEqual(expect.objectContaining({ code: 'already_taught', params: expect.objectContaining({ owner: base.intents[0]!.id }) }));
    expect(merged).not.toBeNull();
  });

  it('exports as our JSON (re-imports to the same knowledge base) and as a FAQ CSV a standard parser reads back', () => {
    const json = exportKbText(base, 'json');
    const again = prepareImport(base, { fileName: 'kb.json', bytes: u8(json) });
    expect(again.preview.format).toBe('kb-json');
    expect(again.merged).toEqual(base);
    const rows = parse(exportKbText(base, 'faq-csv'), { columns: true }) as { Question: string; Answer: string }[];
    expect(rows.length).toBe(base.intents.reduce((n, i) => n + i.examples.length, 0));
    expect(rows[0]).toEqual({ Question: base.intents[0]!.examples[0], Answer: base.intents[0]!.responses[0] });
    // And the FAQ CSV imports back: every question comes back.
    const back = prepareImport({ ...base, intents: [] }, { fileName: 'faq.csv', bytes: u8(exportKbText(base, 'faq-csv')) }).preview;
    expect(back.errors).toEqual([]);
    expect(back.phrases).toBeGreaterThan(rows.length * 0.9);
  });
});
