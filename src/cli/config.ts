/**
 * The project configuration: `crdgen.config.json`, or a `crdgen` key in package.json. Its keys are
 * the flags of `crdgen generate` (flags win); schema/crdgen.config.schema.json describes the same
 * keys for editors. Reading is strict: an unknown key or a bad value is one error naming both the
 * key and the file, so a typo never silently changes what is generated.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { RESERVED_TYPE_NAMES } from '../generator/plan/naming.js';
import { VERSION_CHOICES, type GenerateOptions } from '../generator/options.js';

/** What a config file may hold; paths are relative to the file's folder. */
export interface CrdgenConfig {
  /** CRD files or folders. */
  readonly inputs?: readonly string[];
  /** Output folder of the generated code. */
  readonly out?: string;
  readonly versions?: GenerateOptions['versions'];
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
  readonly runtime?: string;
  readonly renames?: Readonly<Record<string, string>>;
  readonly keepGoing?: boolean;
  /** Remove stale generated files on every run (as `--clean`). */
  readonly clean?: boolean;
}

/** A config as found on disk. */
export interface LoadedConfig {
  /** The file, as a path relative to the working folder (for messages). */
  readonly file: string;
  /** Absolute folder the config's paths are relative to. */
  readonly dir: string;
  readonly config: CrdgenConfig;
}

export const CONFIG_FILE = 'crdgen.config.json';
export const PACKAGE_KEY = 'crdgen';

/** Every key a config may hold, in the order the schema lists them. */
export const CONFIG_KEYS = ['$schema', 'inputs', 'out', 'versions', 'include', 'exclude', 'runtime', 'renames', 'keepGoing', 'clean'] as const;

/** A config that cannot be used; `message` names the file and the key. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Finds the config for `cwd`: `explicit` when given (a crdgen.config.json-like file or a
 * package.json), else the first folder from `cwd` upwards with crdgen.config.json or a package.json
 * holding a `crdgen` key. The search stops at the first package.json (the package root).
 */
export async function findConfig(cwd: string, explicit?: string): Promise<LoadedConfig | undefined> {
  if (explicit !== undefined) {
    const path = resolve(cwd, explicit);
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined) throw new ConfigError(`${explicit}: no such config file (check --config)`);
    const isPackage = basename(path) === 'package.json';
    const config = parseConfigText(text, explicit, isPackage);
    if (config === undefined) throw new ConfigError(`${explicit}: has no "${PACKAGE_KEY}" key (add one, or run crdgen init)`);
    return { file: explicit, dir: dirname(path), config };
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const own = await readFile(join(dir, CONFIG_FILE), 'utf8').catch(() => undefined);
    if (own !== undefined) return loaded(cwd, join(dir, CONFIG_FILE), parseConfigText(own, shown(cwd, join(dir, CONFIG_FILE)), false));
    const pkg = await readFile(join(dir, 'package.json'), 'utf8').catch(() => undefined);
    if (pkg !== undefined) {
      const config = parseConfigText(pkg, shown(cwd, join(dir, 'package.json')), true);
      return config === undefined ? undefined : loaded(cwd, join(dir, 'package.json'), config);
    }
    if (dirname(dir) === dir) return undefined;
  }
}

const shown = (cwd: string, path: string): string => relative(cwd, path) || basename(path);

function loaded(cwd: string, path: string, config: CrdgenConfig | undefined): LoadedConfig | undefined {
  return config === undefined ? undefined : { file: shown(cwd, path), dir: dirname(path), config };
}

/**
 * Parses and checks a config file's text. For a package.json the config is its `crdgen` key
 * (undefined when there is none) and messages call keys `crdgen.<key>`.
 */
export function parseConfigText(text: string, file: string, isPackageJson: boolean): CrdgenConfig | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isPackageJson) return validateConfig(json, file, '');
  if (!isRecord(json) || !Object.hasOwn(json, PACKAGE_KEY)) return undefined;
  return validateConfig(json[PACKAGE_KEY], file, `${PACKAGE_KEY}.`);
}

