import { describe, expect, it } from 'vitest';
import { createKioskPin, lockoutDelayMs } from '../../main/services/kiosk-pin';
import type { KeyValue } from '../../main/services/ports';
import { isAppFailure } from '../../shared/result';

function memoryKv(): KeyValue & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get: <T>(k: string) => (data.has(k) ? (JSON.parse(data.get(k) as string) as T) : undefined),
    set: (k, v) => void data.set(k, JSON.stringify(v)),
  };
}

async function codeOf(fn: () => Promise<void>): Promise<string | null> {
  try {
    await fn();
    return null;
  } catch (e) {
    return isAppFailure(e) ? e.error.code : 'thrown';
  }
}

describe('staff PIN', () => {
  it('stores only a salted slow hash, never the PIN', async () => {
    const kv = memoryKv();
    const pin = createKioskPin(kv, () => {}, () => 0);
    await pin.setPin('482913');
    const stored = [...kv.data.values()].join(' ');
    expect(stored).not.toContain('482913');
    expect(stored).toMatch(/"N":32768/);
  });

  it('locks out after five wrong PINs with a growing delay, auditing each failure', async () => {
    const kv = memoryKv();
    const audited: string[] = [];
    let t = 1_000_000;
    const pin = createKioskPin(kv, (kind) => audited.push(kind), () => t);
    await pin.setPin('2468');
    pin.lock();
    for (let i = 1; i <= 4; i++) expect(await codeOf(() => pin.unlock('1111'))).toBe('wrong_pin');
    expect(await codeOf(() => pin.unlock('1111'))).toBe('pin_locked_out');
    // While locked out even the right PIN is refused, without another hash attempt being audited.
    expect(await codeOf(() => pin.unlock('2468'))).toBe('pin_locked_out');
    expect(audited.filter((k) => k === 'staff_pin_failed')).toHaveLength(5);
    expect(pin.status(true).lockedOutUntil).toBe(t + 30_000);
    t += 30_001;
    expect(await codeOf(() => pin.unlock('0000'))).toBe('pin_locked_out');
    expect(pin.status(true).lockedOutUntil).toBe(t + 60_000);
    t += 60_001;
    expect(await codeOf(() => pin.unlock('2468'))).toBeNull();
    expect(pin.isUnlocked()).toBe(true);
    expect(pin.status(true).failures).toBe(0);
  });

  it('delays grow and are capped', () => {
    expect([4, 5, 6, 7].map(lockoutDelayMs)).toEqual([0, 30_000, 60_000, 120_000]);
    expect(lockoutDelayMs(40)).toBe(3_600_000);
  });

  it('changing the PIN needs the current one', async () => {
    const pin = createKioskPin(memoryKv(), () => {}, () => 0);
    await pin.setPin('1234');
    expect(await codeOf(() => pin.setPin('5678'))).toBe('forbidden');
    expect(await codeOf(() => pin.setPin('5678', '9999'))).toBe('wrong_pin');
    expect(await codeOf(() => pin.setPin('5678', '1234'))).toBeNull();
    expect(await codeOf(() => pin.verify('5678'))).toBeNull();
  });

  it('hashes off the thread that serves the UI: other work runs while a PIN is checked', async () => {
    const pin = createKioskPin(memoryKv(), () => {}, () => 0);
    await pin.setPin('2468');
    pin.lock();
    let ranMeanwhile = false;
    setImmediate(() => {
      ranMeanwhile = true;
    });
    // A synchronous scrypt would finish inside the call's microtasks, before setImmediate fires.
    await pin.unlock('2468');
    expect(ranMeanwhile).toBe(true);
    expect(pin.isUnlocked()).toBe(true);
  });

  it('PINs sent at once are checked one after another: each counts towards the lockout', async () => {
    const audited: string[] = [];
    const pin = createKioskPin(memoryKv(), (kind) => audited.push(kind), () => 5_000);
    await pin.setPin('2468');
    pin.lock();
    const codes = await Promise.all(['1111', '2222', '3333', '4444', '5555', '6666', '2468'].map((p) => codeOf(() => pin.unlock(p))));
    expect(codes).toEqual(['wrong_pin', 'wrong_pin', 'wrong_pin', 'wrong_pin', 'pin_locked_out', 'pin_locked_out', 'pin_locked_out']);
    expect(audited.filter((k) => k === 'staff_pin_failed')).toHaveLength(5);
    expect(pin.isUnlocked()).toBe(false);
  });
});
