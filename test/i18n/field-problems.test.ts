/**
 * Validation problems reach a Spanish screen in Spanish (issue 17, item 5): the knowledge-base
 * validator's details carry codes and values (zod's own issue codes, and the file rules' codes),
 * and the renderer words them from the catalogues (lib/error-text.ts detailText), never showing the
 * backend's English line outside English. Also: the built-in privacy notice the renderer words
 * (privacy.defaultNotice) is the backend's DEFAULT_NOTICE, word for word, in English.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateKnowledgeBase } from '../../main/engine/kb';
import { DEFAULT_NOTICE } from '../../main/services/privacy';
import { AppFailure, type ErrorDetail } from '../../shared/result';
import { en } from '../../renderer/src/i18n/en';
import { translate, translator as tr } from '../../renderer/src/i18n/translate';
import { detailText, detailTexts } from '../../renderer/src/lib/error-text';

const defaultKb = (): Record<string, unknown> & { intents: Array<Record<string, unknown>> } =>
  JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'main', 'kb', 'default-kb.json'), 'utf8'));

/** The details validation gives for a broken copy of the default knowledge base. */
function problemsOf(edit: (kb: ReturnType<typeof defaultKb>) => void): ErrorDetail[] {
  const kb = defaultKb();
  edit(kb);
  try {
    validateKnowledgeBase(kb, 'kb.json');
  } catch (e) {
    if (e instanceof AppFailure && e.error.details) return e.error.details;
    throw e;
  }
  throw new Error('the broken knowledge base was accepted');
}

describe('field problems worded by code', () => {
  it('an empty title: zod too_small on a string, worded "No puede quedar vacío." once (not also "visible text")', () => {
    const problems = problemsOf((kb) => {
      (kb.intents[0] as { title: string }).title = '';
    });
    const atTitle = problems.filter((p) => p.path === '$.intents[0].title');
    expect(atTitle.map((p) => p.code)).toContain('too_small');
    expect(atTitle.find((p) => p.code === 'too_small')?.params).toMatchObject({ minimum: 1, origin: 'string' });
    expect(detailTexts(atTitle, tr('es'))).toEqual(['No puede quedar vacío.']);
    // English keeps the backend's own line.
    expect(detailTexts(atTitle, tr('en')).join(' ')).toContain('must not be empty');
  });

  it('file rules carry their own codes and values: duplicate id, unknown entity, unknown placeholder', () => {
    const problems = problemsOf((kb) => {
      const first = kb.intents[0] as { id: string; responses: string[] };
      (kb.intents[1] as { id: string }).id = first.id;
      first.responses = ['Open {nowhere_fact}'];
      (kb.intents[2] as { slots?: unknown[] }).slots = [{ name: 'thing', entity: 'no_such_entity', prompt: 'Which?', reprompt: 'Which one?' }];
    });
    const byCode = new Map(problems.map((p) => [p.code, p]));
    expect(byCode.get('duplicate_intent')?.params).toEqual({ id: (defaultKb().intents[0] as { id: string }).id });
    expect(byCode.get('unknown_entity')?.params).toEqual({ name: 'no_such_entity' });
    expect(byCode.get('unknown_placeholder')?.params).toEqual({ name: 'nowhere_fact' });
    for (const p of problems) {
      const es = detailText(p, tr('es'));
      expect(es, p.code).not.toContain(p.message);
      // A code the catalogue words, not the generic fallback.
      expect(es, p.code).not.toBe(translate('es', 'error.field.invalid'));
    }
    expect(detailText(byCode.get('unknown_entity') as ErrorDetail, tr('es'))).toBe('Nombra una entidad que no existe: «no_such_entity».');
    expect(detailText(byCode.get('unknown_placeholder') as ErrorDetail, tr('es'))).toBe('El marcador {nowhere_fact} no corresponde a ningún dato, entidad ni hecho.');
  });

  it('bounds by what they bound, with Intl plurals; a detail without a code reads as "not valid"', () => {
    expect(detailText({ path: '$.intents', message: 'needs at least two intents', code: 'too_small', params: { minimum: 2, origin: 'array' } }, tr('es'))).toBe('Necesita al menos 2 elementos.');
    expect(detailText({ path: '$.x', message: 'too long', code: 'too_big', params: { maximum: 300, origin: 'string' } }, tr('es'))).toBe('Puede tener como máximo 300 caracteres.');
    expect(detailText({ path: 'line 3', message: 'has an answer but no question' }, tr('es'))).toBe('Este valor no es válido.');
    expect(detailText({ path: 'line 3', message: 'has an answer but no question' }, tr('en'))).toBe('has an answer but no question');
  });
});

describe('the built-in privacy notice', () => {
  it('the English catalogue holds the backend default word for word', () => {
    expect(en['privacy.defaultNotice']).toBe(DEFAULT_NOTICE);
  });
});
