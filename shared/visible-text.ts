/**
 * Text that a person can see. `trim()` keeps zero-width spaces, joiners, BOMs, bidi marks and other
 * format characters, so "required" text made only of them passed every check and reached the screen
 * as nothing (a knowledge-base answer, a privacy notice, a search). Imports nothing but zod.
 */
import { z } from 'zod';

/** White space, format characters (\p{Cf}: zero-width, bidi, BOM...) and the Hangul fillers fonts draw as blank. */
const INVISIBLE = /[\s\p{Cf}\p{Zs}\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** True when `text` has at least one character that draws something. */
export function hasVisibleText(text: string): boolean {
  return text.replace(INVISIBLE, '').length > 0;
}

export const VISIBLE_TEXT_MESSAGE = 'must contain visible text';

/** A required string: trimmed, at most `max` characters, and not made only of invisible characters. */
export function visibleString(max: number): z.ZodType<string> {
  return z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine(hasVisibleText, { message: VISIBLE_TEXT_MESSAGE, params: { code: 'no_visible_text' } });
}
