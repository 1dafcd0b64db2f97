/**
 * Passphrase protector: scrypt (parameters recorded in the key file) derives a key-encryption key,
 * which wraps the data key with AES-256-GCM. Changing the passphrase only rewraps the data key; the
 * database is not rewritten. A wrong passphrase fails the GCM tag check, so it is detected before
 * the database file is even opened.
 */
import * as crypto from 'node:crypto';
import { AppFailure } from '../../../shared/result';
import type { KeyProtectorInfo } from '../../../shared/domain';
import type { PassphraseParams, ProtectorParams, WrappedKey } from './keyfile';
import type { KeyProtector, UnwrapResult, WrapSession } from './protector';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** ~128 MiB and a few hundred ms on a laptop: slow for guessing, fine once per unlock. */
export const DEFAULT_SCRYPT: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

const KEK_BYTES = 32;

function deriveKek(passphrase: Buffer, params: PassphraseParams): Promise<Buffer> {
  const salt = Buffer.from(params.salt, 'base64');
  // scrypt needs 128*N*r bytes; allow that plus headroom (Node's default cap is 32 MiB).
  const maxmem = 128 * params.N * params.r * 2 + 16 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    crypto.scrypt(passphrase, salt, KEK_BYTES, { N: params.N, r: params.r, p: params.p, maxmem }, (e, key) => {
      if (e) reject(new AppFailure('internal', `key derivation failed: ${e.message}`));
      else resolve(key);
    });
  });
}

class PassphraseSession implements WrapSession {
  constructor(
    readonly params: PassphraseParams,
    private readonly kek: Buffer,
  ) {}

  async wrap(dataKey: Buffer, aad: string): Promise<WrappedKey> {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.kek, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ct = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return { alg: 'aes-256-gcm', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ct: ct.toString('base64') };
  }

  async unwrap(wrapped: WrappedKey, aad: string): Promise<UnwrapResult> {
    if (wrapped.alg !== 'aes-256-gcm') {
      throw new AppFailure('key_file_invalid', 'key file entry was not wrapped with a passphrase');
    }
    const iv = Buffer.from(wrapped.iv, 'base64');
    const tag = Buffer.from(wrapped.tag, 'base64');
    const ct = Buffer.from(wrapped.ct, 'base64');
    if (iv.length !== 12 || tag.length !== 16 || ct.length !== 32) {
      throw new AppFailure('key_file_invalid', 'key file entry has the wrong sizes');
    }
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.kek, iv);
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    const part = decipher.update(ct);
    try {
      const last = decipher.final();
      const key = Buffer.concat([part, last]);
      part.fill(0);
      // A rewrap would need the passphrase again; "change passphrase" already records fresh params.
      return { key, shouldRewrap: false };
    } catch {
      part.fill(0);
      throw new AppFailure('wrong_key', 'wrong passphrase');
    }
  }

  info(): KeyProtectorInfo {
    return { kind: 'passphrase', backend: null, protectedByOs: false, warning: null };
  }

  dispose(): void {
    this.kek.fill(0);
  }
}

export interface PassphraseProtectorOptions {
  /** scrypt cost for NEW key files (tests use a small N); existing files use their recorded cost. */
  cost?: ScryptCost;
}

export class PassphraseProtector implements KeyProtector {
  readonly kind = 'passphrase' as const;
  private readonly secret: Buffer;
  private readonly cost: ScryptCost;

  constructor(passphrase: string, options: PassphraseProtectorOptions = {}) {
    if (passphrase.length === 0) throw new AppFailure('invalid_input', 'the passphrase is empty');
    // NFC so the same passphrase typed on different keyboards/OSes gives the same bytes.
    this.secret = Buffer.from(passphrase.normalize('NFC'), 'utf8');
    this.cost = options.cost ?? DEFAULT_SCRYPT;
  }

  async create(): Promise<WrapSession> {
    const params: PassphraseParams = {
      kind: 'passphrase',
      kdf: 'scrypt',
      N: this.cost.N,
      r: this.cost.r,
      p: this.cost.p,
      salt: crypto.randomBytes(16).toString('base64'),
    };
    return new PassphraseSession(params, await deriveKek(this.secret, params));
  }

  async attach(params: ProtectorParams): Promise<WrapSession> {
    if (params.kind !== 'passphrase') {
      throw new AppFailure('protector_unavailable', 'this store is protected by the device keychain, not a passphrase');
    }
    return new PassphraseSession(params, await deriveKek(this.secret, params));
  }

  /** Zeroes the passphrase bytes; the protector cannot be used afterwards. */
  dispose(): void {
    this.secret.fill(0);
  }
}
