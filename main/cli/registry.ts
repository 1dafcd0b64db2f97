/** Every `hushdesk` sub-command, listed once. Add one line per command. */
import type { CliCommand } from './command';

export const commands: CliCommand[] = [];
