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

// Spelled-out addresses (issue 14): "jo (at) example (dot) com", "jo [at] example [dot] com",
// "jane at example dot com". Bracketed tokens are deliberate obfuscation, so any alphabetic TLD
// counts; the bare-word form ("at", "dot") is ordinary English too, so it needs a known TLD.
// No leading whitespace in the pattern: "\s*" at every space of a long blank run would be quadratic.
const AT_FIND = /[([{<][ \t]{0,3}(?:at|@)[ \t]{0,3}[)\]}>]|(?<=\s)at(?=\s)/giu;
const DOT_BRACKET = /\s*[([{<]\s*(?:dot|\.)\s*[)\]}>]\s*/iy;
const DOT_WORD = /\s+dot\s+/iy;
const DOT_PLAIN = /\./y;
const LABEL_RUN = /[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?/uy;
const LOCAL_RUN_CHAR = /[\p{L}\p{N}._%+\-]/u;
const COMMON_TLDS = new Set(['com', 'net', 'org', 'edu', 'gov', 'io', 'co', 'uk', 'de', 'fr', 'es', 'it', 'nl', 'be', 'ie', 'eu', 'info', 'biz', 'me', 'us', 'ca', 'au', 'ch', 'at', 'pl', 'pt', 'se', 'no', 'dk', 'fi', 'in', 'jp', 'br', 'mx']);

export function detectSpelledEmails(text: string): Candidate[] {
  const out: Candidate[] = [];
  AT_FIND.lastIndex = 0;
  let m: RegExpExecArray | null;
  let floor = 0;
  while ((m = AT_FIND.exec(text)) !== null) {
    const bracketed = /[([{<]/.test(m[0]);
    // Up to three blanks on either side of the "at" token.
    let left = m.index;
    for (let k = 0; k < 3 && /[ \t]/.test(text.charAt(left - 1)); k++) left--;
    if (!bracketed && left === m.index) continue;
    let s = left;
    while (s > floor && left - s < 64 && LOCAL_RUN_CHAR.test(text.charAt(s - 1))) s--;
    while (s < left && /[._%+\-]/.test(text.charAt(s))) s++;
    if (s === left) continue;
    let pos = m.index + m[0].length;
    for (let k = 0; k < 3 && /[ \t]/.test(text.charAt(pos)); k++) pos++;
    const labels: string[] = [];
    let anyBracket = bracketed;
    let anyDotWord = false;
    for (let k = 0; k < 6; k++) {
      LABEL_RUN.lastIndex = pos;
      const l = LABEL_RUN.exec(text);
      if (!l) break;
      labels.push(l[0]);
      pos = LABEL_RUN.lastIndex;
      let next = -1;
      for (const dot of [DOT_BRACKET, DOT_WORD, DOT_PLAIN]) {
        dot.lastIndex = pos;
        const d = dot.exec(text);
        if (d && (dot !== DOT_PLAIN || /[\p{L}\p{N}]/u.test(text.charAt(dot.lastIndex)))) {
          if (dot === DOT_BRACKET) anyBracket = true;
          if (dot === DOT_WORD) anyDotWord = true;
          next = dot.lastIndex;
          break;
        }
      }
      if (next < 0) break;
      // Only continue when a label follows the separator.
      LABEL_RUN.lastIndex = next;
      if (!LABEL_RUN.exec(text)) break;
      pos = next;
    }
    if (labels.length < 2) continue;
    const tld = (labels[labels.length - 1] as string).toLowerCase();
    if (!/^\p{L}{2,24}$/u.test(tld)) continue;
    // "arrived at Amazon.com" is a shop, not an address: the bare-word form must spell "dot" too.
    if (!anyBracket && (!anyDotWord || !COMMON_TLDS.has(tld))) continue;
    if (/[\p{L}\p{N}_@]/u.test(text.charAt(pos))) continue;
    out.push({ type: 'email', start: s, end: pos, placeholder: '[email]' });
    floor = pos;
    AT_FIND.lastIndex = Math.max(AT_FIND.lastIndex, pos);
  }
  return out;
}
