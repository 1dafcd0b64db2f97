/**
 * WCAG 2.x contrast, pure (no DOM): the backend refuses a shop's accent colour with it and the
 * renderer shows the same ratio while staff pick one. Formula: relative luminance of sRGB
 * (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance) and (L1 + 0.05) / (L2 + 0.05).
 */
import type { RuleProblem } from './settings-rules';

/** WCAG AA for normal text. */
export const WCAG_AA_RATIO = 4.5;

export const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

/** "#rrggbb" → [r, g, b] in 0..255; null for anything else. */
export function parseHex(hex: string): [number, number, number] | null {
  if (!HEX_COLOUR.test(hex)) return null;
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

function channel(v: number): number {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance, 0 (black) to 1 (white). Throws on a colour that is not "#rrggbb". */
export function relativeLuminance(hex: string): number {
  const rgb = parseHex(hex);
  if (!rgb) throw new RangeError(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = rgb.map(channel) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio of two colours, 1 to 21, order-free. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  const [hi, lo] = la >= lb ? [la, lb] : [lb, la];
  return (hi + 0.05) / (lo + 0.05);
}

/** The ratio as people read it: rounded down to two decimals, so 4.499 never shows as "4.5". */
export function formatRatio(r: number): string {
  return `${(Math.floor(r * 100) / 100).toFixed(2)}:1`;
}

/**
 * The accent is a button background under white text and a text colour on the white surface
 * (renderer/src/styles/app.css: --on-accent, --surface), so both uses are against white.
 */
export const ACCENT_TEXT_COLOUR = '#ffffff';

/** Why an accent colour is refused (a rule code with its computed ratio), or null when it passes AA. */
export function accentIssue(accent: string): RuleProblem | null {
  if (!HEX_COLOUR.test(accent)) return { code: 'accent_colour', message: 'must be a colour such as #0e6e6a' };
  const r = contrastRatio(accent, ACCENT_TEXT_COLOUR);
  if (r >= WCAG_AA_RATIO) return null;
  return {
    code: 'accent_contrast',
    message: `has a contrast ratio of ${formatRatio(r)} with the white text it is used with; WCAG AA needs at least ${WCAG_AA_RATIO}:1`,
    params: { ratio: formatRatio(r), needed: `${WCAG_AA_RATIO}:1` },
  };
}

/** Why an accent colour is refused (English, with its computed ratio), or null when it passes AA. */
export function accentProblem(accent: string): string | null {
  return accentIssue(accent)?.message ?? null;
}
