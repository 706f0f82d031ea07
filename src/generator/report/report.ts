import type { CrdDocument, Diagnostic, GenerateResult, InputFile } from '../model.js';
import type { CrdModel, SourceRef } from '../../kube/model.js';
import { normalize, normalizeCrd } from '../normalize/normalize.js';
import { DEFAULT_OPTIONS, type GenerateOptions } from '../options.js';
import { parse } from '../parse/parse.js';
import { plan, type KindPlan } from '../plan/plan.js';
import { openFields, type OpenField } from './open.js';
import { walk } from '../schema-walk.js';
import { wellKnownMatches, type WellKnownMatch } from '../shapes/well-known-matches.js';

export type { OpenField, OpenReason, OpenShape } from './open.js';
export type { WellKnownMatch } from '../shapes/well-known-matches.js';

/**
 * What one `generate` run made of its inputs, CRD by CRD: computed from the inputs, the options and
 * the result (pure: it re-runs the pure parse, normalize and plan stages to relate files to CRDs).
 * The caller measures the run and prints or writes the report.
 */

/** Measured by the caller around the `generate` call. */
export interface RunStats {
  readonly wallMs: number;
  /** process.resourceUsage().maxRSS, in bytes. */
  readonly peakRssBytes: number;
}

export type Counts = Readonly<Record<string, number>>;

export interface VersionReport {
  readonly name: string;
  readonly served: boolean;
  readonly storage: boolean;
  readonly deprecated: boolean;
  /** The options chose this version (served ones by default). */
  readonly chosen: boolean;
  /** Its file is in the output. */
  readonly generated: boolean;
  readonly file?: string;
  readonly typeName?: string;
  /** Exported interfaces and type aliases in the file. */
  readonly types: number;
  readonly bytes: number;
  /** Properties in the version's schema (every depth). */
  readonly properties: number;
  readonly open: readonly OpenField[];
  /** Nodes typed by a Kubernetes type of `<out>/k8s.ts` (outermost matches, schema order). */
  readonly wellKnown: readonly WellKnownMatch[];
}

export interface CrdReport {
  /** `plural.group`, or the document's metadata.name when it did not normalize. */
  readonly name: string;
  readonly source: SourceRef;
  readonly group?: string;
  readonly kind?: string;
  readonly scope?: 'Namespaced' | 'Cluster';
  /** Output subfolder of a CRD defined again (see the crd-redefined warning). */
  readonly variant?: string;
  readonly keepsUnknownFields?: boolean;
  /** `identical`: the same definition appears earlier and was generated once (`sameAs`). */
  readonly status: 'generated' | 'identical' | 'failed';
  readonly sameAs?: SourceRef;
  readonly versions: readonly VersionReport[];
  readonly types: number;
  readonly bytes: number;
  readonly errors: Counts;
  readonly warnings: Counts;
  readonly infos: Counts;
}

export interface ReportTotals {
  readonly inputFiles: number;
  readonly crdDocuments: number;
  /** CRD documents whose types are in the output (identical copies included). */
  readonly generated: number;
  readonly identical: number;
  readonly failed: number;
  readonly kinds: number;
  readonly versions: number;
  readonly files: number;
  readonly types: number;
  readonly properties: number;
  readonly bytes: number;
  readonly openByReason: Counts;
  readonly openByShape: Counts;
  /** Nodes typed by each Kubernetes type of `<out>/k8s.ts`. */
  readonly wellKnownByType: Counts;
  readonly errors: Counts;
  readonly warnings: Counts;
  readonly infos: Counts;
}

export interface GenerationReport {
  readonly crds: readonly CrdReport[];
  /** Findings about whole files or non-CRD objects (no-crds, not-a-crd, yaml-syntax). */
  readonly other: readonly Diagnostic[];
  readonly totals: ReportTotals;
  readonly run?: RunStats;
}

