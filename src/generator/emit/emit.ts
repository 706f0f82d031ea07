import type { InterfaceDeclarationStructure, StatementStructures, TypeAliasDeclarationStructure } from 'ts-morph';
import { IndentationText, NewLineKind, Project, QuoteKind, StructureKind } from './ts-morph.js';
import { printFile, type Declaration } from './print-declarations.js';
import { BANNER } from './banner.js';
import { emitRoot, lines, runtimeModule } from './root.js';
import { declarations } from './declarations.js';
import type { EmittedFile, InputFile } from '../model.js';
import type { GenerationPlan, GroupVersionPlan, KindPlan } from '../plan/plan.js';
import { deprecatedTag, readKindTemplate, validatorNames, type KindTemplate } from './template.js';
import { kindTail } from './kind-tail.js';
import type { ExportedName } from './group-index.js';
import type { KindTypes } from '../typegen/typegen.js';
import { validationImport } from './validators.js';
import { relativeSpecifier, shapeModulePath } from '../shapes/refs.js';
import type { ModuleTypes } from '../shapes/module.js';

/** Files the generator is built with: the runtime it copies and the kind template. */
export interface Assets {
  /** The runtime's source files, paths relative to the runtime folder (`index.ts`, ...). */
  readonly runtime: readonly InputFile[];
  /** templates/kind-api.ts */
  readonly kindTemplate: string;
  /** The validator's source files (src/validation), paths relative to it (`index.ts`, `cel/env.ts`, ...). */
  readonly validation: readonly InputFile[];
}

export interface EmitOptions {
  /**
   * `copy`, or the module specifier generated files import the runtime from; a relative one
   * (`./`, `../`) is relative to the output folder and adjusted for each file's depth.
   */
  readonly runtime: string;
  /** Emit `isKind`/`validateKind` and the validator (copied to `runtime/validation/` with the runtime). */
  readonly validators: boolean;
}

/** Writes every file: one per kind and version, index files, and the runtime when copied. */
export function emit(
  generationPlan: GenerationPlan,
  types: ReadonlyMap<KindPlan, KindTypes>,
  options: EmitOptions,
  assets: Assets,
): EmittedFile[] {
  const context = emitContext(assets.kindTemplate);
  const emitted = generationPlan.groupVersions.map((gv) => emitGroupVersion(context, gv, types, options));
  const files = emitted.flatMap((e) => e.files);
  files.push(...emitRoot(generationPlan, files, new Map(emitted.flatMap((e) => e.exports)), options, assets));
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** What emitting needs once per thread: a ts-morph project and the template read into it. */
export interface EmitContext {
  readonly project: Project;
  readonly template: KindTemplate;
}

/** A ts-morph project and the template's declarations: read from `kindTemplate`, or `stored` (see storedTemplate). */
export function emitContext(kindTemplate: string, stored?: KindTemplate): EmitContext {
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      quoteKind: QuoteKind.Single,
      newLineKind: NewLineKind.LineFeed,
      useTrailingCommas: true,
    },
  });
  return { project, template: stored ?? readKindTemplate(project, kindTemplate) };
}

/** The files of one group-version: a file per typed kind and the folder's index; what each kind file exports. */
export function emitGroupVersion(context: EmitContext, gv: GroupVersionPlan, types: ReadonlyMap<KindPlan, KindTypes>, options: EmitOptions): { files: EmittedFile[]; exports: Array<[string, ExportedName[]]> } {
  const files: EmittedFile[] = [];
  const exports: Array<[string, ExportedName[]]> = [];
  for (const kind of gv.kinds) {
    const kindTypes = types.get(kind);
    if (!kindTypes) continue;
    const made = kindFile(context.template, kind, kindTypes, options);
    files.push({ path: kind.file, contents: made.text });
    exports.push([kind.file, made.exports]);
  }
  const kindFiles = gv.kinds.filter((k) => types.has(k)).map((k) => k.file.slice(gv.dir.length + 1).replace(/\.ts$/, '.js'));
  if (kindFiles.length > 0) {
    files.push({ path: `${gv.dir}/index.ts`, contents: lines([BANNER, ...kindFiles.map((f) => `export * from './${f}';`)]) });
  }
  return { files, exports };
}

/** The kind's declarations: its read types, then its body types (or their alias); a deprecated root marked. */
function declarationStatements(kindTypes: KindTypes, kind: KindPlan): Declaration[] {
  const input = kindTypes.input;
  return [
    ...declarations(kindTypes.read, kindTypes.names).map((s) => (s.name === kind.typeName ? deprecatedRoot(s, kind) : s)),
    ...('ast' in input
      ? declarations(input, kindTypes.names)
      : [{ kind: StructureKind.TypeAlias, isExported: true, name: input.name, type: input.type, docs: [{ description: input.doc }] } satisfies TypeAliasDeclarationStructure]),
  ];
}

