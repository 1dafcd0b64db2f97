/**
 * The renderer's wording helpers on the real catalogues: plurals through Intl.PluralRules in English
 * and Spanish, retention worded from the structured settings, and every ErrorCode worded in every
 * language (a code added to shared/result.ts without catalogue entries fails here).
 */
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../shared/domain';
import { ERROR_CODES, type AppError } from '../../shared/result';
import { en } from '../../renderer/src/i18n/en';
import { es } from '../../renderer/src/i18n/es';
import { LOCALES, translate, translator as tr } from '../../renderer/src/i18n/translate';
import { ERROR_KEYS, errorCodeText, errorText } from '../../renderer/src/lib/error-text';
import { formatBytes, formatClock, formatDay, retentionWords } from '../../renderer/src/lib/format';
import { retentionSpan, type RetentionSettings } from '../../renderer/src/lib/retention-text';

const catalogues: Record<Locale, Record<string, string>> = { en, es };

const base: RetentionSettings = { retention: { kind: 'days', days: 30 }, endOfDayWipeAt: '22:00', wipeAfterClosing: false };
const openDays = { weekly: { mon: [{ open: '09:00', close: '18:00' }] }, holidays: [] } as unknown as NonNullable<RetentionSettings['openingHours']>;

describe('retention worded per locale from the structured policy', () => {
  it('days and hours take the plural form Intl.PluralRules picks', () => {
    expect(retentionSpan(tr('en'), 'en', { ...base, retention: { kind: 'days', days: 1 } })).toBe('1 day');
    expect(retentionSpan(tr('en'), 'en', base)).toBe('30 days');
    expect(retentionSpan(tr('es'), 'es', { ...base, retention: { kind: 'days', days: 1 } })).toBe('1 día');
    expect(retentionSpan(tr('es'), 'es', { ...base, retention: { kind: 'days', days: 2 } })).toBe('2 días');
    expect(retentionSpan(tr('en'), 'en', { ...base, retention: { kind: 'hours', hours: 1 } })).toBe('1 hour');
    expect(retentionSpan(tr('en'), 'en', { ...base, retention: { kind: 'hours', hours: 2 } })).toBe('2 hours');
    expect(retentionSpan(tr('es'), 'es', { ...base, retention: { kind: 'hours', hours: 1 } })).toBe('1 hora');
    expect(retentionSpan(tr('es'), 'es', { ...base, retention: { kind: 'hours', hours: 2 } })).toBe('2 horas');
    // Numbers in the locale's digits grouping.
    expect(retentionSpan(tr('en'), 'en', { ...base, retention: { kind: 'days', days: 3650 } })).toBe('3,650 days');
    expect(retentionSpan(tr('es'), 'es', { ...base, retention: { kind: 'hours', hours: 8760 } })).toMatch(/^8.?760 horas$/);
  });

  it('the consent question reads in one language', () => {
    const es30 = translate('es', 'consent.titleFor', { retention: retentionSpan(tr('es'), 'es', base) });
    expect(es30).toBe('¿Guardar esta conversación durante 30 días?');
    expect(translate('en', 'consent.titleFor', { retention: retentionSpan(tr('en'), 'en', base) })).toBe('Save this conversation for 30 days?');
  });

  it('end of day: the wipe time through Intl, midnight, or after closing', () => {
    const eod: RetentionSettings = { ...base, retention: { kind: 'end_of_day' } };
    expect(retentionSpan(tr('es'), 'es', eod)).toBe('el final del día (22:00)');
    expect(retentionSpan(tr('en'), 'en', eod)).toBe(`the end of the day (${formatClock('en', '22:00')})`);
    expect(formatClock('en', '22:00')).toMatch(/^10:00\s?PM$/);
    // The shop's country writes the clock: a British shop says 22:00, a Mexican one 10:00 p.m.
    expect(retentionSpan(tr('en'), 'en-GB', eod)).toBe('the end of the day (22:00)');
    expect(retentionSpan(tr('es'), 'es-MX', eod)).toMatch(/^el final del día \(10:00\sp\.\s?m\.\)$/u);
    expect(formatDay('en-GB', '2026-03-01')).toBe('1 Mar 2026');
    expect(formatDay('en', '2026-03-01')).toBe('Mar 1, 2026');
    expect(retentionSpan(tr('en'), 'en', { ...eod, endOfDayWipeAt: null })).toBe('the end of the day (midnight)');
    expect(retentionSpan(tr('es'), 'es', { ...eod, endOfDayWipeAt: null })).toBe('el final del día (medianoche)');
    // After closing only counts when opening hours exist (as the backend's wipeScheduleOf decides).
    expect(retentionSpan(tr('es'), 'es', { ...eod, wipeAfterClosing: true, openingHours: openDays })).toBe('el final del día (después del cierre)');
    expect(retentionSpan(tr('en'), 'en', { ...eod, wipeAfterClosing: true, openingHours: openDays })).toBe('the end of the day (after closing)');
    expect(retentionSpan(tr('es'), 'es', { ...eod, wipeAfterClosing: true, openingHours: { weekly: {}, holidays: [] } as unknown as typeof openDays })).toBe('el final del día (22:00)');
    expect(retentionSpan(tr('es'), 'es', { ...base, retention: { kind: 'none' } })).toBe('no se guarda');
  });

  it('the Your-data wording has plurals too ("for 1 day", not "for 1 days")', () => {
    expect(retentionWords(tr('en'), { kind: 'days', days: 1 })).toBe('for 1 day');
    expect(retentionWords(tr('es'), { kind: 'hours', hours: 1 })).toBe('durante 1 hora');
    expect(retentionWords(tr('es'), { kind: 'days', days: 7 })).toBe('durante 7 días');
  });

  it('sizes use the locale decimal mark', () => {
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(1536, 'es')).toBe('1,5 KB');
  });
});

