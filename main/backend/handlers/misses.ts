/**
 * `misses.*`: the missed-questions inbox (staff only in kiosk mode), and `chat.feedback`, the
 * customer's 👍/👎 under a bot answer (a 👎 in a saved conversation becomes a missed question).
 */
import type { BackendContext } from '../context';
import type { Handlers } from '../router';
import { editorRole } from './knowledge';

export type MissChannels = 'misses.list' | 'misses.assign' | 'misses.create' | 'misses.dismiss' | 'misses.settings.get' | 'misses.settings.set' | 'chat.feedback';

export function missHandlers(ctx: BackendContext): Pick<Handlers, MissChannels> {
  const staff = () => {
    const s = ctx.services();
    ctx.staffGuard();
    return s;
  };
  return {
    'misses.list': () => ({ groups: staff().kbEditor.missGroups() }),
    'misses.assign': ({ group, intent }) => staff().kbEditor.assignMisses(group, intent, editorRole(ctx)),
    'misses.create': ({ group, id, title, answer, defaultExample, defaultAnswer }) => staff().kbEditor.createIntentFromMisses(group, { id, title, answer, defaultExample, defaultAnswer }, editorRole(ctx)),
    'misses.dismiss': ({ group }) => staff().kbEditor.dismissMisses(group, editorRole(ctx)),
    'misses.settings.get': () => staff().misses.settings(),
    'misses.settings.set': ({ patch }) => {
      const s = staff();
      const next = s.misses.setSettings(patch);
      ctx.audit('settings_changed', { keys: Object.keys(patch).map((k) => `misses.${k}`).join(','), role: editorRole(ctx) });
      return next;
    },
    'chat.feedback': ({ conversationId, turn, helpful }) => ({ recorded: ctx.services().chat.feedback(conversationId, turn, helpful) }),
  };
}
