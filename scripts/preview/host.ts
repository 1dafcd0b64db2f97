/**
 * `npm run preview`: a development and test host, never packaged. It serves the built renderer on
 * 127.0.0.1 and bridges the real backend into the page over loopback HTTP with a random per-run
 * token, so the real renderer runs against the real backend in Chromium without Electron.
 *
 *   npm run preview -- [--data-dir DIR] [--export-dir DIR] [--port N] [--kiosk] [--pseudo-locale]
 *
 * An unknown flag is an error with the usage line (exit 2). Exports go to --export-dir (default
 * ~/Downloads), never inside the data folder.
 *
 * Prints exactly one line `preview: http://127.0.0.1:PORT/#token=...` once ready; stops cleanly on
 * SIGINT/SIGTERM.
 *
 * `--pseudo-locale` (test-only; Electron never sets it): the bridge sets PSEUDO_LOCALE_GLOBAL and every
 * catalogue string renders from the Spanish catalogue wrapped in ⟦…⟧, so text that did not come from
 * a catalogue stands out (test/browser/pseudo-locale.test.ts scans every page and dialog for it).
 *
 * `--fake-device-keychain` (browser tests only: refused unless run under vitest) stands in for an
 * OS keychain with test/support's FakeSafeStorage, so the Security page's passphrase <-> device
 * switch can be driven in Chromium; start it with HUSHDESK_PASSPHRASE empty for a device-keyed store.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Backend } from '../../main/backend';
import { builtTwin } from '../../main/workers/built-twin';
import { FakeSafeStorage } from '../../test/support/fake-safe-storage';
import { buildCsp } from '../../shared/csp';
import { API_PATH, BRIDGE_PATH, CSP_REPORT_PATH, TOKEN_HEADER, bridgeScript } from './bridge-script';

type BackendModule = typeof import('../../main/backend');
type StoreModule = typeof import('../../main/store');

/**
 * The backend (and the store module its protectors come from: one graph) from a current build, as
 * the tests' CLI and workers do (main/workers/built-twin.ts): the browser tests start dozens of
 * hosts, and each would otherwise transpile the backend's whole import graph. After an edit the
 * build is older than the source and the source is used.
 */
async function loadBackend(): Promise<{ createBackend: BackendModule['createBackend']; DeviceProtector: StoreModule['DeviceProtector'] }> {
  const main = path.join(__dirname, '..', '..', 'main');
  const backendJs = builtTwin(path.join(main, 'backend'), 'index');
  const storeJs = builtTwin(path.join(main, 'store'), 'index');
  const [backend, store] = backendJs && storeJs
    ? [(await import(pathToFileURL(backendJs).href)) as BackendModule, (await import(pathToFileURL(storeJs).href)) as StoreModule]
    : [await import('../../main/backend'), await import('../../main/store')];
  return { createBackend: backend.createBackend, DeviceProtector: store.DeviceProtector };
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};
const MAX_BODY = 8 * 1024 * 1024;

interface PreviewArgs {
  dataDir: string;
  exportDir: string;
  port: number;
  kiosk: boolean;
  rendererDir: string;
  fakeDeviceKeychain: boolean;
  /** Render every catalogue string wrapped in ⟦…⟧ (the pseudo-locale scan). */
  pseudoLocale: boolean;
}

export const USAGE = 'usage: npm run preview -- [--data-dir DIR] [--export-dir DIR] [--port N] [--kiosk] [--renderer-dir DIR] [--pseudo-locale]';

/** A command-line mistake: printed with the usage line, exit 2. */
export class UsageError extends Error {}

export function parse(argv: string[]): PreviewArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        'data-dir': { type: 'string' },
        'export-dir': { type: 'string' },
        port: { type: 'string' },
        kiosk: { type: 'boolean' },
        'renderer-dir': { type: 'string' },
        'fake-device-keychain': { type: 'boolean' },
        'pseudo-locale': { type: 'boolean' },
      },
    }));
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const port = Number(values.port ?? 0);
  if (!/^\d+$/.test(values.port ?? '0') || port > 65535) throw new UsageError('--port must be 0-65535');
  // A fake keychain "protects" nothing: it must never be what a person's store relies on.
  if (values['fake-device-keychain'] && !process.env.VITEST) throw new UsageError('--fake-device-keychain is for the browser tests only (run under vitest)');
  return {
    dataDir: path.resolve(values['data-dir'] ?? path.join(tmpdir(), 'hushdesk-preview')),
    exportDir: path.resolve(values['export-dir'] ?? path.join(homedir(), 'Downloads')),
    port,
    kiosk: values.kiosk ?? false,
    rendererDir: path.resolve(values['renderer-dir'] ?? path.join(__dirname, '..', '..', 'dist', 'renderer')),
    fakeDeviceKeychain: values['fake-device-keychain'] ?? false,
    pseudoLocale: values['pseudo-locale'] ?? false,
  };
}

