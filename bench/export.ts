/**
 * Export benchmark: 100,000 stored messages (10,000 conversations) exported as JSON, CSV, Markdown
 * and JSON encrypted in the age format (a passphrase; two X25519 public keys). Each export runs in its own child process so the peak memory figure is that
 * process's own high-water mark (VmHWM from /proc/self/status; rss sampling elsewhere), including
 * Node, tsx and the SQLite page cache. Target: peak < 150 MB.
 *
 *   npm run bench -- --only export
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const MESSAGES = 100_000;
const PER_CONVERSATION = 10;
const PASS = 'bench passphrase';
const CHILD_FLAG = '--export-child';
const TARGET_MB = 150;

type Encryption = 'plain' | 'passphrase' | 'keys';

interface ChildReport {
  format: string;
  encryption: Encryption;
  ms: number;
  bytes: number;
  messages: number;
  baseRssMb: number;
  peakRssMb: number;
  /** Peak from the first row on (VmHWM reset after the age header), or null where it cannot be reset. */
  streamPeakRssMb: number | null;
}

/** Peak resident memory of this process in MB (VmHWM), or sampled rss where /proc is missing. */
function peakRssMb(sampled: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return sampled / 1024 / 1024;
}

/** Resets VmHWM to the current rss (Linux: `5` to /proc/self/clear_refs). */
function resetPeak(): boolean {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

const WORDS = (
  'order orders track tracking parcel delivery shipping refund return returns exchange size colour shoes jacket ' +
  'store hours open close weekend address payment card invoice receipt discount coupon gift voucher account ' +
  'where when how can could would please thanks hello help need want my the a to is it for with on at of and ' +
  'señora ñandú café "quoted" comma, =formula'
).split(' ');

export async function seed(dir: string): Promise<void> {
  const { appendMessages, createConversation, openStore, PassphraseProtector, transaction } = await import('../main/store');
  const store = await openStore({ dataDir: dir, protector: new PassphraseProtector(PASS, { cost: { N: 2 ** 14, r: 8, p: 1 } }), create: true });
  let s = 12345;
  const rnd = (): number => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const text = (): string => Array.from({ length: 6 + Math.floor(rnd() * 14) }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ');
  const t0 = Date.UTC(2025, 0, 1);
  transaction(store.db, () => {
    for (let c = 0; c < MESSAGES / PER_CONVERSATION; c++) {
      const id = `conv${c}`;
      const at = t0 + c * 60_000;
      createConversation(store.db, { id, startedAt: at, channel: c % 2 ? 'kiosk' : 'desktop', locale: 'en', keptBy: 'policy', expiresAt: at + 30 * 86_400_000 });
      appendMessages(
        store.db,
        id,
        Array.from({ length: PER_CONVERSATION }, (_, i) => ({
          role: i % 2 ? ('bot' as const) : ('user' as const),
          text: text(),
          intent: i % 2 ? 'order_status' : null,
          confidence: i % 2 ? 0.8 : null,
          at: at + i * 1000,
        })),
      );
    }
  });
  store.close();
}

/** In the child: open, export once, report. */
async function child(dir: string, format: 'json' | 'csv' | 'md', encryption: Encryption): Promise<void> {
  let sampled = 0;
  const sample = (): void => {
    sampled = Math.max(sampled, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 5);
  const { openStore, PassphraseProtector } = await import('../main/store');
  const { createExport, exportSeal } = await import('../main/data');
  const { loadAge } = await import('../main/data/export');
  let recipients: string[] = [];
  if (encryption === 'keys') {
    const age = await loadAge();
    recipients = await Promise.all([0, 1].map(async () => age.identityToRecipient(await age.generateX25519Identity())));
  }
  const store = await openStore({ dataDir: dir, protector: new PassphraseProtector(PASS, { cost: { N: 2 ** 14, r: 8, p: 1 } }), create: false });
  sample();
  const baseRssMb = process.memoryUsage().rss / 1024 / 1024;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'hushdesk-bench-out-'));
  const started = performance.now();
  // The age header (scrypt or X25519) is part of the timed export.
  const seal = await exportSeal(encryption === 'passphrase' ? { passphrase: 'take it away' } : { recipients });
  // scrypt's 64 MiB is allocated and freed before the first row: measured apart from the streaming.
  const headerPeakMb = peakRssMb(sampled);
  const reset = resetPeak();
  const r = createExport(store.db, { format, dataDir: store.paths.dataDir, scope: { kind: 'all' }, now: Date.now(), ...(seal ? { seal } : {}) }, { kind: 'dir', dir: out });
  const ms = performance.now() - started;
  sample();
  clearInterval(timer);
  store.close();
  fs.rmSync(out, { recursive: true, force: true });
  const streamPeak = peakRssMb(sampled);
  const report: ChildReport = {
    format,
    encryption,
    ms,
    bytes: r.bytes,
    messages: r.messages,
    baseRssMb,
    peakRssMb: reset ? Math.max(headerPeakMb, streamPeak) : streamPeak,
    streamPeakRssMb: reset ? streamPeak : null,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

export async function exportBench(): Promise<{ title: string; columns: string[]; rows: (string | number)[][]; notes?: string[] }[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hushdesk-bench-export-'));
  try {
    const seeded = performance.now();
    await seed(dir);
    const seedMs = performance.now() - seeded;
    const rows: (string | number)[][] = [];
    for (const [format, enc] of [
      ['json', 'plain'],
      ['csv', 'plain'],
      ['md', 'plain'],
      ['json', 'passphrase'],
      ['json', 'keys'],
    ] as const) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, CHILD_FLAG, dir, format, enc], { encoding: 'utf8', maxBuffer: 1 << 20 });
      const line = r.stdout.trim().split('\n').pop() ?? '';
      if (r.status !== 0 || !line.startsWith('{')) throw new Error(`export child failed: ${r.stderr.split('\n').slice(0, 3).join(' ')}`);
      const c = JSON.parse(line) as ChildReport;
      rows.push([
        `${c.format}${c.encryption === 'passphrase' ? ' + age (passphrase)' : c.encryption === 'keys' ? ' + age (2 X25519 keys)' : ''}`,
        c.messages,
        Math.round(c.ms),
        Math.round(c.messages / (c.ms / 1000)),
        +(c.bytes / 1024 / 1024).toFixed(1),
        +c.baseRssMb.toFixed(0),
        +c.peakRssMb.toFixed(0),
        c.streamPeakRssMb === null ? '-' : +c.streamPeakRssMb.toFixed(0),
        c.peakRssMb < TARGET_MB ? 'yes' : 'NO',
      ]);
    }
    return [
      {
        title: `Export: ${MESSAGES.toLocaleString('en')} messages from the encrypted store (each export in its own process)`,
        columns: ['format', 'messages', 'time ms', 'messages/s', 'file MB', 'rss after open MB', 'peak rss MB', 'peak from the first row MB', `< ${TARGET_MB} MB`],
        rows,
        notes: [
          `Peak rss is the child process's VmHWM: Node + tsx + SQLite page cache + the export; the store was seeded in ${Math.round(seedMs)} ms.`,
          'Streaming: one row and one ~64 KiB chunk in memory at a time (stmt.iterate), written to a temp file, fsynced, renamed.',
          'Encryption: age (age-encryption.org/v1), ChaCha20-Poly1305 in 64 KiB STREAM chunks; passphrase: scrypt N=2^16, r=8, p=1 (64 MiB) on the thread pool; keys: X25519 by the age-encryption library. Timed from the header to the renamed file.',
        ],
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === CHILD_FLAG) {
  const [, , , dir, format, enc] = process.argv;
  child(dir as string, format as 'json' | 'csv' | 'md', enc as Encryption).catch((e: unknown) => {
    process.stderr.write(`${String(e)}\n`);
    process.exitCode = 1;
  });
}
