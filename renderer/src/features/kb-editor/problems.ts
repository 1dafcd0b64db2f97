/** The backend's problems (JSON paths of the file format) shown at the field they belong to. */
import type { ErrorDetail } from '../../../../shared/result';

/** Problems at `path` exactly, or inside it when `within` (e.g. every problem of one intent). */
export function problemsAt(problems: readonly ErrorDetail[], path: string, within = false): ErrorDetail[] {
  return problems.filter((p) => p.path === path || (within && (p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`))));
}
