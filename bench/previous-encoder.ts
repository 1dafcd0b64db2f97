/**
 * The previous release's sentence encoder (all-MiniLM-L6-v2 int8, shipped until engine version 5),
 * so the bench can run the previous engine beside today's in one run. Its files are read from git
 * history (the commit below), or from HUSHDESK_PREVIOUS_ENCODER when that names a directory; null
 * (and the bench leaves those rows out, saying why) when neither is there, e.g. a shallow clone.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEncoder, type Encoder } from '../main/engine/encoder';

/** The last commit that shipped the MiniLM encoder. */
export const PREVIOUS_ENCODER_COMMIT = '21a5789';
const FILES = ['manifest.json', 'model.onnx', 'vocab.txt', 'LICENSE', 'NOTICE'];

export function previousEncoder(): { encoder: Encoder | null; why: string } {
  try {
    let dir = process.env.HUSHDESK_PREVIOUS_ENCODER ?? '';
    if (!dir) {
      dir = mkdtempSync(join(tmpdir(), 'hd-prev-encoder-'));
      const root = join(__dirname, '..');
      for (const f of FILES) {
        const bytes = execFileSync('git', ['show', `${PREVIOUS_ENCODER_COMMIT}:main/engine/data/encoder/${f}`], { cwd: root, maxBuffer: 64 << 20 });
        writeFileSync(join(dir, f), bytes);
      }
    }
    return { encoder: openEncoder(dir), why: '' };
  } catch (e: unknown) {
    return { encoder: null, why: `previous encoder unavailable (${e instanceof Error ? e.message.split('\n')[0] : String(e)})` };
  }
}
