/**
 * Worker thread: the heavy part of an end-of-day wipe on a connection of its own (the store's is
 * closed meanwhile, see rekeyWith): the delete transaction, the search-index merge, and the rotated
 * copy under the new key. Reports each step as it is reached.
 */
import type { WipeCounts } from '../../shared/domain';
import { buildRotationCopy, type RotationCopyJob } from '../store/rekey';
import { configure, openWithKey } from '../store/store';
import { optimizeSearchIndex } from '../store/queries/search';
import { zero } from '../store/keys/datakey';
import { serveJob } from '../workers/run-in-worker';
import { deleteDay, type DayWipe } from './wipe';

export interface WipeJob {
  copy: RotationCopyJob;
  /** Null when a crash left the rows deleted and only the rotation is to be finished. */
  day: DayWipe | null;
}

/** Keys arrive as Uint8Array (structured clone): view them as Buffers without copying. */
const asBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

serveJob<WipeJob, WipeCounts | null>((job, progress) => {
  const copy: RotationCopyJob = { ...job.copy, oldKey: asBuffer(job.copy.oldKey), newKey: asBuffer(job.copy.newKey) };
  try {
    const db = openWithKey(copy.file, copy.oldKey, copy.connectOptions);
    try {
      configure(db);
      const counts = job.day ? deleteDay(db, job.day) : null;
      progress('deleted');
      optimizeSearchIndex(db);
      progress('optimized');
      // VACUUM INTO writes the compact copy (the old file, free pages and all, is replaced by it).
      buildRotationCopy(copy, db);
      progress('vacuumed');
      progress('checkpointed');
      return counts;
    } finally {
      db.close();
    }
  } finally {
    // This thread's copies of the keys.
    zero(copy.oldKey);
    zero(copy.newKey);
  }
});
