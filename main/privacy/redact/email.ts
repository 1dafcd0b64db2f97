/**
 * Email addresses, found by scanning outward from each '@' instead of one big regex: a single pass
 * with bounded work per '@', so hostile input cannot make it backtrack. Rules (RFC 5321/5322 dot-atom,
 * plus RFC 6531 unicode): local part of atext and dots (no leading, trailing or double dot, <= 64),
 * domain of >= 2 labels of letters/digits/hyphens (no edge hyphen, <= 63 each), alphabetic TLD of
 * >= 2 letters or a punycode TLD. Quoted local parts and IP-literal domains are not supported.
 */
import type { Candidate } from './types';

// RFC 5322 atext, plus unicode letters/marks/digits (EAI). No '@', whitespace, quotes, brackets.
const LOCAL_CHAR = /[\p{L}\p{M}\p{N}!#$%&'*+\-/=?^_`{|}~.]/u;
const LOCAL_EDGE_JUNK = /^[^\p{L}\p{M}\p{N}_]+/u; // "'bob" or "(bob" -> "bob"
const DOMAIN_CHAR = /[\p{L}\p{M}\p{N}\-.]/u;
const LABEL = /^[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]{0,61}[\p{L}\p{M}\p{N}])?$/u;
const TLD = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/iu;

// "icon@2x.png" is an asset name, not an address.
const FILE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'avif', 'bmp', 'ico', 'tif', 'tiff']);

const MAX_LOCAL_SCAN = 128;
const MAX_DOMAIN_SCAN = 260;

export function detectEmails(text: string): Candidate[] {
  const out: Candidate[] = [];
  let at = text.indexOf('@');
  let floor = 0; // never scan left past the end of the previous finding or '@'
  while (at !== -1) {
    const hit = emailAt(text, at, floor);
    if (hit) {
      out.push({ type: 'email', start: hit.start, end: hit.end, placeholder: '[email]' });
      floor = hit.end;
      at = text.indexOf('@', hit.end);
    } else {
      floor = at + 1;
      at = text.indexOf('@', at + 1);
    }
  }
  return out;
}

function emailAt(text: string, at: number, floor: number): { start: number; end: number } | null {
  let s = at;
  const minS = Math.max(floor, at - MAX_LOCAL_SCAN);
  while (s > minS && LOCAL_CHAR.test(text.charAt(s - 1))) s--;
  if (s === at - MAX_LOCAL_SCAN && s > floor && LOCAL_CHAR.test(text.charAt(s - 1))) return null;
  let local = text.slice(s, at);
  const junk = LOCAL_EDGE_JUNK.exec(local);
  if (junk) {
    s += junk[0].length;
    local = local.slice(junk[0].length);
  }
  if (local.length === 0 || local.length > 64) return null;
  if (local.endsWith('.') || local.includes('..')) return null;

  let e = at + 1;
  const maxE = Math.min(text.length, at + 1 + MAX_DOMAIN_SCAN);
  while (e < maxE && DOMAIN_CHAR.test(text.charAt(e))) e++;
  // A sentence may end right after the address: drop trailing dots/hyphens.
  while (e > at + 1 && /[.\-]/.test(text.charAt(e - 1))) e--;
  const domain = text.slice(at + 1, e);
  if (domain.length === 0 || domain.length > 253) return null;
  const labels = domain.split('.');
  if (labels.length < 2) return null;
  if (!labels.every((l) => LABEL.test(l))) return null;
  const tld = labels[labels.length - 1] as string;
  if (!TLD.test(tld) || FILE_EXTENSIONS.has(tld.toLowerCase())) return null;
  // "user@host.com@evil" or "a@b.co_x": the address must not run on into more address characters.
  const next = text.charAt(e);
  if (next === '@' || next === '_') return null;
  return { start: s, end: e };
}
