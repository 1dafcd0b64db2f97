/**
 * Store benchmark: the encrypted store (SQLCipher via SQLite3MultipleCiphers, raw 256-bit key) beside
 * the same library with no key (plain SQLite), same schema, same pragmas, same queries, same run.
 * The ratio column is the cost of encryption. Targets: appends < 1.5x, search < 2x.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { appendTurn, createConversation, migrate, openStore, PassphraseProtector, searchMessages, transaction, DEFAULT_SCRYPT } from '../main/store';
import { connect, type Db } from '../main/store/db';
import { rawKeyLiteral } from '../main/store/keys/datakey';

interface Table {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  notes?: string[];
}

const MESSAGES = 100_000;
const APPEND_SAMPLES = 300;
const SEARCH_SAMPLES = 300;

const WORDS = (
  'order orders track tracking parcel delivery shipping refund return returns exchange size colour color shoes jacket ' +
  'store hours open close weekend address payment card invoice receipt discount coupon gift voucher account password ' +
  'email phone change cancel late missing damaged broken warranty repair battery charger screen laptop printer ink ' +
  'where when how can could would please thanks hello help need want my the a to is it for with on at of and'
).split(' ');

/** Deterministic pseudo-random text (Zipf-like word choice), so both databases get identical data. */
function textGen(seed: number): () => string {
  let s = seed >>> 0;
  const rnd = (): number => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  return () => {
    const n = 6 + Math.floor(rnd() * 12);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(WORDS[Math.floor(WORDS.length * rnd() ** 2)] as string);
    if (rnd() < 0.2) out.push(String(Math.floor(rnd() * 1e6)));
    return out.join(' ');
  };
}

function configure(db: Db): void {
  db.pragma('locking_mode = EXCLUSIVE');
  db.prepare('SELECT count(*) FROM sqlite_master').get();
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  db.pragma('temp_store = MEMORY');
}

/** Opens like openStore does once the data key is known (no KDF), or plain with the same pragmas. */
function openDb(file: string, key: Buffer | null): Db {
  const db = connect(file);
  if (key) {
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('legacy = 4');
    db.key(rawKeyLiteral(key));
  }
  configure(db);
  migrate(db);
  return db;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}
function ms(ns: bigint): number {
  return Number(ns) / 1e6;
}
const r2 = (x: number): number => Math.round(x * 100) / 100;
const ratio = (enc: number, plain: number): string => `${(enc / plain).toFixed(2)}x`;

interface Measured {
  openMs: number;
  appendP50: number;
  appendP99: number;
  insertPerSec: number;
  searchP50: number;
  searchP99: number;
  bytesPer1k: number;
}

function measure(dir: string, key: Buffer | null): Measured {
  const file = path.join(dir, 'bench.db');
  const gen = textGen(42);

  // Appends: one user + one bot message per transaction, synchronous=FULL (one WAL fsync per turn).
  let db = openDb(file, key);
  createConversation(db, { id: 'append', startedAt: 0, channel: 'kiosk', locale: 'en', keptBy: 'policy' });
  const samples: number[] = [];
  for (let i = 0; i < APPEND_SAMPLES; i++) {
    const u = gen();
    const b = gen();
    const t0 = process.hrtime.bigint();
    appendTurn(db, 'append', { text: u, intent: 'faq', confidence: 0.8, at: i }, [{ text: b, intent: 'faq', confidence: 0.8, at: i }]);
    samples.push(ms(process.hrtime.bigint() - t0));
  }
  samples.sort((a, b) => a - b);

  // Bulk insert: 100k messages as turns in 20-turn conversations, 1,000 turns per transaction.
  const t0 = process.hrtime.bigint();
  const TURNS = MESSAGES / 2;
  for (let start = 0; start < TURNS; start += 1000) {
    transaction(db, () => {
      for (let t = start; t < start + 1000; t++) {
        const conv = `c${Math.floor(t / 10)}`;
        if (t % 10 === 0) createConversation(db, { id: conv, startedAt: t, channel: 'desktop', locale: 'en', keptBy: 'policy' });
        appendTurn(db, conv, { text: gen(), intent: 'faq', confidence: 0.5, at: t }, [{ text: gen(), intent: 'faq', confidence: 0.5, at: t }]);
      }
    });
  }
  const insertSec = Number(process.hrtime.bigint() - t0) / 1e9;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const bytes = fs.statSync(file).size;
  db.close();

  // Open an existing 100k-message file (key already known: raw key, no KDF).
  const o0 = process.hrtime.bigint();
  db = openDb(file, key);
  const openMs = ms(process.hrtime.bigint() - o0);

  // Search: one or two words, newest 50 hits with snippets.
  const qgen = textGen(7);
  const searches: number[] = [];
  for (let i = 0; i < SEARCH_SAMPLES; i++) {
    const words = qgen().split(' ');
    const q = i % 2 ? `${words[0]} ${words[1]}` : (words[2] ?? 'order');
    const s0 = process.hrtime.bigint();
    searchMessages(db, q, { limit: 50 });
    searches.push(ms(process.hrtime.bigint() - s0));
  }
  searches.sort((a, b) => a - b);
  db.close();

  return {
    openMs,
    appendP50: pct(samples, 50),
    appendP99: pct(samples, 99),
    insertPerSec: MESSAGES / insertSec,
    searchP50: pct(searches, 50),
    searchP99: pct(searches, 99),
    bytesPer1k: bytes / ((MESSAGES + APPEND_SAMPLES * 2) / 1000),
  };
}

