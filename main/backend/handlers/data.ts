/**
 * Data controls over IPC: view, search, delete, export, wipe, audit. One implementation (main/data/*)
 * behind these and the CLI.
 *
 * Kiosk mode: a customer must never see another customer's chat, so listing, reading, searching,
 * deleting, file exports, wipes and the audit log need staff (ctx.staffGuard). The customer's own QR
 * transcript does not: it is allowed for the newest conversation only (the one on screen), and for
 * a conversation that is not saved it is made from memory (nothing about it is written).
 */
import type { WipeCounts } from '../../../shared/domain';
import { AppFailure } from '../../../shared/result';
import { appendAudit, createExportInSlices, markdownLabels, exportQr, exportSeal, listAudit, previewWipe, qrOfMessages, scopeOf, verifyAudit, wipeAll, wipeConversation, wipeEndOfDay, END_OF_DAY_STEPS } from '../../data';
import { verifyMirroredPin } from '../../services/kiosk-pin';
import { countConversations, getTranscript, listConversations, newestConversationId, searchMessages, type Db } from '../../store';
import type { BackendContext } from '../context';
import type { Handlers } from '../router';

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

export function dataHandlers(ctx: BackendContext): Pick<Handlers, DataChannels> {
  const db = (): Db => ctx.services().store.db;
  const kiosk = (): boolean => ctx.settings().kiosk();
  /** Staff-only in kiosk mode; a no-op elsewhere (staffGuard decides). */
  const staff = (): void => ctx.staffGuard();
  const cacheDirs = (): string[] => [ctx.cacheDir];

  /** Erase everything (store open or not), then forget the PIN mirror with it. */
  async function eraseEverything(pin: string | undefined): Promise<{ deleted: WipeCounts; rotatedKey: true }> {
    if (!ctx.session.isOpen()) {
      // "Forgot the passphrase": nothing can be read without it, so the only way forward is to
      // erase and start fresh. No counts are known. A locked kiosk needs the staff PIN, checked
      // against its mirror (the store that holds the PIN cannot be read now).
      if (ctx.lockedKiosk()) await verifyMirroredPin(ctx.pinMirror, pin, ctx.now);
      await ctx.closeStoreFor(() => wipeAll(ctx.dataDir, { cacheDirs: cacheDirs() }));
      ctx.pinMirror.remove();
      return { deleted: { conversations: 0, messages: 0, consents: 0 }, rotatedKey: true };
    }
    await ctx.staffGuardWithPin(pin);
    // Counted while the store is open (the audit log goes with it), then closed and erased.
    const p = previewWipe(db(), { kind: 'all' }, { dataDir: ctx.dataDir, cacheDirs: cacheDirs() });
    const deleted: WipeCounts = { conversations: p.goes.conversations, messages: p.goes.messages, consents: p.goes.consents };
    ctx.forgetConversations();
    await ctx.closeStoreFor(() => wipeAll(ctx.dataDir, { cacheDirs: cacheDirs() }));
    ctx.pinMirror.remove();
    return { deleted, rotatedKey: true };
  }

  return {
    'conversations.list'(req) {
      staff();
      const d = db();
      const conversations = listConversations(d, { limit: req?.limit ?? 100, offset: req?.offset ?? 0 });
      const total = countConversations(d);
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
      // age's one async step (scrypt on the thread pool, X25519) before the export itself, which
      // runs in slices so the UI keeps answering (the channel holds the store gate: no chat turn
      // lands between slices, so the file is one consistent snapshot).
      const seal = await exportSeal({ passphrase: req.passphrase, recipients: ctx.settings().get().exportRecipients });
      const scope = scopeOf(req);
      // The bar's end is known for a whole-store export; a range or one conversation counts up.
      const total = scope.kind === 'all' ? countConversations(db()) : null;
      return ctx.progress.track('export', total, () =>
        createExportInSlices(
          db(),
          {
            format: req.format,
            scope,
            dataDir: ctx.dataDir,
            ...(seal ? { seal } : {}),
            now: ctx.now(),
            appVersion: ctx.hostInfo.version,
            labels: markdownLabels(ctx.settings().get().branding.shopName, ctx.services().knowledge.info()),
          },
          { kind: 'dir', dir: ctx.exportDir() },
          (done) => ctx.progress.update('export', done),
        ),
      );
    },

    async 'export.qr'(req) {
      // A customer who chose "Don't save" can still take their chat with them: made from memory.
      const unsaved = ctx.services().chat.unsavedTranscript(req.conversationId);
      const shopName = ctx.settings().get().branding.shopName;
      // In the language of the screen the customer takes it from (a Spanish visit on an English kiosk included).
      const locale = ctx.locale(req.locale);
      if (unsaved) return qrOfMessages(unsaved.startedAt, unsaved.messages, shopName, locale);
      const d = db();
      if (kiosk() && newestConversationId(d) !== req.conversationId) ctx.staffGuard();
      return exportQr(d, req.conversationId, ctx.now(), shopName, locale);
    },

    'wipe.preview'(req) {
      staff();
      return previewWipe(db(), req.scope, { dataDir: ctx.dataDir, cacheDirs: cacheDirs() });
    },

    async 'wipe.run'(req) {
      const scope = req.scope;
      if (scope.kind === 'all') return eraseEverything(req.pin);
      await ctx.staffGuardWithPin(req.pin);
      if (scope.kind === 'conversation') {
        const deleted = wipeConversation(db(), scope.conversationId, ctx.now());
        ctx.forgetConversations(scope.conversationId);
        return { deleted, rotatedKey: false };
      }
      // End of day. The open Store stays usable: same Store object, a rewritten file under a new key.
      const store = ctx.services().store;
      const steps: readonly string[] = END_OF_DAY_STEPS;
      const deleted = await ctx.progress.track('wipe', steps.length, () =>
        wipeEndOfDay(store, ctx.now(), { trigger: ctx.hostInfo.operator ? 'cli' : 'staff', hooks: { step: (s) => ctx.progress.update('wipe', steps.indexOf(s) + 1) } }),
      );
      ctx.forgetConversations();
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
