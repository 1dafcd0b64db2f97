/**
 * The audit log in words: event kinds and their details as sentences from the catalogues, never
 * raw ids like `unlock_success protector=passphrase`. A kind or field this build has no words for
 * (a newer app wrote it) is shown with its underscores turned into spaces, and a value that is an
 * identifier rather than a word (a settings key, a host, a hash) as it is: both are marked `raw`, so
 * the page shows them as data (data-content) and not as interface text.
 */
import type { MessageKey, Translate } from '../i18n';
import { en } from '../i18n/en';

const plain = (id: string): string => id.replace(/[_.]+/g, ' ');

function known(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** Words, or an identifier shown as it is (`raw`). */
export interface AuditWords {
  text: string;
  raw: boolean;
}

export function auditEventWords(t: Translate, kind: string): AuditWords {
  const key = `audit.kind.${kind}`;
  return known(key) ? { text: t(key), raw: false } : { text: plain(kind), raw: true };
}

/** One "field: value" pair of an entry's detail. */
export interface AuditDetailPart {
  field: AuditWords;
  value: AuditWords;
}

export function auditDetailParts(t: Translate, detail: Record<string, string | number | boolean | null>): AuditDetailPart[] {
  return Object.entries(detail).map(([k, v]) => {
    const label = `audit.field.${k}`;
    const value: AuditWords =
      typeof v === 'string' && known(`audit.value.${v}`)
        ? { text: t(`audit.value.${v}` as MessageKey), raw: false }
        : typeof v === 'boolean'
          ? { text: t(v ? 'common.yes' : 'common.no'), raw: false }
          : v === null
            ? { text: '—', raw: false }
            : { text: plain(String(v)), raw: typeof v === 'string' };
    return { field: known(label) ? { text: t(label), raw: false } : { text: plain(k), raw: true }, value };
  });
}
