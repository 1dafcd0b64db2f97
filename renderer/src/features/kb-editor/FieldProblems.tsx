/**
 * The backend's problems for one field, under it (the field points here with aria-describedby),
 * worded from their codes in the person's language (lib/error-text.ts detailTexts).
 */
import type { ErrorDetail } from '../../../../shared/result';
import { useI18n } from '../../i18n';
import { detailTexts } from '../../lib/error-text';

export function FieldProblems({ id, problems }: { id: string; problems: readonly ErrorDetail[] }) {
  const { t } = useI18n();
  if (problems.length === 0) return null;
  return (
    <p id={id} className="error-text" data-testid="field-problem">
      {detailTexts(problems, t).join(' ')}
    </p>
  );
}

/** Props for an input with problems: aria-invalid and the id of its message. */
export function invalidProps(id: string, problems: readonly ErrorDetail[]): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return problems.length > 0 ? { 'aria-invalid': true, 'aria-describedby': id } : {};
}
