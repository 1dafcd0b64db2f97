/**
 * Passphrase-protected exports: a documented AES-256-GCM + scrypt envelope that streams in chunks
 * (docs/EXPORT.md has the byte layout and a decrypt snippet).
 *
 *   header (35 bytes, also the AAD of every chunk):
 *     "HDEXPENC" | version u8 = 1 | log2 N u8 | r u8 | p u8 | salt 16 B | nonce prefix 7 B
 *   then records: u32be plaintext length L | L bytes ciphertext | 16 B GCM tag
 *   nonce of record i = prefix (7 B) | u32be i | u8 (1 on the last record, else 0)
 *
 * The counter stops reordering, the last-record flag stops truncation (a file that ends without
 * a flagged record is rejected), and the header as AAD stops parameter swapping.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { AppFailure } from '../../../shared/result';
import type { ByteSink } from './atomic';

export const ENVELOPE_MAGIC = Buffer.from('HDEXPENC', 'latin1');
export const ENVELOPE_VERSION = 1;
export const ENVELOPE_EXTENSION = '.hdenc';
const HEADER_BYTES = 35;
const TAG_BYTES = 16;
/** A record larger than this is not ours (and must not be allocated blindly). */
const MAX_RECORD = 16 * 1024 * 1024;

export interface EnvelopeCost {
  log2N: number;
  r: number;
  p: number;
}
/** OWASP's scrypt equivalent of N=2^17,r=8,p=1 with a quarter of the memory (32 MiB). */
export const DEFAULT_ENVELOPE_COST: EnvelopeCost = { log2N: 15, r: 8, p: 3 };

function deriveKey(passphrase: string, salt: Buffer, cost: EnvelopeCost): Buffer {
  if (cost.log2N < 10 || cost.log2N > 20 || cost.r < 1 || cost.r > 32 || cost.p < 1 || cost.p > 16) {
    throw new AppFailure('invalid_input', 'the export uses unsupported scrypt parameters');
  }
  const N = 2 ** cost.log2N;
  return crypto.scryptSync(Buffer.from(passphrase.normalize('NFC'), 'utf8'), salt, 32, { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r });
}

function nonce(prefix: Buffer, index: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0, 0, 7);
  n.writeUInt32BE(index, 7);
  n[11] = last ? 1 : 0;
  return n;
}

/** Encrypts whatever is written through it; call `end()` once to write the final record. */
export class EncryptingSink implements ByteSink {
  private readonly key: Buffer;
  private readonly header: Buffer;
  private readonly prefix: Buffer;
  private pending: Buffer | null = null;
  private index = 0;
  private ended = false;
  constructor(private readonly out: ByteSink, passphrase: string, cost: EnvelopeCost = DEFAULT_ENVELOPE_COST) {
    const salt = crypto.randomBytes(16);
    this.prefix = crypto.randomBytes(7);
    this.header = Buffer.concat([ENVELOPE_MAGIC, Buffer.from([ENVELOPE_VERSION, cost.log2N, cost.r, cost.p]), salt, this.prefix]);
    this.key = deriveKey(passphrase, salt, cost);
    out.write(this.header);
  }
  write(chunk: Buffer): void {
    if (this.ended) throw new AppFailure('internal', 'encrypted export already ended');
    // One chunk is held back so the last one can carry the final flag.
    if (this.pending) this.emit(this.pending, false);
    this.pending = chunk;
  }
  end(): void {
    if (this.ended) return;
    this.emit(this.pending ?? Buffer.alloc(0), true);
    this.pending = null;
    this.ended = true;
    this.key.fill(0);
  }
  private emit(plain: Buffer, last: boolean): void {
    const c = crypto.createCipheriv('aes-256-gcm', this.key, nonce(this.prefix, this.index++, last));
    c.setAAD(this.header);
    const ct = Buffer.concat([c.update(plain), c.final()]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(plain.length, 0);
    this.out.write(Buffer.concat([len, ct, c.getAuthTag()]));
  }
}

/** Reads exactly n bytes at `pos` (positional reads: the caller tracks where it is). */
function readAt(fd: number, pos: number, n: number, what: string): Buffer {
  const buf = Buffer.alloc(n);
  let off = 0;
  while (off < n) {
    const got = fs.readSync(fd, buf, off, n - off, pos + off);
    if (got === 0) throw new AppFailure('corrupt', `the encrypted export is truncated (${what})`);
    off += got;
  }
  return buf;
}

/** Whether a file starts like an encrypted export. */
export function isEncryptedExport(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(ENVELOPE_MAGIC.length);
    return fs.readSync(fd, head, 0, head.length, 0) === head.length && head.equals(ENVELOPE_MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Decrypts an encrypted export record by record into `out` (nothing unauthenticated is passed on:
 * each record is checked before it is written). Wrong passphrase -> `wrong_key`; a changed or cut
 * file -> `corrupt`.
 */
export function decryptExport(file: string, passphrase: string, out: ByteSink): number {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const header = readAt(fd, 0, HEADER_BYTES, 'header');
    if (!header.subarray(0, 8).equals(ENVELOPE_MAGIC)) throw new AppFailure('invalid_input', `${file} is not an encrypted Hushdesk export`);
    if (header[8] !== ENVELOPE_VERSION) throw new AppFailure('future_schema', `${file} uses envelope version ${header[8]}; update Hushdesk`);
    const cost = { log2N: header[9] as number, r: header[10] as number, p: header[11] as number };
    const key = deriveKey(passphrase, header.subarray(12, 28), cost);
    const prefix = header.subarray(28, 35);
    let pos = HEADER_BYTES;
    let total = 0;
    try {
      for (let index = 0; ; index++) {
        const len = readAt(fd, pos, 4, `record ${index}`).readUInt32BE(0);
        if (len > MAX_RECORD) throw new AppFailure('corrupt', 'the encrypted export is damaged (record too large)');
        const body = readAt(fd, pos + 4, len + TAG_BYTES, `record ${index}`);
        pos += 4 + len + TAG_BYTES;
        // The record must say it is the last one exactly when the file ends after it.
        const last = pos === size;
        const d = crypto.createDecipheriv('aes-256-gcm', key, nonce(prefix, index, last));
        d.setAAD(header);
        d.setAuthTag(body.subarray(len));
        let plain: Buffer;
        try {
          plain = Buffer.concat([d.update(body.subarray(0, len)), d.final()]);
        } catch {
          if (index === 0 && !last) throw new AppFailure('wrong_key', 'wrong passphrase for this export (or the file was changed)');
          if (index === 0) throw new AppFailure('wrong_key', 'wrong passphrase for this export (or the file was changed or cut)');
          throw new AppFailure('corrupt', `the encrypted export was changed or cut (record ${index})`);
        }
        out.write(plain);
        total += plain.length;
        if (last) return total;
      }
    } finally {
      key.fill(0);
    }
  } finally {
    fs.closeSync(fd);
  }
}
