/**
 * Disk conditions a person can act on become `io_error` in plain words (issue 14 item 10): a full
 * disk, a used-up quota, a read-only file system, from Node's errno and from SQLite's codes. The
 * full disk and the read-only folder are made real on a tmpfs (root only); a quota cannot be
 * produced on these machines' tmpfs, so EDQUOT is Node's own error shape with that code.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diskFailure, fsFailure } from '../../main/store/io-errors';
import { canMount, cleanupTempDirs, tmpfs, unmountAll } from './helpers';

afterAll(() => {
  unmountAll();
  cleanupTempDirs();
});

function thrown(fn: () => void): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe.skipIf(!canMount)('real disk errors', () => {
  it('a full disk (ENOSPC) and a read-only file system (EROFS) are io_error in words, with no path', () => {
    const mnt = tmpfs(64);
    const full = thrown(() => fs.writeFileSync(path.join(mnt, 'big'), Buffer.alloc(1024 * 1024)));
    expect((full as NodeJS.ErrnoException).code).toBe('ENOSPC');
    expect(diskFailure(full)?.error).toEqual({ code: 'io_error', message: expect.stringMatching(/^Hushdesk could not save: the disk is full\. Nothing already stored was lost/) });

    fs.rmSync(path.join(mnt, 'big'), { force: true });
    expect(spawnSync('mount', ['-o', 'remount,ro', mnt]).status).toBe(0);
    const ro = thrown(() => fs.writeFileSync(path.join(mnt, 'note'), 'x'));
    expect((ro as NodeJS.ErrnoException).code).toBe('EROFS');
    const mapped = diskFailure(ro)?.error;
    expect(mapped).toEqual({ code: 'io_error', message: expect.stringMatching(/the disk is read-only\. Nothing already stored was lost/) });
    expect(mapped?.message).not.toContain(mnt);
    expect(fsFailure('cannot write the export', ro).error).toEqual({ code: 'io_error', message: 'cannot write the export: the disk is read-only' });
  });
});

describe('errno and SQLite codes', () => {
  it('EDQUOT is said as a used-up quota; SQLite FULL and READONLY in words; anything else is not a disk condition', () => {
    const quota = Object.assign(new Error("EDQUOT: disk quota exceeded, write '/home/someone/.config/hushdesk/hushdesk.db-wal'"), { code: 'EDQUOT', errno: -122, syscall: 'write' });
    const q = diskFailure(quota)?.error;
    expect(q).toEqual({ code: 'io_error', message: expect.stringMatching(/the disk quota is used up\. Nothing already stored was lost/) });
    expect(q?.message).not.toContain('/home/someone');
    expect(diskFailure(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }))?.error.code).toBe('io_error');
    expect(diskFailure(Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' }))?.error.message).toMatch(/read-only/);
    expect(diskFailure(Object.assign(new Error('no such file'), { code: 'ENOENT' }))).toBeNull();
    expect(diskFailure(new TypeError('x is undefined'))).toBeNull();
  });
});
