/**
 * The staff PIN's mirror file (`staff-pin.json` in the data folder): the scrypt hash, the lockout
 * state and whether the folder belongs to a kiosk. Read while the store is locked, so a locked kiosk
 * can say so to customers and ask for the PIN before an erase. Written atomically, owner-only.
 * A file that cannot be parsed counts as absent (the PIN in the store stays the one that matters,
 * and the next open writes the mirror again).
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../store/keys/keyfile';
import type { MirroredPin, PinMirror } from './kiosk-pin';

export const PIN_MIRROR_FILE = 'staff-pin.json';

function isMirror(v: unknown): v is MirroredPin {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Partial<MirroredPin>;
  return (
    r.v === 1 &&
    typeof r.kiosk === 'boolean' &&
    typeof r.pin?.hash === 'string' &&
    typeof r.pin.salt === 'string' &&
    typeof r.pin.N === 'number' &&
    typeof r.state?.failures === 'number'
  );
}

export function pinMirrorFile(dataDir: string): PinMirror {
  const file = path.join(dataDir, PIN_MIRROR_FILE);
  return {
    read() {
      try {
        const v: unknown = JSON.parse(readFileSync(file, 'utf8'));
        return isMirror(v) ? v : null;
      } catch {
        return null;
      }
    },
    write(record) {
      writeFileAtomic(file, Buffer.from(JSON.stringify(record)));
    },
    remove() {
      rmSync(file, { force: true });
    },
  };
}
