/**
 * One way to turn zod issues into `{ path, message }` details (the error shape every layer uses):
 * JSON paths (`$.intents[2].examples[0]`) for files a person edits, dotted paths (`patch.retention`)
 * for IPC payloads. Imports nothing but types.
 */
import type { ErrorDetail } from './result';

export interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
}

/** `$.a[0].b` */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `.${String(p)}`;
  return out;
}

/** `a.0.b`, or `(payload)` for the whole value. */
export function dottedPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || '(payload)';
}

export function issueDetails(issues: readonly IssueLike[], o: { style: 'json' | 'dotted'; max?: number }): ErrorDetail[] {
  const format = o.style === 'json' ? jsonPath : dottedPath;
  return issues.slice(0, o.max ?? issues.length).map((i) => ({ path: format(i.path), message: i.message }));
}
