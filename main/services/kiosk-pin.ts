/**
 * The staff PIN that guards settings in kiosk mode. Hashed with scrypt (slow on purpose: a 4-digit
 * PIN is a tiny space, so the KDF plus a growing lockout is what makes guessing impractical). After
 * 5 wrong PINs in a row, each further try waits 30 s, doubling per failure, capped at one hour.
 * Every failure is audited. A correct PIN opens staff settings for a few minutes.
 *
 * The PIN's hash is also mirrored into a small file next to the store (see kiosk-pin-file.ts):
 * a kiosk whose store is locked (passphrase not typed yet) must still be able to ask for the PIN
 * before anyone may erase it, and the encrypted store cannot be read at that point. The mirror
 * holds the scrypt hash and lockout state only, never anything about conversations.
 *
 * The hash runs on libuv's thread pool (async `scrypt`, ~32 MB and tens of milliseconds), never on
 * the thread that serves the UI. Checks are serialised: two PINs sent at once cannot both be
 * compared against the same failure count and so slip past the lockout.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
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

export interface StoredPin {
  v: 1;
  salt: string;
  hash: string;
  N: number;
  r: number;
  p: number;
}

export interface PinState {
  failures: number;
  lockedOutUntil: number | null;
}

/** What the PIN mirror file holds: enough to check the PIN while the store is locked. */
export interface MirroredPin {
  v: 1;
  pin: StoredPin;
  state: PinState;
  /** The data folder belongs to a kiosk (the setting or --kiosk): its locked screen is for customers. */
  kiosk: boolean;
}

/** Where the mirror lives (a file next to the store in the app; a variable in tests). */
export interface PinMirror {
  read(): MirroredPin | null;
  write(record: MirroredPin): void;
  remove(): void;
}

export interface KioskPin {
  status(kiosk: boolean): KioskStatus;
  setPin(pin: string, currentPin?: string): Promise<void>;
  /** Checks the PIN; rejects with wrong_pin / pin_locked_out. */
  unlock(pin: string): Promise<void>;
  /** Checks the PIN without opening a session (for actions that need it, e.g. leaving kiosk mode). */
  verify(pin: string): Promise<void>;
  lock(): void;
  isUnlocked(): boolean;
  /** Forget the PIN (erase everything). */
  reset(): void;
  /** Brings the mirror in line with the store (a missing mirror is written, a stale one removed). */
  syncMirror(kiosk: boolean): void;
}

export function lockoutDelayMs(failures: number): number {
  if (failures < FREE_TRIES) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - FREE_TRIES));
}

/**
 * Checks a PIN against a stored hash and lockout state; returns the new state and whether it matched.
 * One rule for the store's PIN and for its mirror, so a locked kiosk is no easier to guess at.
 */
async function checkAgainst(rec: StoredPin, s: PinState, pin: string, t: number): Promise<{ match: boolean; state: PinState; delay: number }> {
  if (s.lockedOutUntil !== null && s.lockedOutUntil > t) {
    throw new AppFailure('pin_locked_out', 'Too many wrong PINs. Try again later.', { retryAfterMs: s.lockedOutUntil - t });
  }
  const expected = Buffer.from(rec.hash, 'base64');
  const actual = await hashPin(pin, Buffer.from(rec.salt, 'base64'), rec);
  if (actual.length === expected.length && timingSafeEqual(actual, expected)) return { match: true, state: { failures: 0, lockedOutUntil: null }, delay: 0 };
  const failures = s.failures + 1;
  const delay = lockoutDelayMs(failures);
  return { match: false, state: { failures, lockedOutUntil: delay > 0 ? t + delay : null }, delay };
}

