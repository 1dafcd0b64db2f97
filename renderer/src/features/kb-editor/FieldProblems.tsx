/**
 * The backend's problems for one field, under it (the field points here with aria-describedby),
 * worded from their codes in the person's language (lib/error-text.ts detailTexts).
 */
import type { ErrorDetail } from '../../../../shared/result';
import { useI18n } from '../../i18n';
import { detailText, detailTexts } from '../../lib/error-text';

/**
 * `item`: for a list field, how a problem of one item is introduced ("Phrase 3: …"), from the
 * item's index in the list; problems of the whole list are worded as they are.
 */
export function FieldProblems({ id, problems, item }: { id: string; problems: readonly ErrorDetail[]; item?: (n: number, text: string) => string }) {
  const { t } = useI18n();
  if (problems.length === 0) return null;
  const texts = item
    ? problems.map((p) => {
        const text = detailText(p, t);
        const m = /\[(\d+)\]$/.exec(p.path);
        return m ? item(Number(m[1]) + 1, text) : text;
      })
    : detailTexts(problems, t);
  return (
    <p id={id} className="error-text" data-testid="field-problem">
      {[...new Set(texts)].join(' ')}
    </p>
  );
}

/** Props for an input with problems: aria-invalid and the id of its message. */
export function invalidProps(id: string, problems: readonly ErrorDetail[]): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return problems.length > 0 ? { 'aria-invalid': true, 'aria-describedby': id } : {};
}
