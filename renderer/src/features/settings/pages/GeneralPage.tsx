/** Display and language: interface language, large text, high contrast. Applied at once. */
import { useId, useState } from 'react';
import type { Locale } from '../../../../../shared/domain';
import { ErrorText } from '../../../components/States';
import { LOCALES, LOCALE_NAMES, useI18n } from '../../../i18n';
import { useApp } from '../../../lib/app-context';
import type { SettingsPatch } from '../../../lib/settings';
import { ReadAloudSetting } from './ReadAloudSetting';
import { errorText } from '../../../lib/error-text';

export function GeneralPage() {
  const { t } = useI18n();
  const { settings, updateSettings } = useApp();
  const langId = useId();
  const [error, setError] = useState<string | null>(null);
  const apply = async (patch: SettingsPatch) => {
    setError(null);
    const r = await updateSettings(patch);
    if (!r.ok) setError(errorText(r.error, t));
  };
  return (
    <div className="page-stack">
      <p>{t('general.intro')}</p>
      <div className="field">
        <label htmlFor={langId}>{t('general.language')}</label>
        <select id={langId} value={settings.locale} onChange={(e) => void apply({ locale: e.target.value as Locale })}>
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
      </div>
      <label className="check">
        <input type="checkbox" checked={settings.largeText} onChange={(e) => void apply({ largeText: e.target.checked })} />
        <span>{t('general.largeText')}</span>
      </label>
      <label className="check">
        <input type="checkbox" checked={settings.highContrast} onChange={(e) => void apply({ highContrast: e.target.checked })} />
        <span>{t('general.highContrast')}</span>
      </label>
      <ReadAloudSetting checked={settings.readAloud} onChange={(readAloud) => void apply({ readAloud })} />
      <ErrorText error={error} />
    </div>
  );
}
