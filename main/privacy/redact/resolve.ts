/**
 * Overlap resolution. When detectors disagree about a span, keep the longer finding; on equal length
 * the more specific type (a validated card beats a phone reading of the same digits). Greedy over a
 * total order, so the outcome does not depend on detector order; an occupancy bitmap keeps it
 * linear in the covered text.
 */
import type { Candidate, PiiType } from './types';

// Lower = more specific. Custom patterns are the business's explicit choice, so they win ties.
const RANK: Record<PiiType, number> = { custom: 0, card: 1, iban: 2, ssn: 3, email: 4, ip: 5, dob: 6, phone: 7, postcode: 8, address: 9, name: 10 };

export function resolveOverlaps(candidates: Candidate[], textLength: number): Candidate[] {
  const ordered = [...candidates].sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      RANK[a.type] - RANK[b.type] ||
      a.start - b.start ||
      (a.name ?? '').localeCompare(b.name ?? ''),
  );
  const taken = new Uint8Array(textLength);
  const kept: Candidate[] = [];
  for (const c of ordered) {
    let free = true;
    for (let i = c.start; i < c.end; i++) {
      if (taken[i]) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    taken.fill(1, c.start, c.end);
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}