async function unlockMs(): Promise<{ create: number; unlock: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hushdesk-bench-unlock-'));
  try {
    const c0 = process.hrtime.bigint();
    (await openStore({ dataDir: dir, protector: new PassphraseProtector('bench passphrase'), create: true })).close();
    const create = ms(process.hrtime.bigint() - c0);
    const u0 = process.hrtime.bigint();
    (await openStore({ dataDir: dir, protector: new PassphraseProtector('bench passphrase'), create: false })).close();
    return { create, unlock: ms(process.hrtime.bigint() - u0) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function storeBench(): Promise<Table[]> {
  const encDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hushdesk-bench-enc-'));
  const plainDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hushdesk-bench-plain-'));
  const key = crypto.randomBytes(32);
  try {
    const plain = measure(plainDir, null);
    const enc = measure(encDir, key);
    const unlock = await unlockMs();
    const rows: (string | number)[][] = [
      ['open existing file, 100k messages (ms)', r2(enc.openMs), r2(plain.openMs), ratio(enc.openMs, plain.openMs)],
      ['append user+bot turn, p50 (ms, synchronous=FULL)', r2(enc.appendP50), r2(plain.appendP50), ratio(enc.appendP50, plain.appendP50)],
      ['append user+bot turn, p99 (ms, synchronous=FULL)', r2(enc.appendP99), r2(plain.appendP99), ratio(enc.appendP99, plain.appendP99)],
      ['insert 100k messages (messages/s, 1k turns per transaction)', Math.round(enc.insertPerSec), Math.round(plain.insertPerSec), ratio(plain.insertPerSec, enc.insertPerSec)],
      ['FTS search over 100k messages, p50 (ms, 50 hits + snippets)', r2(enc.searchP50), r2(plain.searchP50), ratio(enc.searchP50, plain.searchP50)],
      ['FTS search over 100k messages, p99 (ms)', r2(enc.searchP99), r2(plain.searchP99), ratio(enc.searchP99, plain.searchP99)],
      ['file size per 1k messages (KiB, FTS index included)', r2(enc.bytesPer1k / 1024), r2(plain.bytesPer1k / 1024), ratio(enc.bytesPer1k, plain.bytesPer1k)],
    ];
    return [
      {
        title: 'Encrypted store vs plain SQLite (same library, same schema and pragmas)',
        columns: ['operation', 'encrypted (SQLCipher 4)', 'plain SQLite', 'encrypted / plain'],
        rows,
        notes: [
          `scrypt N=2^${Math.log2(DEFAULT_SCRYPT.N)} passphrase unlock (KDF + unwrap + open + verify): ${r2(unlock.unlock)} ms; first-run create: ${r2(unlock.create)} ms`,
          'ratio for throughput is plain/encrypted (higher = slower encrypted), for times encrypted/plain',
          `machine: ${os.cpus().length} cores, ${os.platform()}, node ${process.version}; temp folder ${os.tmpdir()}`,
        ],
      },
    ];
  } finally {
    key.fill(0);
    fs.rmSync(encDir, { recursive: true, force: true });
    fs.rmSync(plainDir, { recursive: true, force: true });
  }
}
