// A child-process script and the sources it imports as plain JavaScript, for tests that start it
// dozens of times: each start is then a bare `node`, without tsx's loader (which adds about half a
// second to every start on a loaded machine). TypeScript's transpileModule only strips the types,
// as tsx does; the files land below <root>/tmp so that their packages resolve as from the sources.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { ROOT } from '../../support/fixtures.js';

export interface PlainChild {
  /** The entry script's JavaScript, to run with `node`. */
  readonly script: string;
  /** Removes the transpiled files. */
  remove(): void;
}

/** Transpiles `entry` (absolute, below the root) and every relative import it reaches. */
export function plainChild(entry: string): PlainChild {
  mkdirSync(join(ROOT, 'tmp'), { recursive: true });
  const out = mkdtempSync(join(ROOT, 'tmp', 'plain-child-'));
  const done = new Set<string>();
  const options: ts.CompilerOptions = { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true };
  const visit = (file: string): void => {
    if (done.has(file)) return;
    done.add(file);
    const text = readFileSync(file, 'utf8');
    const target = join(out, relative(ROOT, file).replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, ts.transpileModule(text, { compilerOptions: options, fileName: file }).outputText);
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      if (fileName.startsWith('.')) visit(resolve(dirname(file), fileName.replace(/\.js$/, '.ts')));
    }
  };
  visit(entry);
  return { script: join(out, relative(ROOT, entry).replace(/\.ts$/, '.js')), remove: () => rmSync(out, { recursive: true, force: true }) };
}
