/**
 * An intent's title as a screen in `locale` shows it: the knowledge base's title in that language
 * when it has one (languages.<code>.intents.<id>.title), else the default language's; an id the
 * knowledge base no longer has reads as itself (a conversation older than the current KB).
 */
import type { Intent, KbInfo } from '../../../shared/domain';

export function intentTitle(kb: Pick<KbInfo, 'intents'> | null, id: string, locale: string): string {
  const intent = kb?.intents.find((i) => i.id === id);
  return intent ? titleIn(intent, locale) : id;
}

/** The title of an intent in hand (a row of kb.info's list) as a screen in `locale` shows it. */
export function titleIn(intent: Pick<Intent, 'title' | 'titles'>, locale: string): string {
  return intent.titles?.[locale] ?? intent.title;
}
