/** Shared loading and error states for settings pages. */
import type { AppError } from '../../../shared/result';
import type { LoadState } from '../lib/useLoad';
import { useI18n } from '../i18n';
import type { ReactNode } from 'react';
import { errorText } from '../lib/error-text';

export function ErrorText({ error }: { error: AppError | string | null }) {
  const { t } = useI18n();
  if (!error) return null;
  const message = typeof error === 'string' ? error : errorText(error, t);
  return (
    <p role="alert" className="error-text">
      {t('common.error', { message })}
    </p>
  );
}

export function Loaded<T>({ state, children }: { state: LoadState<T>; children: (value: T) => ReactNode }) {
  const { t } = useI18n();
  if (state.status === 'loading')
    return (
      <p role="status" className="muted">
        {t('common.loading')}
      </p>
    );
  if (state.status === 'error') return <ErrorText error={state.error} />;
  return <>{children(state.value)}</>;
}

export function Status({ text }: { text: string | null }) {
  return (
    <p role="status" className={text ? 'notice' : 'sr-only'}>
      {text ?? ''}
    </p>
  );
}
