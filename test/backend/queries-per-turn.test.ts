/**
 * One chat turn runs only the statements it needs (issue 10 item 4): it used to count eight tables
 * on every message just to fill a placeholder that most answers do not have. Counted with the
 * store's statement trace on a real encrypted store.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../main/backend';
import type { ChatStart } from '../../shared/domain';
import { PASS } from '../data/helpers';
import { cleanupTempDirs, tempDir } from '../store/helpers';
import { value } from '../support/result';

afterAll(cleanupTempDirs);


describe('statements per chat turn', () => {
  it('a saved turn writes its messages and reads nothing it does not use', async () => {
    const seen: string[] = [];
    let recording = false;
    const b = await createBackend({ dataDir: tempDir('hushdesk-turn-'), host: 'node', passphrase: PASS, sqlTrace: (sql) => recording && seen.push(sql.replace(/\s+/g, ' ').trim()) });
    try {
      value(await b.handle('settings.set', { patch: { conversationPolicy: 'save' } }));
      const c = value<ChatStart>(await b.handle('chat.start', {}));
      value(await b.handle('chat.send', { conversationId: c.conversationId, text: 'hello there' }));
      recording = true;
      value(await b.handle('chat.send', { conversationId: c.conversationId, text: 'what are your opening hours' }));
      recording = false;
      const statements = seen.filter((s) => !/^(BEGIN|COMMIT|SAVEPOINT|RELEASE)/i.test(s));
      expect(statements.filter((s) => /count\(\*\)/i.test(s)), statements.join('\n')).toEqual([]);
      // The user's message and the bot's reply: two inserts (the search index is filled by triggers).
      expect(statements.filter((s) => /^INSERT INTO messages/i.test(s))).toHaveLength(2);
      expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(4);

      // A privacy answer that names the number of conversations pays for exactly that.
      seen.length = 0;
      recording = true;
      value(await b.handle('chat.send', { conversationId: c.conversationId, text: 'how many conversations do you store' }));
      recording = false;
      expect(seen.filter((s) => /count\(\*\)/i.test(s)).length).toBeLessThanOrEqual(1);
    } finally {
      await b.close();
    }
  });
});
