/**
 * The only code in the renderer that touches the backend. Electron's preload (or the preview
 * host's bridge) installs `window.hushdesk`, one function per contract channel.
 *
 * Only types come from shared/contract (import type) and the global's name from the zod-free
 * shared/ipc-names, so zod never enters the renderer bundle.
 */
import type { ChannelName, HushdeskApi, Requests, Responses } from '../../shared/contract';
import { API_GLOBAL } from '../../shared/ipc-names';
import type { AppError, Result } from '../../shared/result';

function bridge(): HushdeskApi | null {
  const candidate = (window as unknown as Record<string, unknown>)[API_GLOBAL];
  return candidate && typeof candidate === 'object' ? (candidate as HushdeskApi) : null;
}

export async function call<K extends ChannelName>(channel: K, request: Requests[K]): Promise<Result<Responses[K]>> {
  const api = bridge();
  if (!api) return { ok: false, error: { code: 'internal', message: 'The app backend is not available.' } };
  const fn = api[channel] as (r: Requests[K]) => Promise<Result<Responses[K]>>;
  try {
    return await fn(request);
  } catch {
    return { ok: false, error: { code: 'internal', message: 'The app backend did not answer.' } };
  }
}

export type { AppError };
