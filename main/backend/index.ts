/**
 * The backend: every service behind the IPC contract, with no Electron in sight. The Electron main
 * process, the preview host, the CLI and the tests all build it with createBackend() and talk to it
 * through `handle(channel, payload)`, which validates every payload and never throws.
 */
import { CHANNELS, type ChannelName } from '../../shared/contract';
import type { AppInfo } from '../../shared/domain';
import { AppFailure, type Result } from '../../shared/result';
import { createRouter, type Handlers } from './router';

export interface BackendOptions {
  dataDir: string;
  host: AppInfo['host'];
  kiosk?: boolean;
  version?: string;
  /** How many network requests the host blocked (Electron webRequest, preview CSP reports). */
  networkBlockedCount?: () => number;
}

export interface Backend {
  handle(channel: unknown, payload: unknown): Promise<Result<unknown>>;
  close(): Promise<void>;
}

export async function createBackend(options: BackendOptions): Promise<Backend> {
  const notYet = (channel: ChannelName) => () => {
    throw new AppFailure('internal', `${channel} is not available yet`);
  };
  const handlers = Object.fromEntries(CHANNELS.map((c) => [c, notYet(c)])) as unknown as Handlers;
  handlers['app.info'] = () => ({
    name: 'Hushdesk',
    version: options.version ?? '0.1.0',
    kiosk: options.kiosk ?? false,
    locale: 'en',
    platform: process.platform,
    host: options.host,
  });
  const dispatch = createRouter(handlers);
  return {
    handle: dispatch,
    close: async () => {},
  };
}
