/**
 * `hushdesk audit verify|list|export`: checks the hash chain (exit 1 naming the first broken entry),
 * lists recent events, or writes the log as JSON lines for someone else to verify.
 */
import * as path from 'node:path';
import { AppFailure } from '../../../shared/result';
import { exportAudit } from '../../data';
import { flag, option, parseArgs } from '../args';
import { EXIT, type CliCommand } from '../command';
import { checkOutputFirst, withCliBackend } from '../backend-access';
import { STORE_OPTIONS } from '../store-access';

export const auditCommand: CliCommand = {
  name: 'audit',
  usage: 'audit verify|list|export [--json] [--limit N] [--out FILE] [--force]',
  summary: 'verify the hash-chained audit log, list or export it',
  async run(argv, io) {
    const args = parseArgs(argv, { flags: ['json', 'force'], options: [...STORE_OPTIONS, 'limit', 'out'] });
    const [sub, ...extra] = args.positionals;
    if (sub !== 'verify' && sub !== 'list' && sub !== 'export') throw new AppFailure('invalid_input', 'usage: hushdesk audit verify|list|export');
    if (extra.length > 0) throw new AppFailure('invalid_input', `unexpected argument ${extra[0]}`);
    const limitText = option(args, 'limit');
    const limit = limitText === undefined ? 50 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new AppFailure('invalid_input', '--limit must be 1 to 1000');
    const json = flag(args, 'json');
    const out = option(args, 'out');
    if (sub === 'export') {
      if (!out) throw new AppFailure('invalid_input', 'audit export needs --out FILE');
      checkOutputFirst(args, io, { file: out, force: flag(args, 'force') });
    }
    return withCliBackend(args, io, async ({ call, ctx }) => {
      if (sub === 'verify') {
        const v = await call('audit.verify', {});
        if (json) io.stdout(`${JSON.stringify(v, null, 2)}\n`);
        else if (v.ok) io.stdout(`audit log ok: ${v.entries} entries, every link verified\n`);
        else io.stdout(`audit log BROKEN at entry #${v.brokenAt}: ${v.reason} (${v.entries} entries)\n`);
        return v.ok ? EXIT.ok : EXIT.failed;
      }
      if (sub === 'list') {
        const { entries } = await call('audit.list', { limit });
        if (json) io.stdout(`${JSON.stringify(entries, null, 2)}\n`);
        else
          for (const e of entries) {
            const detail = Object.entries(e.detail)
              .map(([k, v]) => `${k}=${String(v)}`)
              .join(' ');
            io.stdout(`#${String(e.seq).padEnd(6)} ${new Date(e.at).toISOString()}  ${e.kind.padEnd(18)} ${detail}\n`);
          }
        return EXIT.ok;
      }
      if (!out) throw new AppFailure('invalid_input', 'audit export needs --out FILE');
      // A file the person names, which no channel takes from a renderer: the open store's services.
      const r = exportAudit(ctx.services().store.db, path.resolve(out), ctx.now(), { dataDir: ctx.dataDir, ...(flag(args, 'force') ? { force: true } : {}) });
      ctx.audit('export', { what: 'audit', format: 'jsonl', entries: r.entries, encrypted: false });
      io.stdout(`exported ${r.entries} audit entries to ${r.path}\n`);
      return EXIT.ok;
    }, { inspect: true });
  },
};
