/**
 * The IPC door: one `ipcMain.handle` per contract channel, nothing generic. Each call first checks
 * who is asking (only the app's own top frame, served from app://hushdesk), then hands the payload
 * untouched to the backend, which validates it against the contract schema. Never throws: every
 * outcome is a Result value.
 */
import { CHANNELS, IPC_PREFIX } from '../../shared/contract';
import { err, type Result } from '../../shared/result';
import { isAppUrl } from './origin';

/** What the IPC layer needs from the backend (main/backend's Backend satisfies it). */
export interface BackendLike {
  handle(channel: string, payload: unknown): Promise<Result<unknown>>;
}

/** The parts of Electron's IpcMainInvokeEvent the sender check reads. */
export interface InvokeEventLike {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<Result<unknown>>): void;
  removeHandler(channel: string): void;
}

const FORBIDDEN = err('forbidden', 'This request did not come from the Hushdesk window.');

/**
 * True when the message comes from the top frame of a page on the app origin. A frame that has
 * navigated away or been destroyed (senderFrame null, or throwing on access) is refused; so is any
 * sub-frame, since the app has none (the CSP forbids them) and one would be foreign content.
 */
export function isTrustedSender(event: InvokeEventLike): boolean {
  try {
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && isAppUrl(frame.url);
  } catch {
    return false;
  }
}

/** Registers every contract channel; returns a function that removes them again. */
export function enableIpc(ipcMain: IpcMainLike, backend: BackendLike): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(IPC_PREFIX + channel, async (event, ...args) => {
      if (!isTrustedSender(event)) return FORBIDDEN;
      try {
        return await backend.handle(channel, args[0]);
      } catch {
        // The backend promises never to throw; this keeps the promise even if it breaks it.
        return err('internal', 'Something went wrong inside Hushdesk; please try again.');
      }
    });
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(IPC_PREFIX + channel);
  };
}
