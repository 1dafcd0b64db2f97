/**
 * US Social Security numbers. AAA-GG-SSSS with dashes is accepted on its own; the same digits with
 * spaces or dots, or as a plain 9-digit run, only after an SSN keyword ("SSN", "social security"),
 * because bare 9-digit numbers are usually orders or accounts. Numbers the SSA never issues are
 * rejected: area 000, 666 or 900-999, group 00, serial 0000, and all-same-digit fillers.
 */
import { ssnContextBefore } from './context';
import type { Candidate } from './types';

const SSN_SHAPE = /(?<![\p{L}\p{N}_\-.\/])(\d{3})([\- .]?)(\d{2})\2(\d{4})(?![\p{L}\p{N}_]|[\-.\/]\d)/gu;

/** True when the 9 digits are in an issuable SSN range. */
export function ssnDigitsValid(area: string, group: string, serial: string): boolean {
  if (area === '000' || area === '666' || area.startsWith('9')) return false;
  if (group === '00' || serial === '0000') return false;
  if (/^(\d)\1{8}$/.test(area + group + serial)) return false;
  return true;
}

export function detectSsns(text: string): Candidate[] {
  const out: Candidate[] = [];
  SSN_SHAPE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SSN_SHAPE.exec(text)) !== null) {
    const [whole, area = '', sep = '', group = '', serial = ''] = m;
    if (!ssnDigitsValid(area, group, serial)) continue;
    if (sep !== '-' && !ssnContextBefore(text, m.index)) continue;
    out.push({ type: 'ssn', start: m.index, end: m.index + whole.length, placeholder: '[ssn]' });
  }
  return out;
}
