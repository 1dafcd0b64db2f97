/**
 * The redactor: runs the enabled detectors, resolves overlaps and writes typed placeholders.
 * `createRedactor` validates options once (custom patterns are probed in a worker, which costs a few
 * milliseconds), `redact` caches redactors by their options so callers can pass options every time.
 */
import { AppFailure } from '../../../shared/result';
import { detectCards } from './cards';
import { compileCustomPatterns, detectCustom, type CompiledCustomPattern } from './custom';
import { detectEmails } from './email';
import { detectIbans } from './iban';
import { detectIps } from './ip';
import { detectPhones, isPhoneRegion } from './phone';
import { resolveOverlaps } from './resolve';
import { detectSsns } from './ssn';
import { PII_TYPES, type Candidate, type Finding, type PiiType, type RedactionOptions, type RedactionResult } from './types';

/** Inputs longer than this are refused with 'too_large' (a chat message is far smaller). */
export const MAX_REDACT_INPUT = 1_000_000;
export const DEFAULT_REGION = 'US';

export type Redactor = (text: string) => RedactionResult;

export function createRedactor(options: RedactionOptions = {}): Redactor {
  const region = (options.region ?? DEFAULT_REGION).toUpperCase();
  if (!/^[A-Z]{2}$/.test(region) || !isPhoneRegion(region)) {
    throw new AppFailure('invalid_input', `Unknown region "${options.region}" (expected an ISO 3166 alpha-2 code)`, {
      details: [{ path: 'region', message: 'not a supported ISO 3166 alpha-2 code' }],
    });
  }
  const types = options.types ?? PII_TYPES;
  for (const t of types) {
    if (!(PII_TYPES as readonly string[]).includes(t)) {
      throw new AppFailure('invalid_input', `Unknown PII type "${String(t)}"`, { details: [{ path: 'types', message: String(t) }] });
    }
  }
  const on = new Set<PiiType>(types);
  const custom: CompiledCustomPattern[] = on.has('custom') ? compileCustomPatterns(options.custom ?? []) : [];

  return (input: string): RedactionResult => {
    if (typeof input !== 'string') throw new AppFailure('invalid_input', 'Text to redact must be a string');
    if (input.length > MAX_REDACT_INPUT) {
      throw new AppFailure('too_large', `Text to redact is over ${MAX_REDACT_INPUT} characters`);
    }
    if (input.length === 0) return { text: '', findings: [] };
    const candidates: Candidate[] = [];
    if (custom.length > 0) candidates.push(...detectCustom(input, custom));
    if (on.has('card')) candidates.push(...detectCards(input));
    if (on.has('iban')) candidates.push(...detectIbans(input));
    if (on.has('ssn')) candidates.push(...detectSsns(input));
    if (on.has('email')) candidates.push(...detectEmails(input));
    if (on.has('ip')) candidates.push(...detectIps(input));
    if (on.has('phone')) candidates.push(...detectPhones(input, region));
    const kept = resolveOverlaps(candidates, input.length);
    return { text: applyPlaceholders(input, kept), findings: kept.map(toFinding) };
  };
}

function toFinding(c: Candidate): Finding {
  const f: Finding = { type: c.type, start: c.start, end: c.end, placeholder: c.placeholder };
  if (c.name !== undefined) f.name = c.name;
  return f;
}

/** Replaces each (non-overlapping, sorted) span with its placeholder. */
export function applyPlaceholders(text: string, findings: readonly { start: number; end: number; placeholder: string }[]): string {
  const parts: string[] = [];
  let pos = 0;
  for (const f of findings) {
    parts.push(text.slice(pos, f.start), f.placeholder);
    pos = f.end;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}

const cache = new Map<string, Redactor>();
const CACHE_SIZE = 16;

/**
 * Redacts PII from `text`. Throws AppFailure('invalid_input') for bad options (unknown region or
 * type, invalid/empty-matching/catastrophic custom pattern) and AppFailure('too_large') over
 * MAX_REDACT_INPUT characters; never throws for any string content within the limit.
 */
export function redact(text: string, options: RedactionOptions = {}): RedactionResult {
  const key = JSON.stringify([options.region ?? DEFAULT_REGION, options.types ?? null, options.custom ?? []]);
  let r = cache.get(key);
  if (!r) {
    r = createRedactor(options);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(key, r);
  }
  return r(text);
}
