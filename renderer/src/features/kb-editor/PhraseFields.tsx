/**
 * The phrase lists an intent editor shows in every language: example phrases (edit, remove, paste
 * many) and answer variants. `base` is the intent's JSON path; problems are shown at each field.
 */
import { useId, useState } from 'react';
import type { ErrorDetail } from '../../../../shared/result';
import { FieldProblems, invalidProps } from './FieldProblems';
import { problemsAt } from './problems';
import { useKbText } from './text';
import { lines } from './types';

export function ExamplesField({ examples, onChange, problems, base }: { examples: readonly string[]; onChange: (next: string[]) => void; problems: readonly ErrorDetail[]; base: string }) {
  const { tk } = useKbText();
  const uid = useId();
  const [paste, setPaste] = useState('');
  const at = (path: string) => problemsAt(problems, `${base}${path}`);
  return (
    <fieldset className="kb-fieldset">
      <legend>{tk('field.examples')}</legend>
      <FieldProblems id={`${uid}-ex-p`} problems={at('.examples')} />
      <ul className="kb-phrases" data-testid="examples">
        {examples.map((ex, j) => {
          const id = `${uid}-ex-${j}`;
          const fieldProblems = at(`.examples[${j}]`);
          return (
            <li key={j} className="kb-phrase">
              <label htmlFor={id} className="sr-only">
                {tk('field.example', { n: j + 1 })}
              </label>
              <input id={id} type="text" value={ex} data-kb-path={`${base}.examples[${j}]`} onChange={(e) => onChange(examples.map((x, k) => (k === j ? e.target.value : x)))} {...invalidProps(`${id}-p`, fieldProblems)} />
              <button type="button" className="btn btn-small" aria-label={tk('removeNamed', { name: ex || String(j + 1) })} onClick={() => onChange(examples.filter((_, k) => k !== j))}>
                {tk('remove')}
              </button>
              <FieldProblems id={`${id}-p`} problems={fieldProblems} />
            </li>
          );
        })}
      </ul>
      <div className="field">
        <label htmlFor={`${uid}-paste`}>{tk('field.paste')}</label>
        <textarea id={`${uid}-paste`} className="textarea" rows={3} value={paste} onChange={(e) => setPaste(e.target.value)} data-testid="paste-phrases" />
      </div>
      <button
        type="button"
        className="btn"
        data-testid="add-phrases"
        onClick={() => {
          const add = lines(paste).filter((p) => !examples.includes(p));
          if (add.length) onChange([...examples, ...add]);
          setPaste('');
        }}
      >
        {tk('field.addPhrases')}
      </button>
    </fieldset>
  );
}

export function ResponsesField({ responses, onChange, problems, base }: { responses: readonly string[]; onChange: (next: string[]) => void; problems: readonly ErrorDetail[]; base: string }) {
  const { tk } = useKbText();
  const uid = useId();
  const at = (path: string) => problemsAt(problems, `${base}${path}`);
  return (
    <fieldset className="kb-fieldset">
      <legend>{tk('field.responses')}</legend>
      <FieldProblems id={`${uid}-rs-p`} problems={at('.responses')} />
      {responses.map((r, j) => {
        const id = `${uid}-r-${j}`;
        const fieldProblems = at(`.responses[${j}]`);
        return (
          <div key={j} className="field">
            <label htmlFor={id}>{tk('field.response', { n: j + 1 })}</label>
            <textarea id={id} className="textarea" rows={2} value={r} data-kb-path={`${base}.responses[${j}]`} onChange={(e) => onChange(responses.map((x, k) => (k === j ? e.target.value : x)))} {...invalidProps(`${id}-p`, fieldProblems)} />
            <FieldProblems id={`${id}-p`} problems={fieldProblems} />
            <button type="button" className="btn btn-small" aria-label={tk('removeNamed', { name: tk('field.response', { n: j + 1 }) })} onClick={() => onChange(responses.filter((_, k) => k !== j))}>
              {tk('remove')}
            </button>
          </div>
        );
      })}
      <button type="button" className="btn" onClick={() => onChange([...responses, ''])}>
        {tk('field.addResponse')}
      </button>
    </fieldset>
  );
}
