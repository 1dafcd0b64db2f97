/**
 * Plaintext export temps, where "erase everything" can find them. An export is written to a hidden
 * temp file beside its target (so the final rename is atomic on the same file system); a SIGKILL in
 * the middle would leave that temp, full of messages in clear, in the person's Downloads folder with
 * nothing to remove it. So before a temp gets any content, a small marker naming it is written (and
 * synced) into `<data>/export-temps/`; commit or abort removes the marker. At the next start (once the
 * store is open, so no other process is exporting) and on "erase everything", every temp a marker
 * names is deleted. A marker holds a file path only, never content.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fsyncDir, writeFileAtomic } from '../../store/keys/keyfile';

export const EXPORT_TEMPS_DIR = 'export-temps';
/** `.<name>.<pid>.<8 hex>.tmp`: only files of this shape are ever removed through a marker. */
const TEMP_NAME = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

export function isExportTempName(name: string): boolean {
  return TEMP_NAME.test(name);
}

function markerOf(dataDir: string, tmp: string): string {
  const id = crypto.createHash('sha256').update(tmp).digest('hex').slice(0, 32);
  return path.join(dataDir, EXPORT_TEMPS_DIR, `${id}.json`);
}

/** Records a temp before it is written. */
export function registerExportTemp(dataDir: string, tmp: string): void {
  const dir = path.join(dataDir, EXPORT_TEMPS_DIR);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileAtomic(markerOf(dataDir, tmp), Buffer.from(`${JSON.stringify({ path: tmp })}\n`, 'utf8'));
}

/** Forgets a temp that was renamed into place or removed. */
export function unregisterExportTemp(dataDir: string, tmp: string): void {
  fs.rmSync(markerOf(dataDir, tmp), { force: true });
}

/** Deletes every temp a marker names (left by a crash) and the markers. Returns the temps removed. */
export function removeStaleExportTemps(dataDir: string): string[] {
  const dir = path.join(dataDir, EXPORT_TEMPS_DIR);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const marker = path.join(dir, name);
    try {
      const recorded = (JSON.parse(fs.readFileSync(marker, 'utf8')) as { path?: unknown }).path;
      if (typeof recorded === 'string' && path.isAbsolute(recorded) && isExportTempName(path.basename(recorded)) && fs.existsSync(recorded)) {
        fs.rmSync(recorded, { force: true });
        removed.push(recorded);
      }
    } catch {
      // An unreadable marker (torn by a crash before its rename) names nothing we can trust.
    }
    fs.rmSync(marker, { force: true });
  }
  fsyncDir(dir);
  return removed;
}
