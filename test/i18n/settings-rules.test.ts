/**
 * A refused setting reaches a Spanish screen in Spanish (issue 17, item 5): every settings rule
 * (the contract's schema, the settings service's export-folder and redactor checks) gives its detail
 * a code and values, and the renderer words each from the catalogues next to the field path.
 * English keeps the backend's exact line. Real validation: the IPC request schema, the real
 * settings service over an in-memory store, the real redactor and the real file system.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportFolderProblem } from '../../main/data/export/target';
import { createSettingsService } from '../../main/services/settings';
import type { KioskPin } from '../../main/services/kiosk-pin';
import { requestSchemas } from '../../shared/contract';
import { issueDetails } from '../../shared/issue-paths';
import { AppFailure, type ErrorDetail } from '../../shared/result';
import { SETTINGS_RULE_CODES } from '../../shared/settings-rules';
import { en } from '../../renderer/src/i18n/en';
import { es } from '../../renderer/src/i18n/es';
import { translator as tr } from '../../renderer/src/i18n/translate';
import { detailText, errorText, SETTINGS_RULE_KEYS } from '../../renderer/src/lib/error-text';

const generic = es['error.field.invalid'];

/** The details the IPC router gives for a refused settings.set request. */
function refused(patch: Record<string, unknown>): ErrorDetail[] {
  const parsed = requestSchemas['settings.set'].safeParse({ patch });
  if (parsed.success) throw new Error(`accepted: ${JSON.stringify(patch)}`);
  return issueDetails(parsed.error.issues, { style: 'dotted' });
}

const weekly = (fri: unknown[]) => ({ mon: [], tue: [], wed: [], thu: [], fri, sat: [], sun: [] });
const GOOD_KEY = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p';

/** The real settings service, not a kiosk, over an in-memory store; `folder` is the file system's check. */
function service(dataDir = os.tmpdir()) {
  const kept = new Map<string, unknown>();
  const pin = {} as KioskPin; // never asked: not a kiosk
  return createSettingsService(
    { get: <T,>(k: string) => kept.get(k) as T | undefined, set: (k, v) => void kept.set(k, v) },
    pin,
    () => {},
    false,
    false,
    (dir) => exportFolderProblem(dir, { dataDir }),
  );
}

async function serviceRefused(patch: Record<string, unknown>, dataDir?: string): Promise<ErrorDetail[]> {
  try {
    await service(dataDir).set(patch);
  } catch (e) {
    if (e instanceof AppFailure && e.error.details) return e.error.details;
    throw e;
  }
  throw new Error(`accepted: ${JSON.stringify(patch)}`);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'hd-settings-rules-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('every settings rule has words', () => {
  it('each code has an English entry (the backend line) and a Spanish sentence of its own', () => {
    for (const code of SETTINGS_RULE_CODES) {
      const key = SETTINGS_RULE_KEYS[code];
      expect(key, code).toBe(`error.field.${code}`);
      expect(en[key], code).toBe('{message}');
      expect(es[key], code).toBeTruthy();
      expect(es[key], code).not.toBe(generic);
      expect(es[key], code).not.toContain('{message}');
    }
  });
});

