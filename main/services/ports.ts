/**
 * The small interfaces services need from the store, so each service is testable on its own and
 * the store's query functions stay the single implementation behind them.
 */

/** Settings-style persistence: JSON values by key, in the encrypted store. */
export interface KeyValue {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
}

/** Appends an audit event (never message content). */
export type AuditSink = (kind: string, detail?: Record<string, string | number | boolean | null>) => void;

export type Clock = () => number;
