/**
 * What one option row says, and the types derived from a table of rows. The library's rows are in
 * options.ts, the CLI's in src/cli/cli-options.ts; the `GenerateOptions` type, the defaults, the
 * yargs flags, the config file's validation and its JSON Schema are all read off these rows, so an
 * option is added by adding a row. Pure data and types: nothing here knows yargs or the file system.
 */

/** A pattern a string must match, and what to say when it does not. */
export interface StringRule {
  readonly pattern: string;
  /** The end of "<key> <problem>", e.g. `must name a kind: Kind or Kind.group`. */
  readonly problem: string;
}

/** name -> string; on the command line a repeated `--flag name=value`. */
export interface RecordKind {
  readonly type: 'record';
  /** What the object maps, for "must be an object of <shape>". */
  readonly shape: string;
  readonly keys: StringRule;
  readonly values: StringRule;
  /** Values that match `values` but are refused anyway, and why. */
  readonly refused?: { readonly names: ReadonlySet<string>; readonly why: string };
  /** The form of one flag value, for "--flag x: use <flagForm>". */
  readonly flagForm: string;
}

/** The values an option takes. `string` and list items are never empty; `integer` is from min to max. */
export type OptionKind =
  | { readonly type: 'boolean' }
  | { readonly type: 'string' }
  | { readonly type: 'enum'; readonly choices: readonly [string, ...string[]] }
  | { readonly type: 'integer'; readonly min: number; readonly max: number }
  | { readonly type: 'list' }
  | RecordKind;

/** One option: everything the type, the flag, the config key and the schema are derived from. */
export interface OptionRow {
  readonly kind: OptionKind;
  /** The value when neither a flag nor the config gives one (required of the library's rows). */
  readonly default?: unknown;
  /** What the option does: the JSON Schema's description, and the help when `help` is absent. */
  readonly doc: string;
  /** The `--help` text when it differs from `doc` (shorter, or in terms of flags). */
  readonly help?: string;
  /**
   * The flag's name: the key in kebab case when absent; `false` for none (config only);
   * `'positional'` for the command's positional argument of that name.
   */
  readonly flag?: string | false;
  /** A one-letter alias of the flag. */
  readonly alias?: string;
  /** False for a flag that a config file must not set (how one run behaves, not what it makes). */
  readonly config?: boolean;
  /** Example values for the JSON Schema. */
  readonly examples?: readonly unknown[];
}

/** Option rows by key; the key is the library field and the config key. Order is --help order. */
export type OptionTable = Readonly<Record<string, OptionRow>>;

/** The TypeScript type of an option's value. */
export type ValueOf<K extends OptionKind> = K extends { readonly type: 'boolean' }
  ? boolean
  : K extends { readonly type: 'enum'; readonly choices: readonly (infer C)[] }
    ? C
    : K extends { readonly type: 'string' }
      ? string
      : K extends { readonly type: 'integer' }
        ? number
        : K extends { readonly type: 'list' }
          ? readonly string[]
          : Readonly<Record<string, string>>;

/** The options object a table describes: one readonly field per row. */
export type OptionsOf<T extends OptionTable> = { readonly [K in keyof T]: ValueOf<T[K]['kind']> };

/** What a config file may hold: every row not marked `config: false`, each optional. */
export type ConfigOf<T extends OptionTable> = {
  readonly [K in keyof T as T[K] extends { readonly config: false } ? never : K]?: ValueOf<T[K]['kind']>;
};

type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

/** The key yargs gives a row's flag in the parsed arguments. */
type ArgKey<K, R> = R extends { readonly flag: false } ? never : R extends { readonly flag: 'positional' } ? K : R extends { readonly flag: infer F extends string } ? Camel<F> : K;

/** A flag's parsed value: lists and records arrive as the strings typed. */
type ArgValue<K extends OptionKind> = K extends { readonly type: 'list' | 'record' } ? string[] : K extends { readonly type: 'string' } ? string : ValueOf<K>;

/** The arguments yargs parses from a table's flags, each optional (absent when not given). */
export type ArgsOf<T extends OptionTable> = { -readonly [K in keyof T as ArgKey<K, T[K]>]?: ArgValue<T[K]['kind']> };

/** A row's flag name, or undefined when it has none. */
export function flagName(key: string, row: OptionRow): string | undefined {
  if (row.flag === false) return undefined;
  if (row.flag === 'positional') return key;
  return row.flag ?? kebabCase(key);
}

/** `keepGoing` -> `keep-going`: a config key as the flag it would be. */
export const kebabCase = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The key of a row's value in yargs' parsed arguments (camel case, as yargs gives it). */
export function argKey(key: string, row: OptionRow): string | undefined {
  return flagName(key, row)?.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** The rows' defaults, each frozen; assign to the table's options type to check every default. */
export function defaultsOf<T extends OptionTable>(table: T): { readonly [K in keyof T]: T[K]['default'] } {
  const defaults = Object.fromEntries(Object.entries(table).map(([key, row]) => [key, typeof row.default === 'object' && row.default !== null ? Object.freeze(row.default) : row.default]));
  return Object.freeze(defaults) as { readonly [K in keyof T]: T[K]['default'] };
}
