/**
 * The project configuration: `crdgen.config.json`, or a `crdgen` key in package.json. Its keys are
 * the option rows of `crdgen generate` not marked `config: false` (src/cli/cli-options.ts; flags
 * win), checked by their kind; schema/crdgen.config.schema.json is derived from the same rows. Reading is strict: an unknown key or a bad value is one error naming both the
 * key and the file, so a typo never silently changes what is generated.
 */
import { access, readFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { GENERATE_TABLE, type CrdgenConfig } from './cli-options.js';
import { checkValue, describe, isRecord } from './option-values.js';
import { flagName, kebabCase } from '../generator/option-spec.js';
import { nearest } from '../generator/suggest.js';

export type { CrdgenConfig } from './cli-options.js';

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
/** The config's JSON Schema, relative to the package root (derived: src/cli/config-schema.ts). */
export const CONFIG_SCHEMA_PATH = 'schema/crdgen.config.schema.json';

/** Every key a config may hold, in the order the schema lists them: the rows not marked `config: false`. */
export const CONFIG_KEYS: readonly string[] = Object.entries(GENERATE_TABLE)
  .filter(([, row]) => !('config' in row && row.config === false))
  .map(([key]) => key);

/** The flags of crdgen generate that a config must not set (--check, --watch, ...). */
const FLAG_ONLY: readonly string[] = Object.entries(GENERATE_TABLE).flatMap(([key, row]) => {
  const flag = 'config' in row && row.config === false ? flagName(key, row) : undefined;
  return flag === undefined ? [] : [flag];
});

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

/**
 * The files whose creation, change or removal can change what findConfig finds for `cwd` (what
 * `--watch` watches): `explicit`, else each folder's crdgen.config.json and package.json from `cwd`
 * up to the folder where findConfig's search stops.
 */
export async function configSearchPaths(cwd: string, explicit?: string): Promise<string[]> {
  if (explicit !== undefined) return [resolve(cwd, explicit)];
  const paths: string[] = [];
  const exists = (path: string) => access(path).then(() => true, () => false);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    paths.push(join(dir, CONFIG_FILE), join(dir, 'package.json'));
    if ((await exists(join(dir, CONFIG_FILE))) || (await exists(join(dir, 'package.json'))) || dirname(dir) === dir) return paths;
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
function parseConfigText(text: string, file: string, isPackageJson: boolean): CrdgenConfig | undefined {
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
  const keys = CONFIG_KEYS.filter((k) => k !== '$schema');
  for (const key of Object.keys(value)) {
    if (known.has(key)) continue;
    const flag = FLAG_ONLY.find((name) => name === key || kebabCase(key) === name);
    if (flag !== undefined) fail(key, `is a flag of crdgen generate, not a config key (give --${flag} on the command line)`);
    const near = nearest(key, keys);
    fail(key, `is not a config key (${near ? `did you mean "${near}"? ` : ''}known keys: ${keys.join(', ')})`);
  }
  const config: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const row = GENERATE_TABLE[key as keyof typeof GENERATE_TABLE];
    if (value[key] !== undefined) config[key] = checkValue(row.kind, key, value[key], fail);
  }
  return config as CrdgenConfig;
}

/** A config path (relative to the config's folder) as the CLI shows and reads it from `cwd`. */
export function fromConfigDir(loadedConfig: LoadedConfig, cwd: string, path: string): string {
  return relative(cwd, resolve(loadedConfig.dir, path)) || '.';
}
