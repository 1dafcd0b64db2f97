/**
 * PII bench: precision / recall / F1 per type on the labelled set (test/privacy/pii-cases.json),
 * false positives on real customer messages that carry no PII (the shared intent datasets), and
 * throughput of `redact` on a mixed set, on real traffic, and on hostile 100 kB inputs.
 * Targets (issue 7): precision >= 0.98 and recall >= 0.95 for card, iban, email; issue 12: recall >= 0.95
 * for phones in any plan, >= 0.90 for names, addresses, postcodes, DOB; look-alikes kept >= 0.95.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  createPreviousRedactor,
  createRedactor,
  knowledgeBaseAllowList,
  PII_TYPES,
  scorePii,
  type KbAllowSource,
  type PiiCase,
  type PiiType,
  type Redactor,
} from '../main/privacy/redact';
import rawCases from '../test/privacy/pii-cases.json';
import rawIssue12 from '../test/privacy/pii-cases-issue12.json';

interface Table {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  notes?: string[];
}

const TARGETS: Record<string, string> = {
  card: 'P>=0.98 R>=0.95',
  iban: 'P>=0.98 R>=0.95',
  email: 'P>=0.98 R>=0.95',
  phone: 'P>=0.98 R>=0.95 (any plan)',
  name: 'P>=0.98 R>=0.90',
  address: 'P>=0.98 R>=0.90',
  postcode: 'P>=0.98 R>=0.90',
  dob: 'P>=0.98 R>=0.90',
};
const SHOP_COUNTRIES = ['GB', 'DE', 'FR'];

const DATASETS = path.resolve(__dirname, '../../shared/datasets');
const REAL_TRAFFIC = ['banking77', 'snips', 'AskUbuntuCorpus', 'ChatbotCorpus', 'WebApplicationsCorpus'];

function loadRealTraffic(): string[] {
  const out: string[] = [];
  for (const name of REAL_TRAFFIC) {
    const file = path.join(DATASETS, `${name}.json`);
    try {
      const d = JSON.parse(readFileSync(file, 'utf8')) as { train?: { text: string }[]; test?: { text: string }[] };
      for (const m of [...(d.train ?? []), ...(d.test ?? [])]) out.push(m.text);
    } catch {
      /* dataset not present on this machine: the row is simply smaller */
    }
  }
  return out;
}

/** Messages per second of `fn` over `messages`, repeated until at least `minMs` has passed. */
function throughput(messages: string[], fn: (t: string) => unknown, minMs = 1500): { perSec: number; mbPerSec: number } {
  const chars = messages.reduce((n, m) => n + m.length, 0);
  for (const m of messages.slice(0, 200)) fn(m); // warm-up (JIT, regex caches)
  let rounds = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    for (const m of messages) fn(m);
    rounds++;
    elapsed = performance.now() - t0;
  } while (elapsed < minMs);
  const seconds = elapsed / 1000;
  return { perSec: (messages.length * rounds) / seconds, mbPerSec: (chars * 2 * rounds) / seconds / 1e6 };
}

function accuracyTable(title: string, cases: PiiCase[], allow: string[]): Table {
  const now = scorePii(cases, { allow });
  const before = scorePii(cases, { allow }, createPreviousRedactor);
  const types = PII_TYPES.filter((t): t is Exclude<PiiType, 'custom'> => t !== 'custom' && (now.perType[t].expected > 0 || now.perType[t].fp > 0));
  const lookalikes = cases.filter((c) => c.expect.length === 0);
  const keptBy = (r: Redactor): number => lookalikes.filter((c) => r(c.text).findings.length === 0).length / Math.max(1, lookalikes.length);
  return {
    title: `${title} (${cases.length} cases, ${lookalikes.length} look-alikes); today's redactor beside the previous one, same run`,
    columns: ['type', 'cases', 'redactor', 'TP', 'FP', 'FN', 'precision', 'recall', 'F1', 'target'],
    rows: types.flatMap((t) =>
      (
        [
          ['today', now.perType[t]],
          ['previous', before.perType[t]],
        ] as const
      ).map(([who, s]) => [t, s.expected, who, s.tp, s.fp, s.fn, s.precision, s.recall, s.f1, who === 'today' ? (TARGETS[t] ?? '-') : '']),
    ),
    notes: [
      'Span-level: a finding is a true positive when its type matches and its span covers the labelled value.',
      `Look-alikes kept (no finding at all): today ${keptBy(createRedactor({ allow, countries: SHOP_COUNTRIES })).toFixed(3)}, previous ${keptBy(createPreviousRedactor({ countries: SHOP_COUNTRIES })).toFixed(3)} (target >= 0.95).`,
      `Misses today: ${now.misses.map((m) => `${m.kind} ${m.type} "${m.value}"`).join('; ') || 'none'}.`,
    ],
  };
}

