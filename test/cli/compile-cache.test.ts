// The V8 code cache of the CLI (src/cli/compile-cache.ts), in child processes since it changes how
// the process loads CommonJS: a cached module behaves as when Node compiles it, an edited file
// (even of the same length) is compiled anew, files that may call import() are left to Node, and
// runs under other V8 flags keep entries of their own. The checksum of a text (and whether it has
// `import(`) is taken again only when the file's status changed, and only a status that has
// settled stands for a text.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Checksums, SETTLED_MS, settledStatus } from '../../src/cli/compile-cache.js';
import { ROOT } from '../support/fixtures.js';

const work = mkdtempSync(join(tmpdir(), 'crdgen-compile-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const pkg = join(work, 'node_modules', 'big');
const padding = `// ${'x'.repeat(70 * 1024)}\n`;
const bigModule = (answer: number) =>
  `${padding}const helper = require('./helper.js');\nmodule.exports = { answer: ${answer}, helper: helper.name, dir: __dirname, resolved: require.resolve('./helper.js'), self: module.exports === exports };\n`;

const cacheDir = join(work, 'node_modules', '.cache', 'crdgen-v8');

/** Loads the modules in a child process; `flags`: V8 flags it sets first, as the crdgen process does (heap.ts). */
function run(flags = ''): { out: unknown; entries: string[] } {
  const script = [
    `const { enableCompileCache } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'src/cli/compile-cache.ts')).href)});`,
    `(await import('node:v8')).setFlagsFromString(${JSON.stringify(flags)});`,
    'enableCompileCache();',
    `const { createRequire } = await import('node:module');`,
    `const require = createRequire(${JSON.stringify(join(work, 'main.cjs'))});`,
    `console.log(JSON.stringify({ big: require('big'), dynamic: require('big/dynamic.js').kind }));`,
  ].join('\n');
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  expect(child.stderr).toBe('');
  return { out: JSON.parse(child.stdout) as unknown, entries: readdirSync(cacheDir).filter((n) => n.endsWith('.bin')).sort() };
}

describe('compile cache', () => {
  it('serves the same module, compiles an edited one anew, and leaves files with import( to Node', () => {
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), '{ "name": "big", "main": "index.js" }');
    writeFileSync(join(pkg, 'helper.js'), 'module.exports = { name: "helper" };');
    writeFileSync(join(pkg, 'index.js'), bigModule(41));
    writeFileSync(join(pkg, 'dynamic.js'), `${padding}module.exports = { kind: 'may import', later: () => import('node:fs') };\n`);
    const want = { big: { answer: 41, helper: 'helper', dir: pkg, resolved: join(pkg, 'helper.js'), self: true }, dynamic: 'may import' };
    const first = run();
    expect(first.out).toEqual(want);
    // One entry: index.js (helper.js is too small, dynamic.js may call import()).
    expect(first.entries).toHaveLength(1);
    expect(readdirSync(cacheDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const second = run();
    expect(second).toEqual(first);
    // Same length, other text: not the old bytecode.
    writeFileSync(join(pkg, 'index.js'), bigModule(42));
    const edited = run();
    expect(edited.out).toEqual({ ...want, big: { ...want.big, answer: 42 } });
    // The entry of the former text is replaced, not kept beside it.
    expect(edited.entries).toHaveLength(1);
    expect(edited.entries).not.toEqual(first.entries);
    // Under other flags V8 refuses the entry: the run writes one of its own beside it, and runs
    // under either flags then read theirs without writing (a rewrite is a new file: rename).
    const tuned = run('--heap-growing-percent=30');
    expect(tuned.out).toEqual(edited.out);
    expect(tuned.entries).toHaveLength(2);
    expect(tuned.entries).toEqual(expect.arrayContaining(edited.entries));
    const inodes = () => tuned.entries.map((n) => statSync(join(cacheDir, n)).ino);
    const before = inodes();
    expect(run().entries).toEqual(tuned.entries);
    expect(run('--heap-growing-percent=30').entries).toEqual(tuned.entries);
    expect(inodes()).toEqual(before);
    // A new text replaces the entries of the old one under every flags.
    writeFileSync(join(pkg, 'index.js'), bigModule(43));
    const third = run();
    expect(third.out).toEqual({ ...want, big: { ...want.big, answer: 43 } });
    expect(third.entries).toHaveLength(1);
    expect(tuned.entries).not.toContain(third.entries[0]);
  }, 120_000);
});

describe('settledStatus', () => {
  it('is the status of a file that changed SETTLED_MS before or earlier, another once another file takes its place, and none for a fresh or missing file', () => {
    const file = join(work, 'status.js');
    writeFileSync(file, 'module.exports = 1;\n');
    utimesSync(file, 1000, 1000);
    const stat = statSync(file, { bigint: true });
    const settled = Number(stat.ctimeMs) + SETTLED_MS + 1;
    const status = settledStatus(stat, settled);
    expect(status).toBeDefined();
    expect(settledStatus(statSync(file, { bigint: true }), settled)).toBe(status);
    // Another text of the same length and modification time, renamed over it (as a package is
    // unpacked anew): another file. (One written in place within the clock's tick would have the
    // same times: hence SETTLED_MS.)
    writeFileSync(`${file}.new`, 'module.exports = 2;\n');
    utimesSync(`${file}.new`, 1000, 1000);
    renameSync(`${file}.new`, file);
    const again = statSync(file, { bigint: true });
    expect(again.mtimeNs).toBe(stat.mtimeNs);
    expect(settledStatus(again, Number(again.ctimeMs) + SETTLED_MS + 1)).not.toBe(status);
    expect(settledStatus(again, Number(again.ctimeMs) + SETTLED_MS - 1)).toBeUndefined();
    expect(settledStatus(undefined, settled)).toBeUndefined();
  });
});

describe('Checksums', () => {
  const factsOf = (text: string) => new Checksums().of('/m/a.js', text, undefined);
  const withImport = 'module.exports = () => import("node:fs");';

  it('keeps the facts of a text under a settled status and gives them back for that status without reading the text', () => {
    const checksums = new Checksums();
    expect(checksums.of('/m/a.js', 'one', 's1')).toEqual({ checksum: factsOf('one').checksum, mayImport: false });
    expect(checksums.of('/m/b.js', withImport, 's1')).toEqual({ checksum: factsOf(withImport).checksum, mayImport: true });
    expect(checksums.changed).toBe(true);
    const kept = new Checksums(checksums.text());
    // The text is not read again: the kept facts stand for it.
    expect(kept.of('/m/a.js', 'not read', 's1')).toEqual(factsOf('one'));
    expect(kept.of('/m/b.js', 'not read', 's1')).toEqual(factsOf(withImport));
    expect(kept.changed).toBe(false);
    // Another status: the text's facts, kept in place of the old ones.
    expect(kept.of('/m/a.js', 'two', 's2')).toEqual(factsOf('two'));
    expect(kept.changed).toBe(true);
    expect(JSON.parse(kept.text())).toEqual({ '/m/a.js': `s2 ${factsOf('two').checksum} -`, '/m/b.js': `s1 ${factsOf(withImport).checksum} import` });
  });

  it('takes the facts of a file without a settled status every time and keeps nothing', () => {
    const checksums = new Checksums(new Checksums().text());
    expect(checksums.of('/m/a.js', 'one', undefined)).toEqual(factsOf('one'));
    expect(checksums.of('/m/a.js', withImport, undefined)).toEqual({ checksum: factsOf(withImport).checksum, mayImport: true });
    expect(factsOf('one').checksum).not.toBe(factsOf('two').checksum);
    expect(checksums.changed).toBe(false);
  });

  it('reads a torn or foreign file, or a record of another form, as nothing kept', () => {
    const records = ['{"/m/a.js": "s1 ', '[1]', 'null', '{"/m/a.js": 7}', '{"/m/a.js": "s1 abc"}', '{"/m/a.js": "s1 abc maybe"}', '{"/m/a.js": "s1 abc - x"}'];
    for (const text of records) expect(new Checksums(text).of('/m/a.js', 'one', 's1')).toEqual(factsOf('one'));
  });
});

describe('compile cache in worker threads', () => {
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  it('is enabled in a worker that imports compileCacheSetup(), which names no module before the process enabled it', () => {
    const script = [
      `const { enableCompileCache, compileCacheSetup } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'src/cli/compile-cache.ts')).href)});`,
      'const before = compileCacheSetup() ?? null;',
      'enableCompileCache();',
      'const setup = compileCacheSetup();',
      `const { Worker } = await import('node:worker_threads');`,
      `const worker = new Worker(${JSON.stringify(join(work, 'worker.mjs'))}, { workerData: { setup, main: ${JSON.stringify(join(work, 'main.cjs'))} } });`,
      `const reply = await new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });`,
      'await worker.terminate();',
      'console.log(JSON.stringify({ before, setup, reply }));',
    ].join('\n');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), '{ "name": "big", "main": "index.js" }');
    writeFileSync(join(pkg, 'helper.js'), 'module.exports = { name: "helper" };');
    writeFileSync(join(pkg, 'index.js'), bigModule(44));
    // The worker reports whether its CommonJS loader compiles through the cache (Node's own
    // compile cache, where there is one, is enabled by the same call) and what a module gives.
    writeFileSync(
      join(work, 'worker.mjs'),
      [
        `import Module from 'node:module';`,
        `import { parentPort, workerData } from 'node:worker_threads';`,
        'const plain = Module.prototype._compile;',
        // The setup module is .ts here: the worker loads it with tsx, as pool.ts's workers do from the sources.
        `await (await import(${JSON.stringify(tsxApi)})).register();`,
        'await import(workerData.setup);',
        `const cached = Module.prototype._compile !== plain || typeof Module.enableCompileCache === 'function';`,
        `parentPort.postMessage({ cached, answer: Module.createRequire(workerData.main)('big').answer });`,
      ].join('\n'),
    );
    // A file, not -e: the worker takes the process's flags, and --input-type is for -e only.
    writeFileSync(join(work, 'threads.mjs'), script);
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(work, 'threads.mjs')], { cwd: ROOT, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    const out = JSON.parse(child.stdout) as { before: null; setup: string; reply: { cached: boolean; answer: number } };
    expect(out.before).toBeNull();
    expect(out.setup).toBe(pathToFileURL(join(ROOT, 'src/cli/compile-cache-worker.ts')).href);
    expect(out.reply).toEqual({ cached: true, answer: 44 });
  }, 120_000);
});
