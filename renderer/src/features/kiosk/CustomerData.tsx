/**
 * "Your data" for the customer at a kiosk: what is kept about THIS conversation and the shop's
 * policy, in plain words. No file paths, cipher names or store-wide counts: those describe other
 * customers' conversations too, and belong to the staff view in settings.
 */
import type { PrivacyFacts } from '../../../../shared/domain';
import { call } from '../../api';
import { Loaded } from '../../components/States';
import { useI18n } from '../../i18n';
import { noticeText, retentionWords } from '../../lib/format';
import { missedKeepingWords } from '../../lib/retention-text';
import { useLoad } from '../../lib/useLoad';
import { MaskingList } from '../settings/pages/PrivacyPage';
import type { ConversationKeeping } from '../chat/ChatView';

export function CustomerData({ keeping }: { keeping: ConversationKeeping | null }) {
  const { t } = useI18n();
  const [facts] = useLoad(() => call('privacy.facts', undefined));
  const now = !keeping || keeping.mode === null
    ? t('yourData.noConversation')
    : keeping.consentPending
      ? t('yourData.pending')
      : keeping.mode === 'saved'
        ? t('yourData.saved', { n: keeping.messages })
        : t('yourData.notSaved');
  return (
    <div className="page-stack" data-testid="customer-data">
      <section className="card" aria-labelledby="cd-now">
        <h3 id="cd-now">{t('yourData.thisConversation')}</h3>
        <p data-testid="customer-data-now">{now}</p>
      </section>
      <Loaded state={facts}>
        {(f: PrivacyFacts) => (
          <section className="card" aria-labelledby="cd-policy">
            <h3 id="cd-policy">{t('yourData.policy')}</h3>
            <dl className="facts">
              <dt>{t('privacy.retention')}</dt>
              <dd>{t('privacy.keptFor', { retention: retentionWords(t, f.retention) })}</dd>
              <dt>{t('privacy.redaction')}</dt>
              <dd>
                <MaskingList masking={f.masking} />
              </dd>
              <dt>{t('privacy.missed')}</dt>
              <dd data-testid="missed-keeping">{missedKeepingWords(t, f.missedQuestionKeeping, f.nextScheduledWipe !== null)}</dd>
              <dt>{t('yourData.where')}</dt>
              <dd>{t('yourData.whereValue')}</dd>
            </dl>
            <p className="notice-text" {...(f.privacyNotice.version > 0 ? { 'data-content': '' } : {})}>
              {noticeText(t, f.privacyNotice)}
            </p>
          </section>
        )}
      </Loaded>
    </div>
  );
}