/** `<group>/shapes.ts`: the shapes the group's kind files share (see shapes/share.ts). */
export function shapesFile(context: EmitContext, group: string, types: ModuleTypes, options: EmitOptions): EmittedFile {
  const path = shapeModulePath('shapes', group);
  const statements = declarations(types.typed, types.names).filter((s) => s.name !== types.root);
  const imports: StatementStructures[] = [...types.imports].map(([module, names]) => ({
    kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: relativeSpecifier(path, shapeModulePath(module, group)), namedImports: [...names],
  }));
  if (usesType(statements, 'EmbeddedObjectMeta')) {
    imports.unshift({ kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: runtimeModule(options.runtime, '../'), namedImports: ['EmbeddedObjectMeta'] });
  }
  return { path, contents: `${BANNER}\n${printFile(imports, statements)}` };
}

function kindFile(template: KindTemplate, kind: KindPlan, kindTypes: KindTypes, options: EmitOptions): { text: string; exports: ExportedName[] } {
  const types = declarationStatements(kindTypes, kind);
  const subresources = kind.version.subresources.status || kind.version.subresources.scale !== undefined;
  const up = '../'.repeat(kind.file.split('/').length - 1);
  const head: StatementStructures[] = [
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: '@kubernetes/client-node',
      namedImports: ['V1ListMeta', 'V1ObjectMeta', ...(kind.version.subresources.scale ? ['V1Scale'] : [])],
    },
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: runtimeModule(options.runtime, up),
      namedImports: [
        'AbstractAsyncCustomObjectApi',
        'type ApiOptions',
        ...(usesType(types, 'EmbeddedObjectMeta') ? ['type EmbeddedObjectMeta'] : []),
        ...(subresources ? ['type GetOptions', 'type Patch', 'type PatchOptions'] : []),
        'type ResourceDescriptor',
        ...(subresources ? ['type WriteOptions'] : []),
      ],
    },
    ...(options.validators ? [validationImport(options.runtime, up)] : []),
    ...shapeImports(kind, kindTypes),
  ];
  const text = printFile(head, types, kindTail(template, kind, options.validators));
  const names = validatorNames(kind);
  const exports: ExportedName[] = [
    ...types.flatMap((s) => ((s.kind === StructureKind.Interface || s.kind === StructureKind.TypeAlias) && s.isExported === true ? [{ name: s.name, type: true }] : [])),
    ...[...(kindTypes.reexports ?? kindTypes.imports)].flatMap(([module, list]) => list.map((name) => ({ name, type: true, from: shapeModulePath(module, kind.crd.group) }))),
    { name: kind.listName, type: true },
    { name: kind.resourceName, type: false },
    ...(options.validators ? [{ name: names.is, type: false }, { name: names.validate, type: false }] : []),
    { name: kind.apiName, type: false },
  ];
  return { text: `${BANNER}\n${text}`, exports };
}

/** A deprecated version's root interface gets `@deprecated` (unless its description has one already). */
function deprecatedRoot(iface: InterfaceDeclarationStructure, kind: KindPlan): InterfaceDeclarationStructure {
  // A description that says it is deprecated has its own tag already.
  const tagged = (iface.docs ?? []).some((d) => typeof d !== 'string' && typeof d.description === 'string' && /^@deprecated\b/m.test(d.description));
  if (!kind.version.deprecated || tagged) return iface;
  return { ...iface, docs: [...(iface.docs ?? []).map((d) => (typeof d === 'string' ? { description: d } : d)), { tags: [deprecatedTag(kind.version.deprecationWarning)] }] };
}

/**
 * The declarations the kind's types use from the group's shapes.ts and from k8s.ts: imported; and
 * exported again with every declaration those name in turn (`reexports`), so that every type the
 * kind's types reach can be imported from its file, as when the file declared them all.
 */
function shapeImports(kind: KindPlan, kindTypes: KindTypes): StatementStructures[] {
  const exported = kindTypes.reexports ?? kindTypes.imports;
  const modules = [...new Set([...kindTypes.imports.keys(), ...exported.keys()])].sort();
  return modules.flatMap((module): StatementStructures[] => {
    const moduleSpecifier = relativeSpecifier(kind.file, shapeModulePath(module, kind.crd.group));
    const used = kindTypes.imports.get(module) ?? [];
    const again = exported.get(module) ?? [];
    const out: StatementStructures[] = [];
    if (used.length > 0) out.push({ kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier, namedImports: [...used] });
    if (again.length > 0) out.push({ kind: StructureKind.ExportDeclaration, isTypeOnly: true, moduleSpecifier, namedExports: [...again] });
    return out;
  });
}

/** Whether a property or index signature of the declarations names the type `name`. */
function usesType(statements: readonly StatementStructures[], name: string): boolean {
  const word = new RegExp(`\\b${name}\\b`);
  return statements.some((s) => s.kind === StructureKind.Interface && [
    ...(s.properties ?? []).map((p) => p.type),
    ...(s.indexSignatures ?? []).map((i) => i.returnType),
  ].some((t) => typeof t === 'string' && word.test(t)));
}
