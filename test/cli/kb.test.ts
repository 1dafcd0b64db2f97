/**
 * The editor's CLI on a real encrypted store, each command a real process: chat --json, kb import
 * (dry run changes nothing; a broken file names its lines; --yes applies and publishes), versions
 * --json, restore, export (never inside the data folder), misses list|assign|dismiss, kb publish,
 * the audit trail with the role 'cli', exit codes and no stack traces.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { runHushdesk } from '../support/cli';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, tempDir } from '../store/helpers';

afterAll(cleanupTempDirs);

const ENV = { HUSHDESK_PASSPHRASE: 'correct horse battery staple' };

function hushdesk(args: string[], input = '') {
  const r = runHushdesk(args, { input, env: { ...process.env, ...ENV }, timeout: 120_000 });
  // Never a stack trace, whatever happened.
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  return r;
}

const jsonLines = (out: string): Record<string, unknown>[] =>
  out
    .trim()
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const QUESTION = 'do you sell surfboards for dogs';

describe('hushdesk kb / misses', () => {
  it('import: a dry run changes nothing, a broken file names its lines, --yes applies and publishes; versions, restore, chat --json', () => {
    const dir = tempDir('hushdesk-cli-kb-');
    const data = path.join(dir, 'data');
    const chat1 = hushdesk(['chat', '--json', '--data-dir', data], `${QUESTION}\nwhat time do you open on sunday\n`);
    expect(chat1.status, chat1.stderr).toBe(0);
    const lines = jsonLines(chat1.stdout);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ intent: null });
    expect(lines[1]).toMatchObject({ intent: 'store.hours' });
    expect(typeof lines[1]!.confidence).toBe('number');
    expect(String(lines[1]!.reply)).toMatch(/Sunday/i);

    const faq = path.join(dir, 'faq.csv');
    writeFileSync(faq, `Question,Answer\n${QUESTION},Yes: dog surfboards are in aisle 9.\ndog surfboards,Yes: dog surfboards are in aisle 9.\ncan my dog surf,Yes: dog surfboards are in aisle 9.\n`);
    const dry = hushdesk(['kb', 'import', faq, '--dry-run', '--data-dir', data]);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/faq-csv: 1 intent\(s\), 3 phrase\(s\)/);
    expect(hushdesk(['kb', 'versions', '--json', '--data-dir', data]).stdout.trim()).toBe('');

    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'question,answer\nhello,hi\n,no question\n');
    const broken = hushdesk(['kb', 'import', bad, '--yes', '--data-dir', data]);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('line 3: has an answer but no question');
    expect(hushdesk(['kb', 'versions', '--json', '--data-dir', data]).stdout.trim()).toBe('');

    const noYes = hushdesk(['kb', 'import', faq, '--data-dir', data]);
    expect(noYes.status).toBe(2);
    const applied = hushdesk(['kb', 'import', faq, '--yes', '--data-dir', data]);
    expect(applied.status, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/published version 2/);
    const versions = jsonLines(hushdesk(['kb', 'versions', '--json', '--data-dir', data]).stdout);
    expect(versions.map((v) => [v.version, v.role, v.live])).toEqual([
      [2, 'cli', true],
      [1, 'system', false],
    ]);
    expect(Object.keys(versions[0]!).sort()).toEqual(['live', 'role', 'summary', 'time', 'version']);
    expect(String(versions[0]!.summary)).toMatch(/added 1 intent/);
    expect(jsonLines(hushdesk(['chat', '--json', '--data-dir', data], `${QUESTION}\n`).stdout)[0]!.intent).toMatch(/^faq\./);

    expect(hushdesk(['kb', 'restore', '1', '--data-dir', data]).status).toBe(2);
    expect(hushdesk(['kb', 'restore', '9', '--yes', '--data-dir', data]).status).toBe(1);
    const restored = hushdesk(['kb', 'restore', '1', '--yes', '--data-dir', data]);
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/published version 3 \(restored version 1/);
    expect(jsonLines(hushdesk(['chat', '--json', '--data-dir', data], `${QUESTION}\n`).stdout)[0]!.intent).toBeNull();

    const audit = JSON.parse(hushdesk(['audit', 'list', '--json', '--data-dir', data]).stdout) as { kind: string; detail: Record<string, unknown> }[];
    expect(audit.filter((e) => e.kind === 'kb_published').map((e) => e.detail.role)).toEqual(['cli', 'cli']);
    expect(audit.some((e) => e.kind === 'kb_imported' && e.detail.role === 'cli')).toBe(true);
  });

  it('export: JSON and FAQ CSV to a file, never inside the data folder; misses list --json, assign, publish, dismiss', () => {
    const dir = tempDir('hushdesk-cli-kb-');
    const data = path.join(dir, 'data');
    expect(hushdesk(['chat', '--data-dir', data], 'do you rent kayaks\ndo you rent out kayaks\ncan i adopt a goldfish here\n').status).toBe(0);
    const inside = hushdesk(['kb', 'export', '--out', path.join(data, 'kb.json'), '--data-dir', data]);
    expect(inside.status).toBe(1);
    expect(inside.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(path.join(data, 'kb.json'))).toBe(false);
    const csvFile = path.join(dir, 'kb.csv');
    expect(hushdesk(['kb', 'export', '--format', 'faq-csv', '--out', csvFile, '--data-dir', data]).status).toBe(0);
    const rows = parse(readFileSync(csvFile, 'utf8'), { columns: true }) as { Question: string; Answer: string }[];
    expect(rows.some((r) => r.Question === 'what are your opening hours')).toBe(true);
    const jsonFile = path.join(dir, 'kb.json');
    expect(hushdesk(['kb', 'export', '--out', jsonFile, '--data-dir', data]).status).toBe(0);
    expect(hushdesk(['kb', 'check', jsonFile]).status).toBe(0);
    expect(hushdesk(['kb', 'export', '--out', jsonFile, '--data-dir', data]).status).toBe(1); // exists: needs --force

    const groups = jsonLines(hushdesk(['misses', 'list', '--json', '--data-dir', data]).stdout);
    expect(groups.map((g) => g.count)).toEqual([2, 1]);
    expect(Object.keys(groups[0]!).sort()).toEqual(['count', 'id', 'language', 'lastDay', 'suggested', 'texts']);
    expect(groups.map((g) => g.language)).toEqual(['en', 'en']);
    const kayaks = groups[0]!.id as string;
    expect(hushdesk(['misses', 'assign', kayaks, '--intent', 'no.such_intent', '--data-dir', data]).status).toBe(1);
    const assign = hushdesk(['misses', 'assign', kayaks, '--intent', 'product.stock', '--data-dir', data]);
    expect(assign.status, assign.stderr).toBe(0);
    expect(assign.stdout).toMatch(/^2 phrase\(s\) added to product.stock/);
    const pub = hushdesk(['kb', 'publish', '--data-dir', data]);
    expect(pub.status, pub.stderr).toBe(0);
    expect(pub.stdout).toMatch(/2 phrases added/);
    // The Spanish part on its own tests: an English-only edit changes no Spanish answer.
    expect(pub.stdout).toMatch(/^\[es\] test phrases: \d+\.\d% -> \d+\.\d% of 344; out of scope refused \d+\.\d% -> \d+\.\d% of 110; 0 answer\(s\) changed, 0 regression\(s\)$/m);
    expect(jsonLines(hushdesk(['misses', 'list', '--json', '--data-dir', data]).stdout).map((g) => g.texts)).toEqual([['can i adopt a goldfish here']]);
    expect(hushdesk(['misses', 'dismiss', 'm424242', '--data-dir', data]).status).toBe(1);
    expect(hushdesk(['misses', 'dismiss', String(groups[1]!.id), '--data-dir', data]).status).toBe(0);
    expect(hushdesk(['misses', 'list', '--data-dir', data]).stdout.trim()).toBe('no missed questions');
    // A question missed in Spanish is listed with its language.
    expect(hushdesk(['chat', '--lang', 'es', '--data-dir', data], '¿alquiláis kayaks para ir por el río?\n').status).toBe(0);
    const spanish = jsonLines(hushdesk(['misses', 'list', '--json', '--data-dir', data]).stdout);
    expect(spanish.map((g) => [g.texts, g.language])).toEqual([[['¿alquiláis kayaks para ir por el río?'], 'es']]);
    expect(hushdesk(['misses', 'list', '--data-dir', data]).stdout).toContain('[es] "¿alquiláis kayaks');
  });
});
