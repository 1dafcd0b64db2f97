/**
 * The knowledge base as the file format (what drafts, versions and exports hold): the validated
 * engine object minus what validation adds (hash, file name, warnings). Validation itself stays the engine's
 * (one schema for the file, the editor and imports).
 */
import type { KnowledgeBaseFile } from '../engine/kb';
import { loadDefaultKnowledgeBase, validateKnowledgeBase, type KnowledgeBase } from '../engine';
import { isAppFailure, type ErrorDetail } from '../../shared/result';

export type { KnowledgeBaseFile } from '../engine/kb';

export function toKbFile(kb: KnowledgeBase): KnowledgeBaseFile {
  const { hash: _hash, fileName: _fileName, warnings: _warnings, ...file } = kb;
  return JSON.parse(JSON.stringify(file)) as KnowledgeBaseFile;
}

export function defaultKbFile(): KnowledgeBaseFile {
  return toKbFile(loadDefaultKnowledgeBase());
}

/** Every problem of a candidate knowledge base by JSON path (empty: valid), plus the validated KB. */
export function checkKbContent(content: unknown, fileName = 'draft.json'): { kb: KnowledgeBase | null; problems: ErrorDetail[] } {
  try {
    return { kb: validateKnowledgeBase(content, fileName), problems: [] };
  } catch (e) {
    if (isAppFailure(e) && e.error.code === 'kb_invalid') return { kb: null, problems: e.error.details ?? [{ path: '$', message: e.error.message }] };
    throw e;
  }
}
