// `crdgen generate` read without yargs. Loading yargs (and what it loads: cliui, y18n,
// string-width, ...) is ~140 ms of CPU, more than a bare Node start; a run whose arguments are
// plain needs none of it. Plain means: the command first, then inputs and flags of generate in
// the forms `--flag`, `--no-flag`, `--flag value`, `--flag=value`, `-o value`, `-q`, each flag
// once. Anything else (--help, another command, an unknown, repeated or camel-cased flag, a flag
// taking a list or a number, a value that looks like a flag, `--`) is left to yargs, which gives
// the same arguments and every usage error. test/cli/plain-args.test.ts checks both agree.
import { argKey, flagName, type OptionRow } from '../generator/option-spec.js';
import { GENERATE_TABLE, type GenerateArgs } from './cli-options.js';

interface Flag {
  readonly row: OptionRow;
  /** Every key yargs sets for it: the flag, its camel case and its alias. */
  readonly keys: readonly string[];
}

let flags: Map<string, Flag> | undefined;

/** generate's flags by every spelling this reads: `name` and `-alias`. */
function generateFlags(): Map<string, Flag> {
  if (flags) return flags;
  flags = new Map();
  for (const [key, row] of Object.entries(GENERATE_TABLE) as Array<[string, OptionRow]>) {
    const name = flagName(key, row);
    if (name === undefined || row.flag === 'positional') continue;
    const keys = [...new Set([name, argKey(key, row) as string, ...(row.alias !== undefined ? [row.alias] : [])])];
    const flag = { row, keys };
    flags.set(name, flag);
    if (row.alias !== undefined) flags.set(`-${row.alias}`, flag);
  }
  return flags;
}

/** The arguments of a plain `crdgen generate ...` (see above) as yargs gives them, else undefined. */
export function plainGenerateArgs(argv: readonly string[]): GenerateArgs | undefined {
  if (argv[0] !== 'generate') return undefined;
  const known = generateFlags();
  const args: Record<string, unknown> = { _: ['generate'], $0: 'crdgen' };
  const inputs: string[] = [];
  const seen = new Set<Flag>();
  const set = (flag: Flag, value: unknown) => {
    for (const key of flag.keys) args[key] = value;
  };
  for (let i = 1; i < argv.length; i++) {
    const token = argv[i] as string;
    if (!token.startsWith('-')) {
      inputs.push(token);
      continue;
    }
    const long = /^--([a-z][a-z0-9]*(?:-[a-z0-9]+)*)(?:=(.*))?$/s.exec(token);
    const short = /^-[a-z]$/.test(token) ? token : undefined;
    if (!long && !short) return undefined;
    const name = long ? (long[1] as string) : (short as string);
    const inline = long?.[2];
    const negated = long !== null && name.startsWith('no-') && !known.has(name) ? known.get(name.slice(3)) : undefined;
    const flag = negated ?? known.get(name);
    if (!flag || seen.has(flag)) return undefined;
    seen.add(flag);
    const kind = flag.row.kind;
    if (negated) {
      if (inline !== undefined || (kind.type !== 'boolean' && kind.type !== 'string')) return undefined;
      set(flag, false);
      continue;
    }
    if (kind.type === 'boolean') {
      if (inline !== undefined) return undefined;
      set(flag, true);
      continue;
    }
    if (kind.type !== 'string' && kind.type !== 'enum') return undefined;
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('-')) || value === '') return undefined;
    if (kind.type === 'enum' && !kind.choices.includes(value)) return undefined;
    set(flag, value);
  }
  args.inputs = inputs;
  return args as GenerateArgs;
}
