/**
 * The shipped app must hold no network code: Node's own http/https/net/tls/dns/dgram/undici (and
 * fetch to a URL) bypass Electron's request filter, and Electron's `net` is a network client.
 * This scans every source file of main/, renderer/ and shared/. The preview host (scripts/) and the
 * tests are dev-only and never packaged (see electron-builder.yml `files`).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const FORBIDDEN_MODULE = /^(node:)?(http|https|http2|net|tls|dns|dgram|undici)(\/.*)?$/;
const IMPORT_RE = /(?:import\s[^'"]*?from\s*|import\s*\(\s*|require\s*\(\s*|export\s[^'"]*?from\s*)['"]([^'"]+)['"]/g;
const ELECTRON_NET = /import\s*\{[^}]*\bnet\b[^}]*\}\s*from\s*['"]electron['"]|\belectron\.net\b|require\(['"]electron['"]\)\.net\b/;
const REMOTE_FETCH = /\bfetch\s*\(\s*['"`]https?:|new\s+WebSocket\s*\(|new\s+EventSource\s*\(/;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (/\.(ts|tsx|js|mjs|cjs)$/.test(name)) out.push(p);
  }
  return out;
}

export function networkFindings(file: string, text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(IMPORT_RE)) {
    if (FORBIDDEN_MODULE.test(m[1] as string)) found.push(`${file}: imports ${m[1]}`);
  }
  if (ELECTRON_NET.test(text)) found.push(`${file}: uses Electron's net`);
  if (REMOTE_FETCH.test(text)) found.push(`${file}: opens a remote connection`);
  return found;
}

describe('zero network: no network code in the app sources', () => {
  it('finds none in main/, renderer/ and shared/', () => {
    const files = ['main', 'renderer', 'shared'].flatMap((d) => sources(path.join(ROOT, d)));
    expect(files.length).toBeGreaterThan(10);
    const findings = files.flatMap((f) => networkFindings(path.relative(ROOT, f), readFileSync(f, 'utf8')));
    expect(findings).toEqual([]);
  });

  it('the scanner itself catches each forbidden form', () => {
    const bad = [
      "import http from 'http';",
      "import { request } from 'node:https';",
      "const net = require('net');",
      "import('node:dns')",
      "export { connect } from 'node:tls';",
      "import { fetch } from 'undici';",
      "import { app, net } from 'electron';",
      "fetch('https://example.com')",
      'new WebSocket(url)',
    ];
    for (const line of bad) expect(networkFindings('x.ts', line), line).not.toEqual([]);
    expect(networkFindings('x.ts', "import path from 'node:path'; fetch(API_PATH)")).toEqual([]);
  });
});
