/** `kb.*`: the knowledge base in use, "Try a phrase", import and reset (staff only in kiosk mode). */
import type { BackendContext } from '../context';
import type { Handlers } from '../router';

export type KnowledgeChannels = 'kb.info' | 'kb.try' | 'kb.import' | 'kb.resetDefault';

export function knowledgeHandlers(ctx: BackendContext): Pick<Handlers, KnowledgeChannels> {
  return {
    'kb.info': () => ctx.services().knowledge.info(),
    'kb.try': ({ text, previous }) => ctx.services().knowledge.tryPhrase(text, previous),
    'kb.import': ({ fileName, content }) => {
      const s = ctx.services();
      ctx.staffGuard();
      return s.knowledge.import(fileName, content);
    },
    'kb.resetDefault': () => {
      const s = ctx.services();
      ctx.staffGuard();
      return s.knowledge.resetDefault();
    },
  };
}
