/**
 * The preload: the renderer's only way out of its sandbox. It exposes exactly one async function
 * per contract channel through contextBridge, nothing else: no ipcRenderer, no generic send, no
 * channel name chosen by the page.
 *
 * Why the channel list is written out here instead of imported from shared/contract.ts: a sandboxed
 * preload runs with a polyfilled `require` that loads only 'electron' (and events/timers/url), not
 * relative files, and contract.ts pulls in zod. So this file's only runtime import is 'electron';
 * the list, prefix and global name are tied to the contract by types (a missing, extra or
 * misspelt channel fails `npm run typecheck`), and a test checks the emitted JavaScript requires
 * nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { API_GLOBAL as CONTRACT_API_GLOBAL, ChannelName, HushdeskApi, IPC_PREFIX as CONTRACT_IPC_PREFIX } from '../../shared/contract';

export const PRELOAD_CHANNELS = [
  'app.info',
  'app.progress',
  'security.status',
  'security.unlock',
  'security.changePassphrase',
  'security.startFresh',
  'security.usePassphrase',
  'security.useDevice',
  'chat.start',
  'chat.consent',
  'chat.send',
  'chat.end',
  'chat.withdrawConsent',
  'chat.setLanguage',
  'conversations.list',
  'conversations.get',
  'conversations.search',
  'conversations.delete',
  'export.create',
  'export.qr',
  'wipe.preview',
  'wipe.run',
  'audit.list',
  'audit.verify',
  'data.report',
  'data.reportSave',
  'privacy.facts',
  'privacy.setNotice',
  'settings.get',
  'settings.set',
  'branding.logo',
  'kb.info',
  'kb.try',
  'kb.import',
  'kb.resetDefault',
  'kb.draft.get',
  'kb.draft.save',
  'kb.draft.discard',
  'kb.publish',
  'kb.versions',
  'kb.version',
  'kb.diff',
  'kb.restore',
  'kb.health',
  'kb.tryAnswer',
  'kb.import.preview',
  'kb.import.apply',
  'kb.export',
  'misses.list',
  'misses.assign',
  'misses.create',
  'misses.dismiss',
  'misses.settings.get',
  'misses.settings.set',
  'chat.feedback',
  'kiosk.status',
  'kiosk.setPin',
  'kiosk.unlock',
  'kiosk.lock',
] as const satisfies readonly ChannelName[];

/** Compile-time proof that PRELOAD_CHANNELS covers every contract channel (names the missing one). */
type Unlisted = Exclude<ChannelName, (typeof PRELOAD_CHANNELS)[number]>;
export const EVERY_CHANNEL_LISTED: [Unlisted] extends [never] ? true : { missing: Unlisted } = true;

const API_GLOBAL: typeof CONTRACT_API_GLOBAL = 'hushdesk';
const IPC_PREFIX: typeof CONTRACT_IPC_PREFIX = 'hushdesk:';

export type Invoke = (channel: string, request: unknown) => Promise<unknown>;

/** Builds the frozen API object: one function per channel, each forwarding one request value. */
export function buildApi(invoke: Invoke): HushdeskApi {
  const api: Record<string, (request: unknown) => Promise<unknown>> = {};
  for (const channel of PRELOAD_CHANNELS) {
    // Exactly one argument crosses: extra arguments from the page are dropped here.
    api[channel] = (request: unknown) => invoke(IPC_PREFIX + channel, request);
  }
  return Object.freeze(api) as unknown as HushdeskApi;
}

export interface BridgeLike {
  exposeInMainWorld(apiKey: string, api: unknown): void;
}
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
}

export function exposeApi(bridge: BridgeLike, ipc: IpcRendererLike): void {
  bridge.exposeInMainWorld(
    API_GLOBAL,
    buildApi((channel, request) => ipc.invoke(channel, request)),
  );
}

exposeApi(contextBridge, ipcRenderer);
