import type { InterfaceDeclarationStructure, StatementStructures, VariableStatementStructure } from 'ts-morph';
import { IndentationText, NewLineKind, Project, QuoteKind, StructureKind, typescript as ts } from './ts-morph.js';
import { BANNER } from './banner.js';
import { emitRoot, lines, runtimeModule } from './root.js';
import { stringLiteral } from '../escape.js';
import { withRawDocs } from './emit-docs.js';
import { renderType } from './inline-type.js';
import { decodePropertyName } from '../typegen/own-names.js';
import type { EmittedFile, InputFile } from '../model.js';
import type { GenerationPlan, GroupVersionPlan, KindPlan } from '../plan/plan.js';
import { deprecatedTag, instantiate, readKindTemplate, type KindTemplate } from './template.js';
import type { KindTypes } from '../typegen/typegen.js';
import { validationImport, validatorStatement } from './validators.js';
import { relativeSpecifier, shapeModulePath } from '../shapes/refs.js';

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
  const files = generationPlan.groupVersions.flatMap((gv) => emitGroupVersion(context, gv, types, options));
  files.push(...emitRoot(generationPlan, files, options, assets));
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** What emitting needs once per thread: a ts-morph project and the template read into it. */
export interface EmitContext {
  readonly project: Project;
  readonly template: KindTemplate;
}

export function emitContext(kindTemplate: string): EmitContext {
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      quoteKind: QuoteKind.Single,
      newLineKind: NewLineKind.LineFeed,
      useTrailingCommas: true,
    },
  });
  return { project, template: readKindTemplate(project, kindTemplate) };
}

/** The files of one group-version: a file per typed kind and the folder's index. */
export function emitGroupVersion(context: EmitContext, gv: GroupVersionPlan, types: ReadonlyMap<KindPlan, KindTypes>, options: EmitOptions): EmittedFile[] {
  const files: EmittedFile[] = [];
  for (const kind of gv.kinds) {
    const kindTypes = types.get(kind);
    if (kindTypes) files.push({ path: kind.file, contents: kindFile(context.project, context.template, kind, kindTypes, options) });
  }
  const kindFiles = gv.kinds.filter((k) => types.has(k)).map((k) => k.file.slice(gv.dir.length + 1).replace(/\.ts$/, '.js'));
  if (kindFiles.length > 0) {
    files.push({ path: `${gv.dir}/index.ts`, contents: lines([BANNER, ...kindFiles.map((f) => `export * from './${f}';`)]) });
  }
  return files;
}

function kindFile(project: Project, template: KindTemplate, kind: KindPlan, kindTypes: KindTypes, options: EmitOptions): string {
  const declarations = project.createSourceFile('/__types__.ts', kindTypes.text, { overwrite: true });
  const structure = declarations.getStructure().statements;
  const typeStatements = withRawDocs(
    declarations,
    (Array.isArray(structure) ? structure : []).filter((s): s is StatementStructures => typeof s === 'object' && s !== null),
  );
  project.removeSourceFile(declarations);
  const own = instantiate(template, kind, options.validators);
  const types = typeStatements.map((s) => tidy(s, kind, kindTypes.names));
  const subresources = kind.version.subresources.status || kind.version.subresources.scale !== undefined;
  const up = '../'.repeat(kind.file.split('/').length - 1);
  const statements: Array<StatementStructures | string> = [
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
    ...types,
    own.list,
    resourceStatement(own.resource, kind),
    ...(options.validators ? [validatorStatement(own.validator, kind), own.is, own.validate] : []),
    own.api,
  ];
  const file = project.createSourceFile(`/${kind.file}`, { statements }, { overwrite: true });
  const text = file.getFullText();
  project.removeSourceFile(file);
  return `${BANNER}\n${text}`;
}

/** Types on one line (see renderType), wire names decoded, deprecated roots marked. */
function tidy(statement: StatementStructures, kind: KindPlan, names: ReadonlyMap<string, string>): StatementStructures {
  if (statement.kind !== StructureKind.Interface) return statement;
  const iface = statement as InterfaceDeclarationStructure;
  const typeName = (printed: string) => names.get(printed) ?? printed;
  const isRoot = typeName(iface.name) === kind.typeName;
  // A description that says it is deprecated has its own tag already.
  const tagged = (iface.docs ?? []).some((d) => typeof d !== 'string' && typeof d.description === 'string' && /^@deprecated\b/m.test(d.description));
  const docs = isRoot && kind.version.deprecated && !tagged
    ? [...(iface.docs ?? []).map((d) => (typeof d === 'string' ? { description: d } : d)), { tags: [deprecatedTag(kind.version.deprecationWarning)] }]
    : iface.docs;
  return {
    ...iface,
    name: typeName(iface.name),
    ...(docs ? { docs } : {}),
    properties: (iface.properties ?? []).map((p) => ({ ...p, name: wireName(p.name), ...(typeof p.type === 'string' ? { type: renderType(p.type, wireName, typeName) } : {}) })),
    indexSignatures: (iface.indexSignatures ?? []).map((s) => ({
      ...s,
      keyName: 'key',
      ...(typeof s.returnType === 'string' ? { returnType: renderType(s.returnType, wireName, typeName) } : {}),
    })),
  };
}

/**
 * The declarations the kind's types use from the group's shapes.ts and from k8s.ts: imported, and
 * exported again, so that everything the kind's types name can be imported from its file.
 */
function shapeImports(kind: KindPlan, kindTypes: KindTypes): StatementStructures[] {
  return [...kindTypes.imports].flatMap(([module, names]): StatementStructures[] => {
    const moduleSpecifier = relativeSpecifier(kind.file, shapeModulePath(module, kind.crd.group));
    return [
      { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier, namedImports: [...names] },
      { kind: StructureKind.ExportDeclaration, isTypeOnly: true, moduleSpecifier, namedExports: [...names] },
    ];
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

/**
 * The resource descriptor as text: ts-morph gives multi-line initializers a hanging indent, so the
 * statement is written whole (its doc comment still comes from the template).
 */
function resourceStatement(statement: VariableStatementStructure, kind: KindPlan): string {
  const { crd, version } = kind;
  const docs = (statement.docs ?? []).map((d) => (typeof d === 'string' ? d : typeof d.description === 'string' ? d.description : ''));
  const name = statement.declarations[0]?.name ?? kind.resourceName;
  return [
    ...docs.filter((d) => d !== '').map((d) => `/** ${d} */`),
    `export const ${name} = {`,
    `  group: ${stringLiteral(crd.group)},`,
    `  version: ${stringLiteral(version.name)},`,
    `  plural: ${stringLiteral(crd.names.plural)},`,
    `  kind: ${stringLiteral(crd.names.kind)},`,
    `  listKind: ${stringLiteral(crd.names.listKind)},`,
    `  namespaced: ${crd.scope === 'Namespaced'},`,
    `  subresources: { status: ${version.subresources.status}, scale: ${version.subresources.scale !== undefined} },`,
    '} as const satisfies ResourceDescriptor;',
  ].join('\n');
}

/** A property name as json-schema-to-typescript printed it -> the wire name, printed again when it was encoded. */
function wireName(printed: string): string {
  const quoted = /^['"]/.test(printed);
  let value = printed;
  if (quoted) {
    const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, printed);
    scanner.scan();
    value = scanner.getTokenValue();
  }
  const decoded = decodePropertyName(value);
  if (decoded === value) return printed;
  return /^[A-Za-z_$][\w$]*$/.test(decoded) ? decoded : stringLiteral(decoded);
}