describe('refused settings worded per code, from real validation', () => {
  it('an opening that overlaps the previous one: the Spanish sentence at its field', () => {
    const details = refused({ openingHours: { weekly: weekly([{ open: '09:00', close: '20:00' }, { open: '19:00', close: '21:00' }]), holidays: [] } });
    expect(details).toEqual([{ path: 'patch.openingHours.weekly.fri.1.open', message: 'must start after the previous opening closes', code: 'opening_overlap' }]);
    const error = { code: 'invalid_input', message: 'x', details };
    expect(errorText(error, tr('es'))).toBe(
      'Algunos de los datos introducidos no son válidos. patch.openingHours.weekly.fri.1.open: Debe empezar después de que cierre el horario anterior.',
    );
    // English unchanged: the backend's own line.
    expect(errorText(error, tr('en'))).toBe('patch.openingHours.weekly.fri.1.open: must start after the previous opening closes');
  });

  const cases: Array<[string, Record<string, unknown>, string, string]> = [
    ['bad opening time', { openingHours: { weekly: weekly([{ open: '9', close: '20:00' }]), holidays: [] } }, 'time_hhmm', 'Debe ser una hora HH:MM, como 09:30.'],
    ['bad closing time', { openingHours: { weekly: weekly([{ open: '09:00', close: '25:00' }]), holidays: [] } }, 'close_hhmm', 'Debe ser una hora HH:MM, como 18:00 (24:00 para medianoche).'],
    ['opens and closes at once', { openingHours: { weekly: weekly([{ open: '09:00', close: '09:00' }]), holidays: [] } }, 'same_open_close', 'Debe cerrar a otra hora que la de apertura.'],
    ['bad holiday date', { openingHours: { weekly: weekly([]), holidays: [{ date: '3 March' }] } }, 'holiday_date', 'Debe ser una fecha AAAA-MM-DD.'],
    ['holiday twice', { openingHours: { weekly: weekly([]), holidays: [{ date: '2027-03-03' }, { date: '2027-03-03' }] } }, 'duplicate_date', 'La fecha 2027-03-03 aparece dos veces.'],
    ['end-of-day wipe time', { endOfDayWipeAt: '22h' }, 'time_hhmm', 'Debe ser una hora HH:MM, como 09:30.'],
    ['region', { storeRegion: 'spain' }, 'region_code', 'Debe ser un código de región de dos letras, como ES.'],
    ['country', { shopCountries: ['ESP'] }, 'country_code', 'Debe ser un código de país de dos letras, como ES.'],
    ['pattern label', { customPiiPatterns: [{ name: '!!', pattern: '\\d+' }] }, 'pattern_label', 'Debe ser un nombre corto: letras, cifras, espacios, _ o -.'],
    ['recipient prefix', { exportRecipients: ['ssh-ed25519 AAAA'] }, 'age_key_prefix', 'No es una clave pública de age: debe empezar por age1.'],
    ['recipient length', { exportRecipients: ['age1abc'] }, 'age_key_length', 'No es una clave pública de age: debe tener 62 caracteres (una clave age1… de age-keygen).'],
    ['recipient character', { exportRecipients: [`age1b${GOOD_KEY.slice(5)}`] }, 'age_key_character', 'No es una clave pública de age: tiene un carácter que no puede estar en una clave (b).'],
    ['recipient typo', { exportRecipients: [`${GOOD_KEY.slice(0, -1)}q`] }, 'age_key_checksum', 'No es una clave pública de age: tiene una errata (su suma de control no coincide).'],
    ['export folder path', { exportFolder: 'exports' }, 'full_path', 'Debe ser la ruta completa de una carpeta.'],
    ['accent colour', { branding: { shopName: '', accent: 'red', welcome: { en: { title: '', text: '' }, es: { title: '', text: '' } } } }, 'accent_colour', 'Debe ser un color como #0e6e6a.'],
    [
      'accent contrast',
      { branding: { shopName: '', accent: '#ffe14d', welcome: { en: { title: '', text: '' }, es: { title: '', text: '' } } } },
      'accent_contrast',
      'Su contraste con el texto blanco es 1.30:1; WCAG AA pide al menos 4.5:1.',
    ],
  ];
  it.each(cases)('%s', (_name, patch, code, spanish) => {
    const details = refused(patch);
    const d = details.find((x) => x.code === code);
    expect(d, JSON.stringify(details)).toBeDefined();
    if (!d) return;
    expect(detailText(d, tr('es'))).toBe(spanish);
    expect(detailText(d, tr('en'))).toBe(d.message);
    expect(errorText({ code: 'invalid_input', details }, tr('es'))).not.toContain(d.message);
  });

  it('the settings service: a country without phone plans, a region, a custom pattern that matches nothing', async () => {
    const country = await serviceRefused({ shopCountries: ['XX'] });
    expect(country).toEqual([{ path: 'patch.shopCountries.0', message: 'is not a country whose phone numbers Hushdesk knows', code: 'unknown_country', params: { country: 'XX' } }]);
    expect(detailText(country[0] as ErrorDetail, tr('es'))).toBe('Hushdesk no conoce los números de teléfono de «XX».');
    const region = await serviceRefused({ storeRegion: 'XX' });
    expect(region[0]).toMatchObject({ path: 'patch.storeRegion', code: 'unknown_region', params: { region: 'XX' } });
    expect(detailText(region[0] as ErrorDetail, tr('es'))).toBe('Hushdesk no conoce la región «XX».');
    const patterns: Array<[string, string, string]> = [
      ['(', 'bad_regex', es['error.field.bad_regex']],
      ['a*', 'regex_matches_empty', es['error.field.regex_matches_empty']],
      ['(a+)+$', 'regex_hangs', es['error.field.regex_hangs']],
    ];
    for (const [pattern, code, spanish] of patterns) {
      const details = await serviceRefused({ customPiiPatterns: [{ name: 'card', pattern }] });
      expect(details[0], pattern).toMatchObject({ path: 'patch.customPiiPatterns.0.pattern', code });
      expect(detailText(details[0] as ErrorDetail, tr('es'))).toBe(spanish);
    }
  });

  it('the export folder: missing, not a folder, inside the data folder', async () => {
    const file = path.join(tmp, 'a-file');
    writeFileSync(file, 'x');
    const dataDir = path.join(tmp, 'data');
    mkdirSync(path.join(dataDir, 'inside'), { recursive: true });
    const expected: Array<[string, string, string]> = [
      [path.join(tmp, 'nowhere'), 'folder_missing', 'Esa carpeta no existe.'],
      [file, 'not_a_folder', 'No es una carpeta.'],
      [path.join(dataDir, 'inside'), 'folder_in_data', es['error.field.folder_in_data']],
    ];
    for (const [dir, code, spanish] of expected) {
      const details = await serviceRefused({ exportFolder: dir }, dataDir);
      expect(details[0], dir).toMatchObject({ path: 'patch.exportFolder', code });
      expect(errorText({ code: 'invalid_input', details }, tr('es'))).toBe(`${es['error.invalid_input']} patch.exportFolder: ${spanish}`);
    }
  });
});
