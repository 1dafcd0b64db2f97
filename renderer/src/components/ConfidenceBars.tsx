/** Top intents as labelled bars with their confidence (Try a phrase, in settings and in the editor). */
import type { IntentScore } from '../../../shared/domain';
import { useI18n } from '../i18n';
import { formatPercent } from '../lib/format';

export function ConfidenceBars({ ranking, labelOf }: { ranking: readonly IntentScore[]; labelOf: (intent: string) => string }) {
  const { locale } = useI18n();
  return (
    <ul className="bars">
      {ranking.map((s) => (
        <li key={s.intent} className="bar-row">
          {/* An intent's title or id: the knowledge base's words; the percentage is Intl's. */}
          <span className="bar-label" data-content>
            {labelOf(s.intent)}
          </span>
          <span className="bar-track" aria-hidden="true">
            <span className="bar-fill" style={{ width: `${Math.round(Math.max(0, Math.min(1, s.confidence)) * 100)}%` }} />
          </span>
          <span className="bar-value" data-content>
            {formatPercent(locale, s.confidence)}
          </span>
        </li>
      ))}
    </ul>
  );
}
