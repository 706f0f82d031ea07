import ts from 'typescript';

export const STRICT_NODENEXT: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts', 'lib.esnext.disposable.d.ts'],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  skipLibCheck: true,
  types: ['node'],
  noEmit: true,
};

/** The strictest settings users turn on, with bundler resolution. */
export const STRICTEST_BUNDLER: ts.CompilerOptions = {
  ...STRICT_NODENEXT,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  exactOptionalPropertyTypes: true,
  isolatedModules: true,
  verbatimModuleSyntax: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noPropertyAccessFromIndexSignature: true,
};

/**
 * Parsed (and bound) files of installed packages, shared by every program of this worker with the
 * same options: each program of generated code reads the ~1,000 declaration files of
 * @kubernetes/client-node and the lib files, which never change during a run. Files of the
 * project, the generated code above all, are read afresh for every program.
 */
const packageFiles = new Map<string, ts.SourceFile>();

/** A compiler host that takes files under node_modules from `packageFiles`. */
export function cachingHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const read = host.getSourceFile.bind(host);
  const settings = JSON.stringify(options);
  host.getSourceFile = (path, languageVersion, onError, shouldCreate) => {
    if (!path.includes('/node_modules/')) return read(path, languageVersion, onError, shouldCreate);
    const key = `${settings}\0${JSON.stringify(languageVersion)}\0${path}`;
    let file = packageFiles.get(key);
    if (file === undefined) {
      file = read(path, languageVersion, onError, shouldCreate);
      if (file !== undefined) packageFiles.set(key, file);
    }
    return file;
  };
  return host;
}

/**
 * Type-checks the files in one program; returns the diagnostics formatted one per line ('' when
 * clean). With `only`, just the files it accepts are checked (and the program's global and option
 * problems): the checker then resolves what they use from the other files without checking those
 * whole, which is most of the time when the other files are generated code checked elsewhere.
 */
export function typecheck(files: readonly string[], options: ts.CompilerOptions, only?: (path: string) => boolean): string {
  const program = ts.createProgram({ rootNames: [...files], options, host: cachingHost(options) });
  const diagnostics = only === undefined ? ts.getPreEmitDiagnostics(program) : [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program.getSourceFiles().filter((file) => only(file.fileName)).flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]),
  ];
  return diagnostics
    .map((d) => {
      const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      const file = d.file ? `${d.file.fileName}${where ? `:${where.line + 1}:${where.character + 1}` : ''}: ` : '';
      return `${file}TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    })
    .join('\n');
}
