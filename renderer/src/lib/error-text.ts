/**
 * A backend failure in the person's language. The backend's `message` is English developer text, so
 * it is never shown as such: the words come from the catalogue entry for the code (`error.<code>`),
 * filled from the error's parameters (retryAfterMs). Field details are worded from their own codes
 * and values (detailText): the English catalogue shows the backend's detail lines, which are already
 * English; other languages word each code next to its field path.
 */
import { ERROR_CODES, type AppError, type ErrorCode, type ErrorDetail } from '../../../shared/result';
import type { SettingsRuleCode } from '../../../shared/settings-rules';
import type { MessageKey, Translate } from '../i18n/translate';

/** The catalogue key for each code: a code without an entry is a compile error here. */
export const ERROR_KEYS: { readonly [C in ErrorCode]: MessageKey & `error.${C}` } = {
  invalid_input: 'error.invalid_input',
  unknown_channel: 'error.unknown_channel',
  forbidden: 'error.forbidden',
  not_found: 'error.not_found',
  locked: 'error.locked',
  store_locked: 'error.store_locked',
  wrong_key: 'error.wrong_key',
  not_a_database: 'error.not_a_database',
  corrupt: 'error.corrupt',
  future_schema: 'error.future_schema',
  key_file_missing: 'error.key_file_missing',
  key_file_invalid: 'error.key_file_invalid',
  protector_unavailable: 'error.protector_unavailable',
  kb_invalid: 'error.kb_invalid',
  too_large: 'error.too_large',
  pin_locked_out: 'error.pin_locked_out',
  wrong_pin: 'error.wrong_pin',
  conflict: 'error.conflict',
  io_error: 'error.io_error',
  internal: 'error.internal',
};

function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

/** The words for an error's code alone (an unknown code, e.g. from a newer backend, reads as internal). */
export function errorCodeText(error: { code: string; retryAfterMs?: number }, t: Translate): string {
  const code: ErrorCode = isErrorCode(error.code) ? error.code : 'internal';
  if (code === 'pin_locked_out') return t(ERROR_KEYS[code], { seconds: Math.max(1, Math.ceil((error.retryAfterMs ?? 30_000) / 1000)) });
  return t(ERROR_KEYS[code]);
}

/** The words for an error, with its field details (each worded from its code, detailText) when it has any. */
export function errorText(error: { code: string; retryAfterMs?: number; details?: AppError['details'] }, t: Translate): string {
  const text = errorCodeText(error, t);
  const details = error.details ?? [];
  if (details.length === 0) return text;
  const lines = details.map((d) => t('error.detail', { path: d.path || '/', message: detailText(d, t) }));
  return t('error.withDetails', { text, details: lines.join(t('error.detailSeparator')) });
}

/** The settings rules' words (shared/settings-rules.ts): a code without an entry is a compile error here. */
export const SETTINGS_RULE_KEYS: { readonly [C in SettingsRuleCode]: MessageKey & `error.field.${C}` } = {
  time_hhmm: 'error.field.time_hhmm',
  close_hhmm: 'error.field.close_hhmm',
  same_open_close: 'error.field.same_open_close',
  opening_overlap: 'error.field.opening_overlap',
  holiday_date: 'error.field.holiday_date',
  duplicate_date: 'error.field.duplicate_date',
  accent_colour: 'error.field.accent_colour',
  accent_contrast: 'error.field.accent_contrast',
  region_code: 'error.field.region_code',
  unknown_region: 'error.field.unknown_region',
  country_code: 'error.field.country_code',
  unknown_country: 'error.field.unknown_country',
  pattern_label: 'error.field.pattern_label',
  duplicate_pattern: 'error.field.duplicate_pattern',
  bad_regex: 'error.field.bad_regex',
  regex_matches_empty: 'error.field.regex_matches_empty',
  regex_hangs: 'error.field.regex_hangs',
  age_key_prefix: 'error.field.age_key_prefix',
  age_key_length: 'error.field.age_key_length',
  age_key_character: 'error.field.age_key_character',
  age_key_checksum: 'error.field.age_key_checksum',
  age_key_size: 'error.field.age_key_size',
  full_path: 'error.field.full_path',
  folder_missing: 'error.field.folder_missing',
  not_a_folder: 'error.field.not_a_folder',
  folder_not_writable: 'error.field.folder_not_writable',
  folder_unusable: 'error.field.folder_unusable',
  folder_in_data: 'error.field.folder_in_data',
};

