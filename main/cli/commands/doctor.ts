/**
 * `hushdesk doctor`: checks the key, the file's integrity (full integrity_check), the search index
 * and the schema version, through the app's backend (a store it cannot open is a finding, with the
 * reason the app shows). Exit 0 when all is well, 1 when something is wrong. Changes nothing but the
 * audit log's record of the unlock.
 */
import { encoderStatus, getEncoder } from '../../engine/encoder';
import type { DutyStatus } from '../../../shared/domain';
import { readDutyStatus } from '../../data';
import { storeHealth, type StoreHealth } from '../../store';
import { flag, parseArgs } from '../args';
import { EXIT, type CliCommand } from '../command';
import { withCliBackend } from '../backend-access';
import { cliFailure, STORE_OPTIONS } from '../store-access';
import { AppFailure } from '../../../shared/result';

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** The sentence encoder: loaded and matching its manifest, or why the engine runs without it. */
function encoderCheck(): Check {
  getEncoder();
  const s = encoderStatus();
  if (s.state === 'ready') return { name: 'encoder', ok: true, detail: s.detail };
  if (s.state === 'off') return { name: 'encoder', ok: true, detail: `${s.detail}; the engine uses TF-IDF and word vectors only` };
  return { name: 'encoder', ok: false, detail: `cannot be used (${s.detail}); the engine falls back to TF-IDF and word vectors only` };
}

/** The scheduled duties (end-of-day wipe, retention purge): the last failure is a finding until a run succeeds. */
export function dutyCheck(d: DutyStatus): Check {
  const f = d.lastFailure;
  if (f && d.failuresInARow > 0) {
    const retry = f.nextRetryAt ? `; retrying at ${new Date(f.nextRetryAt).toISOString()}` : '';
    return { name: 'scheduled', ok: false, detail: `last scheduled wipe failed at ${new Date(f.at).toISOString()}: ${f.code}${retry}` };
  }
  const last = d.lastRunAt ? `last run ${new Date(d.lastRunAt).toISOString()}` : 'not run yet';
  return { name: 'scheduled', ok: true, detail: f ? `${last} (an earlier failure at ${new Date(f.at).toISOString()}: ${f.code}, since recovered)` : last };
}

function checks(h: StoreHealth): Check[] {
  return [
    { name: 'key', ok: true, detail: 'the passphrase unlocks the key file and the key opens the database' },
    { name: 'integrity', ok: h.integrity.length === 1 && h.integrity[0] === 'ok', detail: h.integrity.slice(0, 5).join('; ') },
    { name: 'search index', ok: h.searchIndexOk, detail: h.searchIndexOk ? 'ok' : 'out of sync with the messages' },
    {
      name: 'schema',
      ok: h.schemaVersion === h.latestSchemaVersion,
      detail: `version ${h.schemaVersion} (this app: ${h.latestSchemaVersion})`,
    },
    { name: 'cipher', ok: h.cipher === 'sqlcipher', detail: `${h.cipher}, legacy=${h.legacy}` },
    { name: 'journal', ok: h.journalMode === 'wal', detail: h.journalMode },
    { name: 'key rotation', ok: !h.rotationPending, detail: h.rotationPending ? 'an unfinished rotation is recorded' : 'none pending' },
  ];
}

export const doctorCommand: CliCommand = {
  name: 'doctor',
  usage: 'doctor [--data-dir DIR] [--json]',
  summary: 'check the key, integrity and schema version of the store, and the sentence encoder',
  async run(argv, io) {
    const args = parseArgs(argv, { flags: ['json'], options: [...STORE_OPTIONS] });
    // Damage is a finding of the doctor; a missing or wrong passphrase, a busy or absent store is not.
    const findings = new Set(['corrupt', 'not_a_database', 'key_file_missing', 'key_file_invalid', 'future_schema']);
    const list = await withCliBackend(
      args,
      io,
      async ({ ctx, openError }): Promise<Check[]> => {
        if (openError) {
          if (!findings.has(openError.code)) throw cliFailure(new AppFailure(openError.code, openError.message), ctx.dataDir);
          return [{ name: 'open', ok: false, detail: `${openError.code}: ${openError.message}` }];
        }
        const store = ctx.services().store;
        return [...checks(storeHealth(store)), dutyCheck(readDutyStatus(store.db)), encoderCheck()];
      },
      { showOpenError: true, inspect: true },
    );
    const healthy = list.every((c) => c.ok);
    if (flag(args, 'json')) io.stdout(`${JSON.stringify({ ok: healthy, checks: list }, null, 2)}\n`);
    else {
      for (const c of list) io.stdout(`${c.ok ? 'ok  ' : 'FAIL'}  ${c.name.padEnd(13)} ${c.detail}\n`);
      io.stdout(healthy ? 'store is healthy\n' : 'problems found\n');
    }
    return healthy ? EXIT.ok : EXIT.failed;
  },
};
