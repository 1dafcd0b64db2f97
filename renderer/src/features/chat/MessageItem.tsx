/** One line of the conversation: the customer's words, or the assistant's reply (with a handoff card). */
import type { BotMessage } from '../../../../shared/domain';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n';
import { useBrand } from '../../lib/branding';
import { wordMasks } from '../../lib/mask-marks';
import { AnswerFeedback } from '../kb-editor/AnswerFeedback';

export type ChatItem =
  | { key: number; role: 'user'; text: string; storedText: string | null; pending: boolean }
  | { key: number; role: 'bot'; msg: BotMessage };

/**
 * `feedback`: where a 👍/👎 goes (saved conversations, answers to a customer message); absent: none shown.
 * `onSpeak`: reads the answer aloud; absent (no offline voice for the conversation's language): no button.
 */
export function MessageItem({ item, showStored, feedback, onSpeak }: { item: ChatItem; showStored: boolean; feedback?: { conversationId: string; turn: number }; onSpeak?: (text: string) => void }) {
  const { t } = useI18n();
  const { botName, nameProps } = useBrand();
  if (item.role === 'user') {
    // '' = not written when it was sent (asked before the save answer): nothing to show as "saved as".
    const redacted = showStored && item.storedText !== null && item.storedText !== '' && item.storedText !== item.text;
    return (
      <div className={`msg msg-user${item.pending ? ' msg-pending' : ''}`}>
        <span className="sr-only">{t('chat.you')}: </span>
        <p className="bubble" data-content>
          {item.text}
        </p>
        {redacted && <p className="msg-meta">{t('chat.storedAs', { text: wordMasks(item.storedText ?? '', t) })}</p>}
      </div>
    );
  }
  return (
    <div className="msg msg-bot" data-intent={item.msg.intent ?? ''} data-awaiting-slot={item.msg.awaitingSlot ?? ''}>
      {/* The bot's words (the knowledge base) are content, and so is its name when it is the shop's. */}
      <span className="sr-only" {...nameProps}>
        {botName}:{' '}
      </span>
      {/* Marked with its own language: after a switch the log holds both, and a screen reader must read each in its voice. */}
      <p className="bubble" data-content lang={item.msg.language}>
        {item.msg.text}
      </p>
      {onSpeak && (
        <button type="button" className="btn btn-small btn-speak" data-testid="read-aloud" onClick={() => onSpeak(item.msg.text)}>
          <Icon name="speaker" /> {t('speech.readAloud')}
        </button>
      )}
      {feedback && <AnswerFeedback conversationId={feedback.conversationId} turn={feedback.turn} />}
      {item.msg.handoff && (
        // A label only: where to go is said once, in the reply above (from the knowledge base).
        <div className="handoff" data-testid="handoff">
          <p className="handoff-title">{t('chat.handoffTitle')}</p>
        </div>
      )}
    </div>
  );
}
