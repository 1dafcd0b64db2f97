/**
 * A backend failure in the person's language. The backend's `message` is English developer text, so
 * it is never shown as such: the words come from the catalogue entry for the code (`error.<code>`),
 * filled from the error's parameters (retryAfterMs). Field details are shaped by the catalogue too:
 * the English one lists the backend's detail lines, which are already English; other languages keep
 * the code-level words and name the field paths.
 */
import { ERROR_CODES, type AppError, type ErrorCode } from '../../../shared/result';
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

/** The words for an error, with its field details when it has any. */
export function errorText(error: { code: string; retryAfterMs?: number; details?: AppError['details'] }, t: Translate): string {
  const text = errorCodeText(error, t);
  const details = error.details ?? [];
  if (details.length === 0) return text;
  const lines = details.map((d) => t('error.detail', { path: d.path || '/', message: d.message }));
  return t('error.withDetails', { text, details: lines.join(t('error.detailSeparator')) });
}
