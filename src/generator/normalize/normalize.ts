import { groupProblems, namesProblems, versionProblems } from './crd-names.js';
import { diagnostic, hasErrors } from '../diagnostics.js';
import type { CrdDocument, Diagnostic } from '../model.js';
import type { CrdModel, CrdVersion, JsonSchema, PrinterColumn, ScaleSubresource } from '../../kube/model.js';
import { liftV1beta1 } from '../../kube/lift.js';
import { compareVersionPriority } from '../../kube/versions.js';
import { digestedVersion } from '../parse/lazy-schema.js';

export interface NormalizeResult {
  readonly crds: readonly CrdModel[];
  readonly diagnostics: readonly Diagnostic[];
}

type Obj = { readonly [key: string]: unknown };

const isObject = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Turns CRD documents (v1 or v1beta1) into the v1 shape, checks what generation needs, and
 * rejects the same kind defined twice in one group. Output is sorted by group, kind.
 */
export function normalize(documents: readonly CrdDocument[]): NormalizeResult {
  const crds: CrdModel[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const doc of documents) {
    const result = normalizeCrd(doc);
    diagnostics.push(...result.diagnostics);
    if (result.crd) crds.push(result.crd);
  }
  crds.sort((a, b) => cmp(a.group, b.group) || cmp(a.names.kind, b.names.kind) || cmp(a.source.file, b.source.file) || a.source.doc - b.source.doc);
  return { crds: resolveDuplicates(crds, diagnostics), diagnostics };
}

/**
 * The same CRD name defined again (other releases of one project, say) is generated apart, under a
 * label taken from its source path; an identical copy is dropped. Two CRDs claiming one kind (or
 * one plural) of a group under different names are an error, as the API server refuses the second.
 */
function resolveDuplicates(sorted: readonly CrdModel[], diagnostics: Diagnostic[]): CrdModel[] {
  const out: CrdModel[] = [];
  const byName = new Map<string, CrdModel[]>();
  // The CRDs of `out` by group, in its order: a clash is looked for among the group's alone.
  const byGroup = new Map<string, CrdModel[]>();
  for (const crd of sorted) {
    const clash = byGroup.get(crd.group)?.find(
      (o) => o.name !== crd.name && (o.names.kind === crd.names.kind || o.names.plural === crd.names.plural),
    );
    if (clash) {
      const what = clash.names.kind === crd.names.kind ? `kind ${crd.names.kind}` : `plural ${crd.names.plural}`;
      diagnostics.push(
        diagnostic('error', 'crd-duplicate-kind', `${what} of group ${crd.group} is already claimed by ${clash.name} at ${clash.source.file}:${clash.source.line} (rename one, or remove one of the two CRDs)`, {
          source: crd.source,
          subject: crd.name,
        }),
      );
      continue;
    }
    const same = byName.get(crd.name) ?? [];
    const identical = same.find((s) => sameDefinition(s, crd));
    if (identical) {
      diagnostics.push(
        diagnostic('info', 'crd-duplicate-identical', `${crd.name} is defined identically at ${identical.source.file}:${identical.source.line}; generated once`, {
          source: crd.source,
          subject: crd.name,
        }),
      );
      continue;
    }
    same.push(crd);
    byName.set(crd.name, same);
    out.push(crd);
    const group = byGroup.get(crd.group);
    if (group === undefined) byGroup.set(crd.group, [crd]);
    else group.push(crd);
  }
  return out.map((crd) => {
    const same = byName.get(crd.name) ?? [];
    if (same.length < 2 || same[0] === crd) return crd;
    const variant = variantLabel(crd, same);
    const first = same[0] as CrdModel;
    diagnostics.push(
      diagnostic('warning', 'crd-redefined', `${crd.name} is also defined, differently, at ${first.source.file}:${first.source.line}; this definition is generated under ${variant}/ (pass one definition to get one)`, {
        source: crd.source,
        subject: crd.name,
      }),
    );
    return { ...crd, variant };
  });
}

const definitions = new WeakMap<CrdModel, string>();

/**
 * Whether two CRDs are the same but for their source (each CRD written as JSON once, each schema as
 * the digest of its JSON: a schema the YAML cache has not loaded has it stored).
 */
function sameDefinition(a: CrdModel, b: CrdModel): boolean {
  const text = (crd: CrdModel): string => {
    let json = definitions.get(crd);
    if (json === undefined) {
      const { source: _s, versions, ...rest } = crd;
      definitions.set(crd, (json = JSON.stringify({ ...rest, versions: versions.map((v) => digestedVersion(v, false)) })));
    }
    return json;
  };
  return text(a) === text(b);
}

