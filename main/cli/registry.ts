/** Every `hushdesk` sub-command, listed once. Add one line per command. */
import type { CliCommand } from './command';
import { doctorCommand } from './commands/doctor';
import { statsCommand } from './commands/stats';

export const commands: CliCommand[] = [
  statsCommand,
  doctorCommand,
];
