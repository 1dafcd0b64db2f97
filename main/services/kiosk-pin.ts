/**
 * The staff PIN that guards settings in kiosk mode. Hashed with scrypt (slow on purpose: a 4-digit
 * PIN is a tiny space, so the KDF plus a growing lockout is what makes guessing impractical). After
 * 5 wrong PINs in a row, each further try waits 30 s, doubling per failure, capped at one hour.
 * Every failure is audited. A correct PIN opens staff settings for a few minutes.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { KioskStatus } from '../../shared/contract';
import { AppFailure } from '../../shared/result';
import type { AuditSink, Clock, KeyValue } from './ports';

const PIN_KEY = 'kiosk.pin';
const STATE_KEY = 'kiosk.pinState';
const FREE_TRIES = 5;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;
export const STAFF_SESSION_MS = 5 * 60_000;
const SCRYPT = { N: 1 << 15, r: 8, p: 1, keylen: 32 } as const;

interface StoredPin {
  v: 1;
  salt: string;
  hash: string;
  N: number;
  r: number;
  p: number;
}

interface PinState {
  failures: number;
  lockedOutUntil: number | null;
}

export interface KioskPin {
  status(kiosk: boolean): KioskStatus;
  setPin(pin: string, currentPin?: string): void;
  /** Checks the PIN; throws wrong_pin / pin_locked_out. */
  unlock(pin: string): void;
  /** Checks the PIN without opening a session (for actions that need it, e.g. leaving kiosk mode). */
  verify(pin: string): void;
  lock(): void;
  isUnlocked(): boolean;
  /** Forget the PIN (erase everything). */
  reset(): void;
}

export function lockoutDelayMs(failures: number): number {
  if (failures < FREE_TRIES) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - FREE_TRIES));
}

function hashPin(pin: string, salt: Buffer, params: { N: number; r: number; p: number }): Buffer {
  return scryptSync(pin, salt, SCRYPT.keylen, { N: params.N, r: params.r, p: params.p, maxmem: 128 * params.N * params.r * 2 });
}

export function createKioskPin(kv: KeyValue, audit: AuditSink, now: Clock): KioskPin {
  let unlockedUntil: number | null = null;

  const state = (): PinState => kv.get<PinState>(STATE_KEY) ?? { failures: 0, lockedOutUntil: null };
  const stored = (): StoredPin | undefined => kv.get<StoredPin>(PIN_KEY);

  function check(pin: string): void {
    const s = state();
    const t = now();
    if (s.lockedOutUntil !== null && s.lockedOutUntil > t) {
      throw new AppFailure('pin_locked_out', 'Too many wrong PINs. Try again later.', { retryAfterMs: s.lockedOutUntil - t });
    }
    const rec = stored();
    if (!rec) throw new AppFailure('conflict', 'No staff PIN is set yet.');
    const expected = Buffer.from(rec.hash, 'base64');
    const actual = hashPin(pin, Buffer.from(rec.salt, 'base64'), rec);
    if (actual.length === expected.length && timingSafeEqual(actual, expected)) {
      kv.set(STATE_KEY, { failures: 0, lockedOutUntil: null } satisfies PinState);
      return;
    }
    const failures = s.failures + 1;
    const delay = lockoutDelayMs(failures);
    const lockedOutUntil = delay > 0 ? t + delay : null;
    kv.set(STATE_KEY, { failures, lockedOutUntil } satisfies PinState);
    audit('staff_pin_failed', { failures, lockedOutMs: delay });
    if (lockedOutUntil !== null) {
      throw new AppFailure('pin_locked_out', 'Too many wrong PINs. Try again later.', { retryAfterMs: delay });
    }
    throw new AppFailure('wrong_pin', `Wrong PIN. ${FREE_TRIES - failures} tries left before a lockout.`);
  }

  return {
    status(kiosk) {
      const s = state();
      const t = now();
      return {
        kiosk,
        pinSet: stored() !== undefined,
        unlockedUntil: unlockedUntil !== null && unlockedUntil > t ? unlockedUntil : null,
        failures: s.failures,
        lockedOutUntil: s.lockedOutUntil !== null && s.lockedOutUntil > t ? s.lockedOutUntil : null,
      };
    },
    setPin(pin, currentPin) {
      if (stored()) {
        if (currentPin === undefined) throw new AppFailure('forbidden', 'Enter the current PIN to change it.');
        check(currentPin);
      }
      const salt = randomBytes(16);
      const rec: StoredPin = { v: 1, salt: salt.toString('base64'), hash: hashPin(pin, salt, SCRYPT).toString('base64'), N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p };
      kv.set(PIN_KEY, rec);
      kv.set(STATE_KEY, { failures: 0, lockedOutUntil: null } satisfies PinState);
      audit('staff_pin_set', {});
      unlockedUntil = now() + STAFF_SESSION_MS;
    },
    unlock(pin) {
      check(pin);
      unlockedUntil = now() + STAFF_SESSION_MS;
    },
    verify(pin) {
      check(pin);
    },
    lock() {
      unlockedUntil = null;
    },
    isUnlocked() {
      return unlockedUntil !== null && unlockedUntil > now();
    },
    reset() {
      unlockedUntil = null;
    },
  };
}
