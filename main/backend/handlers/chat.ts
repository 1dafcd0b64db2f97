/**
 * `chat.*`: one customer conversation from welcome to end (main/services/chat.ts). These channels
 * hold the store gate shared (store-gate.ts), so a turn never lands in the middle of a wipe.
 */
import { AppFailure } from '../../../shared/result';
import type { BackendContext } from '../context';
import type { Handlers } from '../router';

export type ChatChannels = 'chat.start' | 'chat.consent' | 'chat.send' | 'chat.end' | 'chat.withdrawConsent' | 'chat.setLanguage';

export function chatHandlers(ctx: BackendContext): Pick<Handlers, ChatChannels> {
  return {
    'chat.start': (req) => {
      const s = ctx.services();
      // A kiosk reaches customers only after staff set it up: without a PIN, the first person to
      // walk up could set one and become staff.
      if (s.settings.kiosk() && !s.pin.status(true).pinSet) throw new AppFailure('conflict', 'This kiosk is not set up yet: a member of staff must set the staff PIN first.');
      return s.chat.start(ctx.locale(req?.locale));
    },
    'chat.consent': ({ conversationId, choice }) => ctx.services().chat.consent(conversationId, choice),
    'chat.send': ({ conversationId, text }) => ctx.services().chat.send(conversationId, text),
    'chat.end': ({ conversationId }) => {
      ctx.services().chat.end(conversationId);
      return { ended: true as const };
    },
    'chat.withdrawConsent': ({ conversationId }) => ({ deleted: ctx.services().chat.withdraw(conversationId) }),
    'chat.setLanguage': ({ conversationId, language }) => ({ language: ctx.services().chat.setLanguage(conversationId, language) }),
  };
}
