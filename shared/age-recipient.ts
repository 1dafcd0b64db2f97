/**
 * Checks an age X25519 recipient (`age1...`, the public key an IT department hands out) without any
 * crypto library: Bech32 (BIP 173) with the human-readable part "age" and a 32-byte key. The same
 * check runs in the settings schema (main) and in the Export page (renderer), so a typo is refused
 * where it is typed, not at the first export. The export itself parses the key again with the age
 * library before using it.
 *
 * Imports nothing (shared/ is pure).
 */
import type { RuleProblem } from './settings-rules';

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
const HRP = 'age';
/** 32 bytes = 256 bits = 52 five-bit groups (4 padding bits), plus a 6-group checksum. */
const DATA_GROUPS = 52;
const CHECKSUM_GROUPS = 6;
export const AGE_RECIPIENT_LENGTH = HRP.length + 1 + DATA_GROUPS + CHECKSUM_GROUPS;

function polymod(values: readonly number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk = (chk ^ (GENERATOR[i] as number)) >>> 0;
  }
  return chk;
}

function hrpExpand(hrp: string): number[] {
  const codes = [...hrp].map((c) => c.charCodeAt(0));
  return [...codes.map((c) => c >> 5), 0, ...codes.map((c) => c & 31)];
}

/** Why `text` is not an age X25519 recipient (a rule code, its values and the English line), or null when it is one. */
export function ageRecipientIssue(text: string): RuleProblem | null {
  if (!text.startsWith(`${HRP}1`)) return { code: 'age_key_prefix', message: 'must start with age1' };
  if (text.length !== AGE_RECIPIENT_LENGTH) return { code: 'age_key_length', message: `must be ${AGE_RECIPIENT_LENGTH} characters (an age1… public key from age-keygen)`, params: { n: AGE_RECIPIENT_LENGTH } };
  const groups: number[] = [];
  for (const c of text.slice(HRP.length + 1)) {
    const v = CHARSET.indexOf(c);
    if (v < 0) return { code: 'age_key_character', message: `has a character that cannot be in an age key: ${JSON.stringify(c)}`, params: { character: c } };
    groups.push(v);
  }
  if (polymod([...hrpExpand(HRP), ...groups]) !== 1) return { code: 'age_key_checksum', message: 'has a typo (its checksum does not match)' };
  // The last data group carries 1 key bit and 4 padding bits, which must be zero.
  if (((groups[DATA_GROUPS - 1] as number) & 0x0f) !== 0) return { code: 'age_key_size', message: 'is not a 32-byte key' };
  return null;
}

/** Why `text` is not an age X25519 recipient (English, for logs and the CLI), or null when it is one. */
export function ageRecipientProblem(text: string): string | null {
  return ageRecipientIssue(text)?.message ?? null;
}

export function isAgeRecipient(text: string): boolean {
  return ageRecipientProblem(text) === null;
}

/** Most public keys an export can be encrypted to (each adds a ~150-byte stanza to the header). */
export const MAX_EXPORT_RECIPIENTS = 20;
