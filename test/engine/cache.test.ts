import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { classify, ENGINE_VERSION, loadKnowledgeBase, loadOrTrainModel, MODEL_FILE } from '../../main/engine';
import { smallKb } from './helpers';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('model cache', () => {
  it('trains once, loads from cache, and rebuilds when the knowledge base changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hd-engine-cache-'));
    dirs.push(dir);
    const kb = loadKnowledgeBase(JSON.stringify(smallKb()), 'small.json');
    const first = loadOrTrainModel(kb, dir);
    expect(first.fromCache).toBe(false);
    const bytes = readFileSync(join(dir, MODEL_FILE));
    const second = loadOrTrainModel(kb, dir);
    expect(second.fromCache).toBe(true);
    expect(classify(second.model, 'when do you open')).toEqual(classify(first.model, 'when do you open'));

    const changed = smallKb();
    changed.intents[2]!.examples = [...(changed.intents[2]!.examples as string[]), 'what are your hours on a bank holiday'];
    const kb2 = loadKnowledgeBase(JSON.stringify(changed), 'small.json');
    expect(kb2.hash).not.toBe(kb.hash);
    const third = loadOrTrainModel(kb2, dir);
    expect(third.fromCache).toBe(false);
    expect(Buffer.compare(readFileSync(join(dir, MODEL_FILE)), bytes)).not.toBe(0);
    expect(loadOrTrainModel(kb2, dir).fromCache).toBe(true);
  });

  it('rebuilds over a damaged or foreign cache file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hd-engine-cache-'));
    dirs.push(dir);
    const kb = loadKnowledgeBase(JSON.stringify(smallKb()), 'small.json');
    writeFileSync(join(dir, MODEL_FILE), 'HDM1garbage');
    expect(loadOrTrainModel(kb, dir).fromCache).toBe(false);
    const good = readFileSync(join(dir, MODEL_FILE));
    // Same layout, other engine version: must be refused, not trusted.
    expect(good.toString('latin1')).toContain(ENGINE_VERSION);
    writeFileSync(join(dir, MODEL_FILE), Buffer.from(good.toString('latin1').replace(ENGINE_VERSION, 'hushdesk-engine/0'), 'latin1'));
    expect(loadOrTrainModel(kb, dir).fromCache).toBe(false);
    expect(loadOrTrainModel(kb, dir).fromCache).toBe(true);

  });
});
