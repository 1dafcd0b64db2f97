/**
 * Command-line arguments through Node's own strict parser (`util.parseArgs`): `--flag`, `--key value`,
 * `--key=value`, repeatable options, positionals, `--`. An unknown option, a value given to a flag or
 * a missing value is an `invalid_input` failure (exit 2 with the usage line).
 */
import { parseArgs as nodeParseArgs } from 'node:util';
import { AppFailure } from '../../shared/result';

/** The detail path of a command-line mistake (the CLI then adds the command's usage). */
export const ARGV_PATH = 'argv';

export interface ParsedArgs {
  positionals: string[];
  /** The last value of each option (or `true` for a flag). */
  flags: Map<string, string | true>;
  /** Every value of each option, in order (for a repeatable one such as `--recipient`). */
  repeated: Map<string, string[]>;
}

export function parseArgs(argv: string[], spec: { flags?: string[]; options?: string[] }): ParsedArgs {
  const config: Record<string, { type: 'boolean' } | { type: 'string'; multiple: true }> = {};
  for (const f of spec.flags ?? []) config[f] = { type: 'boolean' };
  for (const o of spec.options ?? []) config[o] = { type: 'string', multiple: true };
  let parsed: ReturnType<typeof nodeParseArgs>;
  try {
    parsed = nodeParseArgs({ args: argv, options: config, strict: true, allowPositionals: true });
  } catch (e) {
    // Node's messages name the option ("Unknown option '--dta-dir'"); its codes stay out of sight.
    const message = e instanceof Error ? e.message.replace(/\. To specify a positional argument.*$/s, '') : 'bad arguments';
    throw new AppFailure('invalid_input', message, { details: [{ path: ARGV_PATH, message }] });
  }
  const flags = new Map<string, string | true>();
  const repeated = new Map<string, string[]>();
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value === true) flags.set(name, true);
    else if (Array.isArray(value)) {
      const values = value.filter((v): v is string => typeof v === 'string');
      repeated.set(name, values);
      const last = values[values.length - 1];
      if (last !== undefined) flags.set(name, last);
    }
  }
  return { positionals: parsed.positionals, flags, repeated };
}

export function option(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** Every value given for a repeatable option (`--recipient A --recipient B`), in order. */
export function options(args: ParsedArgs, name: string): string[] {
  return args.repeated.get(name) ?? [];
}

export function flag(args: ParsedArgs, name: string): boolean {
  return args.flags.get(name) === true;
}