/** Checks every key and value; the first problem is thrown as one line naming the key. */
export function validateConfig(value: unknown, file: string, prefix = ''): CrdgenConfig {
  const fail = (key: string, problem: string): never => {
    throw new ConfigError(`${file}: ${key === '' ? (prefix === '' ? 'the config' : `"${prefix.slice(0, -1)}"`) : `"${prefix}${key}"`} ${problem}`);
  };
  if (!isRecord(value)) return fail('', `must be an object, got ${describe(value)}`);
  const known = new Set<string>(CONFIG_KEYS);
  for (const key of Object.keys(value)) {
    if (known.has(key)) continue;
    const near = CONFIG_KEYS.find((k) => similar(k, key));
    fail(key, `is not a config key (${near ? `did you mean "${near}"? ` : ''}known keys: ${CONFIG_KEYS.filter((k) => k !== '$schema').join(', ')})`);
  }
  const config: { -readonly [K in keyof CrdgenConfig]: CrdgenConfig[K] } = {};
  const text = (key: 'out' | 'runtime' | '$schema'): string | undefined => {
    const v = value[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v.trim() === '') return fail(key, `must be a non-empty string, got ${describe(v)}`);
    return v;
  };
  const list = (key: 'inputs' | 'include' | 'exclude'): string[] | undefined => {
    const v = value[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) return fail(key, `must be an array of strings, got ${describe(v)}`);
    v.forEach((item, i) => {
      if (typeof item !== 'string' || item.trim() === '') fail(`${key}[${i}]`, `must be a non-empty string, got ${describe(item)}`);
    });
    return v as string[];
  };
  const flag = (key: 'keepGoing' | 'clean'): boolean | undefined => {
    const v = value[key];
    if (v !== undefined && typeof v !== 'boolean') return fail(key, `must be true or false, got ${describe(v)}`);
    return v;
  };
  text('$schema');
  const inputs = list('inputs');
  if (inputs !== undefined) config.inputs = inputs;
  const out = text('out');
  if (out !== undefined) config.out = out;
  const versions = value.versions;
  if (versions !== undefined) {
    if (!(VERSION_CHOICES as readonly unknown[]).includes(versions)) fail('versions', `must be one of ${VERSION_CHOICES.join(', ')}, got ${describe(versions)}`);
    config.versions = versions as GenerateOptions['versions'];
  }
  const include = list('include');
  if (include !== undefined) config.include = include;
  const exclude = list('exclude');
  if (exclude !== undefined) config.exclude = exclude;
  const runtime = text('runtime');
  if (runtime !== undefined) config.runtime = runtime;
  if (value.renames !== undefined) config.renames = validateRenames(value.renames, (key, problem) => fail(key, problem));
  const keepGoing = flag('keepGoing');
  if (keepGoing !== undefined) config.keepGoing = keepGoing;
  const clean = flag('clean');
  if (clean !== undefined) config.clean = clean;
  return config;
}

/** `Kind` or `Kind.group` -> a PascalCase type name that shadows nothing. */
export function validateRenames(value: unknown, fail: (key: string, problem: string) => never): Record<string, string> {
  if (!isRecord(value)) return fail('renames', `must be an object of Kind (or Kind.group) -> type name, got ${describe(value)}`);
  const out: Record<string, string> = {};
  for (const [from, to] of Object.entries(value)) {
    const key = `renames.${from}`;
    if (!/^[A-Za-z][A-Za-z0-9]*(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(from)) fail(key, 'must name a kind: Kind or Kind.group');
    if (typeof to !== 'string' || !/^[A-Z][A-Za-z0-9]*$/.test(to)) fail(key, `must be a PascalCase type name (letters and digits), got ${describe(to)}`);
    if (RESERVED_TYPE_NAMES.has(to as string)) fail(key, `must not be ${String(to)}: it would shadow a global or imported name`);
    Object.defineProperty(out, from, { value: to, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** Same letters in another case, or one edit apart: worth suggesting. */
function similar(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return true;
  if (Math.abs(x.length - y.length) > 1) return false;
  const row = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const here = row[j] as number;
      row[j] = Math.min(here + 1, (row[j - 1] as number) + 1, prev + (x[i - 1] === y[j - 1] ? 0 : 1));
      prev = here;
    }
  }
  return (row[y.length] as number) <= 2 && x.length > 3;
}

/** A config path (relative to the config's folder) as the CLI shows and reads it from `cwd`. */
export function fromConfigDir(loadedConfig: LoadedConfig, cwd: string, path: string): string {
  return relative(cwd, resolve(loadedConfig.dir, path)) || '.';
}
