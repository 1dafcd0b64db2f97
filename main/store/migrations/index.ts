/**
 * The schema, as an ordered list of migrations (one file each) and the runner that applies them.
 * `PRAGMA user_version` records the applied version; a file newer than the app is refused.
 */
import { AppFailure } from '../../../shared/result';
import type { Db } from '../db';
import { migration001 } from './001_initial';
import { migration002 } from './002_search';
import { migration003 } from './003_kb_editor';
import { migration004 } from './004_miss_language';
import type { Migration } from './types';

export type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004];
export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export interface MigrationReport {
  from: number;
  to: number;
  applied: string[];
}

/**
 * Brings the schema to `target` (default: latest). Each step runs in its own transaction together
 * with its user_version bump, so a crash leaves the file at a whole version.
 */
export function migrate(db: Db, options: { target?: number; migrations?: readonly Migration[] } = {}): MigrationReport {
  const list = options.migrations ?? MIGRATIONS;
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new AppFailure('internal', `migration list is not contiguous at ${m.name}`);
  });
  const latest = list.length;
  const target = options.target ?? latest;
  const from = schemaVersion(db);
  if (from > latest) {
    throw new AppFailure('future_schema', `the database has schema version ${from}, newer than this app (${latest}); update Hushdesk`);
  }
  if (target < from) throw new AppFailure('conflict', `cannot migrate down from ${from} to ${target}`);
  const applied: string[] = [];
  for (const m of list) {
    if (m.version <= from || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
    applied.push(`${String(m.version).padStart(3, '0')}_${m.name}`);
  }
  return { from, to: Math.max(from, target), applied };
}
