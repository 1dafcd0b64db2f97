/**
 * Embedding a draft ahead of Publish (publish-worker.ts 'embed', sent by the editor service while
 * the owner edits or reads an import preview), on the real editor worker, the real encoder and
 * real training: the job embeds the draft's phrases once, and a publish that finds them embedded
 * writes the same model bytes as a publish that embedded everything itself.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDefaultKnowledgeBase, validateKnowledgeBase, type KnowledgeBase } from '../../main/engine';
import { MODEL_FILE } from '../../main/engine/cache';
import { toKbFile } from '../../main/knowledge/kb-file';
import type { PublishWorkerJob, PublishWorkerResult } from '../../main/knowledge/publish-worker';
import { WarmWorker } from '../../main/workers/warm-worker';
import { cleanupTempDirs, tempDir } from '../store/helpers';

const workers: WarmWorker<PublishWorkerJob, PublishWorkerResult>[] = [];
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  cleanupTempDirs();
});

function editorWorker(): WarmWorker<PublishWorkerJob, PublishWorkerResult> {
  const w = new WarmWorker<PublishWorkerJob, PublishWorkerResult>(path.join(__dirname, '..', '..', 'main', 'knowledge'), 'publish-worker', 60_000);
  workers.push(w);
  return w;
}

/** The default knowledge base with an intent of phrases no build has embedded. */
function draftWithNewIntent(): KnowledgeBase {
  const file = toKbFile(loadDefaultKnowledgeBase());
  const examples = ['do you rent out pressure washers', 'can i hire a jet washer for the weekend', 'pressure washer rental prices', 'is there a deposit to borrow the power washer', 'how long can i keep a rented washer', 'rent a patio cleaner machine', 'hire a high pressure cleaner', 'weekend rental of cleaning machines', 'can i book a pressure washer in advance', 'do rentals include the detergent'];
  file.intents.push({ id: 'rental.washers', title: 'Pressure washer rental', examples, tests: ['could i rent a power washer on saturday', 'what does hiring a jet washer cost'], responses: ['Pressure washers can be rented at the tool desk.'] });
  return validateKnowledgeBase(file, 'draft.json');
}

describe('embedding a draft ahead of Publish', () => {
  it('embeds the draft once, and the publish that uses those vectors writes the bytes of one that did not', async () => {
    const live = loadDefaultKnowledgeBase();
    const draft = draftWithNewIntent();

    const ahead = editorWorker();
    const aheadDir = tempDir('hushdesk-ahead-');
    const first = await ahead.run({ kind: 'embed', draft, live, cacheDir: aheadDir });
    expect(first.kind === 'embed' && first.embedded).toBeGreaterThanOrEqual(12);
    // Everything it needs is embedded now: a second save of the same draft embeds nothing.
    const again = await ahead.run({ kind: 'embed', draft, live, cacheDir: aheadDir });
    expect(again).toEqual({ kind: 'embed', embedded: 0 });
    const withAhead = await ahead.run({ kind: 'publish', next: draft, live, cacheDir: aheadDir });

    const cold = editorWorker();
    const coldDir = tempDir('hushdesk-cold-');
    const without = await cold.run({ kind: 'publish', next: draft, live, cacheDir: coldDir });

    expect(readFileSync(path.join(aheadDir, MODEL_FILE)).equals(readFileSync(path.join(coldDir, MODEL_FILE)))).toBe(true);
    if (withAhead.kind !== 'publish' || without.kind !== 'publish') throw new Error('the worker answered another job');
    expect(withAhead.report.after).toEqual(without.report.after);
    expect(withAhead.report.changed).toEqual(without.report.changed);
    expect(withAhead.report.changed.some((c) => c.kind === 'new_example' && c.after === 'rental.washers')).toBe(true);
  }, 180_000);
});
