/** Which language's words the editor shows: the knowledge base's languages, the default first, each by its own name. */
import { useId } from 'react';
import { languageName } from './languages';
import { useKbText } from './text';

export function LanguageSwitch({ languages, value, onChange }: { languages: readonly string[]; value: string; onChange: (language: string) => void }) {
  const { tk } = useKbText();
  const uid = useId();
  if (languages.length < 2) return null;
  return (
    <fieldset className="kb-languages" data-testid="kb-language-switch">
      <legend>{tk('lang.label')}</legend>
      {languages.map((l, i) => (
        <div key={l} className="check">
          <input id={`${uid}-${l}`} type="radio" name={`${uid}-lang`} value={l} checked={l === value} onChange={() => onChange(l)} />
          <label htmlFor={`${uid}-${l}`}>
            {i === 0 ? tk('lang.default', { name: languageName(l) }) : languageName(l)}
          </label>
        </div>
      ))}
    </fieldset>
  );
}
