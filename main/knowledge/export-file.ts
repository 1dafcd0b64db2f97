/**
 * Writes a knowledge-base export to a file the person takes away, with the same rules as every
 * export: never inside the data folder, never over a device, link or folder, an existing file only
 * with `force`, complete-or-absent (temp + fsync + rename, the temp journalled in the data folder).
 */
import * as fs from 'node:fs';
import { AtomicFile, uniquePath } from '../data/export/atomic';
import { assertExportDir, checkExportFile } from '../data/export/target';
import { AppFailure } from '../../shared/result';

export function writeKbExport(text: string, o: { dataDir: string; out?: string; dir?: string; base: string; ext: string; force?: boolean }): { path: string; bytes: number } {
  let target: string;
  if (o.out !== undefined) target = checkExportFile(o.out, { dataDir: o.dataDir, force: o.force ?? false });
  else {
    const dir = o.dir;
    if (!dir) throw new AppFailure('invalid_input', 'No export folder.');
    assertExportDir(dir, { dataDir: o.dataDir });
    fs.mkdirSync(dir, { recursive: true });
    target = uniquePath(fs.realpathSync.native(dir), o.base, o.ext);
  }
  const file = new AtomicFile(target, o.dataDir);
  try {
    file.write(text);
    return { path: target, bytes: file.commit() };
  } catch (e) {
    file.abort();
    throw e;
  }
}
