/**
 * Device protector: the OS keychain wraps the data key through an object shaped like Electron's
 * async safeStorage API. main/store never imports electron; main/electron passes `safeStorage` in.
 *
 * On Linux, safeStorage's `basic_text` backend "encrypts" with a hard-coded password: the key is only
 * obfuscated. We still work (a kiosk may have no keyring), but report `protectedByOs=false` with a
 * plain warning so the UI can offer the passphrase protector instead. The backend used is recorded in
 * the key file; a different backend at open is reported (and usually means the key cannot be read).
 */
import { AppFailure } from '../../../shared/result';
import type { KeyProtectorInfo } from '../../../shared/domain';
import type { DeviceParams, ProtectorParams, WrappedKey } from './keyfile';
import type { KeyProtector, UnwrapResult, WrapSession } from './protector';

/** The subset of Electron's `safeStorage` this protector uses (Electron >= 38 async API). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  /** Linux only in Electron. */
  getSelectedStorageBackend?(): string;
}

export const BASIC_TEXT_WARNING =
  'No system keyring is available, so the database key is only obfuscated on this computer, not protected. ' +
  'Anyone who can read this user account\'s files can open the conversations. Use a passphrase instead.';

const HEX_KEY = /^[0-9a-f]{64}$/;

function currentBackend(safeStorage: SafeStorageLike, platform: NodeJS.Platform): string | null {
  if (platform !== 'linux') return null;
  return safeStorage.getSelectedStorageBackend ? safeStorage.getSelectedStorageBackend() : 'unknown';
}

class DeviceSession implements WrapSession {
  constructor(
    readonly params: DeviceParams,
    private readonly safeStorage: SafeStorageLike,
    /** The backend safeStorage uses now (may differ from the recorded one). */
    private readonly liveBackend: string | null,
  ) {}

  private get backendChanged(): boolean {
    return this.params.backend !== this.liveBackend;
  }

  async wrap(dataKey: Buffer, _aad: string): Promise<WrappedKey> {
    // safeStorage only takes strings; the hex copy cannot be zeroed (JS strings are immutable).
    const blob = await this.safeStorage.encryptStringAsync(dataKey.toString('hex'));
    return { alg: 'safe-storage', blob: blob.toString('base64') };
  }

  async unwrap(wrapped: WrappedKey, _aad: string): Promise<UnwrapResult> {
    if (wrapped.alg !== 'safe-storage') {
      throw new AppFailure('key_file_invalid', 'key file entry was not wrapped by the device keychain');
    }
    let out: { shouldReEncrypt: boolean; result: string };
    try {
      out = await this.safeStorage.decryptStringAsync(Buffer.from(wrapped.blob, 'base64'));
    } catch {
      if (this.backendChanged) {
        throw new AppFailure(
          'protector_unavailable',
          `the system keyring changed (${this.params.backend ?? 'none'} -> ${this.liveBackend ?? 'none'}) and the database key can no longer be read`,
        );
      }
      throw new AppFailure('wrong_key', 'the system keyring could not decrypt the database key');
    }
    if (!HEX_KEY.test(out.result)) throw new AppFailure('wrong_key', 'the system keyring returned something that is not a database key');
    return { key: Buffer.from(out.result, 'hex'), shouldRewrap: out.shouldReEncrypt || this.backendChanged };
  }

  info(): KeyProtectorInfo {
    const backend = this.liveBackend ?? this.params.backend;
    const unprotected = backend === 'basic_text' || backend === 'unknown';
    let warning: string | null = unprotected ? BASIC_TEXT_WARNING : null;
    if (this.backendChanged) {
      const change = `The system keyring changed from ${this.params.backend ?? 'none'} to ${this.liveBackend ?? 'none'}.`;
      warning = warning ? `${change} ${warning}` : change;
    }
    const keyringChange = this.backendChanged ? { keyringChange: { from: this.params.backend, to: this.liveBackend } } : {};
    return { kind: 'device', backend: backend ?? this.params.platform, protectedByOs: !unprotected, warning, ...keyringChange };
  }

  dispose(): void {
    // Nothing derived is held: the OS keeps its own key.
  }
}

export class DeviceProtector implements KeyProtector {
  readonly kind = 'device' as const;

  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  private async ensureAvailable(): Promise<void> {
    let available = false;
    try {
      available = await this.safeStorage.isAsyncEncryptionAvailable();
    } catch {
      available = false;
    }
    if (!available) throw new AppFailure('protector_unavailable', 'the system keyring is not available');
  }

  async create(): Promise<WrapSession> {
    await this.ensureAvailable();
    const backend = currentBackend(this.safeStorage, this.platform);
    return new DeviceSession({ kind: 'device', backend, platform: this.platform }, this.safeStorage, backend);
  }

  async attach(params: ProtectorParams): Promise<WrapSession> {
    if (params.kind !== 'device') {
      throw new AppFailure('protector_unavailable', 'this store is protected by a passphrase');
    }
    await this.ensureAvailable();
    return new DeviceSession(params, this.safeStorage, currentBackend(this.safeStorage, this.platform));
  }
}
