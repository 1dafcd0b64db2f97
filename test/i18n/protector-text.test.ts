/**
 * Backend values inside catalogue sentences are worded from the catalogue (issue 17, item 5): the
 * device keychain's backend name (gnome_libsecret, basic_text…), the unprotected-key warning and a
 * changed keyring, and why the audit chain is broken. Real values: the device protector over the
 * test safeStorage, and verifyAudit on a real encrypted store tampered with SQL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, AUDIT_KINDS, verifyAudit } from '../../main/data';
import { BASIC_TEXT_WARNING, DeviceProtector } from '../../main/store/keys/device';
import type { Store } from '../../main/store';
import { es } from '../../renderer/src/i18n/es';
import { en } from '../../renderer/src/i18n/en';
import { translator as tr } from '../../renderer/src/i18n/translate';
import { auditBrokenText, deviceProtectorText, protectorWarningText } from '../../renderer/src/lib/protector-text';
import { cleanupTempDirs, tempDir } from '../store/helpers';
import { openAt, T0 } from '../data/helpers';
import { FakeSafeStorage } from '../support/fake-safe-storage';

const open: Store[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  cleanupTempDirs();
});

describe('the device keychain in words', () => {
  it("basic_text: its name and the warning come from the catalogue, not the backend's English", async () => {
    const info = (await new DeviceProtector(new FakeSafeStorage('basic_text'), 'linux').create()).info();
    expect(info).toMatchObject({ backend: 'basic_text', protectedByOs: false, warning: BASIC_TEXT_WARNING });
    expect(deviceProtectorText(info, tr('es'))).toBe('Llavero del dispositivo (sin llavero del sistema)');
    const warning = protectorWarningText(info, tr('es'));
    expect(warning).toBe(`Aviso: el sistema operativo no protege la clave. ${es['privacy.protectorWarning.basicText']}`);
    expect(warning).not.toContain('keyring');
    // English says what the backend's warning said, word for word.
    expect(en['privacy.protectorWarning.basicText']).toBe(BASIC_TEXT_WARNING);
    expect(protectorWarningText(info, tr('en'))).toBe(`Warning: the key is not protected by the operating system. ${BASIC_TEXT_WARNING}`);
  });

  it('gnome_libsecret is named, and a keyring that changed since the key was wrapped is said with both names', async () => {
    const good = (await new DeviceProtector(new FakeSafeStorage('gnome_libsecret'), 'linux').create()).info();
    expect(deviceProtectorText(good, tr('es'))).toBe('Llavero del dispositivo (llavero de GNOME)');
    expect(deviceProtectorText(good, tr('en'))).toBe('Device keychain (GNOME Keyring)');
    const changed = (await new DeviceProtector(new FakeSafeStorage('basic_text'), 'linux').attach({ kind: 'device', backend: 'gnome_libsecret', platform: 'linux' })).info();
    expect(changed.keyringChange).toEqual({ from: 'gnome_libsecret', to: 'basic_text' });
    expect(protectorWarningText(changed, tr('es'))).toBe(
      `Aviso: el sistema operativo no protege la clave. El llavero del sistema cambió de llavero de GNOME a sin llavero del sistema. ${es['privacy.protectorWarning.basicText']}`,
    );
    // A keyring this build has no words for is its own name (data), not a guess.
    expect(deviceProtectorText({ backend: 'fake_test_keychain' }, tr('es'))).toBe('Llavero del dispositivo (fake_test_keychain)');
  });
});

describe('a broken audit chain in words', () => {
  async function filled(n: number): Promise<Store> {
    const s = await openAt(tempDir('hushdesk-audit-words-'));
    open.push(s);
    for (let i = 0; i < n; i++) appendAudit(s.db, AUDIT_KINDS[i % AUDIT_KINDS.length] as string, { n: i }, T0 + i * 1000);
    return s;
  }

  it('a changed entry, a missing one and removed ones, each worded by its code', async () => {
    const changed = await filled(6);
    changed.db.prepare(`UPDATE audit_log SET detail = '{"n":99}' WHERE seq = 4`).run();
    const v1 = verifyAudit(changed.db);
    expect(v1.problem).toEqual({ code: 'changed', at: 4 });
    expect(auditBrokenText(v1, tr('es'))).toBe('Roto en la entrada 4: la entrada 4 se modificó después de escribirse (el hash no coincide)');
    expect(auditBrokenText(v1, tr('en'))).toBe(`Broken at entry 4: ${v1.reason}`);

    const missing = await filled(6);
    missing.db.prepare('DELETE FROM audit_log WHERE seq = 3').run();
    const v2 = verifyAudit(missing.db);
    expect(v2.problem).toEqual({ code: 'entries_missing', from: 3, to: 3, at: 4 });
    expect(auditBrokenText(v2, tr('es'))).toBe('Roto en la entrada 4: faltan las entradas 3 a 3 antes de la entrada 4');
    expect(auditBrokenText(v2, tr('en'))).toBe(`Broken at entry 4: ${v2.reason}`);

    const removed = await filled(8);
    removed.db.prepare('DELETE FROM audit_log WHERE seq >= 7').run();
    const v3 = verifyAudit(removed.db);
    expect(v3.problem).toEqual({ code: 'entries_removed', after: 6, head: 8 });
    expect(auditBrokenText(v3, tr('es'))).toBe('Roto en la entrada 7: se quitaron las entradas posteriores a la 6, hasta la 8');
    expect(auditBrokenText(v3, tr('en'))).toBe(`Broken at entry 7: ${v3.reason}`);
  });
});
