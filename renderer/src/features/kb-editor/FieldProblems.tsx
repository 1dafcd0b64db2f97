/** The backend's problems for one field, under it (the field points here with aria-describedby). */
import type { ErrorDetail } from '../../../../shared/result';

export function FieldProblems({ id, problems }: { id: string; problems: readonly ErrorDetail[] }) {
  if (problems.length === 0) return null;
  return (
    <p id={id} className="error-text" data-testid="field-problem">
      {problems.map((p) => p.message).join('; ')}
    </p>
  );
}

/** Props for an input with problems: aria-invalid and the id of its message. */
export function invalidProps(id: string, problems: readonly ErrorDetail[]): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return problems.length > 0 ? { 'aria-invalid': true, 'aria-describedby': id } : {};
}
