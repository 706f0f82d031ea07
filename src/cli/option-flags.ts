/**
 * The yargs side of the option tables: the flag definitions a command registers, and the
 * library's options from the parsed flags over the config over the defaults.
 */
import type { Argv, Options, PositionalOptions } from 'yargs';
import { argKey, flagName, type OptionRow, type OptionTable, type RecordKind } from '../generator/option-spec.js';
import { DEFAULT_OPTIONS, GENERATE_OPTION_TABLE, type GenerateOptions } from '../generator/options.js';
import { CliFailure, ExitCode } from './context.js';
import { checkValue } from './option-values.js';

/** The yargs definition of a row's flag. */
export function yargsOption(row: OptionRow): Options & PositionalOptions {
  const kind = row.kind;
  return {
    type: kind.type === 'boolean' ? 'boolean' : kind.type === 'integer' ? 'number' : 'string',
    describe: row.help ?? row.doc,
    ...(kind.type === 'list' || kind.type === 'record' ? { array: true } : {}),
    ...(kind.type === 'enum' ? { choices: kind.choices } : {}),
    ...(row.alias !== undefined ? { alias: row.alias } : {}),
  };
}

/** Registers the flags (and positional) of these rows, in table order; `only` picks some by key. */
export function withFlags(y: Argv, table: OptionTable, only?: readonly string[]): Argv {
  let out = y;
  for (const [key, row] of Object.entries(table)) {
    const flag = flagName(key, row);
    if (flag === undefined || (only !== undefined && !only.includes(key))) continue;
    out = row.flag === 'positional' ? out.positional(flag, yargsOption(row)) : out.option(flag, yargsOption(row));
  }
  return out;
}

/**
 * The library's options: each flag over the config's value over the default. A record's flags
 * (`--rename Kind=Name`) are added over the config's record; a bad one exits 2 naming the flag.
 */
export function optionsFromArgs(args: Readonly<Record<string, unknown>>, config: Partial<GenerateOptions> = {}): GenerateOptions {
  const options: Record<string, unknown> = {};
  for (const [key, row] of Object.entries(GENERATE_OPTION_TABLE) as [keyof GenerateOptions, OptionRow][]) {
    const given = flagValue(key, row, args);
    options[key] = row.kind.type === 'record' ? { ...(config[key] as object | undefined), ...(given as object) } : (given ?? config[key] ?? DEFAULT_OPTIONS[key]);
  }
  return options as GenerateOptions;
}

/**
 * A row's value as the flags give it (undefined when not given): an integer is checked against
 * its range and a record is parsed from its `name=value` strings, a bad one exiting 2 with one line.
 */
export function flagValue(key: string, row: OptionRow, args: Readonly<Record<string, unknown>>): unknown {
  const given = args[argKey(key, row) ?? key];
  const flag = `--${flagName(key, row) ?? key}`;
  if (row.kind.type === 'record') return recordFromFlags(flag, key, row.kind, given as string[] | undefined);
  if (given === undefined || row.kind.type !== 'integer') return given;
  return checkValue(row.kind, key, given, (_, problem) => {
    throw new CliFailure(`${flag}: ${problem}`, ExitCode.usage);
  });
}

/** `--flag name=value` strings as a checked record. */
function recordFromFlags(flag: string, key: string, kind: RecordKind, flags: readonly string[] | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  for (const text of flags ?? []) {
    const at = text.indexOf('=');
    if (at <= 0) throw new CliFailure(`${flag} ${text}: use ${kind.flagForm}`, ExitCode.usage);
    Object.defineProperty(record, text.slice(0, at), { value: text.slice(at + 1), enumerable: true, writable: true, configurable: true });
  }
  return checkValue(kind, key, record, (at, problem) => {
    throw new CliFailure(`${flag} ${at.slice(key.length + 1)}: ${problem}`, ExitCode.usage);
  }) as Record<string, string>;
}
