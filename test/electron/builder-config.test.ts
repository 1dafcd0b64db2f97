import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const require = createRequire(path.join(ROOT, 'package.json'));
// js-yaml comes with electron-builder (which parses this file with it); it ships no types.
const yaml = require('js-yaml') as { load(text: string): unknown };
const config = yaml.load(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string };

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema", async () => {
    // electron-builder's validator (the one `electron-builder` runs first); unknown keys fail it.
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(c: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, notAKey: 1 }, new DebugLogger(false))).rejects.toThrow(/notAKey/);
  });

  it('sets every fuse as the privacy notes require', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs into asar with the native module unpacked, rebuilt for Electron, no update feed', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3-multiple-ciphers/**');
    expect(config.npmRebuild).toBe(true);
    expect(config.publish).toBeNull();
    expect(config.productName).toBe('Hushdesk');
    expect(typeof config.appId).toBe('string');
  });

  it('ships only the compiled app: dist/main, dist/renderer, package.json', () => {
    const files = config.files as string[];
    const included = files.filter((f) => !f.startsWith('!'));
    expect(included.sort()).toEqual(['dist/main/**/*', 'dist/renderer/**/*', 'package.json']);
    for (const never of ['scripts', 'test', 'bench', 'renderer/', 'main/', 'native']) {
      expect(included.some((f) => f.startsWith(never)), never).toBe(false);
    }
    // The entry point Electron loads is inside what is shipped.
    expect(pkg.main.startsWith('dist/main/')).toBe(true);
  });

  it('targets AppImage + deb, NSIS and dmg', () => {
    expect((config.linux as { target: string[] }).target).toEqual(['AppImage', 'deb']);
    expect((config.win as { target: string[] }).target).toEqual(['nsis']);
    expect((config.mac as { target: string[] }).target).toEqual(['dmg']);
  });
});