export interface PreviewHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startPreview(args: PreviewArgs): Promise<PreviewHost> {
  const token = randomBytes(32).toString('hex');
  const tokenBytes = Buffer.from(token);
  let blocked = 0;
  await fs.mkdir(args.dataDir, { recursive: true, mode: 0o700 });
  const { createBackend, DeviceProtector } = await loadBackend();
  const backend: Backend = await createBackend({
    dataDir: args.dataDir,
    exportDir: args.exportDir,
    host: 'preview',
    kiosk: args.kiosk,
    // The preview host has no OS keychain: it uses the passphrase protector. With
    // HUSHDESK_PASSPHRASE set the store opens at start; otherwise the page asks for it.
    ...(process.env.HUSHDESK_PASSPHRASE ? { passphrase: process.env.HUSHDESK_PASSPHRASE } : {}),
    networkBlockedCount: () => blocked,
    ...(args.fakeDeviceKeychain ? { protector: new DeviceProtector(new FakeSafeStorage('fake_test_keychain'), 'linux') } : {}),
  });
  let origin = '';
  // The page reaches only its own origin (the bridge); everything else stays refused as in Electron.
  const csp = buildCsp({ 'connect-src': "'self'" });

  const authorised = (req: IncomingMessage): boolean => {
    const given = Buffer.from(String(req.headers[TOKEN_HEADER] ?? ''));
    const sameOrigin = !req.headers.origin || req.headers.origin === origin;
    return sameOrigin && given.length === tokenBytes.length && timingSafeEqual(given, tokenBytes);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, 'text/plain', 'error'));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Refuse anything not addressed to our own loopback origin (DNS-rebinding guard).
    if (req.headers.host !== origin.slice('http://'.length)) return send(res, 421, 'text/plain', 'wrong host');
    const url = new URL(req.url ?? '/', origin);
    if (req.method === 'POST' && url.pathname.startsWith(API_PATH)) {
      if (!authorised(req)) return json(res, 403, { ok: false, error: { code: 'forbidden', message: 'bad token' } });
      const body = await readBody(req);
      if (body === null) return json(res, 413, { ok: false, error: { code: 'too_large', message: `request body over ${MAX_BODY} bytes` } });
      let payload: unknown;
      try {
        payload = body.length ? JSON.parse(body) : undefined;
      } catch {
        return json(res, 200, { ok: false, error: { code: 'invalid_input', message: 'payload is not JSON' } });
      }
      const result = await backend.handle(url.pathname.slice(API_PATH.length), payload ?? undefined);
      return json(res, 200, result);
    }
    if (req.method === 'POST' && url.pathname === CSP_REPORT_PATH) {
      if (authorised(req)) blocked++;
      return send(res, 204, 'text/plain', '');
    }
    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'method not allowed');
    if (url.pathname === BRIDGE_PATH) return send(res, 200, MIME['.js'] as string, bridgeScript({ pseudoLocale: args.pseudoLocale }), csp);
    return serveStatic(url.pathname, res);
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    const rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const file = path.resolve(args.rendererDir, rel);
    if (!file.startsWith(args.rendererDir + path.sep)) return send(res, 404, 'text/plain', 'not found');
    let content: Buffer;
    try {
      content = await fs.readFile(file);
    } catch {
      return send(res, 404, 'text/plain', 'not found');
    }
    const ext = path.extname(file);
    if (ext === '.html') {
      // The bridge must run before the app's module script: it stands in for Electron's preload.
      const html = content.toString('utf8').replace('<head>', `<head><script src="${BRIDGE_PATH}"></script>`);
      return send(res, 200, MIME['.html'] as string, html, csp);
    }
    return send(res, 200, MIME[ext] ?? 'application/octet-stream', content, csp);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(args.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : args.port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    port,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await backend.close();
    },
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, csp?: string): void {
  const headers: Record<string, string> = {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  };
  if (csp) headers['content-security-policy'] = csp;
  res.writeHead(status, headers);
  res.end(body);
}

function json(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json', JSON.stringify(value));
}

/**
 * The request body, or null when it is over MAX_BODY (the caller answers 413). The rest of an
 * over-sized body is read and dropped rather than the socket destroyed, so the client gets its answer.
 */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY) {
      req.resume();
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) over = true;
      if (!over) chunks.push(c);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

if (require.main === module) {
  (async () => {
    let args: PreviewArgs;
    try {
      args = parse(process.argv.slice(2));
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      process.stderr.write(`preview: ${e.message}\n${USAGE}\n`);
      process.exit(2);
    }
    const host = await startPreview(args);
    process.stdout.write(`preview: ${host.url}\n`);
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      host.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  })().catch((e: unknown) => {
    process.stderr.write(`preview: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