/** The part of the source path that tells this definition apart (`cert-manager-v1.0-legacy/crd-orders`). */
function variantLabel(crd: CrdModel, all: readonly CrdModel[]): string {
  const split = (file: string) => file.replace(/\\/g, '/').replace(/\.(ya?ml|json)$/i, '').split('/');
  const mine = split(crd.source.file);
  let common = 0;
  const others = all.filter((o) => o !== crd).map((o) => split(o.source.file));
  while (common < mine.length - 1 && others.every((o) => o[common] === mine[common])) common++;
  const sameFile = all.some((o) => o !== crd && o.source.file === crd.source.file);
  const parts = [...mine.slice(common), ...(sameFile ? [`doc${crd.source.doc + 1}`] : [])];
  return parts.join('-').replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '') || `doc${crd.source.doc + 1}`;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Normalizes one CRD document; `crd` is undefined when it has errors. */
export function normalizeCrd(doc: CrdDocument): { crd?: CrdModel; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const source = doc.source;
  const at = (...paths: Array<readonly (string | number)[]>) => lineAt(doc, ...paths);
  const error = (code: string, message: string, subject?: string, where: typeof source = source) =>
    diagnostics.push(diagnostic('error', code, message, { source: where, ...(subject ? { subject } : {}) }));
  const raw = liftV1beta1(doc.raw);
  const spec = isObject(raw.spec) ? raw.spec : undefined;
  const metaName = isObject(raw.metadata) ? str(raw.metadata.name) : undefined;
  const label = metaName ?? 'CustomResourceDefinition';
  if (!spec) {
    error('crd-missing-spec', 'CustomResourceDefinition has no spec (add spec.group, spec.names, spec.scope and spec.versions)', label);
    return { diagnostics };
  }
  const group = str(spec.group);
  if (!group) error('crd-missing-group', 'spec.group is missing (set it to the API group, e.g. example.com)', label, at(['spec']));
  const names = isObject(spec.names) ? spec.names : undefined;
  const kind = names ? str(names.kind) : undefined;
  const plural = names ? str(names.plural) : undefined;
  if (!kind) error('crd-missing-kind', 'spec.names.kind is missing (set it to the kind, e.g. Widget)', label, at(['spec', 'names'], ['spec']));
  if (!plural) error('crd-missing-plural', 'spec.names.plural is missing (set it to the lowercase plural, e.g. widgets)', label, at(['spec', 'names'], ['spec']));
  const problems = [
    ...(group ? groupProblems(group) : []),
    ...(kind && plural ? namesProblems({ kind, plural, listKind: names && str(names.listKind), singular: names && str(names.singular) }) : []),
  ];
  for (const problem of problems) error(problem.code, problem.message, label, at(problem.field));
  const scopeRaw = spec.scope ?? 'Namespaced';
  if (scopeRaw !== 'Namespaced' && scopeRaw !== 'Cluster') {
    error('crd-invalid-scope', `spec.scope ${JSON.stringify(scopeRaw)} is invalid (use Namespaced or Cluster)`, label, at(['spec', 'scope']));
  }
  if (!group || !kind || !plural || diagnostics.length > 0) return { diagnostics };
  const crdName = `${plural}.${group}`;
  const versions = readVersions(doc, spec, crdName, diagnostics);
  if (!versions) return { diagnostics };
  diagnostics.push(...servedAndStorage(doc, versions, crdName));
  if (hasErrors(diagnostics)) return { diagnostics };
  const crd: CrdModel = {
    source,
    name: crdName,
    group,
    scope: scopeRaw === 'Cluster' ? 'Cluster' : 'Namespaced',
    preserveUnknownFields: spec.preserveUnknownFields === true,
    names: {
      kind,
      plural,
      singular: (names && str(names.singular)) ?? kind.toLowerCase(),
      listKind: (names && str(names.listKind)) ?? `${kind}List`,
      shortNames: stringList(names?.shortNames),
      categories: stringList(names?.categories),
    },
    versions: [...versions].sort((a, b) => compareVersionPriority(a.name, b.name)),
  };
  return { crd, diagnostics };
}

