/**
 * What an export reads: one SQL statement over a slice of conversations (+ consent) left-joined with
 * their messages, ordered so each conversation's messages follow it, walked with `iterate()` so only
 * one row is in memory at a time. The formats see a flat sequence of events.
 */
import type { Channel, Role } from '../../../shared/domain';
import { AppFailure } from '../../../shared/result';
import { getConversation, type Db } from '../../store';
import { exportSlices, type ExportScope } from '../../store/queries/export';

export type { ExportScope } from '../../store/queries/export';


export interface ExportConversation {
  id: string;
  startedAt: number;
  endedAt: number | null;
  channel: Channel;
  locale: string;
  keptBy: 'consent' | 'policy';
  expiresAt: number | null;
  consent: { choice: 'granted' | 'declined'; noticeVersion: number; at: number; withdrawnAt: number | null } | null;
}

export interface ExportMessage {
  id: number;
  role: Role;
  text: string;
  intent: string | null;
  confidence: number | null;
  at: number;
}

/** Per-conversation facts known only after its last message. */
export interface ConversationTail {
  messageCount: number;
  topics: string[];
}

export interface ExportWriter {
  conversation(c: ExportConversation): void;
  message(c: ExportConversation, m: ExportMessage): void;
  endConversation(c: ExportConversation, tail: ConversationTail): void;
}



export function validateScope(db: Db, scope: ExportScope): void {
  if (scope.kind === 'range' && scope.from !== undefined && scope.to !== undefined && scope.from >= scope.to) {
    throw new AppFailure('invalid_input', 'the export range is empty: "from" must be before "to"');
  }
  if (scope.kind === 'conversation' && !getConversation(db, scope.conversationId)) {
    throw new AppFailure('not_found', `no conversation ${scope.conversationId}`);
  }
}

/** Most conversations one statement reads before the export yields (an upper bound; see below). */
export const SLICE_CONVERSATIONS = 200;
/** A slice also ends, between two conversations, once it has run this long: the UI's budget. */
export const SLICE_BUDGET_MS = 8;

/**
 * Streams the scope through `w`, one slice of conversations at a time, yielding between slices;
 * returns the totals. A slice is one statement walked with `iterate()` and closed before the yield
 * (better-sqlite3 allows no other statement on the connection while an iterator is open). It ends
 * after SLICE_CONVERSATIONS conversations or, between two conversations, after SLICE_BUDGET_MS; the
 * next slice starts after the last conversation written, keyed on (started_at, id), the export order.
 * So the bytes are the same however the slices fall.
 */
export function* streamScopeSteps(
  db: Db,
  scope: ExportScope,
  w: ExportWriter,
  o: { slice?: number; budgetMs?: number } = {},
): Generator<number, { conversations: number; messages: number }> {
  const slice = o.slice ?? SLICE_CONVERSATIONS;
  const budget = o.budgetMs ?? SLICE_BUDGET_MS;
  const readSlice = exportSlices(db, scope);
  let current: ExportConversation | null = null;
  let count = 0;
  let topics = new Set<string>();
  let conversations = 0;
  let messages = 0;
  /** Keyset of the last conversation fully written. */
  let after: [number, string] = [-Infinity, ''];
  const close = (): void => {
    if (!current) return;
    w.endConversation(current, { messageCount: count, topics: [...topics].sort() });
    after = [current.startedAt, current.id];
    current = null;
  };
  for (;;) {
    const started = performance.now();
    let seen = 0;
    let outOfTime = false;
    for (const r of readSlice(after, slice)) {
      if (!current || current.id !== r.cid) {
        close();
        if (seen > 0 && performance.now() - started > budget) {
          // Stop between two conversations; this one is read again from its first row next slice.
          outOfTime = true;
          break;
        }
        seen++;
        current = {
          id: r.cid,
          startedAt: r.started_at,
          endedAt: r.ended_at,
          channel: r.channel,
          locale: r.locale,
          keptBy: r.kept_by,
          expiresAt: r.expires_at,
          consent:
            r.consent_choice !== null
              ? { choice: r.consent_choice, noticeVersion: r.notice_version ?? 0, at: r.consent_at ?? 0, withdrawnAt: r.withdrawn_at }
              : null,
        };
        count = 0;
        topics = new Set();
        conversations++;
        w.conversation(current);
      }
      if (r.mid !== null) {
        count++;
        messages++;
        if (r.intent) topics.add(r.intent);
        w.message(current, { id: r.mid, role: r.role as Role, text: r.text ?? '', intent: r.intent, confidence: r.confidence, at: r.mat ?? 0 });
      }
    }
    close();
    if (!outOfTime && seen < slice) break;
    // How far the export has got (conversations written), for the progress bar.
    yield conversations;
  }
  return { conversations, messages };
}

/** Runs a generator of steps to its end, at once (CLI, tests). */
export function runSteps<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Runs a generator of steps, giving the event loop a turn between steps (the app: the UI keeps answering). */
export async function runStepsYielding<T, S>(steps: Generator<S, T>, onStep?: (step: S) => void): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    onStep?.(r.value);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Streams the whole scope through `w` at once. */
export function streamScope(db: Db, scope: ExportScope, w: ExportWriter): { conversations: number; messages: number } {
  return runSteps(streamScopeSteps(db, scope, w));
}
