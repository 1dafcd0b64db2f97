/**
 * Opening the encrypted store: key file -> data key -> SQLCipher connection -> verify -> pragmas ->
 * migrations. Every failure is a typed AppFailure, and an open never overwrites, truncates or deletes
 * an existing database file (a damaged one can be set aside with `setAsideStore`).
 */
import * as fs from 'node:fs';
import { AppFailure } from '../../shared/result';
import type { KeyProtectorInfo } from '../../shared/domain';
import { connect, sqliteCode, toAppFailure, type ConnectOptions, type Db } from './db';
import { fsFailure } from './io-errors';
import { withKeyFileLock } from './keys/key-lock';
import { newDataKey, rawKeyLiteral, zero } from './keys/datakey';
import { entryAad, KEY_FILE_FORMAT, KEY_FILE_VERSION, newKeyId, readKeyFile, writeKeyFileAtomic, type KeyEntry, type KeyFile } from './keys/keyfile';
import type { KeyProtector, WrapSession } from './keys/protector';
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion } from './migrations';
import { storePaths, type StorePaths } from './paths';

export const CIPHER = 'sqlcipher';
export const CIPHER_LEGACY = 4;
/** SQLCipher 4's page size; an encrypted file is always a whole number of pages. */
export const PAGE_SIZE = 4096;
const PLAIN_SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export interface OpenStoreOptions extends ConnectOptions {
  dataDir: string;
  protector: KeyProtector;
  /** Create the folder, key file and database when none exist. Never replaces existing files. */
  create: boolean;
  /** Apply migrations up to this version instead of the latest (tests of migrations). */
  targetSchemaVersion?: number;
}

/** An open store. Holds the folder lock until `close()`. */
export interface Store {
  readonly db: Db;
  readonly paths: StorePaths;
  readonly cipher: string;
  readonly keyProtector: KeyProtectorInfo;
  readonly schemaVersion: number;
  /** True when this open created a new database. */
  readonly created: boolean;
  readonly isOpen: boolean;
  close(): void;
}

class OpenStore implements Store {
  private closed = false;
  constructor(
    private connection: Db,
    readonly connectOptions: ConnectOptions,
    readonly paths: StorePaths,
    public keyProtector: KeyProtectorInfo,
    readonly schemaVersion: number,
    readonly created: boolean,
    /** Kept to wrap a new key at rekey time; zeroed on close. */
    public session: WrapSession,
  ) {}
  readonly cipher = CIPHER;
  /** True while a key rotation has closed the connection and builds the rewritten file elsewhere. */
  private handedOff = false;
  /** The live connection (replaced once by a key rotation, which swaps in a rewritten file). */
  get db(): Db {
    if (this.handedOff) throw new AppFailure('conflict', 'the database is being rewritten (a wipe or key rotation is running); try again in a moment');
    return this.connection;
  }
  /** The rotation closes the connection; the store stays open (its session, its lock) until the swap. */
  handOff(): void {
    this.connection.close();
    this.handedOff = true;
  }
  swapConnection(next: Db): void {
    this.connection = next;
    this.handedOff = false;
  }
  get isOpen(): boolean {
    return !this.closed && (this.handedOff || this.connection.open);
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      // Closing the last connection checkpoints the WAL into the encrypted file and removes it.
      if (this.connection.open) this.connection.close();
    } finally {
      this.session.dispose();
    }
  }
}

/** The wrap session of an open store (for rekey / change of protector inside main/store). */
export function sessionOf(store: Store): WrapSession {
  if (!(store instanceof OpenStore)) throw new AppFailure('internal', 'not a store opened by openStore');
  if (!store.isOpen) throw new AppFailure('conflict', 'the store is closed');
  return store.session;
}

/** Internal to main/store: the pieces a key rotation needs to reconnect to the rewritten file. */
export function internalsOf(store: Store): { connectOptions: ConnectOptions; swapConnection: (db: Db) => void; handOff: () => void } {
  if (!(store instanceof OpenStore)) throw new AppFailure('internal', 'not a store opened by openStore');
  return { connectOptions: store.connectOptions, swapConnection: (db) => store.swapConnection(db), handOff: () => store.handOff() };
}

export function replaceSession(store: Store, session: WrapSession): void {
  if (!(store instanceof OpenStore)) throw new AppFailure('internal', 'not a store opened by openStore');
  const old = store.session;
  store.session = session;
  store.keyProtector = session.info();
  if (old !== session) old.dispose();
}

function fileSize(file: string): number | null {
  try {
    return fs.statSync(file).size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw fsFailure('cannot read the database', e);
  }
}

