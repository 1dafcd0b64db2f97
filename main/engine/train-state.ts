/**
 * What one training leaves for the next training of an edited knowledge base: the SVM's dual
 * variables per training row (keyed by a hash of the row's intent and normalised text, so rows can
 * be matched after phrases are added, removed or moved) and the calibration (softmax scale,
 * threshold, nearest-example gate) with how many rows have changed since it was fitted.
 *
 * Why: a one-phrase edit used to retrain from zero, calibration folds included (~80% of the time),
 * and the refitted threshold moved answers the edit had nothing to do with. With the state the SVM
 * starts next to its optimum (the dual is strictly convex: any start reaches the same optimum, to
 * the stopping tolerance) and a small edit keeps the calibration.
 *
 * File form ("HDS1", u32 header length, JSON header, then rows x labels float32 little-endian),
 * beside the cached model, written atomically; a damaged, foreign or other-engine file is ignored
 * (the training is then cold), never trusted in part.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { normalizeText } from './normalize';
import { ENGINE_VERSION } from './version';

export interface Calibration {
  scale: number;
  threshold: number;
  /** Nearest-example gate cosine, or -1 for no gate. */
  sim: number;
  /** Margin of the negative class over the top intent before it refuses (model.negativeMargin). */
  margin: number;
  /** Rows added or removed since these figures were fitted on held-out folds. */
  editedSince: number;
}

export interface TrainState {
  engineVersion: string;
  /** Everything else that shapes the training (features, SVM, encoder, threshold option). */
  config: string;
  labels: string[];
  rowKeys: string[];
  /** rows x labels, row-major. */
  alphas: Float32Array;
  /** Null when the training was not calibrated. */
  calibration: Calibration | null;
  /** The encoder weight a large training set picked on held-out rows (null: none was picked). */
  picked: PickedWeight | null;
}

export interface PickedWeight {
  weight: number;
  /** Rows added or removed since it was picked. */
  editedSince: number;
}

/**
 * Most rows that may change, in all, before the calibration is refitted: this share of the rows,
 * and never fewer than MIN_EDITED_ROWS (a knowledge base of a few dozen phrases).
 */
export const EDITED_SHARE = 0.02;
export const MIN_EDITED_ROWS = 8;

const MAGIC = 'HDS1';
/** Bounds what a state file may claim before anything is allocated. */
const MAX_ROWS = 200_000;
const MAX_LABELS = 10_000;

export function rowKey(intent: string, text: string): string {
  return createHash('sha256').update(`${intent}\0${normalizeText(text)}`).digest('hex').slice(0, 32);
}

export function rowKeys(rows: readonly { text: string; intent: string }[]): string[] {
  return rows.map((r) => rowKey(r.intent, r.text));
}

export function trainConfigKey(config: unknown): string {
  return createHash('sha256').update(JSON.stringify(config)).digest('hex');
}

/** Index of each key's first row. */
function firstIndex(keys: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  keys.forEach((k, i) => {
    if (!m.has(k)) m.set(k, i);
  });
  return m;
}

/**
 * The previous state's dual variables laid out for these rows and labels (rows x labels); zero for
 * a new row or a new label. Null when there is nothing to start from.
 */
export function warmStartFrom(prev: TrainState | null, keys: readonly string[], labels: readonly string[]): Float32Array | null {
  if (!prev || prev.engineVersion !== ENGINE_VERSION || prev.alphas.length !== prev.rowKeys.length * prev.labels.length) return null;
  const pl = prev.labels.length;
  const prevRow = firstIndex(prev.rowKeys);
  const prevLabel = new Map(prev.labels.map((l, i) => [l, i]));
  const labelMap = labels.map((l) => prevLabel.get(l) ?? -1);
  const out = new Float32Array(keys.length * labels.length);
  let any = false;
  keys.forEach((k, i) => {
    const r = prevRow.get(k);
    if (r === undefined) return;
    for (let c = 0; c < labels.length; c++) {
      const pc = labelMap[c] as number;
      if (pc < 0) continue;
      const a = prev.alphas[r * pl + pc] as number;
      if (a > 0) {
        out[i * labels.length + c] = a;
        any = true;
      }
    }
  });
  return any ? out : null;
}

/** Rows in one key list and not the other (both ways). */
export function changedRows(before: readonly string[], after: readonly string[]): number {
  const a = new Set(before);
  const b = new Set(after);
  let n = 0;
  for (const k of b) if (!a.has(k)) n++;
  for (const k of a) if (!b.has(k)) n++;
  return n;
}

/**
 * The previous calibration, when it still describes this training: same engine and configuration,
 * the same intents, and few enough rows changed since it was fitted. Null: refit it.
 */
