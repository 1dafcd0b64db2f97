import { readFileSync } from 'node:fs';
import { openEncoder, startEncoderHelper, waitForEncoderHelper, defaultEncoderDir } from './main/engine/encoder';
const ds = JSON.parse(readFileSync('/work/shared/datasets/banking77.json', 'utf8'));
const texts: string[] = ds.train.slice(0, 560).map((r: any) => r.text.toLowerCase());
const mode = process.argv[2];
const e = openEncoder(defaultEncoderDir(), mode === 'A' ? 2 : 1);
if (mode === 'B') { startEncoderHelper(e); waitForEncoderHelper(e); }
e.embed(texts.slice(0, 10));
const t = performance.now();
e.embed(texts);
const ms = performance.now() - t;
const st = readFileSync('/proc/self/status', 'utf8').split('\n').filter((l) => /VmHWM|VmRSS/.test(l)).join(' ').replace(/\s+/g, ' ');
console.log(mode, 'embed 560 ms', Math.round(ms), (ms / 560).toFixed(2), 'ms/phrase;', st);
