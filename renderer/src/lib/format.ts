/** Small display helpers shared by the pages (dates, sizes, retention wording). */
import type { Locale, RetentionPolicy } from '../../../shared/domain';
import type { Translate } from '../i18n';

export function formatDateTime(locale: Locale, at: number): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function formatPercent(locale: Locale, fraction: number): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}

export function retentionWords(t: Translate, r: RetentionPolicy): string {
  switch (r.kind) {
    case 'hours':
      return t('retention.hours', { n: r.hours });
    case 'days':
      return t('retention.days', { n: r.days });
    case 'end_of_day':
      return t('retention.end_of_day');
    case 'none':
      return t('retention.none');
  }
}

/** "2025-03-01" from an <input type=date> to epoch ms at local midnight (or end of day). */
export function dateInputToMs(value: string, endOfDay: boolean): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (endOfDay) d.setHours(23, 59, 59, 999);
  return d.getTime();
}

/** Why a scheduled wipe failed, in words (the backend sends only a code). */
export function dutyReason(t: Translate, code: string): string {
  switch (code) {
    case 'key_file_missing':
    case 'io_error':
    case 'locked':
    case 'corrupt':
      return t(`privacy.dutyReason.${code}`);
    default:
      return t('privacy.dutyReason.other', { code });
  }
}
