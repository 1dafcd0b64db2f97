/**
 * Conversations kept on this device: the list, full-text search, a transcript viewer and deleting
 * one conversation (with a confirmation). Opening a transcript is an audited "data viewed" event on
 * the backend side.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ConversationSummary, SearchHit, Transcript } from '../../../../../shared/domain';
import { call } from '../../../api';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorText, Loaded } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { useApp } from '../../../lib/app-context';
import { formatDateTime } from '../../../lib/format';
import { useLoad } from '../../../lib/useLoad';
import { errorText } from '../../../lib/error-text';
import { intentTitle } from '../../../lib/intent-title';

export function ConversationsPage() {
  const { t, locale, dates } = useI18n();
  const { conversationDeleted } = useApp();
  const searchId = useId();
  const [list, reload] = useLoad(() => call('conversations.list', { limit: 200 }));
  // Topics are shown by their titles ("Refunds"), never by intent ids ("refunds.status").
  const [kb] = useLoad(() => call('kb.info', undefined));
  // In the screen's language when the knowledge base has that title (lib/intent-title.ts).
  const topicTitle = (id: string): string => intentTitle(kb.status === 'ok' ? kb.value : null, id, locale);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<{ query: string; hits: SearchHit[] } | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [open, setOpen] = useState<Transcript | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const [toDelete, setToDelete] = useState<ConversationSummary | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  // After a delete the row (and its button) is gone: focus goes to the message saying so, not the body.
  const statusRef = useRef<HTMLParagraphElement>(null);
  // After a delete the focus goes to the status line that says what went. Moved in an effect, after
  // the commit that closed the dialog (whose cleanup hands the focus back to what opened it), not in
  // a requestAnimationFrame that can run before that commit and lose the race.
  const [focusStatus, setFocusStatus] = useState(0);
  useEffect(() => {
    if (focusStatus > 0) statusRef.current?.focus();
  }, [focusStatus]);

  const search = async () => {
    const q = query.trim();
    // A new search replaces whatever the last one (or a delete) left on screen, hits or none.
    setHits(null);
    setStatus(null);
    setSearchError(null);
    if (!q) return;
    const r = await call('conversations.search', { query: q, limit: 50 });
    if (r.ok) setHits({ query: q, hits: r.value.hits });
    else setSearchError(errorText(r.error, t));
  };

  const openTranscript = async (conversationId: string) => {
    setOpenError(null);
    const r = await call('conversations.get', { conversationId });
    if (r.ok) setOpen(r.value);
    else setOpenError(errorText(r.error, t));
  };

  return (
    <div className="page-stack">
      <p>{t('conv.intro')}</p>
      <form
        className="inline-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <label htmlFor={searchId}>{t('conv.search')}</label>
        <input id={searchId} type="search" value={query} maxLength={200} onChange={(e) => setQuery(e.target.value)} />
        <button type="submit" className="btn">
          {t('conv.searchButton')}
        </button>
      </form>
      <ErrorText error={searchError} />
      {hits && (
        <section aria-label={t('conv.searchResults', { count: hits.hits.length })} data-testid="search-results">
          <p role="status">{hits.hits.length === 0 ? t('conv.searchNone', { query: hits.query }) : t('conv.searchResults', { count: hits.hits.length })}</p>
          <ul className="hit-list">
            {hits.hits.map((h) => (
              <li key={h.messageId} className="hit">
                <span className="muted">
                  <span data-content>{formatDateTime(dates, h.at)}</span> · {h.role === 'user' ? t('chat.you') : t('chat.bot')}
                </span>
                <span className="hit-snippet" data-content>
                  {h.snippet}
                </span>
                <button type="button" className="btn btn-small" onClick={() => void openTranscript(h.conversationId)}>
                  {t('common.open')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <p ref={statusRef} role="status" tabIndex={-1} className={status ? 'notice' : 'sr-only'} data-testid="conversations-status">
        {status ?? ''}
      </p>
      <Loaded state={list}>
        {({ conversations, total }) =>
          conversations.length === 0 ? (
            <p className="empty">{t('conv.none')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table table-stack" data-testid="conversation-table">
                <caption className="sr-only">{t('conv.total', { count: total })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('conv.started')}</th>
                    <th scope="col">{t('conv.messages')}</th>
                    <th scope="col">{t('conv.topics')}</th>
                    <th scope="col">{t('conv.keptBy')}</th>
                    <th scope="col">{t('conv.keptUntil')}</th>
                    <th scope="col">{t('conv.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {conversations.map((c) => (
                    <tr key={c.id} data-conversation-id={c.id}>
                      <td data-label={t('conv.started')} data-content>
                        {formatDateTime(dates, c.startedAt)}
                      </td>
                      <td data-label={t('conv.messages')}>{c.messageCount}</td>
                      {/* The knowledge base's intent titles: the shop's words. */}
                      <td data-label={t('conv.topics')} data-content>
                        {/* Until the titles are in, the ids would show for a moment: nothing instead. */}
                        {kb.status === 'loading' ? '…' : c.topics.map(topicTitle).join(', ') || '—'}
                      </td>
                      <td data-label={t('conv.keptBy')}>{c.keptBy === 'consent' ? t('conv.keptByConsent') : t('conv.keptByPolicy')}</td>
                      <td data-label={t('conv.keptUntil')}>{c.expiresAt ? <span data-content>{formatDateTime(dates, c.expiresAt)}</span> : t('conv.untilWipe')}</td>
                      <td className="row-actions">
                        <button type="button" className="btn btn-small" onClick={() => void openTranscript(c.id)}>
                          {t('common.open')}
                        </button>
                        <button type="button" className="btn btn-small btn-danger-outline" onClick={() => setToDelete(c)}>
                          {t('common.delete')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>

      <ErrorText error={openError} />
      {open && (
        <section className="transcript" aria-labelledby="transcript-title" data-testid="transcript">
          <div className="section-head">
            <h3 id="transcript-title">
              {t('conv.transcript')}: <span data-content>{formatDateTime(dates, open.conversation.startedAt)}</span>
            </h3>
            <button type="button" className="btn btn-small" onClick={() => setOpen(null)}>
              {t('conv.closeTranscript')}
            </button>
          </div>
          <ol className="transcript-list">
            {open.messages.map((m) => (
              <li key={m.id} className={`transcript-line transcript-${m.role}`}>
                <span className="transcript-who">{m.role === 'user' ? t('chat.you') : t('chat.bot')}</span>
                <span className="transcript-text" data-content>
                  {m.text}
                </span>
              </li>
            ))}
          </ol>
        </section>
      )}

      {toDelete && (
        <ConfirmDialog
          title={t('conv.deleteTitle')}
          confirmLabel={t('common.delete')}
          danger
          testId="confirm-delete"
          onCancel={() => setToDelete(null)}
          onConfirm={async () => {
            const r = await call('conversations.delete', { conversationId: toDelete.id });
            if (r.ok) {
              if (open?.conversation.id === toDelete.id) setOpen(null);
              conversationDeleted(toDelete.id);
              setToDelete(null);
              setStatus(t('conv.deleted', { messages: r.value.deleted.messages }));
              setHits(null);
              await reload();
              setFocusStatus((n) => n + 1);
            }
            return r;
          }}
        >
          <p>{t('conv.deleteBody', { started: formatDateTime(dates, toDelete.startedAt), messages: toDelete.messageCount })}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
