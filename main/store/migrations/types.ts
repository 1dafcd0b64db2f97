import type { Db } from '../db';

/** One numbered schema step. `up` runs inside a transaction with the `user_version` bump. */
export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}
