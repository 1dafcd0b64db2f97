/**
 * Words of "Teach the bot" a shop owner read as rough (the walk), on the real catalogues: the intro
 * does not repeat the page's heading, a health mark says nothing about "0 below the threshold", and a
 * report heading never reads "(0, 0 regressions)".
 */
import { describe, expect, it } from 'vitest';
import type { IntentHealth } from '../../shared/kb-editor';
import { healthText } from '../../renderer/src/features/kb-editor/health-text';
import { kbTextFor } from '../../renderer/src/features/kb-editor/text';
import { en as appEn } from '../../renderer/src/i18n/en';
import { es as appEs } from '../../renderer/src/i18n/es';

const en = kbTextFor('en');
const es = kbTextFor('es');

const health = (h: Partial<IntentHealth>): IntentHealth => ({ id: 'store.hours', tests: 4, passed: 4, belowThreshold: 0, confusedWith: null, ...h });

describe('"Teach the bot" words', () => {
  it('the intro does not start with the page heading', () => {
    const heading = (s: string) => s.toLowerCase().replace(/[^\p{L}]/gu, '');
    expect(heading(en('intro'))).not.toMatch(new RegExp(`^${heading(appEn['settings.page.teach'])}`));
    expect(heading(es('intro'))).not.toMatch(new RegExp(`^${heading(appEs['settings.page.teach'])}`));
    expect(en('intro')).toMatch(/^Edit what the bot knows/);
    expect(es('intro')).toMatch(/^Edite lo que sabe el bot/);
  });

  it('a health mark names what is below the threshold only when something is', () => {
    expect(healthText(en, health({ passed: 3, belowThreshold: 0 }))).toEqual({ text: '3 of 4 tests pass', ok: false });
    expect(healthText(en, health({ passed: 2, belowThreshold: 1, confusedWith: 'store.parking' })).text).toBe('2 of 4 tests pass; 1 below the threshold; confused with store.parking');
    expect(healthText(en, health({ passed: 3, confusedWith: 'store.parking' })).text).toBe('3 of 4 tests pass; confused with store.parking');
    expect(healthText(es, health({ passed: 3 })).text).toBe('Pasan 3 de 4 pruebas');
    expect(healthText(es, health({ passed: 2, belowThreshold: 2 })).text).toBe('Pasan 2 de 4 pruebas; 2 bajo el umbral');
    expect(healthText(en, health({})).text).toBe('Its 4 test phrases pass');
  });

  it('report headings say "no regressions", never "0 regressions"; nothing changed is a plain heading', () => {
    expect(en('report.changed', { n: 3, r: 0 })).toBe('Answers that changed (3, no regressions)');
    expect(en('report.changed', { n: 3, r: 1 })).toBe('Answers that changed (3, 1 regression)');
    expect(es('report.changed', { n: 2, r: 0 })).toBe('Respuestas que cambiaron (2, ninguna regresión)');
    expect(en('report.thresholdOnly', { n: 1, r: 0 })).toContain('(1, no regressions)');
    expect(es('report.languageChanged', { language: 'Español', n: 1, r: 0 })).toBe('Español: respuestas que cambiaron (1, ninguna regresión)');
    expect(en('report.changedTitle')).toBe('Answers that changed');
    for (const tk of [en, es]) for (const key of ['report.changed', 'report.thresholdOnly', 'report.languageChanged'] as const) expect(tk(key, { language: 'x', n: 1, r: 0 })).not.toMatch(/\b0 regres/);
  });
});
