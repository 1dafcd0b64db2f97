/**
 * Exports in slices (issue 10 item 2): the app's export gives the event loop a turn between slices
 * of conversations, and produces exactly the bytes of the all-at-once export, across slice
 * boundaries, for every format and scope.
 */
import * as fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createExport, createExportInSlices } from '../../main/data';
import { SLICE_CONVERSATIONS, streamScopeSteps, type ExportWriter } from '../../main/data/export/source';
import { cleanupTempDirs, tempDir } from '../store/helpers';
import { openAt, seed, T0 } from './helpers';

afterEach(cleanupTempDirs);

describe('exports in slices', () => {
  it('the same bytes as the all-at-once export, with the event loop running between slices', async () => {
    const dir = tempDir('hushdesk-slices-');
    const s = await openAt(dir);
    try {
      const n = SLICE_CONVERSATIONS * 2 + 37;
      seed(s, n);
      // Two conversations with the same start time straddle nothing: (started_at, id) orders them.
      seed(s, 3, { prefix: 'same', start: T0 + 5 * 60_000 });
      for (const format of ['json', 'csv', 'md'] as const) {
        for (const scope of [{ kind: 'all' } as const, { kind: 'range', from: T0 + 60_000 * 10, to: T0 + 60_000 * 300 } as const]) {
          const a = tempDir('hushdesk-slices-out-');
          const b = tempDir('hushdesk-slices-out-');
          const once = createExport(s.db, { dataDir: dir, format, scope, now: T0 }, { kind: 'dir', dir: a });
          let ticks = 0;
          const ticker = setInterval(() => ticks++, 0);
          let sliced;
          try {
            sliced = await createExportInSlices(s.db, { dataDir: dir, format, scope, now: T0 }, { kind: 'dir', dir: b });

          } finally {
            clearInterval(ticker);
          }
          expect(sliced.conversations, `${format} ${scope.kind}`).toBe(once.conversations);
          expect(sliced.messages).toBe(once.messages);
          expect(fs.readFileSync(sliced.path).equals(fs.readFileSync(once.path)), `${format} ${scope.kind}`).toBe(true);
          if (scope.kind === 'all') {
            expect(once.conversations).toBe(n + 3);
            expect(ticks, 'timers ran while the export was in progress').toBeGreaterThan(0);
          }
        }
      }
      // However the slices fall (cut by time at every conversation, or one conversation each), the
      // writer sees the same events in the same order.
      const events = (o: { slice?: number; budgetMs?: number }): string[] => {
        const seen: string[] = [];
        const w: ExportWriter = {
          conversation: (c) => seen.push(`c ${c.id}`),
          message: (c, m) => seen.push(`m ${c.id} ${m.id}`),
          endConversation: (c, t) => seen.push(`e ${c.id} ${t.messageCount}`),
        };
        const steps = streamScopeSteps(s.db, { kind: 'all' }, w, o);
        let slices = 1;
        for (let r = steps.next(); !r.done; r = steps.next()) slices++;
        seen.push(`slices ${slices > 1 ? 'many' : 'one'}`);
        return seen;
      };
      const whole = events({ slice: 100_000, budgetMs: 1e9 });
      expect(whole.at(-1)).toBe('slices one');
      for (const o of [{ budgetMs: 0 }, { slice: 1, budgetMs: 1e9 }, {}]) expect(events(o).slice(0, -1)).toEqual(whole.slice(0, -1));
      expect(events({ budgetMs: 0 }).at(-1)).toBe('slices many');
    } finally {
      s.close();
    }
  }, 60_000);
});
