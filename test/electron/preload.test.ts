import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { API_GLOBAL, CHANNELS, IPC_PREFIX } from '../../shared/contract';

// The preload runs `exposeApi(contextBridge, ipcRenderer)` when loaded; give it recorded fakes.
const exposed: Array<{ key: string; api: unknown }> = [];
const invoked: Array<{ channel: string; args: unknown[] }> = [];
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => exposed.push({ key, api }),
  },
  ipcRenderer: {
    invoke: (channel: string, ...args: unknown[]) => {
      invoked.push({ channel, args });
      return Promise.resolve({ ok: true, value: 'from-main' });
    },
    send: () => {
      throw new Error('the preload must not use send');
    },
  },
}));

let PRELOAD_CHANNELS: readonly string[];
beforeAll(async () => {
  ({ PRELOAD_CHANNELS } = await import('../../main/preload/index'));
});

function api(): Record<string, unknown> {
  expect(exposed).toHaveLength(1);
  return exposed[0]!.api as Record<string, unknown>;
}

describe('preload', () => {
  it('exposes one object under the contract global', () => {
    expect(exposed.map((e) => e.key)).toEqual([API_GLOBAL]);
  });

  it('exposes exactly the contract channels, all functions, nothing else', () => {
    const a = api();
    expect(Object.keys(a).sort()).toEqual([...CHANNELS].sort());
    for (const v of Object.values(a)) expect(typeof v).toBe('function');
    for (const forbidden of ['send', 'invoke', 'on', 'ipcRenderer', 'require']) expect(a[forbidden]).toBeUndefined();
    expect(Object.isFrozen(a)).toBe(true);
  });

  it('its channel list is the contract channel set, without duplicates', () => {
    expect(new Set(PRELOAD_CHANNELS).size).toBe(PRELOAD_CHANNELS.length);
    expect([...PRELOAD_CHANNELS].sort()).toEqual([...CHANNELS].sort());
  });

  it('forwards one request to its own prefixed channel, dropping extra arguments', async () => {
    const send = api()['chat.send'] as (...args: unknown[]) => Promise<unknown>;
    const result = await send({ conversationId: 'c1', text: 'hi' }, 'extra', () => {});
    expect(result).toEqual({ ok: true, value: 'from-main' });
    expect(invoked.at(-1)).toEqual({ channel: `${IPC_PREFIX}chat.send`, args: [{ conversationId: 'c1', text: 'hi' }] });
  });

  it('compiles to CommonJS that requires nothing but electron (sandboxed preloads can load nothing else)', () => {
    const file = path.resolve(__dirname, '../../main/preload/index.ts');
    const out = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    }).outputText;
    const requires = [...out.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(requires).toEqual(['electron']);
    expect(out).not.toMatch(/\bimport\(/);

    // Run it the way Electron's sandboxed renderer does: wrapped in a function that receives a
    // `require` knowing only 'electron', plus `exports` and `module`.
    const sandboxExposed: Array<{ key: string; api: Record<string, unknown> }> = [];
    const sandboxRequire = (name: string): unknown => {
      if (name !== 'electron') throw new Error(`module not found: ${name}`);
      return {
        contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => sandboxExposed.push({ key, api }) },
        ipcRenderer: { invoke: () => Promise.resolve(null) },
      };
    };
    const exportsObject = {};
    new Function('require', 'process', 'exports', 'module', out)(sandboxRequire, {}, exportsObject, { exports: exportsObject });
    expect(sandboxExposed.map((e) => e.key)).toEqual([API_GLOBAL]);
    expect(Object.keys(sandboxExposed[0]!.api).sort()).toEqual([...CHANNELS].sort());
  });
});
