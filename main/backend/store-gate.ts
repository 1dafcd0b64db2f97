/**
 * Chat turns and wipes, one at a time where it matters. An end-of-day wipe deletes, vacuums and
 * rotates the key with awaits in between; a chat turn written in one of those gaps would be copied
 * into the rewritten file under the new key and survive a wipe that reported success. So the wipe
 * (and the scheduled duties: retention purge, scheduled wipe) hold the gate exclusively, and chat
 * turns hold it shared: a turn that arrives during a wipe is queued until the wipe is finished,
 * and a wipe that is asked for during a turn starts when the turn is written. A queued turn whose
 * conversation the wipe removed then gets `not_found` (the conversation is gone), never a write
 * into the wiped store. First come, first served: a waiting wipe is not starved by a stream of turns.
 */
import type { ChannelName } from '../../shared/contract';
import type { Handlers, Request } from './router';

export interface StoreGate {
  /** Many at once, never during an exclusive holder. */
  shared<T>(fn: () => Promise<T> | T): Promise<T>;
  /** Alone: waits for running holders, holds back everyone who comes after. */
  exclusive<T>(fn: () => Promise<T> | T): Promise<T>;
  /** True while an exclusive holder runs or waits. */
  busy(): boolean;
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

  return {
    shared: (fn) => hold(false, fn),
    exclusive: (fn) => hold(true, fn),
    busy: () => exclusiveHeld || queue.some((w) => w.exclusive),
  };
}

/** Which channels hold the gate, and how. Everything else runs as before (reads, settings...). */
export const GATED_CHANNELS = {
  shared: ['chat.start', 'chat.consent', 'chat.send', 'chat.end', 'chat.withdrawConsent', 'chat.feedback', 'kb.publish', 'kb.restore', 'kb.import.apply', 'misses.assign', 'misses.create', 'misses.dismiss'],
  exclusive: ['wipe.run', 'export.create'],
} as const satisfies { shared: readonly ChannelName[]; exclusive: readonly ChannelName[] };

/** The handler map with the gated channels wrapped (the router sees no difference). */
export function gateChannels(handlers: Handlers, gate: StoreGate): Handlers {
  const out: Handlers = { ...handlers };
  const wrap = <K extends ChannelName>(channel: K, mode: 'shared' | 'exclusive'): void => {
    const inner = handlers[channel];
    out[channel] = ((request: Request<K>) => gate[mode](() => inner(request))) as Handlers[K];
  };
  for (const c of GATED_CHANNELS.shared) wrap(c, 'shared');
  for (const c of GATED_CHANNELS.exclusive) wrap(c, 'exclusive');
  return out;
}
