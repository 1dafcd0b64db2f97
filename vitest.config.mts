import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Two projects: `unit` (Node: engine, store, services, Electron modules with a recorded fake) and
// `browser` (Node drives real Chromium through playwright-core against the preview host).
//
// One worker per core, both projects in one pool. Vitest's default in a run is cores - 1 (one file
// at a time on the 2-core CI machine), and a project with `fileParallelism: false` is put in a group
// of its own that starts only after every other file has finished: the suite then ran strictly one
// file after another (unit files, then browser files), with a core idle while a file waited on a
// child process, Chromium or the disk. Every file is independent (its own temp data folder, the
// preview host on port 0, its own Chromium), so files of both projects share the workers.
const workers = Math.max(2, availableParallelism());

export default defineConfig({
  test: {
    maxWorkers: workers,
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**'],
          // The sentence encoder runs about 4x slower on an AVX2-only CPU than with AVX-512 VNNI
          // (43 against 10 ms a phrase on 2 cores): tests that train the default knowledge base
          // take 60-150 s there, and a 60 s limit failed seven of them on a fresh clone.
          testTimeout: 300_000,
          hookTimeout: 300_000,
          pool: 'forks',
          maxWorkers: workers,
        },
      },
      {
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 240_000,
          hookTimeout: 240_000,
          pool: 'forks',
          maxWorkers: workers,
        },
      },
    ],
  },
});
