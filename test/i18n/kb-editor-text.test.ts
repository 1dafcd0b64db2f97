/**
 * The knowledge-base editor's words on the real catalogue (renderer/src/features/kb-editor/text.ts):
 * a change between two knowledge bases worded from the diff's structure reads in English exactly as
 * the backend's own summary (main/knowledge/diff.ts), and in Spanish in Spanish; an import preview's
 * warnings (codes from the real importers) have words in both languages; plurals come from
 * Intl.PluralRules ("1 intent", "2 frases"), never "(s)".
 */
import { describe, expect, it } from 'vitest';
import { diffKb } from '../../main/knowledge/diff';
import { prepareImport } from '../../main/knowledge/imports';
import { defaultKbFile } from '../../main/knowledge/kb-file';
import { IMPORT_WARNING_CODES } from '../../shared/kb-editor';
import { diffSummary } from '../../renderer/src/features/kb-editor/diff-text';
import { kbTextFor, type KbTextKey } from '../../renderer/src/features/kb-editor/text';

const en = kbTextFor('en');
const es = kbTextFor('es');

describe("the editor's words", () => {
  it('a change is worded from the diff: English as the backend says it, Spanish in Spanish', () => {
    const before = defaultKbFile();
    const after = defaultKbFile();
    const [first, second, third] = after.intents as [(typeof after.intents)[number], (typeof after.intents)[number], (typeof after.intents)[number]];
    first.examples.push('is there somewhere to lock my bicycle', 'where can i leave my bike');
    second.responses = ['A new answer.'];
    after.intents = after.intents.filter((it) => it.id !== third.id);
    after.intents.push({ ...first, id: 'pets.surfboards', title: 'Surfboards', examples: ['do you sell surfboards for dogs'], tests: [] });
    after.settings = { ...after.settings, confidenceThreshold: 0.9 };
    const d = diffKb(before, after);
    expect(diffSummary(en, d)).toBe(d.summary);
    const words = diffSummary(es, d);
    expect(words).toContain('1 intención añadida (pets.surfboards)');
    expect(words).toContain(`1 intención eliminada (${third.id})`);
    expect(words).toContain('2 frases añadidas');
    expect(words).toContain('respuestas cambiadas en 1 intención');
    expect(words).not.toMatch(/added|removed|changed|intents?\b/);
    expect(diffSummary(es, diffKb(before, before))).toBe('sin cambios');
  });

  it("an import's warnings come from the importers as codes, each with words in both languages", () => {
    const csv = new TextEncoder().encode('Question,Answer\nDo you sell bird seed?,"Yes, aisle 4."\n');
    const { preview } = prepareImport(defaultKbFile(), { fileName: 'faq.csv', bytes: csv });
    expect(preview.warnings).toEqual([expect.objectContaining({ code: 'single_question', params: { n: 1 } })]);
    const w = preview.warnings[0]!;
    expect(es(`import.warn.${w.code}` as KbTextKey, w.params)).toBe('1 respuesta tiene una sola pregunta: añada otras formas de preguntarlo para que el bot las reconozca.');
    expect(en(`import.warn.${w.code}` as KbTextKey, w.params)).toMatch(/^1 answer has only one question/);
    for (const code of IMPORT_WARNING_CODES) {
      const key = `import.warn.${code}` as KbTextKey;
      expect(typeof en(key), code).toBe('string');
      expect(es(key), code).not.toBe(en(key));
    }
  });

  it('plurals through Intl.PluralRules', () => {
    expect(en('import.summary', { intents: 1, phrases: 2, answers: 1, entities: 0 })).toBe('1 intent, 2 phrases, 1 answer, 0 entities.');
    expect(es('import.summary', { intents: 1, phrases: 2, answers: 1, entities: 0 })).toBe('1 intención, 2 frases, 1 respuesta, 0 entidades.');
    expect(es('report.changed', { n: 3, r: 1 })).toBe('Respuestas que cambiaron (3, 1 regresión)');
    expect(en('misses.group', { n: 1, day: 'Mar 1, 2026' })).toBe('1 time, last on Mar 1, 2026');
    expect(es('misses.group', { n: 2, day: '1 mar 2026' })).toBe('2 veces, la última el 1 mar 2026');
  });
});
