/** Every `hushdesk` sub-command, listed once. Add one line per command. */
import type { CliCommand } from './command';
import { chatCommand } from './commands/chat';
import { evalCommand } from './commands/eval';
import { kbCommand } from './commands/kb';
import { missesCommand } from './commands/misses';
import { auditCommand } from './commands/audit';
import { doctorCommand } from './commands/doctor';
import { exportCommand } from './commands/export';
import { reportCommand } from './commands/report';
import { retentionCommand } from './commands/retention';
import { statsCommand } from './commands/stats';
import { wipeCommand } from './commands/wipe';

export const commands: CliCommand[] = [
  evalCommand,
  kbCommand,
  missesCommand,
  statsCommand,
  doctorCommand,
  exportCommand,
  wipeCommand,
  auditCommand,
  retentionCommand,
  reportCommand,
  chatCommand,
];
