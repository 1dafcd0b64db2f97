/**
 * Every writer of the key file against every other, many times, reopening the store each time
 * (issue 14 item 2): the end-of-day wipe's key rotation, a passphrase change, a switch to the device
 * keychain and back, and a plain rekey. Before the key-file lock, a passphrase change that read the
 * key file before a rotation committed wrote the old data key back: after a restart the old
 * passphrase gave `wrong_key` and the new one `corrupt`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../main/backend';
import { wipeEndOfDay } from '../../main/data';
import { changeKeyProtector, DeviceProtector, openStore, rekey, type KeyProtector, type Store } from '../../main/store';
import { rng } from '../../main/engine/svm';
import type { Result } from '../../shared/result';
import { seed } from '../data/helpers';
import { FakeSafeStorage } from '../support/fake-safe-storage';
import { cleanupTempDirs, protector, tempDir } from './helpers';

afterAll(cleanupTempDirs);

const ROUNDS = 60;

/** Waits a few event-loop turns (0 to 3 ms in all), so each round interleaves differently. */
async function jitter(rand: () => number): Promise<void> {
  const turns = Math.floor(rand() * 4);
  for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
  if (rand() < 0.5) await new Promise((r) => setTimeout(r, Math.floor(rand() * 3)));
}

describe('key-file writers are serialised', () => {
  it(`${ROUNDS} rounds of rotation vs passphrase change vs protector switch vs rekey, reopened every round`, async () => {
    const dir = tempDir('hushdesk-race-');
    const safe = new FakeSafeStorage('gnome_libsecret');
    const rand = rng(2026);
    let pass = 'round zero passphrase';
    let current: KeyProtector = protector(pass);
    let store: Store = await openStore({ dataDir: dir, protector: current, create: true });
    seed(store, 3);
    const outcomes = new Map<string, number>();
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const nextPass = `round ${round + 1} passphrase`;
        const toDevice = round % 5 === 2 && current.kind === 'passphrase';
        const next: KeyProtector = toDevice ? new DeviceProtector(safe, 'linux') : protector(nextPass);
        const from: KeyProtector = current.kind === 'device' ? new DeviceProtector(safe, 'linux') : protector(pass);
        const s = store;
        const writers: Promise<string>[] = [
          wipeEndOfDay(s, Date.now(), { trigger: 'staff' }).then(() => 'wipe'),
          (async () => {
            await jitter(rand);
            await changeKeyProtector(s, from, next);
            return 'change';
          })(),
        ];
        if (round % 3 === 0) {
          writers.push(
            (async () => {
              await jitter(rand);
              await rekey(s);
              return 'rekey';
            })(),
          );
        }
        const settled = await Promise.allSettled(writers);
        for (const r of settled) {
          const key = r.status === 'fulfilled' ? r.value : `rejected:${String((r.reason as { error?: { code?: string } }).error?.code ?? r.reason)}`;
          outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        }
        // Every writer finished its job: none was refused for a race.
        expect(settled.every((r) => r.status === 'fulfilled'), JSON.stringify([...outcomes])).toBe(true);
        s.close();
        current = next;
        if (next.kind === 'passphrase') {
          // The old passphrase no longer opens it (only when it really changed).
          if (from.kind === 'passphrase') {
            await expect(openStore({ dataDir: dir, protector: protector(pass), create: false })).rejects.toMatchObject({ error: { code: 'wrong_key' } });
          }
          pass = nextPass;
        }
        // The newest protector opens the store, and the rows written after the wipe are readable.
        store = await openStore({ dataDir: dir, protector: next.kind === 'device' ? new DeviceProtector(safe, 'linux') : protector(pass), create: false });
        seed(store, 1, { prefix: `r${round}-` });
        expect((store.db.prepare('SELECT count(*) AS n FROM conversations').get() as { n: number }).n).toBe(1);
        if (next.kind === 'device') {
          // Back to a passphrase in the next round.
          const back = protector(`back ${round}`);
          await changeKeyProtector(store, new DeviceProtector(safe, 'linux'), back);
          pass = `back ${round}`;
          current = back;
        }
      }
    } finally {
      if (store.isOpen) store.close();
    }
    expect(outcomes.get('wipe')).toBe(ROUNDS);
    expect(outcomes.get('change')).toBe(ROUNDS);
  }, 180_000);
});

describe('through the backend, as the issue reproduced it', () => {
  function value<T>(r: Result<unknown>): T {
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value as T;
  }

  it('security.changePassphrase sent while wipe.run {day} runs: both succeed, and after a restart the new passphrase opens the store', async () => {
    const dir = tempDir('hushdesk-race-ipc-');
    let pass = 'first passphrase here';
    for (let round = 0; round < 2; round++) {
      const b = await createBackend({ dataDir: dir, host: 'node', passphrase: pass });
      const next = `passphrase number ${round + 1}`;
      const [wipe, change] = await Promise.all([
        b.handle('wipe.run', { scope: { kind: 'day' } }),
        b.handle('security.changePassphrase', { current: pass, next }),
      ]);
      value(wipe);
      value(change);
      await b.close();
      const old = await createBackend({ dataDir: dir, host: 'node' });
      expect(await old.handle('security.unlock', { passphrase: pass })).toMatchObject({ ok: false, error: { code: 'wrong_key' } });
      expect(value<{ unlocked: boolean }>(await old.handle('security.unlock', { passphrase: next })).unlocked).toBe(true);
      await old.close();
      pass = next;
    }
  }, 120_000);
});
