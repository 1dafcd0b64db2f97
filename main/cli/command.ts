/**
 * What one `hushdesk` sub-command is. Each command lives in its own file under commands/ and is
 * listed once in registry.ts. Commands write through `io` (never console directly) so tests can run
 * them in-process, and return the exit code instead of calling process.exit.
 */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads all of stdin (for piped input); undefined when stdin is a TTY. */
  stdinIsTty: boolean;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Exit codes: 0 fine, 1 the operation failed, 2 usage or missing input (passphrase, confirmation). */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
