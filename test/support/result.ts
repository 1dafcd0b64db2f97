/** The value of an ok Result, or a thrown Error naming the code and message (tests read answers this way). */
import type { Result } from '../../shared/result';

export function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}
