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

/** Type-checks the files in one program; returns the diagnostics formatted one per line ('' when clean). */
export function typecheck(files: readonly string[], options: ts.CompilerOptions): string {
  const program = ts.createProgram({ rootNames: [...files], options });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  return diagnostics
    .map((d) => {
      const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      const file = d.file ? `${d.file.fileName}${where ? `:${where.line + 1}:${where.character + 1}` : ''}: ` : '';
      return `${file}TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    })
    .join('\n');
}
