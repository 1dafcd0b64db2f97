/**
 * What the draft can be published with but the owner should know (KbDraftState.warnings: words a
 * language has not translated), each worded from its code and a button that opens its field.
 */
import { useId } from 'react';
import type { KbWarning } from '../../../../shared/kb-editor';
import { warningText } from './languages';
import { useKbText } from './text';
import type { KbFileDraft } from './types';

export function WarningsPanel({ warnings, file, onOpen }: { warnings: readonly KbWarning[]; file: KbFileDraft; onOpen: (w: KbWarning) => void }) {
  const { tk } = useKbText();
  const uid = useId();
  if (warnings.length === 0) return null;
  return (
    <section className="card kb-warnings" aria-labelledby={`${uid}-h`} data-testid="kb-warnings">
      <h3 id={`${uid}-h`}>{tk('warnings.title', { n: warnings.length })}</h3>
      <p className="muted">{tk('warnings.intro')}</p>
      <ul className="kb-warning-list">
        {warnings.map((w) => (
          <li key={w.path}>
            <button type="button" className="link-button kb-warning-link" data-testid="kb-warning" data-path={w.path} onClick={() => onOpen(w)}>
              <span aria-hidden="true">⚠ </span>
              {warningText(tk, file, w)}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
