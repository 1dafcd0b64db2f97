/**
 * Imports with a preview: choose the file (and Rasa's domain.yml), see intents, phrases, answers,
 * warnings and errors (by line or path), pick the spreadsheet's columns, then apply to the draft.
 * Nothing changes before "Apply", and a file with errors cannot be applied.
 */
import { useId, useRef, useState } from 'react';
import type { FaqColumnMapping, ImportFormat, ImportPreview, ImportWarningCode } from '../../../../shared/kb-editor';
import { call } from '../../api';
import { ErrorText, Status } from '../../components/States';
import type { DraftApi } from './KbEditorPage';
import { useKbText, type KbTextKey } from './text';

/** The words for each import warning (a code without words is a compile error here). */
const WARNING_KEYS: Record<ImportWarningCode, KbTextKey> = {
  phrase_shortened: 'import.warn.phrase_shortened',
  fallback_intent: 'import.warn.fallback_intent',
  no_phrases: 'import.warn.no_phrases',
  no_text_response: 'import.warn.no_text_response',
  regex_entity: 'import.warn.regex_entity',
  single_question: 'import.warn.single_question',
  no_answers: 'import.warn.no_answers',
  no_response: 'import.warn.no_response',
  no_response_no_domain: 'import.warn.no_response_no_domain',
  regex_not_imported: 'import.warn.regex_not_imported',
  already_taught: 'import.warn.already_taught',
  already_out_of_scope: 'import.warn.already_out_of_scope',
  all_taught: 'import.warn.all_taught',
};
import { detailText, errorText } from '../../lib/error-text';
import { base64Of, type PickedFile as Picked } from '../../lib/file-base64';

const FORMATS: ImportFormat[] = ['faq-csv', 'dialogflow', 'rasa', 'nlpjs', 'kb-json'];

