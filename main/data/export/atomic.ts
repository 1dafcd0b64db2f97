/**
 * Output for exports: byte sinks, a string buffer that hands them ~64 KiB chunks (never splitting a
 * string, so UTF-8 characters stay whole), and an atomic file (temp file in the target folder,
 * fsync, rename, fsync the folder), so a crash or a full disk never leaves a half export under the
 * final name.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppFailure } from '../../../shared/result';
import { fsFailure } from '../../store/io-errors';
import { fsyncDir } from '../../store/keys/keyfile';
import { registerExportTemp, unregisterExportTemp } from './temp-registry';

/** Where export bytes go. Synchronous on purpose: see export/index.ts. */
export interface ByteSink {
  write(chunk: Buffer): void;
}

export const CHUNK_BYTES = 64 * 1024;

/** Collects text and passes it on in chunks of about `CHUNK_BYTES`. */
export class TextBuffer {
  private parts: string[] = [];
  private size = 0;
  bytes = 0;
  constructor(private readonly sink: ByteSink, private readonly chunkBytes = CHUNK_BYTES) {}
  write(text: string): void {
    this.parts.push(text);
    // string length undercounts UTF-8 bytes by at most 3x; good enough to bound a chunk.
    this.size += text.length;
    if (this.size >= this.chunkBytes) this.flush();
  }
  flush(): void {
    if (this.parts.length === 0) return;
    const chunk = Buffer.from(this.parts.join(''), 'utf8');
    this.parts = [];
    this.size = 0;
    this.bytes += chunk.length;
    this.sink.write(chunk);
  }
}

function ioFailure(what: string, e: unknown): AppFailure {
  if (e instanceof AppFailure) return e;
  return fsFailure(`cannot write ${path.basename(what)}`, e);
}

/**
 * A file that appears under its final name only once complete and synced. With `journalDir` (the
 * store's data folder) the temp is recorded there first, so a crash cannot leave it unfound.
 */
export class AtomicFile implements ByteSink {
  readonly tmp: string;
  private fd: number | null;
  private written = 0;
  constructor(readonly file: string, private readonly journalDir?: string) {
    const dir = path.dirname(file);
    this.tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
    try {
      if (journalDir) registerExportTemp(journalDir, this.tmp);
      this.fd = fs.openSync(this.tmp, 'wx', 0o600);
    } catch (e) {
      if (journalDir) unregisterExportTemp(journalDir, this.tmp);
      throw ioFailure(file, e);
    }
  }
  write(chunk: Buffer | string): void {
    if (this.fd === null) throw new AppFailure('internal', 'export file already closed');
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    try {
      let off = 0;
      while (off < buf.length) off += fs.writeSync(this.fd, buf, off, buf.length - off);
    } catch (e) {
      throw ioFailure(this.file, e);
    }
    this.written += buf.length;
  }
  /** fsync + rename + fsync(dir). Returns the file size. */
  commit(): number {
    if (this.fd === null) throw new AppFailure('internal', 'export file already closed');
    try {
      fs.fsyncSync(this.fd);
      fs.closeSync(this.fd);
      this.fd = null;
      fs.renameSync(this.tmp, this.file);
      fsyncDir(path.dirname(this.file));
      if (this.journalDir) unregisterExportTemp(this.journalDir, this.tmp);
    } catch (e) {
      this.abort();
      throw ioFailure(this.file, e);
    }
    return this.written;
  }
  /** Drops the temp file (after a failure). Safe to call twice. */
  abort(): void {
    if (this.fd !== null) {
      try {
        fs.closeSync(this.fd);
      } catch {
        // already closed by the OS; the unlink below is what matters
      }
      this.fd = null;
    }
    fs.rmSync(this.tmp, { force: true });
    if (this.journalDir) unregisterExportTemp(this.journalDir, this.tmp);
  }
}

/** `dir/base.ext`, or `dir/base-2.ext`... when taken (exports never replace an earlier one). */
export function uniquePath(dir: string, base: string, ext: string): string {
  for (let i = 1; i < 1000; i++) {
    const p = path.join(dir, `${base}${i === 1 ? '' : `-${i}`}${ext}`);
    if (!fs.existsSync(p)) return p;
  }
  throw new AppFailure('conflict', `too many exports named ${base} in that folder`);
}
