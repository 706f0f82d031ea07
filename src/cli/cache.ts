// The CLI's store for generate()'s caches (unit results, the YAML of input files): one JSON file per entry under
// node_modules/.cache/crdgen (or --cache <dir>). Entries are named by their key (a content hash
// the library computes) and carry a checksum of their value; a missing, unreadable, truncated or
// tampered entry reads as absent. Writes go to a temporary file renamed into place, so parallel
// runs never see half an entry. A read marks its entry used (mtime); past a size limit the least
// recently used entries go (pruneCache). Deleting the folder is always safe.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GenerateCache, YamlCache } from '../generator/generate.js';
import { crdgenVersion } from './usage.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The cache folder for a run from `cwd`: `--cache <dir>`, none for --no-cache, else the project's node_modules/.cache/crdgen (none without a node_modules). */
export function cacheDir(flag: string | boolean | undefined, cwd: string): string | undefined {
  if (flag === false || flag === 'false') return undefined;
  if (typeof flag === 'string' && flag !== '' && flag !== 'true') return resolve(cwd, flag);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', 'crdgen');
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Who made an entry: crdgen's version, a hash of the generator's own code (so an edited checkout
 * never reads entries of its former self) and the versions of the two libraries that write the types.
 */
export function generatorIdentity(): string {
  const code = join(dirname(fileURLToPath(import.meta.url)), '..');
  const hash = createHash('sha256');
  for (const dir of ['generator', 'kube']) {
    for (const file of filesBelow(join(code, dir))) hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  }
  const require = createRequire(import.meta.url);
  const versionOf = (name: string) => (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
  return `crdgen ${crdgenVersion()} code ${hash.digest('hex')} json-schema-to-typescript ${versionOf('json-schema-to-typescript')} ts-morph ${versionOf('ts-morph')}`;
}

function filesBelow(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesBelow(path) : /\.(ts|js)$/.test(name) ? [path] : [];
    });
}

/**
 * An entry's text: `{"key":"<key>","sha256":"<hash of the value's JSON>","value":<the value's JSON>}`,
 * written in this one layout, so the value's JSON is found, checked and parsed without serializing it again.
 */
const entryText = (key: string, valueJson: string) => `{"key":${JSON.stringify(key)},"sha256":"${sha256(valueJson)}","value":${valueJson}}`;
const ENTRY_HEAD = /^\{"key":"([0-9a-f]{64})","sha256":"([0-9a-f]{64})","value":/;
/** Length of the head of an entry: `{"key":"` 64 hex `","sha256":"` 64 hex `","value":`. */
const ENTRY_HEAD_BYTES = 8 + 64 + 12 + 64 + 10;

/**
 * The value of an entry when it is whole, of `key` and unchanged; else undefined. The entry's bytes
 * are checked as they are (hashing the value's text made a string into UTF-8 again) and only the
 * value is decoded.
 */
function entryValue(bytes: Buffer, key: string): unknown {
  const head = ENTRY_HEAD.exec(bytes.toString('latin1', 0, ENTRY_HEAD_BYTES));
  if (!head || head[1] !== key || bytes[bytes.length - 1] !== 0x7d) return undefined;
  const start = head[0].length;
  const value = bytes.subarray(start, bytes.length - 1);
  return createHash('sha256').update(value).digest('hex') === head[2] ? (JSON.parse(bytes.toString('utf8', start, bytes.length - 1)) as unknown) : undefined;
}

/**
 * A store in `dir` for both of generate()'s caches: unit results and the YAML of input files.
 * The generator's identity is worked out when first asked for (a run that fails before its units
 * never hashes the code); `writes` counts the entries this store wrote.
 */
export function fileCache(dir: string, generator?: string): GenerateCache & YamlCache & { readonly writes: number } {
  const pathOf = (key: string) => join(dir, key.slice(0, 2), `${key}.json`);
  let identity = generator;
  let writes = 0;
  return {
    get generator() {
      identity ??= generatorIdentity();
      return identity;
    },
    get writes() {
      return writes;
    },
    // Synchronous file calls: a re-run reads hundreds of entries, and a promise per call took
    // more CPU than the calls themselves.
    async read(key) {
      const value = entryValue(readFileSync(pathOf(key)), key);
      if (value === undefined) return undefined;
      const now = new Date();
      try {
        utimesSync(pathOf(key), now, now);
      } catch {
        // A read-only cache still serves its entries.
      }
      return value;
    },
    async write(key: string, value: unknown) {
      const path = pathOf(key);
      const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(temporary, entryText(key, JSON.stringify(value)));
      renameSync(temporary, path);
      writes++;
    },
  };
}

/** The cache's own files: entries `<2 hex>/<64 hex>.json` and temporary files of writes. */
const ENTRY = /^[0-9a-f]{2}\/[0-9a-f]{64}\.json(\.[0-9a-f]{12}\.tmp)?$/;

/** Default size limit of a cache folder. */
const CACHE_LIMIT_BYTES = 512 * 1024 * 1024;

/**
 * Keeps `dir` under `limit` bytes: removes the least recently used entries (down to 80% of the
 * limit, so that not every run prunes) and temporary files left over an hour by a killed run.
 * Touches nothing but the cache's own files.
 */
export async function pruneCache(dir: string, limit: number = CACHE_LIMIT_BYTES, now: number = Date.now()): Promise<number> {
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    names = [];
  }
  const statOf = (path: string) => {
    try {
      return statSync(path, { throwIfNoEntry: false });
    } catch {
      return undefined;
    }
  };
  const files = names
    .map((name) => name.replace(/\\/g, '/'))
    .filter((name) => ENTRY.test(name))
    .map((name) => ({ name, stat: statOf(join(dir, name)) }));
  const present = files.filter((f): f is { name: string; stat: NonNullable<typeof f.stat> } => f.stat !== undefined);
  const stale = present.filter((f) => f.name.endsWith('.tmp') && now - f.stat.mtimeMs > 3_600_000);
  const entries = present.filter((f) => !f.name.endsWith('.tmp')).sort((a, b) => a.stat.mtimeMs - b.stat.mtimeMs);
  let size = entries.reduce((n, f) => n + f.stat.size, 0);
  const remove = [...stale];
  if (size > limit) {
    for (const entry of entries) {
      if (size <= limit * 0.8) break;
      remove.push(entry);
      size -= entry.stat.size;
    }
  }
  await Promise.all(remove.map((f) => rm(join(dir, f.name), { force: true })));
  return remove.length;
}
