/**
 * Business-defined patterns (loyalty cards, membership ids...). A pattern is accepted only if it
 * compiles, cannot match the empty string, has no backreferences, no nested unbounded quantifiers
 * ("(a+)+"), and survives a timed probe against pumping inputs in a worker thread that is killed
 * when it overruns (main/safety/regex-guard.ts, shared with knowledge-base regex entities). That
 * catches the classic catastrophic-backtracking shapes before any customer text reaches the pattern.
 */
import { AppFailure } from '../../../shared/result';
import { canMatchEmpty, probeInWorker, structuralProblem } from '../../safety/regex-guard';
import type { Candidate, CustomPatternSpec } from './types';

export interface CompiledCustomPattern {
  name: string;
  placeholder: string;
  regex: RegExp;
}

export const MAX_CUSTOM_PATTERNS = 32;
const MAX_PATTERN_LENGTH = 512;
const NAME_RE = /^[\p{L}\p{N}][\p{L}\p{N} _\-]{0,39}$/u;

/**
 * `code` and `params`: the rule that refused it and its values, which the settings screen words
 * (shared/settings-rules.ts; zod's own too_small / too_big for the sizes).
 */
function fail(name: string, why: string, code: string, params: Record<string, string | number> = { name }): AppFailure {
  return new AppFailure('invalid_input', `Custom pattern "${name}": ${why}`, {
    details: [{ path: `custom.${name}`, message: why, code, params }],
  });
}

/** Validates and compiles custom patterns; throws AppFailure('invalid_input') naming the bad one. */
export function compileCustomPatterns(specs: readonly CustomPatternSpec[]): CompiledCustomPattern[] {
  if (specs.length > MAX_CUSTOM_PATTERNS) {
    throw new AppFailure('invalid_input', `At most ${MAX_CUSTOM_PATTERNS} custom patterns are allowed`);
  }
  const compiled: CompiledCustomPattern[] = [];
  const names = new Set<string>();
  for (const spec of specs) {
    const name = typeof spec?.name === 'string' ? spec.name : '';
    if (!NAME_RE.test(name)) {
      throw new AppFailure('invalid_input', `Custom pattern name "${name}" must be 1-40 letters, digits, spaces, _ or -`);
    }
    if (names.has(name)) throw fail(name, 'duplicate name', 'duplicate_pattern');
    names.add(name);
    const src = spec.pattern;
    if (typeof src !== 'string' || src.length === 0) throw fail(name, 'pattern is empty', 'too_small', { minimum: 1, origin: 'string' });
    if (src.length > MAX_PATTERN_LENGTH) throw fail(name, `pattern longer than ${MAX_PATTERN_LENGTH} characters`, 'too_big', { maximum: MAX_PATTERN_LENGTH, origin: 'string' });
    const placeholder = spec.placeholder ?? `[${name}]`;
    if (typeof placeholder !== 'string' || placeholder.length > 64) throw fail(name, 'placeholder must be at most 64 characters', 'too_big', { maximum: 64, origin: 'string' });
    const flags = compileFlags(src);
    if (flags === null) throw fail(name, `"${src}" is not a valid regular expression`, 'bad_regex');
    const problem = structuralProblem(src);
    if (problem) throw fail(name, problem, 'regex_hangs');
    const regex = new RegExp(src, flags);
    if (canMatchEmpty(regex)) throw fail(name, `"${src}" can match the empty string`, 'regex_matches_empty');
    compiled.push({ name, placeholder, regex });
  }
  if (compiled.length > 0) {
    const slow = probeInWorker(compiled.map((c) => ({ source: c.regex.source, flags: c.regex.flags })));
    if (slow !== null) {
      const c = compiled[slow] as CompiledCustomPattern;
      throw fail(c.name, 'pattern is too slow on long input (catastrophic backtracking); simplify it', 'regex_hangs');
    }
  }
  return compiled;
}

/** 'gu' when the source is valid in unicode mode, else legacy 'g'; null when it does not compile. */
function compileFlags(src: string): string | null {
  for (const flags of ['gu', 'g']) {
    try {
      new RegExp(src, flags);
      return flags;
    } catch {
      /* try the next flag set */
    }
  }
  return null;
}

/** All matches of the compiled custom patterns. */
export function detectCustom(text: string, patterns: readonly CompiledCustomPattern[]): Candidate[] {
  const out: Candidate[] = [];
  for (const p of patterns) {
    const re = new RegExp(p.regex.source, p.regex.flags);
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      if (m[0].length === 0) {
        re.lastIndex++; // defensive: validation already refused empty-matching patterns
        continue;
      }
      out.push({ type: 'custom', start: m.index, end: m.index + m[0].length, placeholder: p.placeholder, name: p.name });
    }
  }
  return out;
}
