/** "Try a phrase" beside the editor: the published bot's top intents with confidence, the entities found, and the answer. */
import { useId, useState } from 'react';
import type { TryAnswer } from '../../../../shared/kb-editor';
import { call } from '../../api';
import { ConfidenceBars } from '../../components/ConfidenceBars';
import { ErrorText } from '../../components/States';
import { useI18n } from '../../i18n';
import { formatPercent } from '../../lib/format';
import { languageName } from './languages';
import { useKbText } from './text';
import { errorText } from '../../lib/error-text';

/** `language`: the language being edited; the phrase is tried in that language's published model. */
export function TryPhrase({ language }: { language: string }) {
  const { tk } = useKbText();
  const { locale, t } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const [result, setResult] = useState<TryAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="card kb-try"
      aria-labelledby={`${id}-h`}
      onSubmit={async (e) => {
        e.preventDefault();
        if (!text.trim()) return;
        const r = await call('kb.tryAnswer', { text, language });
        if (r.ok) {
          setResult(r.value);
          setError(null);
        } else setError(errorText(r.error, t));
      }}
    >
      <h3 id={`${id}-h`}>{tk('try')}</h3>
      <p className="muted">{tk('tryIn', { language: languageName(language) })}</p>
      <div className="inline-form">
        <label htmlFor={id}>{tk('tryLabel')}</label>
        <input id={id} type="text" value={text} maxLength={4000} onChange={(e) => setText(e.target.value)} data-testid="kb-try-input" />
        <button type="submit" className="btn btn-primary">
          {tk('tryButton')}
        </button>
      </div>
      <ErrorText error={error} />
      {result && (
        <div role="status" data-testid="kb-try-result">
          <p>{result.outOfScope || !result.intent ? tk('tryOut') : <span data-content>{`${result.intent} (${formatPercent(locale, result.confidence)})`}</span>}</p>
          <h4>{tk('tryTop')}</h4>
          <ConfidenceBars ranking={result.ranking} labelOf={(intent) => intent} />
          <p>{result.entities.length ? tk('tryEntities', { list: result.entities.map((e) => `${e.entity} = ${e.value}`).join(', ') }) : tk('tryNoEntities')}</p>
          <p>{tk('tryAnswer')}</p>
          <blockquote className="kb-answer" data-testid="kb-try-answer" data-content>
            {result.answer.join('\n')}
          </blockquote>
        </div>
      )}
    </form>
  );
}
