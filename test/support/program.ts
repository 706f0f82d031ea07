import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { BANNER } from '../../src/generator/emit/banner.js';
import type { EmittedFile } from '../../src/generator/model.js';
import { ROOT } from './fixtures.js';
import { cachingHost } from './typecheck.js';

/**
 * Type-checks generated files without writing them: they live at `<project>/tmp/<label>/...` in
 * memory, and everything else (lib files, @kubernetes/client-node) comes from the real disk, so
 * module resolution behaves as it does for files written into the project.
 */
export interface InMemoryProgram {
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
  /** Absolute path of an emitted file (`group/version/kind.ts` -> `<root>/tmp/<label>/...`). */
  readonly pathOf: (emittedPath: string) => string;
  /**
   * Pre-emit diagnostics, one line each (`file:line:col: TS1234 message`), of every file but the
   * verbatim copies of the runtime (see runtimeCopies): the checker still reads those for the
   * types the other files use, and what they report alone is checked once, in
   * test/generator/emit/runtime.test.ts and validators.test.ts, under both settings. (Checking the
   * copy again took seconds in every program, most of its time for a small CRD.)
   */
  readonly errors: () => string[];
}

/**
 * Copy mode's files of the runtime as it writes them (the banner, then the file of src/runtime or
 * src/validation), by their path in the output.
 */
let copies: ReadonlyMap<string, string> | undefined;
export function runtimeCopies(): ReadonlyMap<string, string> {
  if (copies === undefined) {
    const found = new Map<string, string>();
    const add = (dir: string, prefix: string) => {
      for (const name of (readdirSync(join(ROOT, dir), { recursive: true }) as string[]).filter((n) => n.endsWith('.ts'))) {
        found.set(`${prefix}${name.split('\\').join('/')}`, `${BANNER}\n${readFileSync(join(ROOT, dir, name), 'utf8')}`);
      }
    };
    add('src/runtime', 'runtime/');
    add('src/validation', 'runtime/validation/');
    copies = found;
  }
  return copies;
}

export function inMemoryProgram(files: readonly EmittedFile[], options: ts.CompilerOptions, label: string): InMemoryProgram {
  const base = join(ROOT, 'tmp', label);
  const pathOf = (path: string) => join(base, path);
  const texts = new Map(files.map((f) => [pathOf(f.path), f.contents]));
  const dirs = new Set<string>();
  for (const path of texts.keys()) for (let d = dirname(path); d.startsWith(base) && !dirs.has(d); d = dirname(d)) dirs.add(d);
  const host = cachingHost(options);
  const realRead = host.readFile.bind(host);
  const realExists = host.fileExists.bind(host);
  const realDirExists = host.directoryExists?.bind(host);
  host.readFile = (path) => texts.get(path) ?? realRead(path);
  host.fileExists = (path) => texts.has(path) || realExists(path);
  host.directoryExists = (path) => dirs.has(path) || (realDirExists ? realDirExists(path) : ts.sys.directoryExists(path));
  const realGetSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (path, languageVersion, onError, shouldCreate) => {
    const text = texts.get(path);
    return text !== undefined ? ts.createSourceFile(path, text, languageVersion, true) : realGetSourceFile(path, languageVersion, onError, shouldCreate);
  };
  const program = ts.createProgram({ rootNames: [...texts.keys()].filter((p) => p.endsWith('.ts')), options, host });
  return {
    program,
    checker: program.getTypeChecker(),
    pathOf,
    errors: () => {
      const copy = new Set(files.filter((f) => runtimeCopies().get(f.path) === f.contents).map((f) => pathOf(f.path)));
      const checked = program.getSourceFiles().filter((f) => !copy.has(f.fileName));
      const diagnostics = [
        ...program.getConfigFileParsingDiagnostics(),
        ...program.getOptionsDiagnostics(),
        ...program.getGlobalDiagnostics(),
        ...checked.flatMap((f) => [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)]),
      ];
      return ts.sortAndDeduplicateDiagnostics(diagnostics).map((d) => formatTsDiagnostic(d, base));
    },
  };
}

function formatTsDiagnostic(d: ts.Diagnostic, base: string): string {
  const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
  const file = d.file ? `${d.file.fileName.replace(`${base}/`, '')}${where ? `:${where.line + 1}:${where.character + 1}` : ''}: ` : '';
  return `${file}TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
}
