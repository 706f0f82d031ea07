/**
 * The differential run behind test/e2e/validators-differential.test.ts: corpus CRDs generated with
 * validators into tmp/, imported from there, and every case written twice through the generated
 * Api class: once with `{ validate: true }` (refused locally when the validator finds problems)
 * and once as is, both dry-run, to the test API server over HTTP.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generate, loadAssets } from '../../../src/index.js';
import type { GenerateResult, InputFile } from '../../../src/generator/model.js';
import { ROOT } from '../../support/fixtures.js';
import { yamlValues } from '../../support/yaml.js';

type Obj = Record<string, unknown>;

/** One generated kind version: its schema (from the CRD the server serves) and its module's exports. */
export interface KindUnderTest {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly namespaced: boolean;
  /** The version has a status subresource: an update of the main resource keeps the stored status. */
  readonly status: boolean;
  readonly schema: Obj;
  readonly file: string;
}

/** The CRD objects of a corpus file (List items flattened), as the server reads them. */
export function crdObjects(file: InputFile): Obj[] {
  const values = yamlValues(file.text);
  const items = values.flatMap((v) => (Array.isArray((v as { items?: unknown } | null)?.items) ? (v as { items: unknown[] }).items : [v]));
  return items.filter((v): v is Obj => (v as { kind?: unknown } | null)?.kind === 'CustomResourceDefinition');
}

/** The files of the run: `count` picked by the seed (all when count is 0), cert-manager's Certificate always among them. */
export function pickFiles(all: readonly InputFile[], count: number, next: () => number): InputFile[] {
  if (count <= 0 || count >= all.length) return [...all];
  const pool = [...all];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [pool[i], pool[j]] = [pool[j] as InputFile, pool[i] as InputFile];
  }
  const chosen = pool.slice(0, count);
  const certificates = all.find((f) => f.path.endsWith('cert-manager/cert-manager.io_certificates.yaml'));
  if (certificates && !chosen.includes(certificates)) chosen.push(certificates);
  return chosen.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Generates with validators and writes the output below tmp/ (inside the project, so imports resolve). */
export async function generateInto(files: readonly InputFile[], label: string): Promise<{ dir: string; result: GenerateResult }> {
  mkdirSync(join(ROOT, 'tmp'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'tmp', `${label}-`));
  const result = await generate(files, { validators: true, keepGoing: true }, await loadAssets());
  for (const f of result.files) {
    const path = join(dir, 'out', f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.contents);
  }
  return { dir, result };
}

/**
 * The CRDs to serve (first definition of each name) and the generated kind versions that have a
 * schema and no variant, matched to them.
 */
export function kindsUnderTest(files: readonly InputFile[], result: GenerateResult): { crds: Obj[]; kinds: KindUnderTest[] } {
  // A CRD defined differently in two files is left out: which definition the server or the
  // generator's plain (non-variant) output holds is then not the same question.
  const byName = new Map<string, Obj>();
  const ambiguous = new Set<string>();
  for (const file of files) for (const crd of crdObjects(file)) {
    const name = (crd['metadata'] as Obj | undefined)?.['name'];
    if (typeof name !== 'string') continue;
    const seen = byName.get(name);
    if (seen === undefined) byName.set(name, crd);
    else if (JSON.stringify(seen['spec']) !== JSON.stringify(crd['spec'])) ambiguous.add(name);
  }
  const crds = [...byName].filter(([name]) => !ambiguous.has(name)).map(([, crd]) => crd);
  const kinds: KindUnderTest[] = [];
  for (const k of result.kinds) {
    if (k.variant) continue;
    const crd = crds.find((c) => specOf(c)['group'] === k.group && (specOf(c)['names'] as Obj | undefined)?.['kind'] === k.kind);
    const schema = crd ? schemaOf(crd, k.version) : undefined;
    if (!crd || !schema) continue;
    const namespaced = specOf(crd)['scope'] !== 'Cluster';
    kinds.push({ group: k.group, version: k.version, kind: k.kind, namespaced, status: hasStatus(crd, k.version), schema, file: k.file });
  }
  return { crds, kinds };
}

const specOf = (crd: Obj): Obj => (crd['spec'] ?? {}) as Obj;

function hasStatus(crd: Obj, version: string): boolean {
  const spec = specOf(crd);
  const v = ((Array.isArray(spec['versions']) ? spec['versions'] : []) as Obj[]).find((x) => x['name'] === version);
  const subresources = (v?.['subresources'] ?? spec['subresources']) as Obj | undefined;
  return subresources?.['status'] !== undefined;
}

/** A version's schema as the server reads it (v1 per version, v1beta1 also at the top). */
function schemaOf(crd: Obj, version: string): Obj | undefined {
  const spec = specOf(crd);
  const versions = (Array.isArray(spec['versions']) ? spec['versions'] : []) as Obj[];
  const v = versions.find((x) => x['name'] === version);
  const own = ((v?.['schema'] as Obj | undefined)?.['openAPIV3Schema']) as Obj | undefined;
  const top = ((spec['validation'] as Obj | undefined)?.['openAPIV3Schema']) as Obj | undefined;
  const schema = own ?? top;
  return schema && typeof schema === 'object' && Object.keys(schema).length > 0 ? schema : undefined;
}

export { loadKind, outcome, type Outcome } from '../../support/generated-kind.js';
