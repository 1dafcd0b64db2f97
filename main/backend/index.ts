/**
 * The backend: every service behind the IPC contract, with no Electron in sight. The Electron main
 * process, the preview host, the CLI and the tests all build it with createBackend() and talk to it
 * through `handle(channel, payload)`, which validates every payload and never throws.
 *
 * This file only composes: the context (runtime.ts: store lifecycle, services, duties, log, gate)
 * and one handler slice per domain (handlers/*.ts). Where a new channel goes: docs/ARCHITECTURE.md.
 */
import type { Result } from '../../shared/result';
import type { Logger } from '../logging/log';
import { composeHandlers } from './compose';
import { appHandlers } from './handlers/app';
import { chatHandlers } from './handlers/chat';
import { dataHandlers } from './handlers/data';
import { kioskHandlers } from './handlers/kiosk';
import { knowledgeHandlers } from './handlers/knowledge';
import { missHandlers } from './handlers/misses';
import { privacyHandlers } from './handlers/privacy';
import { reportHandlers } from './handlers/report';
import { securityHandlers } from './handlers/security';
import { settingsHandlers } from './handlers/settings';
import { createRouter, type Handlers } from './router';
import { createBackendContext, type BackendOptions } from './runtime';
import { gateChannels } from './store-gate';
import type { BackendContext } from './context';

export type { BackendOptions } from './runtime';
export { createBackendContext } from './runtime';

export interface Backend {
  handle(channel: unknown, payload: unknown): Promise<Result<unknown>>;
  /** The content-free log (the Electron shell records crashed renderers and child processes there). */
  readonly log: Logger;
  close(): Promise<void>;
}

/** Every domain's slice over one context (throws at start on a channel defined twice or not at all). */
export function backendHandlers(ctx: BackendContext): Handlers {
  return composeHandlers({
    app: appHandlers(ctx),
    security: securityHandlers(ctx),
    chat: chatHandlers(ctx),
    data: dataHandlers(ctx),
    privacy: privacyHandlers(ctx),
    report: reportHandlers(ctx),
    settings: settingsHandlers(ctx),
    knowledge: knowledgeHandlers(ctx),
    misses: missHandlers(ctx),
    kiosk: kioskHandlers(ctx),
  });
}

export async function createBackend(options: BackendOptions): Promise<Backend> {
  return (await createBackendWithContext(options)).backend;
}

/**
 * The backend and the context under it. Only the CLI needs both: a command calls channels like the
 * app and, where a channel cannot carry what a terminal does (an export to stdout, the store's file
 * health), the same open services behind them.
 */
export async function createBackendWithContext(options: BackendOptions): Promise<{ backend: Backend; ctx: BackendContext }> {
  const runtime = await createBackendContext(options);
  const { ctx } = runtime;
  const dispatch = createRouter(gateChannels(backendHandlers(ctx), ctx.gate), (channel, error) => ctx.log.error('ipc.unexpected', error, { channel }));
  return { backend: { handle: dispatch, log: ctx.log, close: runtime.close }, ctx };
}
