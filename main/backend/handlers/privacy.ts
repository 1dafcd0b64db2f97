/** `privacy.*`: the live facts behind "Your data", and the privacy notice (staff only in kiosk mode). */
import { publishNotice } from '../../services/privacy';
import type { BackendContext } from '../context';
import type { Handlers } from '../router';

export type PrivacyChannels = 'privacy.facts' | 'privacy.setNotice';

export function privacyHandlers(ctx: BackendContext): Pick<Handlers, PrivacyChannels> {
  return {
    'privacy.facts': () => {
      const f = ctx.facts();
      ctx.audit('data_viewed', { view: 'privacy_facts' });
      return f;
    },
    'privacy.setNotice': ({ text }) => {
      const s = ctx.services();
      ctx.staffGuard();
      const version = publishNotice(s.store, text, ctx.now());
      ctx.audit('notice_changed', { version });
      return { version };
    },
  };
}
