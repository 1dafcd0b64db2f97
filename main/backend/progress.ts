/**
 * How far the long jobs a person waits for have got (an export, an end-of-day wipe, a retrain):
 * the renderer polls `app.progress` while it waits and draws a progress bar. In memory only, one
 * entry per kind (each kind runs one at a time: the store gate sees to exports and wipes, and a
 * publish holds its own lock). Counts and step names only: never anything from a conversation.
 */
import type { JobKind, JobProgress } from '../../shared/domain';

export interface ProgressBoard {
  /** A job starts; `total` null when its size is not known (the bar is indeterminate). */
  start(kind: JobKind, total: number | null): void;
  update(kind: JobKind, done: number, total?: number | null): void;
  end(kind: JobKind): void;
  /** Runs `job` as `kind`, ending the entry however it ends. */
  track<T>(kind: JobKind, total: number | null, job: () => Promise<T>): Promise<T>;
  list(): JobProgress[];
}

export function createProgressBoard(now: () => number): ProgressBoard {
  const jobs = new Map<JobKind, JobProgress>();
  const board: ProgressBoard = {
    start(kind, total) {
      jobs.set(kind, { kind, done: 0, total, startedAt: now() });
    },
    update(kind, done, total) {
      const j = jobs.get(kind);
      if (!j) return;
      jobs.set(kind, { ...j, done, total: total === undefined ? j.total : total });
    },
    end(kind) {
      jobs.delete(kind);
    },
    async track(kind, total, job) {
      board.start(kind, total);
      try {
        return await job();
      } finally {
        board.end(kind);
      }
    },
    list: () => [...jobs.values()],
  };
  return board;
}
