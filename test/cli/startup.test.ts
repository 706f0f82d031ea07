// The CLI must start without loading @kubernetes/client-node (about 1.5 s): only --from-cluster
// and test-server load it, with `await import(...)`. Checked on the static import graph.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { INVALID, ROOT, VALID } from '../support/fixtures.js';

/** The modules a file loads when it is loaded: value imports and re-exports, not `import type` nor `import()`. */
function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
  const out: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      const bindings = clause?.namedBindings;
      const onlyTypes = clause && !clause.name && bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
      if (!onlyTypes) out.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      out.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return out;
}

/** Every module reachable from `entry` by static imports: our files as paths, packages by name. */
function loadedAtStart(entry: string): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else if (!packages.has(spec)) packages.set(spec, file.slice(ROOT.length + 1));
    }
  };
  visit(entry);
  return { files, packages };
}

describe('CLI start-up', () => {
  it('loads neither @kubernetes/client-node nor the runtime or the test server', () => {
    // What a run loads before a command: the entry's static imports, and the commands with yargs (main.ts).
    const entry = loadedAtStart(join(ROOT, 'src/cli/bin.ts'));
    const commands = loadedAtStart(join(ROOT, 'src/cli/commands/index.ts'));
    const files = new Set([...entry.files, ...commands.files]);
    const packages = new Map([...commands.packages, ...entry.packages]);
    expect(packages.get('@kubernetes/client-node')).toBeUndefined();
    // ts-morph and json-schema-to-typescript (~0.3 s) load when a command needs them, not for --help.
    expect(packages.get('ts-morph')).toBeUndefined();
    expect(packages.get('json-schema-to-typescript')).toBeUndefined();
    // Nor the network modules (node:https brings tls, net and http): reading a URL loads them.
    // Nor node:worker_threads (the first worker loads it) or node:zlib (the compile cache, for a checksum it has not kept).
    for (const builtin of ['node:http', 'node:https', 'node:tls', 'node:worker_threads', 'node:zlib']) expect(packages.get(builtin)).toBeUndefined();
    // Nor the YAML parsers: a command loads them when it reads CRDs.
    expect(packages.get('yaml')).toBeUndefined();
    expect(packages.get('js-yaml')).toBeUndefined();
    const heavy = [...files].map((f) => f.slice(ROOT.length + 1)).filter((f) => f.startsWith('src/runtime/') || f.startsWith('src/testing/') || f === 'src/cli/cluster.ts');
    expect(heavy).toEqual([]);
    // The commands are all there, so the check is not vacuous.
    expect([...files].map((f) => f.slice(ROOT.length + 1))).toEqual(expect.arrayContaining(['src/cli/commands/generate.ts', 'src/cli/commands/scaffold.ts', 'src/cli/commands/test-server.ts']));
  });

  it('a plain generate run loads the generate command alone: the others load with yargs', () => {
    const files = [...loadedAtStart(join(ROOT, 'src/cli/bin.ts')).files].map((f) => f.slice(ROOT.length + 1));
    expect(files).toContain('src/cli/commands/generate.ts');
    expect(files.filter((f) => f.startsWith('src/cli/commands/') && f !== 'src/cli/commands/generate.ts')).toEqual([]);
  });

  it('the cluster module loads client-node lazily, after checking it can run on this Node', () => {
    expect(staticImports(join(ROOT, 'src/cli/cluster.ts'))).not.toContain('@kubernetes/client-node');
    expect(staticImports(join(ROOT, 'src/cli/client-node.ts'))).not.toContain('@kubernetes/client-node');
    expect(readFileSync(join(ROOT, 'src/cli/cluster.ts'), 'utf8')).toContain('await loadClientNode()');
    expect(readFileSync(join(ROOT, 'src/cli/client-node.ts'), 'utf8')).toMatch(/requireUsableClientNode\(\);\n\s+return import\('@kubernetes\/client-node'\)/);
    expect(readFileSync(join(ROOT, 'src/cli/commands/test-server.ts'), 'utf8')).toMatch(/requireUsableClientNode\(\);\n\s+const \{ startTestApiServer \} = await import/);
  });

  it('an invalid CRD fails before ts-morph and json-schema-to-typescript load; a valid one loads them', () => {
    // Prints every package the process loads: ES modules as they resolve (a module hook),
    // CommonJS ones (ts-morph is loaded with require) from the require cache at exit.
    const hooks = `export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write('@@loaded ' + r.url + '\\n'); return r; }`;
    const register = [
      "import { register, createRequire } from 'node:module';",
      `register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`,
      `const cache = createRequire(${JSON.stringify(join(ROOT, 'package.json'))}).cache;`,
      "process.on('exit', () => { for (const file of Object.keys(cache)) process.stderr.write('@@loaded ' + file + '\\n'); });",
    ].join('\n');
    const out = mkdtempSync(join(tmpdir(), 'crdgen-startup-'));
    const loaded = (input: string) => {
      const run = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, '--import', 'tsx', 'src/cli/bin.ts', 'generate', input, '-o', join(out, 'x'), '--no-cache'], { cwd: ROOT, encoding: 'utf8' });
      return { code: run.status, packages: new Set([...run.stderr.matchAll(/@@loaded \S*?node_modules\/((?:@[^/]+\/)?[^/]+)/g)].map((m) => m[1])), errors: run.stderr.split('\n').filter((l) => l.startsWith('crdgen') || l.includes('error')) };
    };
    try {
      const invalid = loaded(join(INVALID, 'bad-kind.yaml'));
      expect(invalid.code).toBe(1);
      expect(invalid.errors.join('\n')).toContain('error');
      expect(invalid.packages.has('js-yaml')).toBe(true);
      expect(invalid.packages.has('ts-morph')).toBe(false);
      expect(invalid.packages.has('json-schema-to-typescript')).toBe(false);
      // Plain generate arguments are read without yargs (plain-args.ts).
      expect(invalid.packages.has('yargs')).toBe(false);
      const valid = loaded(join(VALID, 'odd-version.yaml'));
      expect(valid.code).toBe(0);
      expect(valid.packages.has('ts-morph')).toBe(true);
      expect(valid.packages.has('json-schema-to-typescript')).toBe(true);
      // Nor prettier, which json-schema-to-typescript requires for formatting crdgen never asks for.
      expect(valid.packages.has('prettier')).toBe(false);
      // The yaml package (positions) loads only when a line is looked up: nothing to report here.
      expect(valid.packages.has('js-yaml')).toBe(true);
      expect(valid.packages.has('yaml')).toBe(false);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
