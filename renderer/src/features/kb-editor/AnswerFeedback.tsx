/**
 * 👍/👎 under a bot answer (saved conversations only: a 👎 there becomes a missed question, masked
 * and detached; in an unsaved conversation nothing could be kept, so the question is not asked).
 * Two real buttons with aria-pressed in a labelled group; the thanks is announced, and it says
 * staff will use it only when the backend says the 👎 was recorded (a 👍, or a question already in
 * the inbox, gets a plain thank you: no claim the app cannot back).
 */
import { useState } from 'react';
import { call } from '../../api';
import { Icon } from '../../components/Icon';
import { useKbText } from './text';

export function AnswerFeedback({ conversationId, turn }: { conversationId: string; turn: number }) {
  const { tk } = useKbText();
  const [given, setGiven] = useState<'up' | 'down' | null>(null);
  const [recorded, setRecorded] = useState(false);
  const send = async (helpful: boolean) => {
    if (given) return;
    const r = await call('chat.feedback', { conversationId, turn, helpful });
    if (!r.ok) return;
    setRecorded(r.value.recorded);
    setGiven(helpful ? 'up' : 'down');
  };
  return (
    <div className="kb-feedback" role="group" aria-label={tk('feedback.question')} data-testid="answer-feedback">
      <button type="button" className="btn btn-small btn-quiet" aria-pressed={given === 'up'} disabled={given !== null} onClick={() => void send(true)}>
        <Icon name="thumbUp" /> {tk('feedback.up')}
      </button>
      <button type="button" className="btn btn-small btn-quiet" aria-pressed={given === 'down'} disabled={given !== null} onClick={() => void send(false)}>
        <Icon name="thumbDown" /> {tk('feedback.down')}
      </button>
      <span role="status" className={given ? 'muted' : 'sr-only'}>
        {given ? tk(recorded ? 'feedback.thanks' : 'feedback.noted') : ''}
      </span>
    </div>
  );
}
