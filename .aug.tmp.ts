import { readFileSync } from 'node:fs';
import { trainRows, predict, FileVectorCache } from './main/engine';
const ds = JSON.parse(readFileSync('/work/shared/datasets/' + (process.argv[2] ?? 'hardware-store-dev.json'), 'utf8'));
const STOP = new Set('what are your you do does did i can could would will the a an is it to my me how please hi hello there of for in on at we us our any have has be been im i\'m i\'d id like want need know tell if and or so just this that there\'s is\'nt with get'.split(' '));
function fragment(t: string): string | null {
  const w = t.toLowerCase().replace(/[?.!,]/g, '').split(/\s+/).filter((x) => x && !STOP.has(x));
  const f = w.join(' ');
  return w.length >= 1 && w.length < t.split(/\s+/).length ? f : null;
}
const cache = new FileVectorCache(null);
for (const mode of (process.argv[3] ?? 'base,frag').split(',')) {
  const rows: any[] = ds.train.slice();
  if (mode === 'frag') for (const r of ds.train) { if (r.intent === ds.oos_label) continue; const f = fragment(r.text); if (f) rows.push({ text: f, intent: r.intent }); }
  const t0 = Date.now();
  const m = trainRows(rows, { oosLabel: ds.oos_label, calibrate: ds.oos_label !== null, threshold: process.env.THR ? Number(process.env.THR) : 'auto', vectorCache: cache });
  let inOk = 0, inN = 0, oosHit = 0, oosN = 0;
  for (const r of ds.test) { const p = predict(m, r.text, ds.oos_label !== null); const got = p.intent ?? 'oos'; if (r.intent === ds.oos_label) { oosN++; if (got === 'oos') oosHit++; } else { inN++; if (got === r.intent) inOk++; } }
  console.log(mode, 'rows', rows.length, 'in-scope', (100 * inOk / inN).toFixed(1), 'oos', oosN ? (100 * oosHit / oosN).toFixed(1) : '-', 'thr', (m as any).threshold, 'ms', Date.now() - t0);
}
