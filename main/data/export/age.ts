/**
 * Encrypted exports in the age format (age-encryption.org/v1), readable by the standard `age` tool
 * (`age -d -i identity.txt export.json.age`, or `age -d export.json.age` for a passphrase).
 *
 * Two steps, because the export itself must stay synchronous (export/index.ts: an await while the
 * SQLite iterator is open would make every other handler fail with "connection is busy"):
 *
 *  1. `prepareAgeSeal` (async, before any row is read): the age-encryption library (the reference
 *     TypeScript implementation) draws the file key and the payload nonce, wraps the file key for
 *     each X25519 recipient and writes the header with its MAC. It does so by encrypting an empty
 *     payload; the header and nonce are the first bytes of that output, and the file key is seen
 *     through the library's documented `Recipient` interface. The passphrase stanza is made here
 *     with Node's scrypt on the thread pool instead of the library's pure-JS scrypt, which would
 *     block the event loop for ~0.5 s (logN 16) and cannot be bounded.
 *  2. `AgeSink` (sync): the payload in age's STREAM construction, ChaCha20-Poly1305 over 64 KiB
 *     chunks with an 11-byte big-endian counter and a last-chunk flag as nonce, under
 *     HKDF-SHA256(file key, salt = nonce, "payload"). One chunk is in memory at a time.
 *
 * `prepareAgeSeal` checks its own derivation against the library's: the empty payload's one chunk
 * must open under the key derived here, so a future library change fails loudly, not silently.
 */
import * as crypto from 'node:crypto';
import type { Recipient, Stanza } from 'age-encryption';
import { ageRecipientProblem, MAX_EXPORT_RECIPIENTS } from '../../../shared/age-recipient';
import { AppFailure } from '../../../shared/result';
import type { ByteSink } from './atomic';

type AgeModule = typeof import('age-encryption');

export const AGE_EXTENSION = '.age';
/** age's STREAM chunk size (fixed by the format). */
export const AGE_CHUNK_BYTES = 64 * 1024;
const TAG_BYTES = 16;
const NONCE_BYTES = 16;
/**
 * scrypt work factor of passphrase exports (r = 8, p = 1 are fixed by age): 2^16 needs 64 MiB and
 * about 0.25 s here. age's own default, 18, needs 256 MiB, which would double the export's memory
 * (bench: export of 100k messages < 150 MB peak). Any age tool reads every factor up to 22.
 */
export const AGE_SCRYPT_LOG_N = 16;

// age-encryption is an ES module only, and the main build is CommonJS, where tsc compiles this
// import() to require(). Node loads an ES module through require() from 20.19 / 22.12 on (measured
// here on 20.20 with `node dist/...`; Electron 45's Node 22 should too, unverified: no Electron
// binary on the build machines); vitest and tsx keep the import() as it is. (A Function-wrapped import() would
// dodge require() but fails under vitest's module runner.) Loaded on first use: commands that never
// encrypt never load it, and an older Node fails here with a clear message, not at start.
let ageModule: Promise<AgeModule> | null = null;
export function loadAge(): Promise<AgeModule> {
  ageModule ??= import('age-encryption').catch((e: unknown) => {
    ageModule = null;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_REQUIRE_ESM') throw new AppFailure('internal', `encrypted exports need Node 20.19 or later (this is ${process.version})`);
    throw e;
  });
  return ageModule;
}

export type AgeSealOptions =
  | { passphrase: string; recipients?: undefined; scryptLogN?: number }
  | { recipients: readonly string[]; passphrase?: undefined };

/** A prepared header and payload key for one export file (use once). */
export interface AgeSeal {
  /** The age header, its MAC line and the 16-byte payload nonce: the file's first bytes. */
  readonly prefix: Buffer;
  readonly payloadKey: Buffer;
  readonly mode: 'passphrase' | 'recipients';
  readonly recipients: number;
}

const MIN_PASSPHRASE = 8;

/** The X25519 recipients of an export, checked (typed error naming the bad one) and de-duplicated. */
export function checkRecipients(list: readonly string[]): string[] {
  const keys = [...new Set(list.map((r) => r.trim()))];
  if (keys.length === 0) throw new AppFailure('invalid_input', 'give at least one age1… public key');
  if (keys.length > MAX_EXPORT_RECIPIENTS) throw new AppFailure('invalid_input', `at most ${MAX_EXPORT_RECIPIENTS} public keys`);
  for (const k of keys) {
    const problem = ageRecipientProblem(k);
    if (problem) throw new AppFailure('invalid_input', `${k.length > 20 ? `${k.slice(0, 12)}…` : k || '(empty)'} is not an age public key: it ${problem}`);
  }
  return keys;
}

function scrypt(pass: Buffer, salt: Buffer, logN: number): Promise<Buffer> {
  const N = 2 ** logN;
  return new Promise((resolve, reject) =>
    crypto.scrypt(pass, salt, 32, { N, r: 8, p: 1, maxmem: 256 * N * 8 }, (e, key) => (e ? reject(e) : resolve(key))),
  );
}

function chacha(key: Buffer, nonce: Buffer, plain: Buffer): Buffer {
  const c = crypto.createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG_BYTES });
  return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}

