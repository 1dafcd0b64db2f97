import * as crypto from 'node:crypto';
import type { SafeStorageLike } from '../../main/store';

/**
 * A stand-in for Electron's safeStorage: real AES-GCM under a per-"OS account" secret, so a different
 * account (or a reset keyring) cannot decrypt, like the real thing.
 */
export class FakeSafeStorage implements SafeStorageLike {
  available = true;
  reencrypt = false;
  constructor(
    public backend: string,
    private secret: Buffer = crypto.randomBytes(32),
  ) {}
  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return this.available;
  }
  async encryptStringAsync(plain: string): Promise<Buffer> {
    const iv = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', this.secret, iv);
    const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), ct]);
  }
  async decryptStringAsync(blob: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> {
    const d = crypto.createDecipheriv('aes-256-gcm', this.secret, blob.subarray(0, 12));
    d.setAuthTag(blob.subarray(12, 28));
    const result = Buffer.concat([d.update(blob.subarray(28)), d.final()]).toString('utf8');
    return { shouldReEncrypt: this.reencrypt, result };
  }
  getSelectedStorageBackend(): string {
    return this.backend;
  }
  withSecret(): Buffer {
    return this.secret;
  }
}