/** Rules with their own words, by the detail's code (see ErrorDetail.code); the entity rules' regex codes are the settings rules'. */
const FIELD_KEYS: Record<string, MessageKey> = {
  ...SETTINGS_RULE_KEYS,
  invalid_format: 'error.field.format',
  invalid_type: 'error.field.type',
  invalid_value: 'error.field.value',
  invalid_union: 'error.field.value',
  unrecognized_keys: 'error.field.unknownKey',
  no_visible_text: 'error.field.no_visible_text',
  duplicate_entity: 'error.field.duplicate_entity',
  too_many_phrases: 'error.field.too_many_phrases',
  duplicate_intent: 'error.field.duplicate_intent',
  unknown_entity: 'error.field.unknown_entity',
  duplicate_slot: 'error.field.duplicate_slot',
  unknown_intent: 'error.field.unknown_intent',
  unknown_slot: 'error.field.unknown_slot',
  unknown_placeholder: 'error.field.unknown_placeholder',
  needs_schema_2: 'error.field.needs_schema_2',
  is_default_language: 'error.field.is_default_language',
  no_words: 'error.field.no_words',
  same_phrase: 'error.field.same_phrase',
  not_json: 'error.field.not_json',
  file_too_large: 'error.field.file_too_large',
};

/** The catalogue key and values for a size bound (too_small / too_big) by what it bounds. */
function boundKey(d: ErrorDetail): { key: MessageKey; vars: Record<string, string | number> } | null {
  const origin = d.params?.origin;
  const min = Number(d.params?.minimum);
  const max = Number(d.params?.maximum);
  if (d.code === 'too_small' && !Number.isNaN(min)) {
    if (origin === 'string') return min <= 1 ? { key: 'error.field.empty', vars: {} } : { key: 'error.field.tooShort', vars: { n: min } };
    if (origin === 'array' || origin === 'set') return { key: 'error.field.tooFew', vars: { n: min } };
    if (origin === 'number' || origin === 'bigint') return { key: 'error.field.min', vars: { n: min } };
  }
  if (d.code === 'too_big' && !Number.isNaN(max)) {
    if (origin === 'string') return { key: 'error.field.tooLong', vars: { n: max } };
    if (origin === 'array' || origin === 'set') return { key: 'error.field.tooMany', vars: { n: max } };
    if (origin === 'number' || origin === 'bigint') return { key: 'error.field.max', vars: { n: max } };
  }
  return null;
}

/**
 * One field problem in the person's language, from its code and values; a detail without a code
 * (or with one this build has no words for) reads as "not valid". As with `error.detail`, the
 * English catalogue shows the backend's own English line, which names the limit or the id exactly.
 */
export function detailText(d: ErrorDetail, t: Translate): string {
  const bound = boundKey(d);
  if (bound) return t(bound.key, { ...bound.vars, message: d.message });
  const key = d.code ? FIELD_KEYS[d.code] : undefined;
  return t(key ?? 'error.field.invalid', { ...(d.params ?? {}), message: d.message });
}

/** The words for a field's problems, each once ("must contain visible text" is implied by "empty"). */
export function detailTexts(problems: readonly ErrorDetail[], t: Translate): string[] {
  const emptyAt = new Set(problems.filter((p) => p.code === 'too_small' && p.params?.origin === 'string' && Number(p.params?.minimum) <= 1).map((p) => p.path));
  const out: string[] = [];
  for (const p of problems) {
    if (p.code === 'no_visible_text' && emptyAt.has(p.path)) continue;
    const text = detailText(p, t);
    if (!out.includes(text)) out.push(text);
  }
  return out;
}
