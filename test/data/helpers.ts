/** Helpers for data-control tests: seeded encrypted stores with canary text, raw-key probes, CLI runs. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../main/cli/index';
import type { CliIo } from '../../main/cli/command';
import { appendTurn, createConversation, openStore, recordConsent, type Store } from '../../main/store';
import { protector, tempDir } from '../store/helpers';

export const PASS = 'correct horse battery staple';
export const T0 = Date.UTC(2025, 2, 1, 9, 0, 0);

export async function openAt(dir: string, pass = PASS): Promise<Store> {
  return openStore({ dataDir: dir, protector: protector(pass), create: true });
}

/** A unique marker per message; found in no file after a wipe if the wipe works. */
export const canary = (i: number, role: 'q' | 'a'): string => `CANARY${role}${String(i).padStart(5, '0')}ZQX`;

/**
 * `n` conversations, one minute apart from T0, each a question + answer carrying canaries, every
 * third with a granted consent record.
 */
export function seed(s: Store, n: number, opts: { start?: number; prefix?: string } = {}): void {
  const start = opts.start ?? T0;
  const prefix = opts.prefix ?? 'c';
  for (let i = 0; i < n; i++) {
    const id = `${prefix}${i}`;
    const at = start + i * 60_000;
    const consentId = i % 3 === 0 ? `k_${prefix}${i}` : null;
    if (consentId) recordConsent(s.db, { id: consentId, conversationId: id, at, noticeVersion: 1, choice: 'granted' });
    createConversation(s.db, { id, startedAt: at, channel: 'kiosk', locale: 'en', keptBy: consentId ? 'consent' : 'policy', consentId });
    appendTurn(s.db, id, { text: `my order ${canary(i, 'q')} is late`, at }, [
      { text: `Sorry to hear that ${canary(i, 'a')}`, intent: 'order_status', confidence: 0.87, at: at + 1000 },
    ]);
  }
}

export async function seededDir(n: number): Promise<string> {
  const dir = tempDir('hushdesk-data-');
  const s = await openAt(dir);
  seed(s, n);
  s.close();
  return dir;
}

export { tryRawKey } from '../store/helpers';

/** Every file under dir (recursive). */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

/** Files (relative) containing any of the needles, as UTF-8 or UTF-16LE bytes. */
export function scanFor(dir: string, needles: string[]): string[] {
  const hits: string[] = [];
  for (const f of filesUnder(dir)) {
    const bytes = fs.readFileSync(f);
    for (const n of needles) {
      if (bytes.includes(Buffer.from(n, 'utf8')) || bytes.includes(Buffer.from(n, 'utf16le'))) {
        hits.push(`${path.relative(dir, f)}: ${n}`);
        break;
      }
    }
  }
  return hits;
}

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function cli(argv: string[], env: NodeJS.ProcessEnv = { HUSHDESK_PASSPHRASE: PASS }, stdin?: { tty: boolean; input?: string }): Promise<CliRun> {
  let out = '';
  let err = '';
  const input = new PassThrough();
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), stdinIsTty: stdin?.tty ?? false, stdin: input, env };
  if (stdin?.input !== undefined) setTimeout(() => input.write(stdin.input), 20);
  const code = await main(argv, io);
  return { code, out, err };
}
