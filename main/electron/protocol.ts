/**
 * The `app://hushdesk/` protocol: serves the built renderer (dist/renderer) and nothing else.
 * Why a custom protocol and not file://: file:// pages can read any file the user can, and share
 * one origin with every other local file. Here the origin is ours alone, every response carries the
 * CSP, and paths outside the renderer folder do not exist (404), whatever the URL spells.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { APP_CSP } from '../../shared/csp';
import { APP_HOST, APP_SCHEME } from './origin';

export interface SchemeRegistrar {
  registerSchemesAsPrivileged(
    schemes: Array<{
      scheme: string;
      privileges: { standard: boolean; secure: boolean; supportFetchAPI: boolean; corsEnabled: boolean; stream: boolean };
    }>,
  ): void;
}

export interface ProtocolLike {
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
}

/**
 * Must run before `ready`. standard: real origin, relative URLs and 'self' in the CSP work;
 * secure: counts as a secure context (like https); supportFetchAPI: the page may fetch its own
 * assets. No bypassCSP, no service workers, no CORS for others.
 */
export function registerAppScheme(protocol: SchemeRegistrar): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false },
    },
  ]);
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers on every response, errors included: the CSP must hold even on a 404 page. */
function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': APP_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

function failure(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * Maps a request URL to a file path inside `rootDir`, or null (pure: touches no disk). Refuses
 * other hosts, backslashes, NUL bytes and anything that would resolve outside the root: the URL
 * parser folds plain `..`, and percent-encoded ones (`%2e%2e%2f`) are folded after decoding, with
 * a containment check as the last word.
 */
export function resolveAppPath(rootDir: string, url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.hostname !== APP_HOST || u.port !== '') return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname === '' || pathname.endsWith('/')) pathname += 'index.html';
  const root = path.resolve(rootDir);
  const resolved = path.resolve(root, '.' + path.posix.normalize('/' + pathname));
  if (resolved !== root && !resolved.startsWith(root + path.sep)) return null;
  return resolved;
}

/** The request handler for `protocol.handle('app', ...)`. Never throws; misses are 404. */
export function createAppRequestHandler(rootDir: string): (request: Request) => Promise<Response> {
  const root = path.resolve(rootDir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return failure(405, 'Method Not Allowed');
    const filePath = resolveAppPath(root, request.url);
    if (filePath === null) return failure(404, 'Not Found');
    try {
      // fs.stat / readFile (not realpath) because Electron's asar layer patches these for app.asar.
      const stat = await fs.stat(filePath);
      if (!stat.isFile()) return failure(404, 'Not Found');
      const headers = { ...securityHeaders(), 'Content-Type': mimeTypeFor(filePath), 'Content-Length': String(stat.size) };
      if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
      const body = await fs.readFile(filePath);
      return new Response(body, { status: 200, headers });
    } catch {
      return failure(404, 'Not Found');
    }
  };
}

/** Serves `rootDir` (the built renderer) on app://hushdesk/. Call once the app is ready. */
export function enableAppProtocol(protocol: ProtocolLike, rootDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rootDir));
}
