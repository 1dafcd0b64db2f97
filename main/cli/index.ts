/**
 * `hushdesk` — the command-line face of the same backend the app uses. Runs with plain Node.
 * Errors print one line naming the problem and exit non-zero; never a stack trace.
 */
import { isAppFailure } from '../../shared/result';
import { ARGV_PATH } from './args';
import { EXIT, type CliIo } from './command';
import { commands } from './registry';

function usage(io: CliIo): void {
  io.stdout('usage: hushdesk <command> [options]\n\ncommands:\n');
  for (const c of commands) {
    // Long usages get their summary on the next line, so the columns stay readable.
    io.stdout(c.usage.length > 58 ? `  ${c.usage}\n  ${''.padEnd(58)} ${c.summary}\n` : `  ${c.usage.padEnd(58)} ${c.summary}\n`);
  }
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    usage(io);
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`hushdesk: unknown command '${name}' (try: hushdesk --help)\n`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (isAppFailure(e)) {
      // A mistake in the command line itself: the same one line also says how the command is used.
      const usage = e.error.details?.[0]?.path === ARGV_PATH ? ` (usage: hushdesk ${command.usage})` : '';
      io.stderr(`hushdesk ${name}: ${e.message}${usage}\n`);
      return e.error.code === 'invalid_input' ? EXIT.usage : EXIT.failed;
    }
    // Unknown failures: one line, no stack (stacks can carry paths and data).
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    io.stderr(`hushdesk ${name}: ${message}\n`);
    return EXIT.failed;
  }
}

export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    stdinIsTty: Boolean(process.stdin.isTTY),
    stdin: process.stdin,
    env: process.env,
  };
}

if (require.main === module) {
  main(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = EXIT.failed;
    },
  );
}
