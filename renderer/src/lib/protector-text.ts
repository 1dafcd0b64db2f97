/**
 * What the backend reports about the key's protection and the audit chain, worded from the
 * catalogues: the OS keyring's backend name (gnome_libsecret, basic_text…) and the audit chain's
 * problem are codes, never shown raw; the backend's English `warning` and `reason` stay for the CLI.
 * A keyring this build has no words for (a new Electron backend) is shown as its own name (data).
 */
import type { AuditProblem, KeyProtectorInfo } from '../../../shared/domain';
import type { MessageKey, Translate } from '../i18n/translate';

const BACKEND_KEYS: Record<string, MessageKey> = {
  gnome_libsecret: 'privacy.backend.gnome_libsecret',
  kwallet: 'privacy.backend.kwallet',
  kwallet5: 'privacy.backend.kwallet',
  kwallet6: 'privacy.backend.kwallet',
  basic_text: 'privacy.backend.basic_text',
  unknown: 'privacy.backend.unknown',
  darwin: 'privacy.backend.darwin',
  win32: 'privacy.backend.win32',
};

/** The keyring's name in the screen's language ('none' when there was none). */
export function keyringName(backend: string | null, t: Translate): string {
  if (backend === null) return t('privacy.backend.none');
  const key = BACKEND_KEYS[backend];
  return key ? t(key) : backend;
}

/** "Device keychain (GNOME Keyring)". */
export function deviceProtectorText(p: Pick<KeyProtectorInfo, 'backend'>, t: Translate): string {
  return t('privacy.protector.device', { backend: p.backend === null ? '?' : keyringName(p.backend, t) });
}

/** Why the device key is not protected by the OS (and whether the keyring changed), in words. */
export function protectorWarningText(p: Pick<KeyProtectorInfo, 'protectedByOs' | 'keyringChange'>, t: Translate): string {
  const parts: string[] = [];
  if (p.keyringChange) parts.push(t('privacy.protectorWarning.changed', { from: keyringName(p.keyringChange.from, t), to: keyringName(p.keyringChange.to, t) }));
  if (!p.protectedByOs) parts.push(t('privacy.protectorWarning.basicText'));
  return t('privacy.protectorWarning', { warning: parts.join(' ') });
}

/** "Broken at entry 4: entry 4 was changed after it was written", worded from the problem's code. */
export function auditBrokenText(v: { brokenAt: number | null; problem?: AuditProblem }, t: Translate): string {
  // Each problem carries exactly the entry numbers its sentence names; without one it is "entry N is broken".
  const { code, ...vars } = v.problem ?? { code: 'broken' as const, at: v.brokenAt ?? '?' };
  return t('privacy.auditBroken', { at: v.brokenAt ?? '?', reason: t(`privacy.auditReason.${code}`, vars) });
}
