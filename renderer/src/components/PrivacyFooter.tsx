/** The always-visible promise: the assistant runs on this device and sends nothing; links to "Your data". */
import { useI18n } from '../i18n';

export function PrivacyFooter({ onOpenYourData }: { onOpenYourData: () => void }) {
  const { t } = useI18n();
  return (
    <footer className="privacy-footer">
      <span className="lock-icon" aria-hidden="true" />
      <span>{t('chat.footer')}</span>{' '}
      <button type="button" className="link-button" onClick={onOpenYourData}>
        {t('chat.yourData')}
      </button>
    </footer>
  );
}
