/**
 * A key protector wraps (encrypts) the random data key for storage in the key file and unwraps it at
 * open. Two implementations share this interface: the passphrase protector (scrypt + AES-256-GCM,
 * plain Node) and the device protector (the OS keychain through Electron's safeStorage, injected).
 */
import type { KeyProtectorInfo } from '../../../shared/domain';
import type { ProtectorParams, WrappedKey } from './keyfile';

/** A protector bound to one key file's parameters; holds whatever secret it derived until disposed. */
export interface WrapSession {
  readonly params: ProtectorParams;
  /** Encrypts a copy of `dataKey`; `aad` binds the result to its key-file entry. */
  wrap(dataKey: Buffer, aad: string): Promise<WrappedKey>;
  /** Returns the data key (caller zeroes it) or throws AppFailure `wrong_key` / `protector_unavailable`. */
  unwrap(wrapped: WrappedKey, aad: string): Promise<UnwrapResult>;
  info(): KeyProtectorInfo;
  /** Zeroes any derived secret held by the session. */
  dispose(): void;
}

export interface UnwrapResult {
  key: Buffer;
  /** The protector wants the key wrapped again (OS key rotated, backend changed, weaker params). */
  shouldRewrap: boolean;
}

export interface KeyProtector {
  readonly kind: KeyProtectorInfo['kind'];
  /** Fresh parameters for a new key file (passphrase: a new random salt). */
  create(): Promise<WrapSession>;
  /** Binds to the parameters recorded in an existing key file. */
  attach(params: ProtectorParams): Promise<WrapSession>;
}
