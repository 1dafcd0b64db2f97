/**
 * The audit log in words: event kinds and their details as sentences from the catalogues, never
 * raw ids like `unlock_success protector=passphrase`. A kind or field this build has no words for
 * (a newer app wrote it) is shown with its underscores turned into spaces.
 */
import type { MessageKey, Translate } from '../i18n';
import { en } from '../i18n/en';

const plain = (id: string): string => id.replace(/[_.]+/g, ' ');

function known(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

export function auditEventText(t: Translate, kind: string): string {
  const key = `audit.kind.${kind}`;
  return known(key) ? t(key) : plain(kind);
}

export function auditDetailText(t: Translate, detail: Record<string, string | number | boolean | null>): string {
  return Object.entries(detail)
    .map(([k, v]) => {
      const label = `audit.field.${k}`;
      const value = typeof v === 'string' && known(`audit.value.${v}`) ? t(`audit.value.${v}` as MessageKey) : typeof v === 'boolean' ? t(v ? 'common.yes' : 'common.no') : v === null ? '—' : plain(String(v));
      return `${known(label) ? t(label) : plain(k)}: ${value}`;
    })
    .join('; ');
}
