/**
 * A progress bar for a long job a person waits for (an export, the end-of-day wipe, a retrain):
 * while `active`, it polls `app.progress` (the backend answers it even while a wipe has the store in
 * a worker) and draws a native <progress>, determinate when the job's size is known. Nothing shows
 * for a job that ends before the first poll comes back.
 */
import { useEffect, useState } from 'react';
import type { JobKind, JobProgress as Job } from '../../../shared/domain';
import { call } from '../api';
import { useI18n } from '../i18n';

const POLL_MS = 250;

export function JobProgress({ kind, active }: { kind: JobKind; active: boolean }) {
  const { t } = useI18n();
  const [job, setJob] = useState<Job | null>(null);

  useEffect(() => {
    if (!active) {
      setJob(null);
      return;
    }
    let stopped = false;
    let timer: number | undefined;
    const poll = async () => {
      const r = await call('app.progress', {});
      if (stopped) return;
      // A failed poll only leaves the bar as it was: the job's own result says what happened.
      if (r.ok) setJob(r.value.jobs.find((j) => j.kind === kind) ?? null);
      timer = window.setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [active, kind]);

  if (!active || !job) return null;
  const label =
    kind === 'retrain'
      ? t('progress.retrain')
      : kind === 'wipe'
        ? t('progress.wipe', { done: job.done, total: job.total ?? 0 })
        : job.total === null
          ? t('progress.exportCount', { done: job.done })
          : t('progress.export', { done: job.done, total: job.total });
  return (
    <div className="job-progress" data-testid={`progress-${kind}`}>
      {job.total === null ? <progress aria-label={label} /> : <progress aria-label={label} max={job.total} value={job.done} />}
      <span aria-hidden="true">{label}</span>
    </div>
  );
}
