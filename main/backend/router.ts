/**
 * The IPC router: channel name -> schema check -> handler -> Result. It is the one door into the
 * backend for the Electron main process, the preview host and tests, and it never throws:
 * unknown channels, malformed payloads and handler failures all come back as `{ ok: false }` values.
 */
import type { z } from 'zod';
import { isChannelName, requestSchemas, type ChannelName, type Responses } from '../../shared/contract';
import { issueDetails } from '../../shared/issue-paths';
import { err, isAppFailure, ok, type Result } from '../../shared/result';
import { diskFailure } from '../store/io-errors';

export type Request<K extends ChannelName> = z.output<(typeof requestSchemas)[K]>;
export type Handler<K extends ChannelName> = (request: Request<K>) => Promise<Responses[K]> | Responses[K];
export type Handlers = { [K in ChannelName]: Handler<K> };

export type Dispatch = (channel: unknown, payload: unknown) => Promise<Result<unknown>>;

/** Where unexpected failures are reported (never with message content; the default drops them). */
export type FailureSink = (channel: string, error: unknown) => void;

const MAX_DETAILS = 10;

export function createRouter(handlers: Handlers, onUnexpected: FailureSink = () => {}): Dispatch {
  return async (channel, payload) => {
    if (!isChannelName(channel)) {
      return err('unknown_channel', `unknown channel ${describe(channel)}`);
    }
    const parsed = requestSchemas[channel].safeParse(payload);
    if (!parsed.success) {
      const details = issueDetails(parsed.error.issues, { style: 'dotted', max: MAX_DETAILS });
      const first = details[0];
      // Over a size cap (a message longer than MAX_MESSAGE_CHARS...) is its own code, as the contract says.
      const code = parsed.error.issues.some((i) => i.code === 'too_big') ? 'too_large' : 'invalid_input';
      return err(code, first ? `${first.path}: ${first.message}` : 'invalid payload', { details });
    }
    try {
      // The cast is the one place the channel/handler pairing is trusted: `handlers` is typed per channel.
      const handler = handlers[channel] as (request: unknown) => unknown;
      return ok(await handler(parsed.data));
    } catch (e) {
      if (isAppFailure(e)) return { ok: false, error: e.error };
      // A full disk or a read-only folder is not a bug: the person can fix it, so say so plainly.
      const disk = diskFailure(e);
      if (disk) return { ok: false, error: disk.error };
      onUnexpected(channel, e);
      return err('internal', 'Something went wrong inside Hushdesk; please try again.');
    }
  };
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 64));
  return typeof value;
}
