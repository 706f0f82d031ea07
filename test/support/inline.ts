import { generate, loadAssets } from '../../src/index.js';
import type { GenerateOptions } from '../../src/generator/options.js';
import type { GenerateResult, InputFile } from '../../src/generator/model.js';
import { buildReport, type GenerationReport } from '../../src/generator/report/report.js';
import { STRICT_NODENEXT } from './typecheck.js';
import { docAt, membersAt, rootType, typeTextAt, type ShownDoc } from './emitted.js';
import { inMemoryProgram, type InMemoryProgram } from './program.js';

/** Inline CRDs generated and compiled in memory, with lookups by kind, version and path. */
export interface InlineRun {
  readonly result: GenerateResult;
  readonly report: GenerationReport;
  readonly program: InMemoryProgram;
  /** Emitted file paths of the kinds (runtime and index files left out), sorted. */
  readonly kindFiles: string[];
  /** The type written at `path` below the kind's root interface (`''` for the root's members). */
  typeAt(subject: string, path: string): string | undefined;
  membersAt(subject: string, path?: string): string[] | undefined;
  /** What a hover on the property at `path` shows (`ofType`: on the interface that types it). */
  docAt(subject: string, path: string, ofType?: boolean): ShownDoc | undefined;
  /** The root interface name planned for `Kind.group/version`. */
  typeName(subject: string): string | undefined;
  contents(path: string): string;
}

export async function generateInline(inputs: readonly InputFile[], label: string, options: Partial<GenerateOptions> = {}): Promise<InlineRun> {
  const result = await generate(inputs, options, await loadAssets());
  const report = buildReport(inputs, options, result);
  const program = inMemoryProgram(result.files, STRICT_NODENEXT, label);
  const version = (subject: string) => {
    const match = /^(\w+)\.(.+)\/([^/]+)$/.exec(subject);
    if (!match) throw new Error(`subject ${subject}: use Kind.group/version`);
    const [, kind, group, name] = match;
    const versions = report.crds.filter((c) => c.kind === kind && c.group === group).flatMap((c) => c.versions.filter((v) => v.name === name && v.generated));
    if (versions.length !== 1) throw new Error(`subject ${subject}: ${versions.length} generated versions`);
    return versions[0] as (typeof versions)[number];
  };
  const root = (subject: string) => {
    const v = version(subject);
    const file = program.program.getSourceFile(program.pathOf(v.file as string));
    const type = file && rootType(program.checker, file, v.typeName as string);
    if (!type) throw new Error(`${subject}: no interface ${v.typeName} in ${v.file}`);
    return type;
  };
  const files = new Map(result.files.map((f) => [f.path, f.contents]));
  return {
    result,
    report,
    program,
    kindFiles: [...files.keys()].filter((p) => !p.startsWith('runtime/') && !p.endsWith('index.ts')).sort(),
    typeAt: (subject, path) => typeTextAt(program.checker, root(subject), path),
    membersAt: (subject, path = '') => membersAt(program.checker, root(subject), path),
    docAt: (subject, path, ofType = false) => docAt(program.checker, root(subject), path, ofType),
    typeName: (subject) => version(subject).typeName,
    contents: (path) => {
      const text = files.get(path);
      if (text === undefined) throw new Error(`${path} was not generated (files: ${[...files.keys()].join(', ')})`);
      return text;
    },
  };
}

/** One CRD document in YAML-compatible JSON, for any apiextensions version and shape. */
export function crd(spec: {
  kind: string;
  group?: string;
  plural?: string;
  apiVersion?: 'v1' | 'v1beta1';
  versions?: Array<{ name: string; schema?: object; served?: boolean; storage?: boolean }>;
  extra?: object;
}): string {
  const group = spec.group ?? 'example.com';
  const plural = spec.plural ?? `${spec.kind.toLowerCase()}s`;
  const versions = (spec.versions ?? [{ name: 'v1', schema: { type: 'object', properties: { spec: { type: 'object', properties: { a: { type: 'string' } } } } } }]).map((v, i) => ({
    name: v.name,
    served: v.served ?? true,
    storage: v.storage ?? i === 0,
    ...(v.schema ? { schema: { openAPIV3Schema: v.schema } } : {}),
  }));
  return JSON.stringify({
    apiVersion: `apiextensions.k8s.io/${spec.apiVersion ?? 'v1'}`,
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: { group, scope: 'Namespaced', names: { kind: spec.kind, plural }, versions, ...spec.extra },
  });
}

export const object = (properties: object, extra: object = {}): object => ({ type: 'object', properties, ...extra });