function readHead(file: string, n: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const got = fs.readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    fs.closeSync(fd);
  }
}

/** Checks that need no key: a plain SQLite file, or a size no encrypted file can have. */
function precheckDatabaseFile(paths: StorePaths, size: number): void {
  if (readHead(paths.db, 16).equals(PLAIN_SQLITE_HEADER)) {
    throw new AppFailure('not_a_database', 'the database is an unencrypted SQLite file, not a Hushdesk store');
  }
  if (size % PAGE_SIZE !== 0) {
    throw new AppFailure('corrupt', `the database is damaged (truncated: ${size} bytes is not a whole number of pages)`);
  }
}

/** Applies cipher settings and the key. Order matters and none of it may run inside a transaction. */
export function applyKey(db: Db, dataKey: Buffer): void {
  db.pragma(`cipher = '${CIPHER}'`);
  db.pragma(`legacy = ${CIPHER_LEGACY}`);
  const literal = rawKeyLiteral(dataKey);
  try {
    db.key(literal);
  } finally {
    zero(literal);
  }
}

/**
 * Opens a connection with one candidate key and proves it (`pragma key` succeeds for any key).
 * EXCLUSIVE locking is set before the first read, so from here on this connection holds the file
 * and a second process fails fast with SQLITE_BUSY.
 */
