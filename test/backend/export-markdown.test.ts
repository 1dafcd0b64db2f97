/**
 * The Markdown export through the real backend: the bot is named after the shop (branding, else
 * the knowledge base's name), not "Hushdesk", and a conversation's topics are the intents' titles in
 * the conversation's language ("Estado del pedido"), not their ids ("order.status"). The JSON keeps
 * the ids.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/backend';
import type { ChatStart, ExportResult, Settings } from '../../shared/domain';
import { cleanupTempDirs, protector, tempDir } from '../store/helpers';
import { value } from '../support/result';

afterAll(cleanupTempDirs);

async function talk(b: Backend, locale: 'en' | 'es', texts: string[]): Promise<void> {
  const start = value<ChatStart>(await b.handle('chat.start', { locale }));
  value(await b.handle('chat.consent', { conversationId: start.conversationId, choice: 'save' }));
  for (const text of texts) value(await b.handle('chat.send', { conversationId: start.conversationId, text }));
}

async function exported(b: Backend, format: 'md' | 'json'): Promise<string> {
  return readFileSync(value<ExportResult>(await b.handle('export.create', { format })).path, 'utf8');
}

describe('the Markdown export', () => {
  it("names the bot after the shop and its topics by their titles, in the conversation's language", async () => {
    const b = await createBackend({ dataDir: tempDir('hushdesk-export-md-'), host: 'node', kiosk: false, protector: protector(), exportDir: tempDir('hushdesk-export-md-out-') });
    try {
      await talk(b, 'en', ['where is my order', 'HD-482913']);
      await talk(b, 'es', ['dónde está mi pedido', 'HD-482913']);
      // No shop name set: the knowledge base's name.
      let md = await exported(b, 'md');
      expect(md).toContain('**Riverside Electricals & Home help kiosk** (');
      expect(md).not.toContain('**Hushdesk**');
      expect(md).toMatch(/topics: Order status_/);
      expect(md).toMatch(/topics: Estado del pedido_/);
      expect(md).not.toContain('order.status');
      const { logo: _logo, ...branding } = value<Settings>(await b.handle('settings.get', undefined)).branding;
      value(await b.handle('settings.set', { patch: { branding: { ...branding, shopName: 'Corner Hardware' } } }));
      md = await exported(b, 'md');
      expect(md).toContain('**Corner Hardware** (');
      expect(md).not.toContain('**Riverside');
      // The machine-readable export keeps the ids.
      expect(await exported(b, 'json')).toContain('"topics":["order.status"]');
    } finally {
      await b.close();
    }
  });
});
