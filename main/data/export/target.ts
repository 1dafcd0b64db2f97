/**
 * Where an export may be written. An export is plaintext (or a separately encrypted file) that a
 * person takes away, so it must never land on the store's own files: a `--out <data>/hushdesk.db`
 * would otherwise rename a JSON file over the encrypted database and every conversation would be gone.
 *
 * Rules (checked on real paths, so `..`, symlinked folders and case tricks resolve first):
 *   - nothing inside the data folder (database, WAL, key file, caches, logs, set-aside copies...);
 *   - an existing target must be a regular file (never a device such as /dev/full, a folder, a
 *     symlink or a FIFO), and is replaced only with `force` (the CLI's `--force`, a confirmed dialog);
 *   - the target's folder must exist.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AppFailure } from '../../../shared/result';
import type { RuleProblem } from '../../../shared/settings-rules';

export interface TargetRules {
  /** The store's data folder: no export is ever written inside it. */
  dataDir: string;
  /** Replace an existing regular file. */
  force?: boolean;
}

/** The real path of `p` when it exists, else of its nearest existing ancestor joined with the rest. */
function realish(p: string): string {
  const abs = path.resolve(p);
  const rest: string[] = [];
  let cur = abs;
  for (;;) {
    try {
      return path.join(fs.realpathSync.native(cur), ...rest);
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return abs;
      rest.unshift(path.basename(cur));
      cur = parent;
    }
  }
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Refuses a folder inside the data folder (an export folder must be the person's, not the store's). */
export function assertExportDir(dir: string, rules: TargetRules): void {
  if (isInside(realish(dir), realish(rules.dataDir))) {
    throw new AppFailure('forbidden', "Exports cannot be written inside Hushdesk's data folder; choose another folder.");
  }
}

/**
 * Checks a named export file and returns the path to write (the real folder + the file name), or
 * throws a typed failure that says why. Nothing is touched.
 */
export function checkExportFile(file: string, rules: TargetRules): string {
  const abs = path.resolve(file);
  const name = path.basename(abs);
  let dir: string;
  try {
    dir = fs.realpathSync.native(path.dirname(abs));
  } catch {
    throw new AppFailure('invalid_input', `The folder for ${name} does not exist.`);
  }
  if (!fs.statSync(dir).isDirectory()) throw new AppFailure('invalid_input', `The folder for ${name} is not a folder.`);
  const target = path.join(dir, name);
  assertExportDir(target, rules);
  let st: fs.Stats | null = null;
  try {
    st = fs.lstatSync(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new AppFailure('io_error', `Cannot check ${name}: ${(e as NodeJS.ErrnoException).code ?? 'error'}.`);
  }
  if (st) {
    if (!st.isFile()) {
      const what = st.isSymbolicLink() ? 'a link' : st.isDirectory() ? 'a folder' : 'not a regular file (a device or pipe)';
      throw new AppFailure('forbidden', `${name} is ${what}; an export only replaces a regular file.`);
    }
    if (!rules.force) throw new AppFailure('conflict', `${name} already exists; replace it with --force (or choose another name).`);
  }
  return target;
}

/**
 * Why a folder the person chose cannot take exports (not there, not a folder, not writable, inside
 * the data folder), worded for the settings field; null when it can. Nothing is touched.
 */
export function exportFolderProblem(dir: string, rules: Pick<TargetRules, 'dataDir'>): RuleProblem | null {
  try {
    if (!fs.statSync(dir).isDirectory()) return { code: 'not_a_folder', message: 'is not a folder' };
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { code: 'folder_missing', message: 'does not exist' };
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return { code: 'folder_not_writable', message: 'cannot be written to' };
    // The system's error code is a reason for staff to look up, not words: shown as data.
    return { code: 'folder_unusable', message: `cannot be used (${code ?? 'error'})`, params: { reason: code ?? 'error' } };
  }
  if (isInside(realish(dir), realish(rules.dataDir))) return { code: 'folder_in_data', message: "is inside Hushdesk's data folder, which \"erase everything\" empties: choose a folder of your own" };
  return null;
}

/** Where exports go unless the host says otherwise: the person's Downloads folder (as in Electron). */
export function defaultExportDir(home: string = os.homedir()): string {
  return path.join(home, 'Downloads');
}
