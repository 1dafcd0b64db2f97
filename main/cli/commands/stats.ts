/**
 * `hushdesk stats`: what the store holds (counts, sizes) and how it is protected. Changes nothing but
 * the audit log's record of the unlock (opened through the app's backend, like every command).
 */
import { storeFiles, tableCounts } from '../../store';
import { CIPHER_LEGACY } from '../../store/store';
import { flag, parseArgs } from '../args';
import { EXIT, type CliCommand } from '../command';
import { withCliBackend } from '../backend-access';
import { STORE_OPTIONS } from '../store-access';

export const statsCommand: CliCommand = {
  name: 'stats',
  usage: 'stats [--data-dir DIR] [--json]',
  summary: 'counts, file sizes, cipher and key protector of the store',
  async run(argv, io) {
    const args = parseArgs(argv, { flags: ['json'], options: [...STORE_OPTIONS] });
    return withCliBackend(args, io, async ({ ctx }) => {
      const store = ctx.services().store;
      const counts = tableCounts(store.db);
      const files = storeFiles(store);
      const report = {
        dataDir: store.paths.dataDir,
        databaseFile: store.paths.db,
        schemaVersion: store.schemaVersion,
        cipher: `${store.cipher} (SQLCipher ${CIPHER_LEGACY} compatible)`,
        keyProtector: store.keyProtector,
        files,
        counts,
      };
      if (flag(args, 'json')) {
        io.stdout(`${JSON.stringify(report, null, 2)}\n`);
        return EXIT.ok;
      }
      const kp = store.keyProtector;
      const lines = [
        `data folder      ${report.dataDir}`,
        `database         ${report.databaseFile} (${files.databaseBytes} bytes, WAL ${files.walBytes} bytes)`,
        `cipher           ${report.cipher}`,
        `key protector    ${kp.kind}${kp.backend ? ` (${kp.backend})` : ''}${kp.protectedByOs ? ', protected by the OS' : ''}`,
        ...(kp.warning ? [`warning          ${kp.warning}`] : []),
        `schema version   ${report.schemaVersion}`,
        '',
        ...Object.entries(counts).map(([k, v]) => `${k.padEnd(22)} ${v}`),
      ];
      io.stdout(`${lines.join('\n')}\n`);
      return EXIT.ok;
    }, { inspect: true });
  },
};
