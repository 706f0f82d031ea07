// The CLI must start without loading @kubernetes/client-node (about 1.5 s): only --from-cluster
// and test-server load it, with `await import(...)`. Checked on the static import graph.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/fixtures.js';

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
    const { files, packages } = loadedAtStart(join(ROOT, 'src/cli/bin.ts'));
    expect(packages.get('@kubernetes/client-node')).toBeUndefined();
    // ts-morph and json-schema-to-typescript (~0.3 s) load when a command needs them, not for --help.
    expect(packages.get('ts-morph')).toBeUndefined();
    expect(packages.get('json-schema-to-typescript')).toBeUndefined();
    const heavy = [...files].map((f) => f.slice(ROOT.length + 1)).filter((f) => f.startsWith('src/runtime/') || f.startsWith('src/testing/') || f === 'src/cli/cluster.ts');
    expect(heavy).toEqual([]);
    // The commands are all there, so the check is not vacuous.
    expect([...files].map((f) => f.slice(ROOT.length + 1))).toEqual(expect.arrayContaining(['src/cli/commands/generate.ts', 'src/cli/commands/scaffold.ts', 'src/cli/commands/test-server.ts']));
  });

  it('the cluster module loads client-node lazily, after checking it can run on this Node', () => {
    expect(staticImports(join(ROOT, 'src/cli/cluster.ts'))).not.toContain('@kubernetes/client-node');
    expect(staticImports(join(ROOT, 'src/cli/client-node.ts'))).not.toContain('@kubernetes/client-node');
    expect(readFileSync(join(ROOT, 'src/cli/cluster.ts'), 'utf8')).toContain('await loadClientNode()');
    expect(readFileSync(join(ROOT, 'src/cli/client-node.ts'), 'utf8')).toMatch(/requireUsableClientNode\(\);\n\s+return import\('@kubernetes\/client-node'\)/);
    expect(readFileSync(join(ROOT, 'src/cli/commands/test-server.ts'), 'utf8')).toMatch(/requireUsableClientNode\(\);\n\s+const \{ startTestApiServer \} = await import/);
  });
});