export async function piiBench(): Promise<Table[]> {
  const cases = rawCases as PiiCase[];
  const issue12 = rawIssue12 as PiiCase[];
  const kb = JSON.parse(readFileSync(path.resolve(__dirname, '../main/kb/default-kb.json'), 'utf8')) as KbAllowSource;
  const allow = knowledgeBaseAllowList(kb);
  const accuracy = accuracyTable('PII redaction accuracy per type, existing labelled set', cases, allow);
  const accuracy12 = accuracyTable('PII redaction accuracy per type, issue 12 set (names, addresses, postcodes, DOB, any-plan phones, other scripts)', issue12, allow);

  const real = loadRealTraffic();
  const byRegion = createRedactor({ region: 'US', allow, countries: SHOP_COUNTRIES });
  const previous = createPreviousRedactor({ region: 'US' });
  let flagged = 0;
  let flaggedBefore = 0;
  for (const m of real) if (byRegion(m).findings.length > 0) flagged++;
  for (const m of real) if (previous(m).findings.length > 0) flaggedBefore++;
  const bitext = loadBitext();
  let bitextFlagged = 0;
  const bitextExamples: string[] = [];
  for (const m of bitext) {
    const f = byRegion(m).findings;
    if (f.length > 0) {
      bitextFlagged++;
      if (bitextExamples.length < 3) bitextExamples.push(m);
    }
  }

  const mixed = [...cases, ...issue12].map((c) => c.text);
  const hostile = [
    '12 '.repeat(33_333), '1.1.1.1.'.repeat(12_500), 'a@'.repeat(50_000), '😀'.repeat(50_000),
    'dob' + ' '.repeat(100_000), 'my name is '.repeat(9_090), '12 Elm '.repeat(14_285), 'a (at) b (dot) '.repeat(6_666),
    '４'.repeat(100_000), '1\u200b'.repeat(50_000), 'call me on 0'.repeat(8_333), 'SW1A 1AA '.repeat(11_111),
  ];
  const tMixed = throughput(mixed, byRegion);
  const tMixedBefore = throughput(mixed, previous);
  const tReal = real.length > 0 ? throughput(real, byRegion) : null;
  const tBitext = bitext.length > 0 ? throughput(bitext, byRegion) : null;
  const tHostile = throughput(hostile, byRegion, 3000);
  let worst = 0;
  let worstName = '';
  for (const h of hostile) {
    const t0 = performance.now();
    byRegion(h);
    const ms = performance.now() - t0;
    if (ms > worst) {
      worst = ms;
      worstName = JSON.stringify(h.slice(0, 14));
    }
  }

  const speed: Table = {
    title: 'PII redaction throughput (one core, region US, shop countries GB/DE/FR, default knowledge base allow-list)',
    columns: ['input', 'messages', 'avg chars', 'messages/s', 'MB/s (UTF-16)'],
    rows: [
      ['both labelled sets, mixed PII + look-alikes (today)', mixed.length, avgLen(mixed), tMixed.perSec, tMixed.mbPerSec],
      ['both labelled sets (previous redactor)', mixed.length, avgLen(mixed), tMixedBefore.perSec, tMixedBefore.mbPerSec],
      ...(tBitext ? [['real customer-service messages (bitext)', bitext.length, avgLen(bitext), tBitext.perSec, tBitext.mbPerSec]] : []),
      ...(tReal ? [['real messages (5 intent datasets)', real.length, avgLen(real), tReal.perSec, tReal.mbPerSec]] : []),
      ['hostile 100 kB inputs (12 shapes)', hostile.length, avgLen(hostile), tHostile.perSec, tHostile.mbPerSec],
    ],
    notes: [
      `Real customer-service messages (bitext, ${bitext.length}) with any finding: ${bitextFlagged} (${((100 * bitextFlagged) / Math.max(1, bitext.length)).toFixed(2)} %; target <= 0.5 %)${bitextExamples.length ? `: ${bitextExamples.map((e) => JSON.stringify(e)).join(', ')}` : ''}.`,
      // The issue 12 target (no finding on >= 99.5 % of "the 27k real customer messages already used in the bench") names this set.
      `5 intent datasets (the bench's real messages since issue 7) with any finding: ${flagged} of ${real.length} (${((100 * flagged) / Math.max(1, real.length)).toFixed(2)} %; target <= 0.5 %) today, ${flaggedBefore} previous; nearly all in snips, whose bookings and playlists carry real people's names after cues ("book a table for rita and brenda", "my This Is Philip Glass playlist").`,
      `Slowest single hostile 100 kB message: ${worst.toFixed(1)} ms (${worstName}...; target < 250 ms).`,
      'Hostile digit/punctuation runs hit the libphonenumber budget (250 calls or 80 ms of matcher time per message, whichever comes first), after which the unread clusters of 7+ digits are redacted whole (fail closed).',
    ],
  };
  return [accuracy, accuracy12, speed];
}

function loadBitext(): string[] {
  try {
    const d = JSON.parse(readFileSync(path.join(DATASETS, 'bitext-customer-service.json'), 'utf8')) as { train?: { text: string }[] };
    return (d.train ?? []).map((m) => m.text);
  } catch {
    return [];
  }
}

function avgLen(xs: string[]): number {
  return Math.round(xs.reduce((n, x) => n + x.length, 0) / Math.max(1, xs.length));
}
