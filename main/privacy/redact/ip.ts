/**
 * IPv4 and IPv6 addresses.
 *
 * Decision on "1.2.3.4": a dotted quad of valid octets IS treated as an IPv4 address (an address is
 * personal data under GDPR and redacting a false one costs little), EXCEPT when a version keyword
 * precedes it ("version 1.2.3.4", "firmware 4.1.0.12", "v 2.0.0.1") or it is glued to a letter
 * ("v1.2.3.4"). Octets with leading zeros ("01.02.03.04") are not addresses.
 */
import { versionContextBefore } from './context';
import type { Candidate } from './types';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`(?<![\\p{L}\\p{N}_.])${OCTET}(?:\\.${OCTET}){3}(?![\\p{L}\\p{N}_]|\\.\\d)`, 'gu');
// Candidate IPv6 tokens: hex digits, colons, and dots (for an embedded IPv4 tail).
// The lookbehind stops a scan from restarting inside a run, so each run is read once (linear).
const IPV6_TOKEN = /(?<![\p{L}\p{N}_:.])[0-9A-Fa-f:][0-9A-Fa-f:.]*/gu;

export function isIPv4(s: string): boolean {
  return new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`).test(s);
}

/** RFC 4291 text forms: 8 groups, or fewer with one '::', optionally ending in a dotted IPv4. */
export function isIPv6(s: string): boolean {
  if (s.length < 2 || s.length > 45) return false;
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groupsOf = (part: string): string[] | null => (part === '' ? [] : part.split(':'));
  const left = groupsOf(halves[0] as string);
  const right = halves.length === 2 ? groupsOf(halves[1] as string) : [];
  if (!left || !right) return false;
  const all = [...left, ...right];
  let count = 0;
  for (let i = 0; i < all.length; i++) {
    const g = all[i] as string;
    if (i === all.length - 1 && g.includes('.')) {
      if (!isIPv4(g)) return false;
      count += 2;
    } else if (/^[0-9A-Fa-f]{1,4}$/.test(g)) {
      count += 1;
    } else {
      return false;
    }
  }
  return halves.length === 2 ? count <= 7 : count === 8;
}

export function detectIps(text: string): Candidate[] {
  const out: Candidate[] = [];
  IPV4.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = IPV4.exec(text)) !== null) {
    if (versionContextBefore(text, m.index)) continue;
    out.push({ type: 'ip', start: m.index, end: m.index + m[0].length, placeholder: '[ip]' });
  }
  IPV6_TOKEN.lastIndex = 0;
  while ((m = IPV6_TOKEN.exec(text)) !== null) {
    let tok = m[0];
    // Sentence punctuation after an address ("... fe80::1." or "::1:").
    while (tok.length > 0 && /[.:]$/.test(tok) && !tok.endsWith('::')) tok = tok.slice(0, -1);
    if ((tok.match(/:/g) ?? []).length < 2) continue;
    // "::" alone, or fewer than two hex groups, is not an address worth redacting.
    if ((tok.match(/[0-9A-Fa-f]+/g) ?? []).length < 1 || tok === '::') continue;
    if (/[\p{L}\p{N}_]/u.test(text.charAt(m.index + m[0].length))) continue;
    if (!isIPv6(tok)) continue;
    out.push({ type: 'ip', start: m.index, end: m.index + tok.length, placeholder: '[ip]' });
  }
  return out;
}
