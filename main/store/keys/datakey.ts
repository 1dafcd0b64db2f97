/** The data key: 32 random bytes used as a raw SQLCipher key (no KDF at open). */
import * as crypto from 'node:crypto';

export const DATA_KEY_BYTES = 32;

export function newDataKey(): Buffer {
  return crypto.randomBytes(DATA_KEY_BYTES);
}

const HEX = Buffer.from('0123456789abcdef', 'latin1');

/**
 * The key in SQLite3MultipleCiphers' raw-key form `x'<64 hex>'`, built byte by byte so that no
 * immutable JS string copy of the key is ever created; the caller zeroes the returned buffer.
 */
export function rawKeyLiteral(key: Buffer): Buffer {
  const out = Buffer.alloc(3 + key.length * 2);
  out[0] = 0x78; // x
  out[1] = 0x27; // '
  for (let i = 0; i < key.length; i++) {
    const b = key[i] as number;
    out[2 + i * 2] = HEX[b >> 4] as number;
    out[3 + i * 2] = HEX[b & 15] as number;
  }
  out[out.length - 1] = 0x27;
  return out;
}

export function zero(...buffers: (Buffer | null | undefined)[]): void {
  for (const b of buffers) b?.fill(0);
}
