/** About: version, platform, the on-device promise and the licences. */
import { useI18n } from '../../../i18n';
import { useApp } from '../../../lib/app-context';

export function AboutPage() {
  const { t } = useI18n();
  const { info } = useApp();
  return (
    <div className="page-stack">
      <p className="lead">{t('about.intro')}</p>
      <p>{t('about.version', { version: info.version })}</p>
      {/* The platform is the OS's own id (linux, darwin, win32), data; how Hushdesk runs is worded. */}
      <p className="muted">{t('about.host', { platform: info.platform, host: t(`about.host.${info.host}`) })}</p>
      <p className="callout">{t('about.local')}</p>
      <h3>{t('about.licences')}</h3>
      <p>{t('about.licenceText')}</p>
    </div>
  );
}