describe('backend errors worded from the catalogues by code', () => {
  it('every ErrorCode has its own non-empty text in every language', () => {
    for (const locale of LOCALES) {
      const seen = new Set<string>();
      for (const code of ERROR_CODES) {
        const key = ERROR_KEYS[code];
        expect(key, code).toBe(`error.${code}`);
        const template = catalogues[locale][key];
        expect(template, `${locale} ${key}`).toBeTruthy();
        const text = errorCodeText({ code, retryAfterMs: 5000 }, tr(locale));
        expect(text, `${locale} ${code}`).not.toMatch(/[{}]/);
        seen.add(text);
      }
      expect(seen.size, `${locale}: one text per code`).toBe(ERROR_CODES.length);
    }
    // The Spanish texts are translations, not English copies.
    for (const code of ERROR_CODES) if (code !== 'wrong_pin') expect(es[ERROR_KEYS[code]], code).not.toBe(en[ERROR_KEYS[code]]);
  });

  it('never shows the backend message; parameters fill the words', () => {
    const e: AppError = { code: 'too_large', message: 'message over 2000 characters' };
    expect(errorText(e, tr('es'))).toBe('Supera el tamaño máximo.');
    expect(errorText(e, tr('en'))).not.toContain('2000 characters');
    const locked: AppError = { code: 'pin_locked_out', message: 'Too many wrong PINs', retryAfterMs: 29_100 };
    expect(errorText(locked, tr('en'))).toBe('Too many wrong PINs. Try again in 30 seconds.');
    expect(errorText({ ...locked, retryAfterMs: 1000 }, tr('es'))).toBe('Demasiados PIN incorrectos. Vuelva a intentarlo en 1 segundo.');
    const wrong: AppError = { code: 'wrong_pin', message: 'Wrong staff PIN' };
    expect(errorText(wrong, tr('es'))).toBe('PIN incorrecto.');
    // A code from a newer backend reads as the generic failure, not as raw text.
    expect(errorText({ code: 'brand_new_code' }, tr('es'))).toBe(es['error.internal']);
  });

  it('details: English lists the field lines, Spanish words each code at its path (no code: "not valid")', () => {
    const e: AppError = {
      code: 'invalid_input',
      message: 'Invalid settings',
      details: [
        { path: 'openingHours.weekly.fri.1.open', message: 'must start after the previous opening closes', code: 'opening_overlap' },
        { path: 'patch.endOfDayWipeAt', message: 'must be HH:MM' },
      ],
    };
    expect(errorText(e, tr('en'))).toBe('openingHours.weekly.fri.1.open: must start after the previous opening closes; patch.endOfDayWipeAt: must be HH:MM');
    const spanish = errorText(e, tr('es'));
    expect(spanish).toBe(
      'Algunos de los datos introducidos no son válidos. openingHours.weekly.fri.1.open: Debe empezar después de que cierre el horario anterior. patch.endOfDayWipeAt: Este valor no es válido.',
    );
    expect(spanish).not.toContain('must');
  });
});