export function openWithKey(file: string, dataKey: Buffer, options: ConnectOptions): Db {
  const db = connect(file, options);
  try {
    applyKey(db, dataKey);
    db.pragma('locking_mode = EXCLUSIVE');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

export function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  db.pragma('temp_store = MEMORY');
  // An immediate write transaction takes the exclusive file lock now (not at the first real write),
  // so a second process is refused even while this one only reads.
  db.exec('BEGIN IMMEDIATE');
  db.exec('COMMIT');
}

async function unwrapEntry(session: WrapSession, entry: KeyEntry): Promise<{ key: Buffer; shouldRewrap: boolean }> {
  return session.unwrap(entry.wrapped, entryAad(entry.id));
}

export async function newKeyEntry(session: WrapSession, dataKey: Buffer, now = Date.now()): Promise<KeyEntry> {
  const id = newKeyId();
  return { id, createdAt: now, wrapped: await session.wrap(dataKey, entryAad(id)) };
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  // Creating a store and settling an interrupted rotation write the key file: the same queue as
  // every other key-file writer (keys/key-lock.ts).
  return withKeyFileLock(storePaths(options.dataDir).key, () => openStoreLocked(options));
}

async function openStoreLocked(options: OpenStoreOptions): Promise<Store> {
  const paths = storePaths(options.dataDir);
  const dirExists = fileSize(paths.dataDir) !== null;
  if (!dirExists) {
    if (!options.create) throw new AppFailure('not_found', 'no Hushdesk store here (the data folder does not exist)');
    try {
      fs.mkdirSync(paths.dataDir, { recursive: true, mode: 0o700 });
    } catch (e) {
      throw fsFailure('cannot create the data folder', e);
    }
  }

  // A rotation killed before its atomic rename leaves only a half-made copy: it is never the store.
  removeRotationLeftovers(paths);
  ownerOnly(paths);
  const dbSize = fileSize(paths.db);
  // A zero-byte file holds nothing (e.g. a crash right after creation) and is treated as absent.
  const dbExists = dbSize !== null && dbSize > 0;
  let keyFile = readKeyFile(paths.key);

  if (dbExists && !keyFile) {
    throw new AppFailure('key_file_missing', 'the data folder has a database but no key file; it cannot be opened and will not be replaced');
  }
  if (!dbExists && !options.create) {
    throw new AppFailure('not_found', 'no Hushdesk store in the data folder');
  }
  if (dbExists) precheckDatabaseFile(paths, dbSize);

  let session: WrapSession | null = null;
  const keys: Buffer[] = [];
  let db: Db | null = null;
  try {
    let current: Buffer;
    let shouldRewrap = false;
    if (!keyFile) {
      // Brand-new store: a fresh data key, wrapped and written before the database exists.
      session = await options.protector.create();
      current = newDataKey();
      keys.push(current);
      keyFile = {
        format: KEY_FILE_FORMAT,
        version: KEY_FILE_VERSION,
        protector: session.params,
        current: await newKeyEntry(session, current),
        pending: null,
      };
      writeKeyFileAtomic(paths.key, keyFile);
    } else {
      session = await options.protector.attach(keyFile.protector);
      // A wrong passphrase fails here, before the database file is opened at all.
      const u = await unwrapEntry(session, keyFile.current);
      current = u.key;
      keys.push(current);
      shouldRewrap = u.shouldRewrap;
    }

    const created = !dbExists;
    let usedPending = false;
    // A new database file starts empty and owner-only, so SQLite (and its -wal/-shm) keep that mode.
    if (created) {
      try {
        fs.closeSync(fs.openSync(paths.db, 'w', 0o600));
        fs.chmodSync(paths.db, 0o600);
      } catch (e) {
        throw fsFailure('cannot create the database', e);
      }
    }
    try {
      db = openWithKey(paths.db, current, options);
    } catch (e) {
      const code = sqliteCode(e) ?? '';
      if (code.startsWith('SQLITE_NOTADB') && keyFile.pending) {
        // A rotation was interrupted after the database was rekeyed: the pending key opens it.
        const p = await unwrapEntry(session, keyFile.pending);
        keys.push(p.key);
        try {
          db = openWithKey(paths.db, p.key, options);
          usedPending = true;
        } catch (e2) {
          throw mapOpenError(e2);
        }
      } else {
        throw mapOpenError(e);
      }
    }

    if (keyFile.pending) {
      // Settle an interrupted rotation either way: promote the key that worked, drop the other.
      keyFile = { ...keyFile, current: usedPending ? keyFile.pending : keyFile.current, pending: null };
      writeKeyFileAtomic(paths.key, keyFile);
    }

    const found = schemaVersion(db);
    if (found > LATEST_SCHEMA_VERSION) {
      throw new AppFailure('future_schema', `the database was written by a newer Hushdesk (schema ${found}, this app knows ${LATEST_SCHEMA_VERSION}); update the app`);
    }
    try {
      configure(db);
    } catch (e) {
      throw toAppFailure(e, 'the data folder');
    }
    const report = migrate(db, options.targetSchemaVersion !== undefined ? { target: options.targetSchemaVersion } : {});

    if (shouldRewrap) {
      // The protector asked for it (OS key rotated, keyring backend changed): same data key, new wrap.
      const fresh = await options.protector.create();
      const working = usedPending ? (keys[1] as Buffer) : current;
      keyFile = { ...keyFile, protector: fresh.params, current: await newKeyEntry(fresh, working), pending: null };
      writeKeyFileAtomic(paths.key, keyFile);
      session.dispose();
      session = fresh;
    }

    const connectOptions: ConnectOptions = {};
    if (options.nativeBinding) connectOptions.nativeBinding = options.nativeBinding;
    if (options.busyTimeoutMs !== undefined) connectOptions.busyTimeoutMs = options.busyTimeoutMs;
    if (options.trace) connectOptions.trace = options.trace;
    const store = new OpenStore(db, connectOptions, paths, session.info(), report.to, created, session);
    db = null;
    session = null;
    return store;
  } finally {
    zero(...keys);
    if (db) db.close();
    if (session) session.dispose();
  }
}

/** The rewritten copy a key rotation builds beside the database before renaming it into place. */
export function rotationCopyPath(paths: StorePaths): string {
  return `${paths.db}.rekey`;
}

/**
 * The data folder and every store file are the owner's alone (0700 / 0600), whatever the umask: a
 * new database is created empty with 0600 just before SQLite opens it (SQLite gives its -wal, -shm
 * and journal files the database file's mode), and files left by an older version are tightened.
 */
function ownerOnly(paths: StorePaths): void {
  try {
    fs.chmodSync(paths.dataDir, 0o700);
    for (const f of [paths.db, paths.wal, paths.shm, paths.journal, paths.key]) if (fileSize(f) !== null) fs.chmodSync(f, 0o600);
  } catch (e) {
    if (process.platform !== 'win32') throw fsFailure('cannot make the store files private', e);
  }
}

function removeRotationLeftovers(paths: StorePaths): void {
  const copy = rotationCopyPath(paths);
  for (const f of [copy, `${copy}-journal`, `${copy}-wal`, `${copy}-shm`]) fs.rmSync(f, { force: true });
}

function mapOpenError(e: unknown): AppFailure {
  if (e instanceof AppFailure) return e;
  const code = sqliteCode(e) ?? '';
  if (code.startsWith('SQLITE_NOTADB')) {
    // The key file authenticated the key (GCM tag / keychain), so the database itself is the problem.
    return new AppFailure('corrupt', 'the database cannot be decrypted with its key file: it is damaged or belongs to another key file');
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AppFailure('locked', 'the data folder is in use by another Hushdesk process');
  }
  return toAppFailure(e, 'the database');
}

export { storePaths };
export type { KeyFile };
