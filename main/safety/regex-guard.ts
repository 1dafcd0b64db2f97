/**
 * Regular expressions written by people (custom PII patterns, knowledge-base regex entities) run on
 * every customer message, on the thread that answers. JavaScript's engine backtracks, so a pattern
 * such as `(a|aa)+$` or `((a+))+$` can take hours on 40 characters. A pattern is accepted only if it
 * has no backreferences and no nested unbounded quantifiers (a structural check), and then survives
 * a timed probe against long pumping inputs in a worker thread that is abandoned when it overruns.
 */
import { Worker } from 'node:worker_threads';
import { AppFailure } from '../../shared/result';

const PROBE_BUDGET_MS = 400;
const WORKER_START_BUDGET_MS = 10_000;

/**
 * Rejects backreferences and a group with an unbounded inner quantifier that is itself repeated
 * without bound — the shape behind exponential backtracking.
 */
export function structuralProblem(src: string): string | null {
  if (/\\[1-9]|\\k</.test(src)) return 'backreferences are not allowed';
  // Stack of groups: does the group contain an unbounded quantifier?
  const stack: boolean[] = [];
  let lastGroupHadUnbounded = false;
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') {
      i += 2;
      lastGroupHadUnbounded = false;
      continue;
    }
    if (c === '[') {
      // Skip a character class, honouring escapes.
      i++;
      if (src[i] === '^') i++;
      if (src[i] === ']') i++;
      while (i < src.length && src[i] !== ']') i += src[i] === '\\' ? 2 : 1;
      i++;
      lastGroupHadUnbounded = false;
      continue;
    }
    if (c === '(') {
      stack.push(false);
      i++;
      continue;
    }
    if (c === ')') {
      lastGroupHadUnbounded = stack.pop() ?? false;
      i++;
      const q = unboundedQuantifierAt(src, i);
      if (q > 0) {
        if (lastGroupHadUnbounded) return 'nested unbounded quantifiers such as (a+)+ are not allowed';
        if (stack.length > 0) stack[stack.length - 1] = true;
      } else if (lastGroupHadUnbounded && stack.length > 0) {
        stack[stack.length - 1] = true;
      }
      continue;
    }
    const q = unboundedQuantifierAt(src, i);
    if (q > 0) {
      if (stack.length > 0) stack[stack.length - 1] = true;
      i += q;
      continue;
    }
    lastGroupHadUnbounded = false;
    i++;
  }
  return null;
}

/** Length of an unbounded quantifier (`*`, `+`, `{n,}`, with optional lazy `?`) at i, else 0. */
function unboundedQuantifierAt(src: string, i: number): number {
  const c = src[i];
  let n = 0;
  if (c === '*' || c === '+') n = 1;
  else if (c === '{') {
    const m = /^\{\d+,\}/.exec(src.slice(i, i + 12));
    if (m) n = m[0].length;
  }
  if (n > 0 && src[i + n] === '?') n++;
  return n;
}

const EMPTY_PROBES = ['', ' ', 'a', 'A', '1', '-', 'abc 123', 'ABC-123', '12345678', 'x@y.z', '\n', '#'];

export function canMatchEmpty(regex: RegExp): boolean {
  const re = new RegExp(regex.source, regex.flags.replace('g', ''));
  for (const probe of EMPTY_PROBES) {
    for (let i = 0; i <= probe.length; i++) {
      const m = re.exec(probe.slice(i));
      if (m && m.index === 0 && m[0].length === 0) return true;
    }
  }
  return false;
}

// Runs in the worker: each pattern against long pumping strings, reporting progress in shared memory.
const PROBE_SOURCE = `
const { workerData } = require('node:worker_threads');
const state = new Int32Array(workerData.sab);
Atomics.store(state, 0, 1); Atomics.notify(state, 0);
const units = ['a', 'A', '1', ' ', '-', '.', '_', '0', 'x', 'aa1', '1a', 'a-', '1-', 'a ', '1 ', 'ab', 'a.'];
const pumps = [];
for (const u of units) { const body = u.repeat(Math.ceil(2000 / u.length)); pumps.push(body, body + '!', '!' + body + '\\u0000'); }
for (let p = 0; p < workerData.patterns.length; p++) {
  Atomics.store(state, 1, p);
  const { source, flags } = workerData.patterns[p];
  const re = new RegExp(source, flags);
  for (const s of pumps) {
    re.lastIndex = 0; let m; let guard = 0;
    while ((m = re.exec(s)) !== null && guard++ < 5000) { if (m[0].length === 0) re.lastIndex++; }
  }
}
Atomics.store(state, 0, 2); Atomics.notify(state, 0);
`;

/**
 * Patterns that finished the probe in time, in this process: a knowledge base is validated at every
 * draft save, publish and load with the same patterns, and each probe blocked this thread for a
 * worker's start (~50-100 ms, more on a busy machine). Bounded; a pattern is trusted only as the
 * exact source and flags that passed.
 */
const probedSafe = new Set<string>();
const MAX_PROBED_SAFE = 1000;

const patternKey = (p: { source: string; flags: string }) => `${p.flags}/${p.source}`;

/** Index of the first pattern that overran the probe budget, or null when all finished in time. */
export function probeInWorker(patterns: { source: string; flags: string }[]): number | null {
  const todo = patterns.map((p, i) => [p, i] as const).filter(([p]) => !probedSafe.has(patternKey(p)));
  if (todo.length === 0) return null;
  const slow = probeFresh(todo.map(([p]) => p));
  if (slow !== null) return (todo[slow] as readonly [unknown, number])[1];
  if (probedSafe.size + todo.length > MAX_PROBED_SAFE) probedSafe.clear();
  for (const [p] of todo) probedSafe.add(patternKey(p));
  return null;
}

function probeFresh(patterns: { source: string; flags: string }[]): number | null {
  const sab = new SharedArrayBuffer(8);
  const state = new Int32Array(sab);
  const worker = new Worker(PROBE_SOURCE, { eval: true, workerData: { sab, patterns } });
  worker.on('error', () => undefined);
  try {
    // Thread start-up time is not the pattern's fault: wait for the "started" signal separately.
    Atomics.wait(state, 0, 0, WORKER_START_BUDGET_MS);
    if (Atomics.load(state, 0) === 0) {
      throw new AppFailure('internal', 'Could not check custom patterns (worker did not start)');
    }
    const deadline = Date.now() + PROBE_BUDGET_MS * patterns.length;
    while (Atomics.load(state, 0) !== 2) {
      const left = deadline - Date.now();
      if (left <= 0) return Atomics.load(state, 1);
      Atomics.wait(state, 0, 1, left);
    }
    return null;
  } finally {
    void worker.terminate();
  }
}

