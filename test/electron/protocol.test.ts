import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CSP } from '../../shared/csp';
import { createAppRequestHandler, enableAppProtocol, mimeTypeFor, registerAppScheme, resolveAppPath } from '../../main/electron/protocol';
import { createFakeElectron } from './fake-electron';

let base: string;
let root: string;
let fetchApp: (url: string, init?: RequestInit) => Promise<Response>;

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'hushdesk-protocol-'));
  root = path.join(base, 'dist', 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Hushdesk</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'app.css'), 'body{}');
  writeFileSync(path.join(root, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(path.join(root, 'assets', 'font.woff2'), Buffer.from([0, 1, 2]));
  // Files next to the renderer folder must never be served.
  writeFileSync(path.join(base, 'dist', 'secret.txt'), 'SECRET');
  writeFileSync(path.join(base, 'secret.txt'), 'SECRET');

  const fake = createFakeElectron();
  void fake.electron.app.whenReady();
  enableAppProtocol(fake.electron.protocol, root);
  fetchApp = fake.fetchApp;
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('app:// protocol', () => {
  it('registers the scheme as standard, secure and fetch-capable (and nothing more)', () => {
    const fake = createFakeElectron();
    registerAppScheme(fake.electron.protocol);
    expect(fake.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false } },
    ]);
  });

  it('serves index.html with the strict CSP', async () => {
    const res = await fetchApp('app://hushdesk/index.html');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Hushdesk</title>');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy');
    expect(csp).toBe(APP_CSP);
    for (const directive of ["default-src 'none'", "script-src 'self'", "connect-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves / as index.html', async () => {
    const res = await fetchApp('app://hushdesk/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Hushdesk');
  });

  it('sends the right MIME types', async () => {
    expect((await fetchApp('app://hushdesk/assets/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await fetchApp('app://hushdesk/assets/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await fetchApp('app://hushdesk/assets/logo.svg')).headers.get('content-type')).toBe('image/svg+xml');
    expect((await fetchApp('app://hushdesk/assets/font.woff2')).headers.get('content-type')).toBe('font/woff2');
    expect(mimeTypeFor('x.unknownext')).toBe('application/octet-stream');
  });

  it.each([
    'app://hushdesk/../../etc/passwd',
    'app://hushdesk/../secret.txt',
    'app://hushdesk/%2e%2e/secret.txt',
    'app://hushdesk/%2e%2e/%2e%2e/secret.txt',
    'app://hushdesk/..%2fsecret.txt',
    'app://hushdesk/..%2f..%2fsecret.txt',
    'app://hushdesk/assets/..%2f..%2fsecret.txt',
    'app://hushdesk/..%5csecret.txt',
    'app://hushdesk/%2Fetc%2Fpasswd',
    'app://hushdesk/index.html%00.js',
    'app://hushdesk/%E0%A4%A',
    'app://evil/index.html',
    'app://hushdesk:99/index.html',
    'app://hushdesk/assets',
    'app://hushdesk/missing.js',
  ])('refuses %s with 404 (CSP still set)', async (url) => {
    const res = await fetchApp(url);
    expect(res.status).toBe(404);
    const body = await res.text();
    expect(body).not.toContain('SECRET');
    expect(body).not.toContain('root:');
    expect(res.headers.get('content-security-policy')).toBe(APP_CSP);
  });

  it('resolveAppPath keeps every answer inside the root', () => {
    for (const url of ['app://hushdesk/../../etc/passwd', 'app://hushdesk/%2e%2e/%2e%2e/etc/passwd', 'app://hushdesk/a/%2e%2e%2f%2e%2e%2f%2e%2e%2fx']) {
      const p = resolveAppPath(root, url);
      if (p !== null) expect(p.startsWith(root + path.sep)).toBe(true);
    }
    expect(resolveAppPath(root, 'app://hushdesk/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
  });

  it('refuses methods other than GET and HEAD', async () => {
    const res = await fetchApp('app://hushdesk/index.html', { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
    expect(res.headers.get('content-security-policy')).toBe(APP_CSP);
  });

  it('answers HEAD without a body', async () => {
    const res = await fetchApp('app://hushdesk/assets/app.js', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String('console.log(1)'.length));
    expect(await res.text()).toBe('');
  });

  it('the handler itself never throws on odd requests', async () => {
    const handler = createAppRequestHandler(path.join(base, 'does-not-exist'));
    expect((await handler(new Request('app://hushdesk/index.html'))).status).toBe(404);
  });
});
