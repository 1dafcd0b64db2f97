/** A textarea holding a list, one item per line: the text stays as typed, the list drops blank lines. */
import { useId, useState } from 'react';
import type { ErrorDetail } from '../../../../shared/result';
import { FieldProblems, invalidProps } from './FieldProblems';
import { lines } from './types';

export function LinesField({ label, value, onChange, problems, testId }: { label: string; value: readonly string[]; onChange: (next: string[]) => void; problems: readonly ErrorDetail[]; testId?: string }) {
  const id = useId();
  const [raw, setRaw] = useState(value.join('\n'));
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        className="textarea"
        rows={3}
        value={raw}
        data-testid={testId}
        onChange={(e) => {
          setRaw(e.target.value);
          onChange(lines(e.target.value));
        }}
        {...invalidProps(`${id}-p`, problems)}
      />
      <FieldProblems id={`${id}-p`} problems={problems} />
    </div>
  );
}