export function buildReport(
  inputs: readonly InputFile[],
  options: Partial<GenerateOptions>,
  result: GenerateResult,
  run?: RunStats,
): GenerationReport {
  const opts: GenerateOptions = { ...DEFAULT_OPTIONS, ...options };
  const documents = parse(inputs).documents;
  const crds = normalize(documents).crds;
  const kinds = new Map<CrdModel, KindPlan[]>();
  const wellKnown = new Map<KindPlan, WellKnownMatch[]>();
  for (const gv of plan(crds, opts).groupVersions) {
    for (const k of gv.kinds) kinds.set(k.crd, [...(kinds.get(k.crd) ?? []), k]);
    for (const k of gv.kinds) wellKnown.set(k, wellKnownMatches(k, gv));
  }
  const files = new Map(result.files.map((f) => [f.path, f.contents]));
  const owner = diagnosticOwner(documents);
  const byDocument = new Map<CrdDocument, Diagnostic[]>();
  const other: Diagnostic[] = [];
  for (const d of result.diagnostics) {
    const doc = owner(d);
    if (doc) byDocument.set(doc, [...(byDocument.get(doc) ?? []), d]);
    else other.push(d);
  }
  const reports = [...documents].sort(bySource).map((doc) => {
    const crd = crds.find((c) => sameSource(c.source, doc.source));
    const diagnostics = byDocument.get(doc) ?? [];
    if (crd) return crdReport(crd, kinds.get(crd) ?? [], files, diagnostics, wellKnown);
    const copy = normalizeCrd(doc).crd;
    const twin = copy && crds.find((c) => c.name === copy.name && sameDefinition(c, copy));
    const name = copy?.name ?? metadataName(doc);
    const counts = countDiagnostics(diagnostics);
    if (!twin) return { name, source: doc.source, ...rawNames(doc), status: 'failed', versions: [], types: 0, bytes: 0, ...counts } satisfies CrdReport;
    const twinReport = crdReport(twin, kinds.get(twin) ?? [], files, [], wellKnown);
    return { ...twinReport, source: doc.source, status: twinReport.status === 'failed' ? 'failed' : 'identical', sameAs: twin.source, types: 0, bytes: 0, ...counts } satisfies CrdReport;
  });
  // A CRD whose apiextensions version crdgen cannot read is a CRD document that failed.
  const unreadable = other
    .filter((d) => d.code === 'crd-api-version' && d.source)
    .map((d): CrdReport => ({ name: `${d.source?.file}#${(d.source?.doc ?? 0) + 1}`, source: d.source as SourceRef, status: 'failed', versions: [], types: 0, bytes: 0, ...countDiagnostics([d]) }));
  const all = [...reports, ...unreadable];
  return { crds: all, other, totals: totals(inputs, all, result), ...(run ? { run } : {}) };
}

function crdReport(crd: CrdModel, kinds: readonly KindPlan[], files: ReadonlyMap<string, string>, diagnostics: readonly Diagnostic[], wellKnown: ReadonlyMap<KindPlan, readonly WellKnownMatch[]>): CrdReport {
  const versions = crd.versions.map((version): VersionReport => {
    const kind = kinds.find((k) => k.version === version);
    const contents = kind ? files.get(kind.file) : undefined;
    return {
      name: version.name,
      served: version.served,
      storage: version.storage,
      deprecated: version.deprecated,
      chosen: kind !== undefined,
      generated: contents !== undefined,
      ...(kind ? { file: kind.file, typeName: kind.typeName } : {}),
      types: contents === undefined ? 0 : (contents.match(/^export (?:interface|type) /gm) ?? []).length,
      bytes: contents === undefined ? 0 : Buffer.byteLength(contents),
      properties: version.schema ? [...walk(version.schema)].filter((v) => v.steps.at(-1)?.kind === 'property').length : 0,
      open: kind ? openFields(version.schema, crd.preserveUnknownFields) : [],
      wellKnown: kind ? (wellKnown.get(kind) ?? []) : [],
    };
  });
  const chosen = versions.filter((v) => v.chosen);
  return {
    name: crd.name,
    source: crd.source,
    group: crd.group,
    kind: crd.names.kind,
    scope: crd.scope,
    ...(crd.variant ? { variant: crd.variant } : {}),
    keepsUnknownFields: crd.preserveUnknownFields,
    status: chosen.length > 0 && chosen.every((v) => v.generated) ? 'generated' : 'failed',
    versions,
    types: sum(versions.map((v) => v.types)),
    bytes: sum(versions.map((v) => v.bytes)),
    ...countDiagnostics(diagnostics),
  };
}

