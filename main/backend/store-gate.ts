/**
 * Chat turns and wipes, one at a time where it matters. An end-of-day wipe deletes, vacuums and
 * rotates the key with awaits in between; a chat turn written in one of those gaps would be copied
 * into the rewritten file under the new key and survive a wipe that reported success. So the wipe
 * (and the scheduled duties: retention purge, scheduled wipe) hold the gate exclusively, and chat
 * turns hold it shared: a turn that arrives during a wipe is queued until the wipe is finished,
 * and a wipe that is asked for during a turn starts when the turn is written. A queued turn whose
 * conversation the wipe removed then gets `not_found` (the conversation is gone), never a write
 * into the wiped store. First come, first served: a waiting wipe is not starved by a stream of turns.
 *
 * A wipe also hands the database to a worker thread (the store's connection is closed while the
 * worker rewrites the file), so it holds the gate `solo`: exclusive, and every other channel (reads,
 * settings...) that arrives meanwhile waits until the wipe is done instead of finding no database.
 */
import type { ChannelName } from '../../shared/contract';
import type { Handlers, Request } from './router';

export interface StoreGate {
  /** Many at once, never during an exclusive holder. */
  shared<T>(fn: () => Promise<T> | T): Promise<T>;
  /** Alone: waits for running holders, holds back everyone who comes after. */
  exclusive<T>(fn: () => Promise<T> | T): Promise<T>;
  /** Exclusive, and ungated channels wait too while it is queued or runs (the store is away in a worker). */
  solo<T>(fn: () => Promise<T> | T): Promise<T>;
  /** Runs at once, or once no solo holder is queued or running (ungated channels go through here). */
  whenFree<T>(fn: () => Promise<T> | T): Promise<T> | T;
}

interface Waiter {
  exclusive: boolean;
  grant: () => void;
}

export function createStoreGate(): StoreGate {
  let sharedHolders = 0;
  let exclusiveHeld = false;
  const queue: Waiter[] = [];

  const grantable = (w: Waiter): boolean => (w.exclusive ? !exclusiveHeld && sharedHolders === 0 : !exclusiveHeld);

  function pump(): void {
    while (queue.length > 0 && grantable(queue[0] as Waiter)) {
      const w = queue.shift() as Waiter;
      if (w.exclusive) exclusiveHeld = true;
      else sharedHolders++;
      w.grant();
    }
  }

  async function hold<T>(exclusive: boolean, fn: () => Promise<T> | T): Promise<T> {
    await new Promise<void>((grant) => {
      queue.push({ exclusive, grant });
      pump();
    });
    try {
      return await fn();
    } finally {
      if (exclusive) exclusiveHeld = false;
      else sharedHolders--;
      pump();
    }
  }

  // Solo holders queued or running; ungated channels wait until there are none. Counted from the
  // moment a solo holder is queued, so a read sent just after a wipe was asked for (e.g. right
  // after a settings change that schedules a purge) sees the result, not the store in a worker.
  let soloCount = 0;
  let soloIdle: Promise<void> | null = null;
  let soloDone: (() => void) | null = null;
  function whenFree<T>(fn: () => Promise<T> | T): Promise<T> | T {
    // No promise on the common path: a read outside any wipe runs exactly as it did.
    return soloIdle ? soloIdle.then(() => whenFree(fn)) : fn();
  }

  return {
    shared: (fn) => hold(false, fn),
    exclusive: (fn) => hold(true, fn),
    solo(fn) {
      if (soloCount++ === 0) soloIdle = new Promise<void>((resolve) => (soloDone = resolve));
      return hold(true, fn).finally(() => {
        if (--soloCount > 0) return;
        soloIdle = null;
        soloDone?.();
      });
    },
    whenFree,
  };
}

/** Which channels hold the gate, and how. Everything else runs as before (reads, settings...). */
export const GATED_CHANNELS = {
  shared: ['chat.start', 'chat.consent', 'chat.send', 'chat.end', 'chat.withdrawConsent', 'chat.feedback', 'kb.publish', 'kb.restore', 'kb.import.apply', 'misses.assign', 'misses.create', 'misses.dismiss'],
  exclusive: ['export.create'],
  solo: ['wipe.run'],
  /** Read no store: answer at once, even while a wipe has it in a worker (the wipe's own progress). */
  free: ['app.progress'],
} as const satisfies { shared: readonly ChannelName[]; exclusive: readonly ChannelName[]; solo: readonly ChannelName[]; free: readonly ChannelName[] };

/** The handler map with the gated channels wrapped (the router sees no difference). */
export function gateChannels(handlers: Handlers, gate: StoreGate): Handlers {
  const out: Handlers = { ...handlers };
  const wrap = <K extends ChannelName>(channel: K, mode: 'shared' | 'exclusive' | 'solo' | 'whenFree'): void => {
    const inner = handlers[channel];
    out[channel] = ((request: Request<K>) => gate[mode](() => inner(request))) as Handlers[K];
  };
  const gated = new Set<ChannelName>([...GATED_CHANNELS.shared, ...GATED_CHANNELS.exclusive, ...GATED_CHANNELS.solo, ...GATED_CHANNELS.free]);
  for (const c of GATED_CHANNELS.shared) wrap(c, 'shared');
  for (const c of GATED_CHANNELS.exclusive) wrap(c, 'exclusive');
  for (const c of GATED_CHANNELS.solo) wrap(c, 'solo');
  for (const c of Object.keys(handlers) as ChannelName[]) if (!gated.has(c)) wrap(c, 'whenFree');
  return out;
}
