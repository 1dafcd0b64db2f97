/**
 * One way to turn zod issues into `{ path, message }` details (the error shape every layer uses):
 * JSON paths (`$.intents[2].examples[0]`) for files a person edits, dotted paths (`patch.retention`)
 * for IPC payloads. Imports nothing but types.
 */
import type { ErrorDetail } from './result';

export interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  /** zod's too_small / too_big bounds and what they bound. */
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  /** A custom issue's own params: `code` names the rule. */
  params?: Record<string, unknown>;
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
  return issues.slice(0, o.max ?? issues.length).map((i) => ({ path: format(i.path), message: i.message, ...issueCode(i) }));
}

/** The code and values a screen words the issue from (a custom rule may name its own code). */
function issueCode(i: IssueLike): Pick<ErrorDetail, 'code' | 'params'> {
  const own = i.code === 'custom' && typeof i.params?.code === 'string' ? i.params.code : undefined;
  const code = own ?? i.code;
  if (!code) return {};
  const params: Record<string, string | number> = {};
  if (i.minimum !== undefined) params.minimum = Number(i.minimum);
  if (i.maximum !== undefined) params.maximum = Number(i.maximum);
  if (i.origin !== undefined) params.origin = i.origin;
  // A custom rule's own values (a limit, a name) fill its sentence in the screen's language.
  if (own) for (const [k, v] of Object.entries(i.params ?? {})) if (k !== 'code' && (typeof v === 'string' || typeof v === 'number')) params[k] = v;
  return Object.keys(params).length > 0 ? { code, params } : { code };
}