function totals(inputs: readonly InputFile[], crds: readonly CrdReport[], result: GenerateResult): ReportTotals {
  const versions = crds.flatMap((c) => (c.status === 'generated' ? c.versions.filter((v) => v.generated) : []));
  const open = versions.flatMap((v) => v.open);
  return {
    inputFiles: inputs.length,
    crdDocuments: crds.length,
    generated: crds.filter((c) => c.status !== 'failed').length,
    identical: crds.filter((c) => c.status === 'identical').length,
    failed: crds.filter((c) => c.status === 'failed').length,
    kinds: new Set(crds.filter((c) => c.status === 'generated').map((c) => `${c.kind}.${c.group}`)).size,
    versions: versions.length,
    files: result.files.length,
    types: sum(versions.map((v) => v.types)),
    properties: sum(versions.map((v) => v.properties)),
    bytes: sum(result.files.map((f) => Buffer.byteLength(f.contents))),
    openByReason: tally(open.map((f) => f.why)),
    openByShape: tally(open.map((f) => f.typed)),
    wellKnownByType: tally(versions.flatMap((v) => v.wellKnown.map((m) => m.name))),
    ...countDiagnostics(result.diagnostics),
  };
}

/**
 * Finds the CRD document a diagnostic is about: findings about a CRD name it (subject); the
 * document is the one in the same file and YAML document that starts last at or before the line.
 */
function diagnosticOwner(documents: readonly CrdDocument[]): (d: Diagnostic) => CrdDocument | undefined {
  const byDoc = new Map<string, CrdDocument[]>();
  for (const doc of documents) {
    const key = `${doc.source.file}\0${doc.source.doc}`;
    byDoc.set(key, [...(byDoc.get(key) ?? []), doc].sort((a, b) => a.source.line - b.source.line));
  }
  return (d) => {
    if (!d.source || d.subject === undefined) return undefined;
    const candidates = byDoc.get(`${d.source.file}\0${d.source.doc}`) ?? [];
    const line = d.source.line;
    return [...candidates].reverse().find((doc) => doc.source.line <= line);
  };
}

function countDiagnostics(diagnostics: readonly Diagnostic[]): { errors: Counts; warnings: Counts; infos: Counts } {
  const of = (severity: Diagnostic['severity']) => tally(diagnostics.filter((d) => d.severity === severity).map((d) => d.code));
  return { errors: of('error'), warnings: of('warning'), infos: of('info') };
}

function tally(values: readonly string[]): Counts {
  const counts: Record<string, number> = {};
  for (const value of [...values].sort()) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const sameSource = (a: SourceRef, b: SourceRef): boolean => a.file === b.file && a.doc === b.doc && a.line === b.line;
const bySource = (a: CrdDocument, b: CrdDocument): number =>
  (a.source.file < b.source.file ? -1 : a.source.file > b.source.file ? 1 : 0) || a.source.doc - b.source.doc || a.source.line - b.source.line;

function sameDefinition(a: CrdModel, b: CrdModel): boolean {
  const strip = ({ source: _s, variant: _v, ...rest }: CrdModel) => rest;
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

function metadataName(doc: CrdDocument): string {
  const metadata = doc.raw.metadata;
  const name = typeof metadata === 'object' && metadata !== null ? (metadata as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : `${doc.source.file}#${doc.source.doc + 1}`;
}

/** Group and kind as the document spells them, for a CRD that did not normalize. */
function rawNames(doc: CrdDocument): { group?: string; kind?: string } {
  const spec = doc.raw.spec as { group?: unknown; names?: { kind?: unknown } } | undefined;
  const group = typeof spec?.group === 'string' ? spec.group : undefined;
  const kind = typeof spec?.names?.kind === 'string' ? spec.names.kind : undefined;
  return { ...(group ? { group } : {}), ...(kind ? { kind } : {}) };
}
