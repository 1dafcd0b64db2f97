/** Byte scans for canary strings: every file under a folder, in every encoding a test can think of. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export function encodings(canary: string): Buffer[] {
  const utf16be = Buffer.from(canary, 'utf16le');
  utf16be.swap16();
  return [
    Buffer.from(canary, 'utf8'),
    Buffer.from(canary, 'utf16le'),
    utf16be,
    Buffer.from(Buffer.from(canary, 'utf8').toString('hex'), 'utf8'),
    Buffer.from(Buffer.from(canary, 'utf8').toString('base64').replace(/=+$/, ''), 'utf8'),
    Buffer.from(canary.toLowerCase(), 'utf8'),
  ];
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

/** Files under `dir` that contain any encoding of `canary` (empty when none does). */
export function filesContaining(dir: string, canary: string): string[] {
  const needles = encodings(canary);
  return walk(dir).filter((f) => {
    const bytes = readFileSync(f);
    return needles.some((n) => bytes.includes(n));
  });
}

export function fileCount(dir: string): number {
  return walk(dir).length;
}
