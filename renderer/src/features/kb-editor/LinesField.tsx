/** A textarea holding a list, one item per line: the text stays as typed, the list drops blank lines. */
import { useId, useState } from 'react';
import type { ErrorDetail } from '../../../../shared/result';
import { FieldProblems, invalidProps } from './FieldProblems';
import { lines } from './types';

/** The line of the textarea holding the list's item `n` (1-based; blank lines are not items). */
function lineOf(raw: string, n: number): number {
  let seen = 0;
  const all = raw.split('\n');
  for (let i = 0; i < all.length; i++) {
    if ((all[i] as string).trim().length > 0 && ++seen === n) return i + 1;
  }
  return n;
}

/**
 * `path`: the list's JSON path in the file (a warning or problem link focuses the field by it);
 * `item`: how a problem of one item is introduced (see FieldProblems); `lang`: the language of the
 * words typed in; `rows`: the height, for long lists.
 */
export function LinesField({
  label,
  value,
  onChange,
  problems,
  testId,
  path,
  item,
  lang,
  rows = 3,
}: {
  label: string;
  value: readonly string[];
  onChange: (next: string[]) => void;
  problems: readonly ErrorDetail[];
  testId?: string;
  path?: string;
  item?: (n: number, text: string) => string;
  lang?: string;
  rows?: number;
}) {
  const id = useId();
  const [raw, setRaw] = useState(value.join('\n'));
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        className="textarea"
        rows={rows}
        value={raw}
        data-testid={testId}
        data-kb-path={path}
        lang={lang}
        onChange={(e) => {
          setRaw(e.target.value);
          onChange(lines(e.target.value));
        }}
        {...invalidProps(`${id}-p`, problems)}
      />
      <FieldProblems id={`${id}-p`} problems={problems} {...(item ? { item: (n: number, text: string) => item(lineOf(raw, n), text) } : {})} />
    </div>
  );
}
