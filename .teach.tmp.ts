import { readFileSync } from 'node:fs';
import { trainRows, predict, FileVectorCache, getEncoder } from './main/engine';
const ds = JSON.parse(readFileSync('/work/shared/datasets/hardware-store-dev.json', 'utf8'));
const N = 4;
const enc = getEncoder()!;
const days: any[][] = Array.from({ length: N }, () => []);
ds.test.forEach((r: any, i: number) => days[i % N]!.push(r));
const cache = new FileVectorCache(null);
const train: any[] = ds.train.slice();
const cos = (a: Float32Array, b: Float32Array) => { let s = 0; for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!; return s; };
const taughtVecs: { text: string; intent: string; v: Float32Array; day: number }[] = [];
for (let d = 0; d < N; d++) {
  const model = trainRows(train, { oosLabel: ds.oos_label, calibrate: true, threshold: 'auto', vectorCache: cache });
  const misses: any[] = [];
  let inOk = 0, inN = 0, refused = 0, wrong = 0, oosHit = 0, oosN = 0, nearFix = 0;
  for (const r of days[d]!) {
    const p = predict(model, r.text, true);
    const got = p.intent ?? 'oos';
    const isOos = r.intent === ds.oos_label;
    if (isOos) { oosN++; if (got === 'oos') oosHit++; } else { inN++; if (got === r.intent) inOk++; else if (got === 'oos') refused++; else wrong++; }
    if (got !== (isOos ? 'oos' : r.intent)) {
      misses.push({ text: r.text, intent: r.intent });
      if (d > 0) {
        const v = enc.embed([r.text.toLowerCase()])[0]!;
        let best = -1, bt: any = null;
        for (const t of taughtVecs) { const c = cos(v, t.v); if (c > best) { best = c; bt = t; } }
        if (bt && bt.intent === r.intent && best > 0.6) nearFix++;
        if (process.env.V && d === N - 1) console.log(`  miss [${r.intent}] -> ${got} conf=${p.confidence.toFixed(2)} "${r.text}"  nearest taught ${best.toFixed(2)} [${bt?.intent}] "${bt?.text}"`);
      }
    }
  }
  console.log(`day ${d + 1}: in-scope ${(100 * inOk / inN).toFixed(1)} refused ${refused} wrong ${wrong}; oos ${(100 * oosHit / oosN).toFixed(1)}; misses with a same-intent taught phrase >0.6: ${nearFix}; threshold ${(model as any).threshold}`);
  if (d + 1 < N) { for (const m of misses) { taughtVecs.push({ ...m, v: enc.embed([m.text.toLowerCase()])[0]!, day: d }); } train.push(...misses); if (process.env.DUP) for (const m of misses) if (m.intent !== ds.oos_label || process.env.DUP === "all") train.push(m); }
}