export function ImportTab({ draft }: { draft: DraftApi }) {
  const { tk, t } = useKbText();
  const uid = useId();
  const [file, setFile] = useState<Picked | null>(null);
  const [extra, setExtra] = useState<Picked | null>(null);
  const [format, setFormat] = useState<ImportFormat | ''>('');
  const [mapping, setMapping] = useState<FaqColumnMapping | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  // Files are read asynchronously: while one is being read, Preview and Apply wait for it, and a
  // read or preview answer that a newer choice has overtaken is dropped (a quick click after
  // choosing a file must never preview the file chosen before it).
  const [reading, setReading] = useState(0);
  const choice = useRef(0);
  const pick = async (input: File | undefined, set: (p: Picked | null) => void) => {
    const mine = ++choice.current;
    setPreview(null);
    setReading((n) => n + 1);
    try {
      const picked = input ? await base64Of(input) : null;
      if (mine === choice.current) set(picked);
    } finally {
      setReading((n) => n - 1);
    }
  };

  const request = (m: FaqColumnMapping | null) => ({
    file: file as Picked,
    ...(extra ? { extra } : {}),
    ...(format ? { format } : {}),
    ...(m ? { mapping: m } : {}),
  });
  const runPreview = async (m: FaqColumnMapping | null) => {
    if (!file || reading > 0) return;
    setStatus(null);
    const mine = choice.current;
    const r = await call('kb.import.preview', request(m));
    if (mine !== choice.current) return;
    if (!r.ok) {
      setPreview(null);
      return setError(errorText(r.error, t));
    }
    setError(null);
    setPreview(r.value);
    if (r.value.columns) setMapping(r.value.columns.mapping);
  };
  const blocked = !preview || preview.errors.length > 0 || preview.draftProblems.length > 0;

  return (
    <section className="card" aria-labelledby={`${uid}-h`}>
      <h3 id={`${uid}-h`}>{tk('tab.import')}</h3>
      <p>{tk('import.intro')}</p>
      <div className="field">
        <label htmlFor={`${uid}-f`}>{tk('import.file')}</label>
        <input
          id={`${uid}-f`}
          type="file"
          data-testid="import-file"
          accept=".csv,.tsv,.txt,.zip,.yml,.yaml,.json"
          onChange={(e) => {
            setMapping(null);
            setFile(null);
            void pick(e.target.files?.[0], setFile);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${uid}-x`}>{tk('import.extra')}</label>
        <input id={`${uid}-x`} type="file" data-testid="import-extra" accept=".yml,.yaml" onChange={(e) => void pick(e.target.files?.[0], setExtra)} />
      </div>
      <div className="field">
        <label htmlFor={`${uid}-fmt`}>{tk('import.format')}</label>
        <select id={`${uid}-fmt`} value={format} onChange={(e) => setFormat(e.target.value as ImportFormat | '')}>
          <option value="">{tk('import.auto')}</option>
          {FORMATS.map((f) => (
            <option key={f} value={f}>
              {tk(`import.fmt.${f}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="btn btn-primary" data-testid="import-preview" disabled={!file || reading > 0} onClick={() => void runPreview(null)}>
        {tk('import.preview')}
      </button>
      <ErrorText error={error} />

      {preview && (
        <div data-testid="import-preview-result">
          <p role="status">{tk('import.summary', { intents: preview.intents.length, phrases: preview.phrases, answers: preview.answers, entities: preview.entities })}</p>
          {preview.columns && mapping && (
            <fieldset className="kb-fieldset">
              <legend>{tk(`import.fmt.${preview.format}`)}</legend>
              {(['question', 'answer'] as const).map((k) => (
                <div className="field" key={k}>
                  <label htmlFor={`${uid}-${k}`}>{tk(k === 'question' ? 'import.questionCol' : 'import.answerCol')}</label>
                  <select id={`${uid}-${k}`} value={mapping[k]} onChange={(e) => void runPreview({ ...mapping, [k]: Number(e.target.value) })}>
                    {preview.columns?.headers.map((h, i) => (
                      <option key={i} value={i} data-content>
                        {h}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
              <div className="check">
                <input id={`${uid}-hdr`} type="checkbox" checked={mapping.header} onChange={(e) => void runPreview({ ...mapping, header: e.target.checked })} />
                <label htmlFor={`${uid}-hdr`}>{tk('import.header')}</label>
              </div>
            </fieldset>
          )}
          {(preview.errors.length > 0 || preview.draftProblems.length > 0) && (
            <div role="alert" className="error-box" data-testid="import-errors">
              <p>{tk('import.errors')}</p>
              <ul>
                {[...preview.errors, ...preview.draftProblems].map((e, i) => (
                  <li key={i}>
                    <code data-content>{e.path}</code>: {detailText(e, t)}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {preview.intents.length > 0 && (
            <div className="table-wrap table-scroll">
              <table className="table table-compact">
                <thead>
                  <tr>
                    <th scope="col">{tk('intents.list')}</th>
                    <th scope="col" className="num">
                      {tk('field.examples')}
                    </th>
                    <th scope="col" className="num">
                      {tk('import.answersColumn')}
                    </th>
                    <th scope="col">{tk('versions.summary')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.intents.slice(0, 200).map((it) => (
                    <tr key={it.id}>
                      <td>
                        <span data-content>{it.title}</span>{' '}
                        <span className="muted" data-content>
                          ({it.id})
                        </span>
                      </td>
                      <td className="num">{it.examples}</td>
                      <td className="num">{it.responses}</td>
                      <td>{it.replaces ? tk('import.replaces') : tk('import.new')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {preview.warnings.length > 0 && (
            <>
              <h4>{tk('import.warnings')}</h4>
              <ul className="muted">
                {preview.warnings.slice(0, 50).map((w, i) => (
                  <li key={i}>{tk(WARNING_KEYS[w.code], w.params)}</li>
                ))}
              </ul>
            </>
          )}
          <button
            type="button"
            className="btn btn-primary"
            data-testid="import-apply"
            disabled={blocked || reading > 0}
            onClick={async () => {
              const r = await call('kb.import.apply', request(mapping));
              if (!r.ok) return setError(errorText(r.error, t));
              draft.adopt(r.value.draft);
              setPreview(null);
              setStatus(tk('import.applied'));
            }}
          >
            {tk('import.apply')}
          </button>
        </div>
      )}
      <Status text={status} />
    </section>
  );
}
