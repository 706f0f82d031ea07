// A V8 code cache for the CommonJS files of crdgen's dependencies, for Node versions without
// module.enableCompileCache (added in Node 22.1; used instead where present). Compiling the
// TypeScript compiler that ts-morph bundles (9 MB) and ts-morph itself is most of a small run's
// start-up; with the bytecode V8 made last time, loading them takes a third of the time.
//
// Only files below a node_modules folder are cached, in `<that node_modules>/.cache/crdgen-v8/`
// (whoever can write there can change the modules themselves), under a hash of the file's path,
// its text and the Node version (an entry replaces the file's older texts), and of the V8 flags in
// force: V8 refuses data made under other flags, and the crdgen process sets one (heap.ts) that a
// test runner or `tsx src/cli/bin.ts` does not, so one entry for both was refused and written
// again by every other run. V8 checks the data again and refuses data of another build. A
// file that may call import() is compiled as Node does (a vm.Script needs an experimental flag
// for it), except the bundled TypeScript compiler, whose `import(` are in strings and comments
// only. Anything that goes wrong (an unwritable folder, a bad entry) means compiling as usual.
//
// The checksum of a file's text, and whether it has `import(`, are kept beside the entries with
// the file's status, and taken again only when the status changed (see settledStatus):
// checksumming and scanning the 13 MB of these files cost ~20-30 ms of CPU in every run of a
// small CRD.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, type BigIntStats } from 'node:fs';
import Module from 'node:module';
import { basename, dirname, extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

interface CjsModule {
  exports: unknown;
  filename: string;
  require(id: string): unknown;
  _compile(content: string, filename: string, format?: string): unknown;
}

interface CjsLoader {
  prototype: CjsModule;
  _resolveFilename(request: string, parent: CjsModule, isMain: boolean, options?: { paths?: string[] }): string;
  _resolveLookupPaths(request: string, parent: CjsModule): string[] | null;
  _extensions: unknown;
  _cache: unknown;
  wrap(content: string): string;
  enableCompileCache?: () => unknown;
}

/**
 * Smaller files compile faster than their cache entry is found and read. The ~40 files of 2-64 KB
 * that a run loads (json-schema-to-typescript and its resolver, minimatch, code-block-writer) took
 * ~20 ms of CPU to compile, and load from the cache in less.
 */
const MIN_CHARS = 2 * 1024;
/** The file in a cache folder that keeps the checksums of texts (see Checksums). */
const CHECKSUMS = 'checksums.json';
/**
 * How long before it is read a file must have last changed for its status to stand for its text:
 * a file written again within the clock's tick keeps its times, and so may one written while Node
 * read it (git makes the same check of "racily clean" files).
 */
export const SETTLED_MS = 2000;
const NODE_MODULES = `${sep}node_modules${sep}`;
/** Files whose `import(` are known to be text, not calls (see above). */
const IMPORT_IN_TEXT_ONLY = `${NODE_MODULES}@ts-morph${sep}common${sep}dist${sep}typescript.js`;

let enabled = false;
let zlib: typeof import('node:zlib') | undefined;

/** CRC-32 of a text; node:zlib loads with the first (a run whose checksums are all kept takes none). */
const crc32 = (text: string): number => (zlib ??= Module.createRequire(import.meta.url)('node:zlib') as typeof import('node:zlib')).crc32(text);

/**
 * The module that enables this cache in a worker thread (a thread loads modules on its own; see
 * GenerateHooks.workerSetup), when this process enabled it. A worker only reads entries: it is
 * stopped without an exit event, and this process has made them (it loads the same modules).
 */
export function compileCacheSetup(): string | undefined {
  return enabled ? new URL(`./compile-cache-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url).href : undefined;
}

export function enableCompileCache(): void {
  if (enabled) return;
  enabled = true;
  const loader = Module as unknown as CjsLoader;
  if (typeof loader.enableCompileCache === 'function') {
    loader.enableCompileCache();
    return;
  }
  const pending: Array<() => void> = [];
  const checksums = new Map<string, Checksums>();
  const original = loader.prototype._compile;
  loader.prototype._compile = function compile(this: CjsModule, content: string, filename: string, format?: string): unknown {
    const at = filename.lastIndexOf(NODE_MODULES);
    if (format === 'module' || at < 0 || content.length < MIN_CHARS) return original.call(this, content, filename, format);
    const folder = join(filename.slice(0, at + NODE_MODULES.length), '.cache', 'crdgen-v8');
    let known = checksums.get(folder);
    if (!known) {
      checksums.set(folder, (known = new Checksums(readOrUndefined(join(folder, CHECKSUMS))?.toString('utf8'))));
      const written = known;
      pending.push(() => written.changed && writeAtomically(join(folder, CHECKSUMS), written.text()));
    }
    const text = known.of(filename, content, settledStatus(statOrUndefined(filename), Date.now()));
    if (text.mayImport && !filename.endsWith(IMPORT_IN_TEXT_ONLY)) return original.call(this, content, filename, format);
    const entry = join(folder, `${hashOf(filename, text.checksum)}-${flagsKey()}.bin`);
    const cachedData = readOrUndefined(entry);
    let script: Script;
    try {
      script = new Script(loader.wrap(content), { filename, ...(cachedData ? { cachedData } : {}) });
    } catch {
      return original.call(this, content, filename, format);
    }
    if (!cachedData || script.cachedDataRejected) pending.push(() => store(entry, script));
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, requireFor(loader, this), this, filename, dirname(filename));
  };
  // Written at exit, so the data holds the functions the run compiled too, not only the top level.
  process.once('exit', () => {
    for (const write of pending) write();
  });
}

/** The `require` Node gives a module: resolution from it, and the shared cache. */
function requireFor(loader: CjsLoader, module: CjsModule): NodeJS.Require {
  const require = ((id: string) => module.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: { paths?: string[] }) => loader._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => loader._resolveLookupPaths(request, module);
  return Object.assign(require, { resolve, main: (process as { mainModule?: unknown }).mainModule, extensions: loader._extensions, cache: loader._cache }) as NodeJS.Require;
}

/**
 * A file's status (device, inode, size, modification and change times to the nanosecond) when it
 * last changed at least SETTLED_MS before `nowMs`, else undefined. Writing a file, renaming one
 * over it or unpacking a package anew gives it a new change time, which no call sets back (unlike
 * the modification time, which tar, `cp -p` and utimes() set to whatever they like).
 */
export function settledStatus(stat: BigIntStats | undefined, nowMs: number): string | undefined {
  return stat && stat.ctimeMs < nowMs - SETTLED_MS ? `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}` : undefined;
}

/** What the cache needs of a file's text. */
export interface TextFacts {
  /** CRC-32, as Node's own compile cache uses. */
  readonly checksum: string;
  /** Whether `import(` occurs in it (it may call import(): see above). */
  readonly mayImport: boolean;
}

/**
 * The TextFacts of files by path, each with the settled status of the file they were taken of: a
 * file of that status has that text. Kept as JSON, `{ "<path>": "<status> <checksum> import|-" }`;
 * anything else there is as if nothing was kept.
 */
export class Checksums {
  readonly #byPath = new Map<string, string>();
  changed = false;

  constructor(json?: string) {
    try {
      const kept = JSON.parse(json ?? '{}') as unknown;
      if (kept && typeof kept === 'object' && !Array.isArray(kept)) for (const [path, value] of Object.entries(kept)) if (typeof value === 'string') this.#byPath.set(path, value);
    } catch {
      // Not JSON (a torn or foreign file): checksums are taken again.
    }
  }

  /** The facts of the file's text: the kept ones when the file still has its status, else taken from `content` (and kept when the status is settled). */
  of(path: string, content: string, status: string | undefined): TextFacts {
    const kept = status === undefined ? undefined : this.#byPath.get(path);
    if (status !== undefined && kept?.startsWith(`${status} `)) {
      const [checksum, mark, ...rest] = kept.slice(status.length + 1).split(' ');
      if (checksum && (mark === 'import' || mark === '-') && rest.length === 0) return { checksum, mayImport: mark === 'import' };
    }
    const facts = { checksum: crc32(content).toString(16), mayImport: /\bimport\s*\(/.test(content) };
    if (status !== undefined) {
      this.#byPath.set(path, `${status} ${facts.checksum} ${facts.mayImport ? 'import' : '-'}`);
      this.changed = true;
    }
    return facts;
  }

  text(): string {
    return JSON.stringify(Object.fromEntries(this.#byPath));
  }
}

/**
 * `<hash of the path>-<hash of the Node build and the text's checksum>`: a file's entries share
 * the first part. Hashed with SHA-256: short and of one length (V8 still checks the text's length).
 */
function hashOf(filename: string, checksum: string): string {
  const sha = (...parts: string[]) => parts.reduce((h, part) => h.update(part).update('\0'), createHash('sha256')).digest('hex').slice(0, 24);
  return `${sha(filename)}-${sha(process.version, process.arch, checksum)}`;
}

function statOrUndefined(path: string): BigIntStats | undefined {
  try {
    return statSync(path, { bigint: true });
  } catch {
    return undefined;
  }
}

/**
 * What V8 checks of the flags, as it writes it: the bytes after the magic number of the data of
 * an empty script (its version hash, the source's length and the hash of the flags), read at each
 * compile since a flag may be set after start-up. Any other layout only makes another name: V8
 * checks the data itself.
 */
function flagsKey(): string {
  return Buffer.from(new Script('', { filename: 'crdgen-flags' }).createCachedData().subarray(4, 16)).toString('hex');
}

function readOrUndefined(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Writes a whole file or nothing (another process reads it meanwhile); false when it cannot. */
function writeAtomically(path: string, data: string | Buffer): boolean {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(temporary, data);
    renameSync(temporary, path);
    return true;
  } catch {
    return false;
  }
}

function store(entry: string, script: Script): void {
  if (!writeAtomically(entry, script.createCachedData())) return;
  try {
    // The entries of the file's former texts (or other Node builds) go; those of its text under
    // other flags stay.
    const [path, text] = basename(entry).split('-') as [string, string];
    for (const other of readdirSync(dirname(entry))) if (other.startsWith(`${path}-`) && !other.startsWith(`${path}-${text}-`)) rmSync(join(dirname(entry), other), { force: true });
  } catch {
    // Not writable (a read-only install): the next run compiles again.
  }
}