/** age's scrypt recipient (age-encryption.org/v1/scrypt), on Node's scrypt (thread pool). */
function scryptRecipient(age: AgeModule, passphrase: string, logN: number, seen: (fileKey: Uint8Array) => void): Recipient {
  return {
    async wrapFileKey(fileKey): Promise<Stanza[]> {
      seen(fileKey);
      const salt = crypto.randomBytes(16);
      const label = Buffer.from('age-encryption.org/v1/scrypt', 'latin1');
      // age uses the passphrase's UTF-8 bytes as typed (no normalisation), and so must we.
      const key = await scrypt(Buffer.from(passphrase, 'utf8'), Buffer.concat([label, salt]), logN);
      const body = chacha(key, Buffer.alloc(12), Buffer.from(fileKey));
      key.fill(0);
      return [new age.Stanza(['scrypt', salt.toString('base64').replace(/=+$/, ''), String(logN)], body)];
    },
  };
}

function streamNonce(counter: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUIntBE(counter, 5, 6);
  n[11] = last ? 1 : 0;
  return n;
}

/** Prepares the header and payload key of one age file (nothing is written). */
export async function prepareAgeSeal(o: AgeSealOptions): Promise<AgeSeal> {
  let recipients: string[] = [];
  if (o.passphrase !== undefined) {
    if (o.passphrase.length < MIN_PASSPHRASE) throw new AppFailure('invalid_input', `the export passphrase must be at least ${MIN_PASSPHRASE} characters`);
  } else recipients = checkRecipients(o.recipients);
  const age = await loadAge();
  const e = new age.Encrypter();
  const held: { fileKey: Buffer | null } = { fileKey: null };
  const seen = (k: Uint8Array): void => {
    held.fileKey = Buffer.from(k);
  };
  if (o.passphrase !== undefined) e.addRecipient(scryptRecipient(age, o.passphrase, o.scryptLogN ?? AGE_SCRYPT_LOG_N, seen));
  else {
    for (const r of recipients) {
      try {
        e.addRecipient(r);
      } catch (err) {
        throw new AppFailure('invalid_input', `${r.slice(0, 12)}… is not an age public key (${err instanceof Error ? err.message : String(err)})`);
      }
    }
    // Sees the file key and adds no stanza of its own.
    e.addRecipient({ wrapFileKey: (k) => (seen(k), []) });
  }
  const empty = Buffer.from(await e.encrypt(new Uint8Array(0)));
  const key = held.fileKey;
  if (key === null) throw new AppFailure('internal', 'the age library did not hand over the file key');
  const prefix = empty.subarray(0, empty.length - TAG_BYTES);
  const nonce = prefix.subarray(prefix.length - NONCE_BYTES);
  const payloadKey = Buffer.from(crypto.hkdfSync('sha256', key, nonce, 'payload', 32));
  key.fill(0);
  // The library's empty payload is one final chunk: it must equal ours under the same key.
  if (!chacha(payloadKey, streamNonce(0, true), Buffer.alloc(0)).equals(empty.subarray(prefix.length))) {
    throw new AppFailure('internal', 'age payload key mismatch (age-encryption changed its format?)');
  }
  return { prefix: Buffer.from(prefix), payloadKey, mode: o.passphrase !== undefined ? 'passphrase' : 'recipients', recipients: o.passphrase !== undefined ? 0 : recipients.length };
}

/** Encrypts whatever is written through it into an age file; call `end()` once. */
export class AgeSink implements ByteSink {
  private readonly buf = Buffer.alloc(AGE_CHUNK_BYTES);
  private used = 0;
  private counter = 0;
  private ended = false;
  private readonly key: Buffer;
  constructor(
    private readonly out: ByteSink,
    seal: AgeSeal,
  ) {
    // A seal is single-use: its key is taken (and later wiped) here.
    this.key = Buffer.from(seal.payloadKey);
    seal.payloadKey.fill(0);
    out.write(seal.prefix);
  }
  write(chunk: Buffer): void {
    if (this.ended) throw new AppFailure('internal', 'encrypted export already ended');
    let off = 0;
    while (off < chunk.length) {
      // A full chunk is sent only once more bytes follow: the last chunk must carry the final flag.
      if (this.used === AGE_CHUNK_BYTES) this.emit(false);
      const n = Math.min(AGE_CHUNK_BYTES - this.used, chunk.length - off);
      chunk.copy(this.buf, this.used, off, off + n);
      this.used += n;
      off += n;
    }
  }
  end(): void {
    if (this.ended) return;
    this.emit(true);
    this.ended = true;
    this.key.fill(0);
    this.buf.fill(0);
  }
  private emit(last: boolean): void {
    // Ciphertext and tag are written as they come (no concatenated copy per chunk: less garbage).
    const c = crypto.createCipheriv('chacha20-poly1305', this.key, streamNonce(this.counter++, last), { authTagLength: TAG_BYTES });
    this.out.write(c.update(this.buf.subarray(0, this.used)));
    c.final();
    this.out.write(c.getAuthTag());
    this.used = 0;
  }
}

/** Whether a file's first bytes are an age header (binary, not armored). */
export function looksLikeAge(head: Buffer): boolean {
  return head.subarray(0, 22).toString('latin1') === 'age-encryption.org/v1\n';
}
