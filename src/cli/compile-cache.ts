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
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { basename, dirname, extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { crc32 } from 'node:zlib';

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

/** Smaller files compile faster than their cache entry is found and read. */
const MIN_CHARS = 64 * 1024;
const NODE_MODULES = `${sep}node_modules${sep}`;
/** Files whose `import(` are known to be text, not calls (see above). */
const IMPORT_IN_TEXT_ONLY = `${NODE_MODULES}@ts-morph${sep}common${sep}dist${sep}typescript.js`;

let enabled = false;

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
  const original = loader.prototype._compile;
  loader.prototype._compile = function compile(this: CjsModule, content: string, filename: string, format?: string): unknown {
    const at = filename.lastIndexOf(NODE_MODULES);
    const cacheable = format !== 'module' && at >= 0 && content.length >= MIN_CHARS && (!/\bimport\s*\(/.test(content) || filename.endsWith(IMPORT_IN_TEXT_ONLY));
    if (!cacheable) return original.call(this, content, filename, format);
    const entry = join(filename.slice(0, at + NODE_MODULES.length), '.cache', 'crdgen-v8', `${hashOf(filename, content)}-${flagsKey()}.bin`);
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
 * `<hash of the path>-<hash of the Node build and the text>`: a file's entries share the first part.
 * The text is hashed with CRC-32, as Node's own compile cache does, the rest with SHA-256: the
 * 9 MB TypeScript compiler took ~15 ms of CPU to hash with SHA-256 in every run, ~4 ms with CRC-32
 * (V8 still checks the text's length).
 */
function hashOf(filename: string, content: string): string {
  const sha = (...parts: string[]) => parts.reduce((h, part) => h.update(part).update('\0'), createHash('sha256')).digest('hex').slice(0, 24);
  return `${sha(filename)}-${sha(process.version, process.arch, crc32(content).toString(16))}`;
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

function store(entry: string, script: Script): void {
  try {
    mkdirSync(dirname(entry), { recursive: true });
    const temporary = `${entry}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, entry);
    // The entries of the file's former texts (or other Node builds) go; those of its text under
    // other flags stay.
    const [path, text] = basename(entry).split('-') as [string, string];
    for (const other of readdirSync(dirname(entry))) if (other.startsWith(`${path}-`) && !other.startsWith(`${path}-${text}-`)) rmSync(join(dirname(entry), other), { force: true });
  } catch {
    // Not writable (a read-only install): the next run compiles again.
  }
}
