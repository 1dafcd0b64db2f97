/**
 * Browser-test harness: starts the real preview host (`tsx scripts/preview/host.ts`, the same thing
 * `npm run preview` runs) on a fresh data folder, and real Chromium through playwright-core.
 * Chromium comes from CHROME_PATH or /usr/bin/chromium; when neither exists the tests FAIL (CI
 * must not pass without having run them).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'screenshots');

export function chromePath(): string {
  const candidate = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(candidate)) {
    throw new Error(`Chromium not found at ${candidate}: install it (apt-get install chromium) or set CHROME_PATH`);
  }
  return candidate;
}

export interface PreviewProcess {
  url: string;
  origin: string;
  dataDir: string;
  /** Where the app's exports land (outside the data folder, as Downloads is). */
  exportDir: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export interface PreviewOptions {
  kiosk?: boolean;
  dataDir?: string;
  env?: Record<string, string>;
  extraArgs?: string[];
}

export async function startPreviewHost(options: PreviewOptions = {}): Promise<PreviewProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'hushdesk-e2e-'));
  const exportDir = mkdtempSync(path.join(tmpdir(), 'hushdesk-e2e-downloads-'));
  const args = ['scripts/preview/host.ts', '--data-dir', dataDir, '--export-dir', exportDir, '--port', '0', ...(options.kiosk ? ['--kiosk'] : []), ...(options.extraArgs ?? [])];
  const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), args, {
    cwd: ROOT,
    env: { ...process.env, HUSHDESK_PASSPHRASE: 'correct horse battery staple', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`preview host did not start: ${stderr}`)), 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^preview: (\S+)$/m.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`preview host exited with ${code}: ${stderr}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    exportDir,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromePath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * The computer's language is en-US unless a test says otherwise: the kiosk setup guesses the shop's
 * country from it, and the privacy tests read phone numbers the US way.
 */
export const TEST_BROWSER_LOCALE = 'en-US';

export async function newPage(browser: Browser, viewport = { width: 1280, height: 800 }, locale = TEST_BROWSER_LOCALE): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce', locale });
  const page = await context.newPage();
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface HostAndBrowser {
  host: PreviewProcess;
  browser: Browser;
  /** Closes the browser, stops the host and removes its data folder. */
  close(): Promise<void>;
}

/** A preview host and Chromium, started side by side (the before-all of a browser test file). */
export async function startHostAndBrowser(options: PreviewOptions = {}): Promise<HostAndBrowser> {
  const [host, browser] = await Promise.all([startPreviewHost(options), launchChromium()]);
  return {
    host,
    browser,
    close: async () => {
      await browser.close();
      await host.stop();
      removeDir(host.dataDir);
    },
  };
}
