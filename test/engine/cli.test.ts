import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../main/cli/index';
import { smallKb } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'hd-engine-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    stdinIsTty: true,
    stdin: new PassThrough(),
    env: {},
  });
  return { code, out, err };
}

const dataset = {
  name: 'tiny-shop',
  source: 'written for this test',
  license: 'CC0',
  oos_label: 'oos',
  train: [
    ...['when do you open', 'opening hours', 'what time do you close', 'are you open on sunday', 'hours today'].map((text) => ({ text, intent: 'hours' })),
    ...['where is my refund', 'refund status', 'i want my money back', 'has my refund gone through', 'refund please'].map((text) => ({ text, intent: 'refund' })),
    ...['do you have parking', 'where can i park', 'car park', 'is parking free', 'parking spaces'].map((text) => ({ text, intent: 'parking' })),
    ...['tell me a joke', 'what is the weather', 'who won the match'].map((text) => ({ text, intent: 'oos' })),
  ],
  test: [
    { text: 'what are your hours on sunday', intent: 'hours' },
    { text: 'money back for my return', intent: 'refund' },
    { text: 'is there somewhere to park', intent: 'parking' },
    { text: 'sing me a song', intent: 'oos' },
  ],
};

describe('hushdesk eval and kb check', () => {
  it('eval --json prints one JSON object per system with the agreed fields, nothing else', async () => {
    const file = join(dir, 'tiny.json');
    writeFileSync(file, JSON.stringify(dataset));
    const r = await run(['eval', '--dataset', file, '--json', '--compare', 'nlpjs']);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(2);
    const objs = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objs.map((o) => o.system)).toEqual(['hushdesk', 'nlpjs']);
    for (const o of objs) {
      expect(Object.keys(o).sort()).toEqual(
        ['system', 'dataset', 'accuracy', 'in_scope_accuracy', 'oos_recall', 'oos_precision', 'macro_f1', 'train_ms', 'p50_ms', 'p99_ms', 'peak_rss_mb'].sort(),
      );
      expect(o.dataset).toBe('tiny-shop');
      for (const k of ['accuracy', 'in_scope_accuracy', 'macro_f1']) {
        expect(o[k]).toBeGreaterThanOrEqual(0);
        expect(o[k]).toBeLessThanOrEqual(1);
      }
    }
    expect(objs[0]!.in_scope_accuracy).toBe(1);
  });

  it('eval without --json prints a table; a malformed dataset names the path', async () => {
    const file = join(dir, 'tiny2.json');
    writeFileSync(file, JSON.stringify({ ...dataset, oos_label: null, test: dataset.test.slice(0, 3) }));
    const r = await run(['eval', '--dataset', file]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/accuracy\s+100\.0%/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'x', train: [{ text: 'hi' }], test: [] }));
    const b = await run(['eval', '--dataset', bad]);
    expect(b.code).not.toBe(0);
    expect(b.err).toContain('$.train[0].intent');
  });

  it('kb check reports accuracy on the default knowledge base and exits 1 with paths on an invalid one', async () => {
    const ok = await run(['kb', 'check', join(__dirname, '../../main/kb/default-kb.json')]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/in-scope tests: \d+\.\d% of \d+/);
    expect(ok.out).toMatch(/out-of-scope tests: \d+\.\d% of \d+ refused/);
    const kb = smallKb();
    kb.intents[1]!.id = 'gift.balance';
    const file = join(dir, 'bad-kb.json');
    writeFileSync(file, JSON.stringify(kb));
    const bad = await run(['kb', 'check', file]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('$.intents[1].id: duplicate intent id "gift.balance"');
  });
});