/** A CRD needs a served version; the API server also wants exactly one storage version. */
function servedAndStorage(doc: CrdDocument, versions: readonly CrdVersion[], crdName: string): Diagnostic[] {
  // The line is looked up only for a finding: a lookup parses the document again with positions.
  const where = () => ({ source: lineAt(doc, ['spec', 'versions'], ['spec']), subject: crdName });
  if (versions.length === 0) return [diagnostic('error', 'crd-no-versions', 'spec.versions is empty (declare at least one version)', where())];
  if (!versions.some((v) => v.served)) {
    return [diagnostic('error', 'crd-no-served-version', 'no version is served (set served: true on at least one version)', where())];
  }
  const storage = versions.filter((v) => v.storage).length;
  if (storage === 1) return [];
  const message = `${storage} versions are marked storage: true (the API server requires exactly one)`;
  return [diagnostic('warning', 'crd-storage-version', message, { source: doc.source, subject: crdName })];
}

function lineAt(doc: CrdDocument, ...paths: Array<readonly (string | number)[]>): CrdDocument['source'] {
  for (const path of paths) {
    const line = doc.lineOf?.(path);
    if (line !== undefined) return { ...doc.source, line };
  }
  return doc.source;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Reads spec.versions of the CRD in the v1 shape (v1beta1 already lifted by src/kube/lift.ts). */
function readVersions(doc: CrdDocument, spec: Obj, crdName: string, diagnostics: Diagnostic[]): CrdVersion[] | undefined {
  const rawVersions: unknown[] = Array.isArray(spec.versions) ? spec.versions : [];
  const seen = new Set<string>();
  const versions: CrdVersion[] = [];
  for (const [index, raw] of rawVersions.entries()) {
    const name = isObject(raw) ? str(raw.name) : undefined;
    if (!isObject(raw) || !name) {
      diagnostics.push(
        diagnostic('error', 'crd-invalid-version', `spec.versions[${index}] has no name (give every version a name, e.g. v1)`, {
          source: lineAt(doc, ['spec', 'versions', index]),
          subject: crdName,
        }),
      );
      return undefined;
    }
    if (seen.has(name)) {
      diagnostics.push(
        diagnostic('error', 'crd-duplicate-version', `version ${name} is declared twice (remove one)`, {
          source: lineAt(doc, ['spec', 'versions', index]),
          subject: crdName,
        }),
      );
      return undefined;
    }
    seen.add(name);
    const problems = versionProblems(name, index);
    for (const problem of problems) {
      diagnostics.push(diagnostic('error', problem.code, problem.message, { source: lineAt(doc, problem.field, ['spec', 'versions', index]), subject: crdName }));
    }
    if (problems.length > 0) return undefined;
    const schema = isObject(raw.schema) ? raw.schema.openAPIV3Schema : undefined;
    if (schema !== undefined && !isObject(schema)) {
      diagnostics.push(
        diagnostic('error', 'schema-invalid', 'openAPIV3Schema is not an object (give a structural schema, or remove it)', {
          source: lineAt(doc, ['spec', 'versions', index, 'schema', 'openAPIV3Schema'], ['spec', 'validation', 'openAPIV3Schema']),
          subject: `${crdName}/${name}`,
        }),
      );
      return undefined;
    }
    const subresources = isObject(raw.subresources) ? raw.subresources : {};
    versions.push({
      name,
      served: raw.served !== false,
      storage: raw.storage === true,
      deprecated: raw.deprecated === true,
      ...(str(raw.deprecationWarning) ? { deprecationWarning: str(raw.deprecationWarning) } : {}),
      ...(schema ? { schema: schema as JsonSchema } : {}),
      subresources: {
        status: isObject(subresources) && subresources.status !== undefined && subresources.status !== null,
        ...scale(subresources),
      },
      printerColumns: columns(raw.additionalPrinterColumns),
    });
  }
  return versions;
}

function scale(subresources: Obj): { scale?: ScaleSubresource } {
  const s = subresources.scale;
  if (!isObject(s)) return {};
  return {
    scale: {
      specReplicasPath: str(s.specReplicasPath) ?? '.spec.replicas',
      statusReplicasPath: str(s.statusReplicasPath) ?? '.status.replicas',
      ...(str(s.labelSelectorPath) ? { labelSelectorPath: str(s.labelSelectorPath) } : {}),
    },
  };
}

function columns(value: unknown): PrinterColumn[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).flatMap((c) => {
    const name = str(c.name);
    const jsonPath = str(c.jsonPath);
    if (!name || !jsonPath) return [];
    return [
      {
        name,
        type: str(c.type) ?? 'string',
        jsonPath,
        ...(str(c.description) ? { description: str(c.description) } : {}),
        ...(str(c.format) ? { format: str(c.format) } : {}),
        ...(typeof c.priority === 'number' ? { priority: c.priority } : {}),
      },
    ];
  });
}
