/**
 * Branding on the real backend and a real encrypted store: the accent's contrast refusal names the
 * computed ratio and stores nothing; a hostile SVG logo is stored sanitised; a kiosk needs the staff
 * PIN; everything survives a restart (read back from the encrypted file); the knowledge-base JSON
 * export carries the branding and kb.import brings it back on another device.
 */
import * as fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../main/backend';
import type { Settings } from '../../shared/domain';
import { PASS } from '../data/helpers';
import { cleanupTempDirs, tempDir } from '../store/helpers';
import { value } from '../support/result';

afterAll(cleanupTempDirs);

const BRANDING = {
  shopName: 'Tienda Luna',
  accent: '#8a1c5a',
  welcome: { en: { title: 'Welcome to Tienda Luna', text: 'Ask about orders and returns.' }, es: { title: 'Bienvenido a Tienda Luna', text: 'Pregunte por pedidos y devoluciones.' } },
};
const HOSTILE_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4" onload="alert(1)"><script>alert(2)</script><foreignObject><p>x</p></foreignObject><use href="http://evil.example/a.svg#x"/><circle r="2" fill="#8a1c5a"/></svg>';
const svgOf = (url: string | null) => Buffer.from((url ?? '').replace(/^data:image\/svg\+xml;base64,/, ''), 'base64').toString('utf8');

describe('branding settings', () => {
  it('refuses a low-contrast accent with the ratio, sanitises the logo, needs the PIN on a kiosk, and persists', async () => {
    const dir = tempDir('hushdesk-branding-');
    const exportDir = tempDir('hushdesk-branding-out-');
    let b = await createBackend({ dataDir: dir, exportDir, host: 'node', passphrase: PASS });
    try {
      const low = await b.handle('settings.set', { patch: { branding: { ...BRANDING, accent: '#ffcc00' } } });
      expect(low).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(JSON.stringify(low)).toMatch(/contrast ratio of 1\.\d\d:1 .*4\.5:1/);
      expect(value<Settings>(await b.handle('settings.get', undefined)).branding.accent).toBeNull();

      value(await b.handle('settings.set', { patch: { branding: BRANDING, touchKeyboard: 'always' } }));
      const withLogo = value<Settings>(await b.handle('branding.logo', { file: { fileName: 'logo.svg', data: Buffer.from(HOSTILE_SVG).toString('base64') } }));
      expect(svgOf(withLogo.branding.logo)).toBe('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><use/><circle r="2" fill="#8a1c5a"/></svg>');
      // A later words-only change keeps the logo.
      const renamed = value<Settings>(await b.handle('settings.set', { patch: { branding: { ...BRANDING, shopName: 'Luna' } } }));
      expect(renamed.branding.logo).toBe(withLogo.branding.logo);
      value(await b.handle('settings.set', { patch: { branding: BRANDING } }));
      const fake = await b.handle('branding.logo', { file: { fileName: 'logo.png', data: Buffer.from('GIF89a....').toString('base64') } });
      expect(fake).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('not a PNG') } });

      value(await b.handle('kiosk.setPin', { pin: '2468' }));
      value(await b.handle('settings.set', { patch: { kiosk: true } }));
      value(await b.handle('kiosk.lock', undefined));
      expect(await b.handle('branding.logo', { file: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await b.handle('settings.set', { patch: { branding: { ...BRANDING, shopName: 'Hacked' } } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      await b.close();
    }
    b = await createBackend({ dataDir: dir, exportDir, host: 'node', passphrase: PASS });
    try {
      const s = value<Settings>(await b.handle('settings.get', undefined));
      expect(s.branding).toMatchObject(BRANDING);
      expect(s.touchKeyboard).toBe('always');
      expect(svgOf(s.branding.logo)).toContain('<circle');
      // The store is encrypted: the shop's words are not readable in the file.
      expect(fs.readFileSync(`${dir}/hushdesk.db`).includes(Buffer.from('Tienda Luna'))).toBe(false);
    } finally {
      await b.close();
    }
  });

  it('travels with the knowledge-base JSON export and comes back with kb.import', async () => {
    const exportDir = tempDir('hushdesk-branding-kb-out-');
    const a = await createBackend({ dataDir: tempDir('hushdesk-branding-a-'), exportDir, host: 'node', passphrase: PASS });
    let file: string;
    try {
      value(await a.handle('settings.set', { patch: { branding: BRANDING } }));
      value(await a.handle('branding.logo', { file: { fileName: 'logo.svg', data: Buffer.from(HOSTILE_SVG).toString('base64') } }));
      file = value<{ path: string }>(await a.handle('kb.export', { format: 'json' })).path;
    } finally {
      await a.close();
    }
    const text = fs.readFileSync(file, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ branding: { shopName: 'Tienda Luna', accent: '#8a1c5a' } });
    const b = await createBackend({ dataDir: tempDir('hushdesk-branding-b-'), exportDir, host: 'node', passphrase: PASS });
    try {
      expect(value<Settings>(await b.handle('settings.get', undefined)).branding.shopName).toBe('');
      // A low-contrast accent in a file is refused like a typed one, before the KB is replaced.
      const bad = JSON.parse(text) as { branding: { accent: string } };
      bad.branding.accent = '#eeeeee';
      expect(await b.handle('kb.import', { fileName: 'kb.json', content: JSON.stringify(bad) })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('contrast ratio') } });
      value(await b.handle('kb.import', { fileName: 'kb.json', content: text }));
      const s = value<Settings>(await b.handle('settings.get', undefined));
      expect(s.branding).toMatchObject(BRANDING);
      expect(svgOf(s.branding.logo)).toBe('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><use/><circle r="2" fill="#8a1c5a"/></svg>');
    } finally {
      await b.close();
    }
  });
});
