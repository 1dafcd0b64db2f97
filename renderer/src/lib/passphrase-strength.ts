/**
 * A rough strength hint for a new passphrase, shown while it is typed. It only guides the person
 * (length matters most, then variety, and a repeated or common pattern is weak); the rule that is
 * enforced is the minimum length, on the backend as well.
 */
export const MIN_PASSPHRASE = 8;

export type Strength = 'too_short' | 'weak' | 'fair' | 'strong';

const COMMON = /^(?:password|passphrase|qwerty|letmein|welcome|admin|iloveyou|abc|123)/i;

export function passphraseStrength(p: string): Strength {
  if (p.length < MIN_PASSPHRASE) return 'too_short';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(p)).length;
  const distinct = new Set(p.toLowerCase()).size;
  if (COMMON.test(p) || distinct <= 3 || /^\d+$/.test(p)) return 'weak';
  const words = p.trim().split(/\s+/).length;
  if (p.length >= 16 || (p.length >= 12 && classes >= 3) || words >= 4) return 'strong';
  return p.length >= 10 || classes >= 3 ? 'fair' : 'weak';
}
