/**
 * Text made only of invisible characters (issue 14 item 11): zero-width spaces, joiners, a BOM, bidi
 * marks. `trim()` keeps them, so they passed as "required text". Refused everywhere text is required:
 * a chat message, a search, the privacy notice, a knowledge-base answer or phrase.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../main/backend';
import { loadKnowledgeBase } from '../../main/engine/kb';
import type { ChatStart } from '../../shared/domain';
import { isAppFailure, type Result } from '../../shared/result';
import { hasVisibleText } from '../../shared/visible-text';
import { PASS } from '../data/helpers';
import { smallKb } from '../engine/helpers';
import { cleanupTempDirs, tempDir } from '../store/helpers';

afterAll(cleanupTempDirs);

const INVISIBLE = ['\u200B', '\u200B\u200C\u200D', '\uFEFF', '\u2060\u200E\u200F', ' \u3000\u00A0\t', '\u202A\u202C'];

describe('invisible text', () => {
  it('is told apart from visible text', () => {
    for (const s of INVISIBLE) expect(hasVisibleText(s), JSON.stringify(s)).toBe(false);
    for (const s of ['a', '\u200Bhi', '¿', '👍', '٣', 'ñ']) expect(hasVisibleText(s), s).toBe(true);
  });

  it('is refused by the IPC contract where text is required, and nothing is stored', async () => {
    const b = await createBackend({ dataDir: tempDir('hushdesk-invisible-'), host: 'node', passphrase: PASS });
    try {
      const ok = <T,>(r: Result<unknown>): T => {
        if (!r.ok) throw new Error(r.error.code);
        return r.value as T;
      };
      ok(await b.handle('settings.set', { patch: { conversationPolicy: 'save' } }));
      const c = ok<ChatStart>(await b.handle('chat.start', {}));
      for (const text of INVISIBLE) {
        expect(await b.handle('chat.send', { conversationId: c.conversationId, text }), JSON.stringify(text)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^text: (must not be empty|must contain visible text)$/) } });
        expect(await b.handle('conversations.search', { query: text })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
        expect(await b.handle('privacy.setNotice', { text })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      }
      expect(ok<{ total: number }>(await b.handle('conversations.list', {})).total).toBe(0);
    } finally {
      await b.close();
    }
  });

  it('is refused in a knowledge base, at the field', () => {
    const kb = smallKb();
    kb.intents[0]!.responses = ['\u200B\u2060'];
    kb.intents[1]!.examples = ['lost my card', '\uFEFF'];
    try {
      loadKnowledgeBase(JSON.stringify(kb), 'shop.json');
      throw new Error('expected kb_invalid');
    } catch (e) {
      if (!isAppFailure(e)) throw e;
      expect(e.error.code).toBe('kb_invalid');
      expect(e.error.details).toEqual(
        expect.arrayContaining([
          // '\uFEFF' is trimmed away by trim() itself; '\u200B\u2060' survives trim() and is caught as invisible.
          { path: '$.intents[0].responses[0]', message: 'must contain visible text', code: 'no_visible_text' },
          { path: '$.intents[1].examples[1]', message: 'must not be empty', code: 'too_small', params: { minimum: 1, origin: 'string' } },
        ]),
      );
    }
  });
});
