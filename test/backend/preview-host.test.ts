/**
 * The preview host's bridge (issue 14 item 12, issue 10 item 5): an over-sized request body gets a
 * 413 answer (it used to be dropped with no answer), and an unknown flag is a usage error.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, startPreview, type PreviewHost } from '../../scripts/preview/host';
import { cleanupTempDirs, tempDir } from '../store/helpers';

afterAll(cleanupTempDirs);
const ROOT = path.resolve(__dirname, '..', '..');

describe('preview host', () => {
  it('answers 413 to a body over the cap, and still serves the next request', async () => {
    const rendererDir = tempDir('hushdesk-renderer-');
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<html><head></head><body></body></html>');
    let host: PreviewHost | null = null;
    try {
      host = await startPreview({ ...parse(['--data-dir', tempDir('hushdesk-preview-'), '--export-dir', tempDir('hushdesk-dl-')]), rendererDir });
      const url = new URL(host.url);
      const token = new URLSearchParams(url.hash.slice(1)).get('token') as string;
      const api = (body: string) =>
        fetch(`${url.origin}/__hushdesk/api/app.info`, { method: 'POST', body, headers: { 'x-hushdesk-token': token, 'content-type': 'application/json' } });
      const big = await api(JSON.stringify({ pad: 'x'.repeat(9 * 1024 * 1024) }));
      expect(big.status).toBe(413);
      expect(await big.json()).toMatchObject({ ok: false, error: { code: 'too_large' } });
      const small = await api('null');
      expect(small.status).toBe(200);
      expect(await small.json()).toMatchObject({ ok: true, value: { name: 'Hushdesk' } });
    } finally {
      await host?.close();
    }
  });

  it('an unknown flag exits 2 with the usage line', () => {
    const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/preview/host.ts', '--dta-dir', '/tmp/x'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Unknown option '--dta-dir'/);
    expect(r.stderr).toMatch(/^usage: npm run preview/m);
  });
});
