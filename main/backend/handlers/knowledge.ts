/**
 * `kb.*`: the knowledge base in use, "Try a phrase", import and reset, and the editor (draft,
 * publish, versions, imports with a preview, export). Everything that changes or reveals the
 * knowledge base is staff-only in kiosk mode.
 */
import type { KbAuthorRole } from '../../../shared/kb-editor';
import type { ImportInput } from '../../knowledge/imports';
import { writeKbExport } from '../../knowledge/export-file';
import { splitBranding, withBranding } from '../../branding/kb-bundle';
import type { BackendContext } from '../context';
import type { Handlers, Request } from '../router';

export type KnowledgeChannels =
  | 'kb.info'
  | 'kb.try'
  | 'kb.import'
  | 'kb.resetDefault'
  | 'kb.draft.get'
  | 'kb.draft.save'
  | 'kb.draft.discard'
  | 'kb.publish'
  | 'kb.versions'
  | 'kb.version'
  | 'kb.diff'
  | 'kb.restore'
  | 'kb.health'
  | 'kb.tryAnswer'
  | 'kb.import.preview'
  | 'kb.import.apply'
  | 'kb.export';

/** Who is editing: staff at a kiosk (behind the PIN), else the device's owner. */
export function editorRole(ctx: BackendContext): KbAuthorRole {
  return ctx.settings().kiosk() ? 'staff' : 'owner';
}

export function importInput(req: Request<'kb.import.preview'>): ImportInput {
  const bytes = (data: string): Uint8Array => new Uint8Array(Buffer.from(data, 'base64'));
  return {
    fileName: req.file.fileName,
    bytes: bytes(req.file.data),
    ...(req.extra ? { extra: { fileName: req.extra.fileName, bytes: bytes(req.extra.data) } } : {}),
    ...(req.mapping ? { mapping: req.mapping } : {}),
  };
}

export function knowledgeHandlers(ctx: BackendContext): Pick<Handlers, KnowledgeChannels> {
  /** The editor, after the kiosk's staff check. */
  const editor = () => {
    const s = ctx.services();
    ctx.staffGuard();
    return s.kbEditor;
  };
  return {
    'kb.info': () => ctx.services().knowledge.info(),
    'kb.try': ({ text, previous }) => ctx.services().knowledge.tryPhrase(text, previous),
    'kb.import': async ({ fileName, content }) => {
      const s = ctx.services();
      ctx.staffGuard();
      // A Hushdesk export carries the shop's branding: checked before anything is stored, applied after the KB.
      const split = splitBranding(content);
      const info = await s.knowledge.import(fileName, split.content);
      if (split.branding) {
        const { logo, ...words } = split.branding;
        await ctx.settings().set({ branding: words });
        await ctx.settings().setLogo(logo);
      }
      return info;
    },
    'kb.resetDefault': () => {
      const s = ctx.services();
      ctx.staffGuard();
      return s.knowledge.resetDefault();
    },
    'kb.draft.get': () => editor().draft(),
    'kb.draft.save': ({ content }) => editor().saveDraft(content, editorRole(ctx)),
    'kb.draft.discard': () => editor().discardDraft(editorRole(ctx)),
    // Publishing trains a model (in a worker): the editor shows a bar while it runs.
    'kb.publish': () => ctx.progress.track('retrain', null, async () => editor().publish(editorRole(ctx))),
    'kb.versions': () => ({ versions: editor().versions() }),
    'kb.version': ({ version }) => editor().version(version),
    'kb.diff': ({ from, to }) => editor().diff(from, to),
    'kb.restore': ({ version }) => ctx.progress.track('retrain', null, async () => editor().restore(version, editorRole(ctx))),
    'kb.health': async () => ({ intents: await editor().health() }),
    'kb.tryAnswer': ({ text, language }) => editor().tryAnswer(text, language),
    'kb.import.preview': (req) => editor().importPreview(importInput(req), req.format),
    'kb.import.apply': (req) => ctx.progress.track('retrain', null, async () => editor().importApply(importInput(req), req.format, editorRole(ctx))),
    'kb.export': ({ format, which }) => {
      const kbText = editor().exportText(format, which ?? 'live');
      // The JSON export is the shop's whole setup: its branding travels with it (kb.import takes it back).
      const text = format === 'json' ? withBranding(kbText, ctx.settings().get().branding) : kbText;
      const day = new Date(ctx.now()).toISOString().slice(0, 10);
      return writeKbExport(text, { dataDir: ctx.dataDir, dir: ctx.exportDir(), base: `hushdesk-knowledge-base-${day}`, ext: format === 'json' ? '.json' : '.csv' });
    },
  };
}