/** Runs PIN checks one after another (each reads the failure count the previous one wrote). */
function serialQueue(): <T>(job: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const run = tail.then(job, job);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** The mirror is one file per data folder; one queue for it in this process. */
const mirrorChecks = serialQueue();

function failureOf(r: { state: PinState; delay: number }): AppFailure {
  if (r.state.lockedOutUntil !== null) return new AppFailure('pin_locked_out', 'Too many wrong PINs. Try again later.', { retryAfterMs: r.delay });
  return new AppFailure('wrong_pin', `Wrong PIN. ${FREE_TRIES - r.state.failures} tries left before a lockout.`);
}

/**
 * Checks the PIN against the mirror while the store is locked (erasing a locked kiosk). Wrong PINs
 * count towards the same lockout, kept in the mirror. Throws forbidden when no PIN is mirrored.
 */
export function verifyMirroredPin(mirror: PinMirror, pin: string | undefined, now: () => number): Promise<void> {
  return mirrorChecks(async () => {
    const rec = mirror.read();
    if (!rec) throw new AppFailure('forbidden', 'No staff PIN is set on this kiosk: unlock it with the passphrase first.');
    if (pin === undefined) throw new AppFailure('forbidden', 'Erasing this kiosk needs the staff PIN.');
    const r = await checkAgainst(rec.pin, rec.state, pin, now());
    mirror.write({ ...rec, state: r.state });
    if (!r.match) throw failureOf(r);
  });
}

function hashPin(pin: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, SCRYPT.keylen, { N: params.N, r: params.r, p: params.p, maxmem: 128 * params.N * params.r * 2 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export function createKioskPin(kv: KeyValue, audit: AuditSink, now: Clock, mirror?: PinMirror): KioskPin {
  let unlockedUntil: number | null = null;
  const serial = serialQueue();

  const state = (): PinState => kv.get<PinState>(STATE_KEY) ?? { failures: 0, lockedOutUntil: null };
  const stored = (): StoredPin | undefined => kv.get<StoredPin>(PIN_KEY);

  /** Call only inside serial(): reads and writes the failure count. */
  async function check(pin: string): Promise<void> {
    const rec = stored();
    if (!rec) throw new AppFailure('conflict', 'No staff PIN is set yet.');
    const r = await checkAgainst(rec, state(), pin, now());
    kv.set(STATE_KEY, r.state);
    if (r.match) return;
    audit('staff_pin_failed', { failures: r.state.failures, lockedOutMs: r.delay });
    throw failureOf(r);
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
      return serial(async () => {
        if (stored()) {
          if (currentPin === undefined) throw new AppFailure('forbidden', 'Enter the current PIN to change it.');
          await check(currentPin);
        }
        const salt = randomBytes(16);
        const hash = await hashPin(pin, salt, SCRYPT);
        const rec: StoredPin = { v: 1, salt: salt.toString('base64'), hash: hash.toString('base64'), N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p };
        kv.set(PIN_KEY, rec);
        kv.set(STATE_KEY, { failures: 0, lockedOutUntil: null } satisfies PinState);
        mirror?.write({ v: 1, pin: rec, state: { failures: 0, lockedOutUntil: null }, kiosk: mirror.read()?.kiosk ?? false });
        audit('staff_pin_set', {});
        unlockedUntil = now() + STAFF_SESSION_MS;
      });
    },
    unlock(pin) {
      return serial(async () => {
        await check(pin);
        unlockedUntil = now() + STAFF_SESSION_MS;
      });
    },
    verify(pin) {
      return serial(() => check(pin));
    },
    lock() {
      unlockedUntil = null;
    },
    isUnlocked() {
      return unlockedUntil !== null && unlockedUntil > now();
    },
    reset() {
      unlockedUntil = null;
      mirror?.remove();
    },
    syncMirror(kiosk) {
      if (!mirror) return;
      const rec = stored();
      const m = mirror.read();
      if (!rec) {
        if (m) mirror.remove();
        return;
      }
      if (!m || m.pin.hash !== rec.hash || m.kiosk !== kiosk) mirror.write({ v: 1, pin: rec, state: m?.state ?? state(), kiosk });
    },
  };
}
