import { scorePii, type PiiCase } from '../main/privacy/redact';
import cases from '../test/privacy/pii-cases.json';
const s = scorePii(cases as PiiCase[]);
for (const [t, v] of Object.entries(s.perType)) console.log(t, v.expected, v.tp, v.fp, v.fn, v.precision.toFixed(3), v.recall.toFixed(3));
for (const m of s.misses) console.log(m.kind, m.type, JSON.stringify(m.value), '|', m.text);
