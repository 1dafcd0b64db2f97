/**
 * Exports go to a folder the person chooses (issue 15 item 10), on the real backend and a real
 * encrypted store: a folder that does not exist, a file, a relative path or a folder inside the data
 * folder is refused at the field with nothing saved; a chosen folder takes the export, the audit
 * report and the knowledge-base export, and the privacy facts say where; "erase everything" leaves
 * what was saved there; clearing the choice goes back to the host's folder (Downloads in the app).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../main/backend';
import type { ChatStart, ExportResult, PrivacyFacts, Settings } from '../../shared/domain';
import { PASS } from '../data/helpers';
import { cleanupTempDirs, tempDir } from '../store/helpers';
import { value } from '../support/result';

afterAll(cleanupTempDirs);

describe('the export folder setting', () => {
  it('refuses what cannot take exports, at the field; a chosen folder takes every export and survives erase', async () => {
    const dir = tempDir('hushdesk-export-folder-');
    const hostDir = tempDir('hushdesk-export-folder-host-');
    const mine = tempDir('hushdesk-export-folder-mine-');
    const aFile = path.join(mine, 'not-a-folder.txt');
    fs.writeFileSync(aFile, 'x');
    const b = await createBackend({ dataDir: dir, exportDir: hostDir, host: 'node', passphrase: PASS });
    let erased = false;
    try {
      value(await b.handle('settings.set', { patch: { conversationPolicy: 'save' } }));
      const c = value<ChatStart>(await b.handle('chat.start', {}));
      value(await b.handle('chat.send', { conversationId: c.conversationId, text: 'what time do you open on sunday' }));
      const facts = async () => value<PrivacyFacts>(await b.handle('privacy.facts', undefined));
      expect((await facts()).exportDir).toBe(hostDir);

      const refused: [string, RegExp][] = [
        [path.join(mine, 'missing'), /does not exist/],
        [aFile, /is not a folder/],
        ['relative/folder', /must be a full path/],
        [dir, /inside Hushdesk's data folder/],
        [path.join(dir, 'cache'), /inside Hushdesk's data folder|does not exist/],
      ];
      for (const [folder, why] of refused) {
        const r = await b.handle('settings.set', { patch: { exportFolder: folder } });
        expect(r.ok, folder).toBe(false);
        if (r.ok) continue;
        expect(r.error.code).toBe('invalid_input');
        expect(r.error.details?.[0], folder).toMatchObject({ path: 'patch.exportFolder', message: expect.stringMatching(why) });
      }
      expect(value<Settings>(await b.handle('settings.get', undefined)).exportFolder).toBeNull();

      const saved = value<Settings>(await b.handle('settings.set', { patch: { exportFolder: mine } }));
      expect(saved.exportFolder).toBe(mine);
      expect((await facts()).exportDir).toBe(mine);
      const exported = value<ExportResult>(await b.handle('export.create', { format: 'json' }));
      expect(path.dirname(exported.path ?? '')).toBe(fs.realpathSync(mine));
      const kb = value<{ path: string }>(await b.handle('kb.export', { format: 'json' }));
      expect(path.dirname(kb.path)).toBe(fs.realpathSync(mine));
      expect(fs.readdirSync(hostDir)).toEqual([]);

      // Back to the host's folder.
      value(await b.handle('settings.set', { patch: { exportFolder: null } }));
      expect((await facts()).exportDir).toBe(hostDir);
      const again = value<ExportResult>(await b.handle('export.create', { format: 'csv' }));
      expect(path.dirname(again.path ?? '')).toBe(fs.realpathSync(hostDir));

      // Erase everything: the data folder is emptied, the person's exports stay where they are.
      value(await b.handle('wipe.run', { scope: { kind: 'all' } }));
      erased = true;
      expect(fs.existsSync(exported.path ?? '')).toBe(true);
      expect(fs.existsSync(kb.path)).toBe(true);
      expect(fs.readdirSync(dir).filter((f) => f !== 'logs')).toEqual([]);
    } finally {
      await b.close();
    }
    expect(erased).toBe(true);
  });
});
