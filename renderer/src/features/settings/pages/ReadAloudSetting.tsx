/** "Always read answers aloud" (issue 13, item 3), with why it cannot work here when no offline voice speaks the language. */
import { useId } from 'react';
import { useI18n } from '../../../i18n';
import { useSpeech } from '../../../lib/speech';

export function ReadAloudSetting({ checked, onChange }: { checked: boolean; onChange: (on: boolean) => void }) {
  const { t, locale } = useI18n();
  const { available } = useSpeech(locale);
  const hintId = useId();
  return (
    <div>
      <label className="check">
        <input type="checkbox" checked={checked} aria-describedby={hintId} onChange={(e) => onChange(e.target.checked)} />
        <span>{t('general.readAloud')}</span>
      </label>
      <p id={hintId} className="muted" data-testid="read-aloud-hint">
        {available ? t('general.readAloudHint') : t('general.readAloudNoVoice')}
      </p>
    </div>
  );
}
