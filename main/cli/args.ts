/** A small, strict argument parser: `--flag`, `--key value`, `--key=value`, positionals. */
import { AppFailure } from '../../shared/result';

export interface ParsedArgs {
  positionals: string[];
  /** The last value of each option (or `true` for a flag). */
  flags: Map<string, string | true>;
  /** Every value of each option, in order (for a repeatable one such as `--recipient`). */
  repeated: Map<string, string[]>;
}

export function parseArgs(argv: string[], spec: { flags?: string[]; options?: string[] }): ParsedArgs {
  const flags = new Map<string, string | true>();
  const repeated = new Map<string, string[]>();
  const positionals: string[] = [];
  const known = new Set([...(spec.flags ?? []), ...(spec.options ?? [])]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--') || a === '-') {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq === -1 ? undefined : eq);
    if (!known.has(name)) throw new AppFailure('invalid_input', `unknown option --${name}`);
    if (spec.flags?.includes(name)) {
      if (eq !== -1) throw new AppFailure('invalid_input', `--${name} takes no value`);
      flags.set(name, true);
      continue;
    }
    const value = eq !== -1 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new AppFailure('invalid_input', `--${name} needs a value`);
    flags.set(name, value);
    repeated.set(name, [...(repeated.get(name) ?? []), value]);
  }
  return { positionals, flags, repeated };
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
