/**
 * Branding travels with the knowledge base (issue 13): the JSON export carries a `branding` key
 * beside the knowledge base's own, and an import takes it back out before the knowledge base is
 * validated. What comes back is checked as if staff had typed it (the settings schema: accent
 * contrast, lengths) and the logo goes through the same sanitiser as a logo file.
 */
import { brandingPatchSchema } from '../../shared/contract';
import type { Branding } from '../../shared/domain';
import { AppFailure } from '../../shared/result';
import { logoDataUrl } from './logo';

export const BRANDING_KEY = 'branding';

/** The knowledge base's JSON export text with the shop's branding added. */
export function withBranding(kbJson: string, branding: Branding): string {
  const file = JSON.parse(kbJson) as Record<string, unknown>;
  return `${JSON.stringify({ ...file, [BRANDING_KEY]: branding }, null, 2)}\n`;
}

export interface SplitImport {
  /** The knowledge base alone, as the engine validates it. */
  content: string;
  /** The branding the file carried (checked; the logo sanitised again), or null when it had none. */
  branding: Branding | null;
}

/** Takes the branding out of an imported file; a file that is not a JSON object passes unchanged. */
export function splitBranding(content: string): SplitImport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return { content, branding: null };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !(BRANDING_KEY in parsed)) return { content, branding: null };
  const { [BRANDING_KEY]: raw, ...kb } = parsed as Record<string, unknown>;
  const logo = raw && typeof raw === 'object' && 'logo' in raw ? (raw as { logo: unknown }).logo : null;
  const rest = raw && typeof raw === 'object' ? Object.fromEntries(Object.entries(raw).filter(([k]) => k !== 'logo')) : raw;
  const checked = brandingPatchSchema.safeParse(rest);
  if (!checked.success) {
    const details = checked.error.issues.map((i) => ({ path: ['$', BRANDING_KEY, ...i.path.map(String)].join('.'), message: i.message }));
    throw new AppFailure('invalid_input', `The file's branding: ${details[0]?.path ?? ''} ${details[0]?.message ?? ''}`.trim(), { details });
  }
  return { content: JSON.stringify(kb), branding: { ...checked.data, logo: importedLogo(logo) } };
}

/** A logo from a file is a data: URL we wrote; it is decoded and checked again as a new logo file. */
function importedLogo(logo: unknown): string | null {
  if (logo === null || logo === undefined) return null;
  const m = typeof logo === 'string' ? /^data:image\/(png|svg\+xml);base64,([A-Za-z0-9+/=]+)$/.exec(logo) : null;
  if (!m) throw new AppFailure('invalid_input', "The file's branding logo is not a PNG or SVG data: URL.", { details: [{ path: '$.branding.logo', message: 'must be a PNG or SVG data: URL' }] });
  return logoDataUrl(m[1] === 'png' ? 'logo.png' : 'logo.svg', Buffer.from(m[2] ?? '', 'base64'));
}