export function calibrationReusable(prev: TrainState | null, config: string, keys: readonly string[], labels: readonly string[]): { calibration: Calibration; editedSince: number } | null {
  if (!prev?.calibration || prev.engineVersion !== ENGINE_VERSION || prev.config !== config) return null;
  if (prev.labels.length !== labels.length || prev.labels.some((l, i) => l !== labels[i])) return null;
  const editedSince = editsWithinBudget(prev, prev.calibration.editedSince, keys);
  return editedSince === null ? null : { calibration: prev.calibration, editedSince };
}

/** Rows changed since a figure was fitted (its own count plus this training's), or null once too many have. */
function editsWithinBudget(prev: TrainState, editedBefore: number, keys: readonly string[]): number | null {
  const editedSince = editedBefore + changedRows(prev.rowKeys, keys);
  return editedSince > Math.max(MIN_EDITED_ROWS, Math.floor(EDITED_SHARE * keys.length)) ? null : editedSince;
}

/**
 * The encoder weight the previous training picked, when few enough rows changed since (as for the
 * calibration): picking it again costs four fits of a set of thousands of rows. Null: pick again.
 */
export function pickedWeightReusable(prev: TrainState | null, keys: readonly string[]): PickedWeight | null {
  if (!prev?.picked || prev.engineVersion !== ENGINE_VERSION) return null;
  const editedSince = editsWithinBudget(prev, prev.picked.editedSince, keys);
  return editedSince === null ? null : { weight: prev.picked.weight, editedSince };
}

interface Header {
  engineVersion: string;
  config: string;
  labels: string[];
  rowKeys: string[];
  calibration: Calibration | null;
  picked?: PickedWeight | null;
}

export function serializeTrainState(s: TrainState): Buffer {
  const header: Header = { engineVersion: s.engineVersion, config: s.config, labels: s.labels, rowKeys: s.rowKeys, calibration: s.calibration, picked: s.picked ?? null };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const out = Buffer.alloc(8 + json.length + 4 * s.alphas.length);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(json.length, 4);
  json.copy(out, 8);
  Buffer.from(s.alphas.buffer, s.alphas.byteOffset, s.alphas.byteLength).copy(out, 8 + json.length);
  return out;
}

function isCalibration(c: unknown): c is Calibration {
  if (c === null || typeof c !== 'object') return false;
  const o = c as Record<string, unknown>;
  return ['scale', 'threshold', 'sim', 'margin', 'editedSince'].every((k) => typeof o[k] === 'number' && Number.isFinite(o[k]));
}

export function deserializeTrainState(buf: Buffer): TrainState | null {
  try {
    if (buf.length < 8 || buf.toString('latin1', 0, 4) !== MAGIC) return null;
    const len = buf.readUInt32LE(4);
    if (8 + len > buf.length) return null;
    const h = JSON.parse(buf.toString('utf8', 8, 8 + len)) as Partial<Header>;
    if (typeof h.engineVersion !== 'string' || typeof h.config !== 'string' || !Array.isArray(h.labels) || !Array.isArray(h.rowKeys)) return null;
    if (h.labels.length > MAX_LABELS || h.rowKeys.length > MAX_ROWS || ![...h.labels, ...h.rowKeys].every((x) => typeof x === 'string')) return null;
    if (h.calibration !== null && !isCalibration(h.calibration)) return null;
    const picked = h.picked ?? null;
    if (picked !== null && !(typeof picked === 'object' && [picked.weight, picked.editedSince].every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0))) return null;
    const count = h.labels.length * h.rowKeys.length;
    if (buf.length !== 8 + len + 4 * count) return null;
    const alphas = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      const a = buf.readFloatLE(8 + len + 4 * i);
      // Dual variables are finite and non-negative; anything else is not ours.
      if (!Number.isFinite(a) || a < 0) return null;
      alphas[i] = a;
    }
    return { engineVersion: h.engineVersion, config: h.config, labels: h.labels, rowKeys: h.rowKeys, alphas, calibration: h.calibration ?? null, picked };
  } catch {
    return null;
  }
}

/** The state in a file, when it is one this engine wrote; else null (train cold). */
export function readTrainState(file: string): TrainState | null {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    return null;
  }
  const s = deserializeTrainState(buf);
  return s && s.engineVersion === ENGINE_VERSION ? s : null;
}

/** Writes the state atomically; a failed write only costs a cold training next time. */
export function writeTrainState(file: string, s: TrainState): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(tmp, serializeTrainState(s), { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      /* nothing to clean */
    }
  }
}
