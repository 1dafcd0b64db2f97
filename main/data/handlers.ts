/**
 * IPC handlers for data controls: view, search, delete, export, wipe, audit. One implementation
 * (main/data/*) behind these and the CLI.
 *
 * Kiosk mode: a customer must never see another customer's chat, so listing, reading, searching,
 * deleting, file exports, wipes and the audit log need staff (ctx.staffGuard). The customer's own QR
 * transcript does not: it is allowed for the newest conversation only (the one on screen).
 */
import type { WipeCounts } from '../../shared/domain';
import { AppFailure } from '../../shared/result';
import type { BackendContext } from '../backend/context';
import type { Handlers } from '../backend/router';
import { getTranscript, listConversations, searchMessages, type Db } from '../store';
import { stmt } from '../store/queries/stmt';
import { appendAudit, listAudit, verifyAudit } from './audit';
import { createExport, exportQr, exportSeal, scopeOf } from './export';
import { previewWipe, wipeAll, wipeConversation, wipeEndOfDay } from './wipe';

export type DataChannels =
  | 'conversations.list'
  | 'conversations.get'
  | 'conversations.search'
  | 'conversations.delete'
  | 'export.create'
  | 'export.qr'
  | 'wipe.preview'
  | 'wipe.run'
  | 'audit.list'
  | 'audit.verify';

function totalConversations(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM conversations').get() as { n: number }).n;
}

function newestConversationId(db: Db): string | null {
  const row = stmt(db, 'SELECT id FROM conversations ORDER BY started_at DESC, rowid DESC LIMIT 1').get() as { id: string } | undefined;
  return row?.id ?? null;
}

export function dataHandlers(ctx: BackendContext, o: { appVersion?: string } = {}): Pick<Handlers, DataChannels> {
  const db = (): Db => ctx.session.require().db;
  const kiosk = (): boolean => ctx.settings().kiosk();
  /** Staff-only in kiosk mode; a no-op elsewhere (staffGuard decides). */
  const staff = (pin?: string): void => {
    if (kiosk()) ctx.staffGuard(pin);
  };
  const cacheDirs = (): string[] => [ctx.cacheDir];

  return {
    'conversations.list'(req) {
      staff();
      const d = db();
      const conversations = listConversations(d, { limit: req?.limit ?? 100, offset: req?.offset ?? 0 });
      const total = totalConversations(d);
      appendAudit(d, 'data_viewed', { view: 'list', count: conversations.length }, ctx.now());
      return { conversations, total };
    },

    'conversations.get'(req) {
      staff();
      const d = db();
      const t = getTranscript(d, req.conversationId);
      if (!t) throw new AppFailure('not_found', `no conversation ${req.conversationId}`);
      appendAudit(d, 'data_viewed', { view: 'transcript', messages: t.messages.length }, ctx.now());
      return t;
    },

    'conversations.search'(req) {
      staff();
      const d = db();
      const hits = searchMessages(d, req.query, { limit: req.limit ?? 50 });
      // The query itself is never logged (it may be content).
      appendAudit(d, 'data_viewed', { view: 'search', hits: hits.length }, ctx.now());
      return { hits };
    },

    'conversations.delete'(req) {
      staff();
      const deleted = wipeConversation(db(), req.conversationId, ctx.now());
      ctx.forgetConversations(req.conversationId);
      return { deleted };
    },

    async 'export.create'(req) {
      staff();
      const scope = scopeOf(req);
      // age's one async step (scrypt on the thread pool, X25519) before the synchronous export.
      const seal = await exportSeal({ passphrase: req.passphrase, recipients: ctx.settings().get().exportRecipients });
      return createExport(
        db(),
        {
          format: req.format,
          scope,
          dataDir: ctx.dataDir,
          ...(seal ? { seal } : {}),
          now: ctx.now(),
          ...(o.appVersion ? { appVersion: o.appVersion } : {}),
        },
        { kind: 'dir', dir: ctx.exportDir },
      );
    },

    async 'export.qr'(req) {
      const d = db();
      if (kiosk() && newestConversationId(d) !== req.conversationId) ctx.staffGuard();
      return exportQr(d, req.conversationId, ctx.now());
    },

    'wipe.preview'(req) {
      staff();
      return previewWipe(db(), req.scope, { dataDir: ctx.dataDir, cacheDirs: cacheDirs() });
    },

    async 'wipe.run'(req) {
      const scope = req.scope;
      if (scope.kind === 'all' && !ctx.session.isOpen()) {
        // "Forgot the passphrase": nothing can be read without it, so the only way forward is to
        // erase and start fresh. No counts are known (the store cannot be opened).
        await ctx.closeStoreFor(() => wipeAll(ctx.dataDir, { cacheDirs: cacheDirs() }));
        return { deleted: { conversations: 0, messages: 0, consents: 0 }, rotatedKey: true };
      }
      staff(req.pin);
      if (scope.kind === 'conversation') {
        const deleted = wipeConversation(db(), scope.conversationId, ctx.now());
        ctx.forgetConversations(scope.conversationId);
        return { deleted, rotatedKey: false };
      }
      if (scope.kind === 'day') {
        // The open Store stays usable: same connection, rekeyed in place.
        const deleted = await wipeEndOfDay(ctx.session.require(), ctx.now(), { trigger: 'staff' });
        ctx.forgetConversations();
        return { deleted, rotatedKey: true };
      }
      // Everything: counted while the store is open (the audit log goes with it), then closed and erased.
      const p = previewWipe(db(), scope, { dataDir: ctx.dataDir, cacheDirs: cacheDirs() });
      const deleted: WipeCounts = { conversations: p.goes.conversations, messages: p.goes.messages, consents: p.goes.consents };
      ctx.forgetConversations();
      await ctx.closeStoreFor(() => wipeAll(ctx.dataDir, { cacheDirs: cacheDirs() }));
      return { deleted, rotatedKey: true };
    },

    'audit.list'(req) {
      staff();
      return { entries: listAudit(db(), { limit: req?.limit ?? 100 }) };
    },

    'audit.verify'() {
      staff();
      return verifyAudit(db());
    },
  };
}
