/**
 * Puts the domains' handler slices together into the one map the router serves. A channel defined
 * by two slices is a start-up error (it used to be that one silently won: `export.qr` was defined
 * twice), and so is a channel of the contract that no slice defines.
 */
import { CHANNELS, type ChannelName } from '../../shared/contract';
import type { Handlers } from './router';

export type HandlerSlice = Partial<Handlers>;

export function composeHandlers(slices: Record<string, HandlerSlice>): Handlers {
  const out: Partial<Handlers> = {};
  const owner = new Map<string, string>();
  for (const [domain, slice] of Object.entries(slices)) {
    for (const channel of Object.keys(slice) as ChannelName[]) {
      const first = owner.get(channel);
      if (first !== undefined) throw new Error(`channel ${channel} is defined twice (by ${first} and ${domain})`);
      owner.set(channel, domain);
      (out as Record<string, unknown>)[channel] = slice[channel];
    }
  }
  const missing = CHANNELS.filter((c) => !owner.has(c));
  if (missing.length > 0) throw new Error(`no handler for ${missing.join(', ')}`);
  return out as Handlers;
}
