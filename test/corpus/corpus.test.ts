// The real-world corpus (../shared/corpus, or $CRDGEN_CORPUS): every CRD document generates in one
// generate call, the output compiles in one strict program, no schema property is lost, every
// `unknown` and open map is explained by the report, sample paths are typed per the mapping table,
// and a second run (inputs in another order) gives the same bytes.
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, loadAssets } from '../../src/index.js';
import type { EmittedFile } from '../../src/generator/model.js';
import type { CrdReport, VersionReport } from '../../src/generator/report/report.js';
import { explainMissingCorpus, HAS_CORPUS } from '../support/corpus.js';
import { STRICT_NODENEXT } from '../support/typecheck.js';
import { checkCoverage, type Coverage, type CoverageTarget } from './support/coverage.js';
import { formatMetrics, measureOutput, type OutputMetrics } from './support/metrics.js';
import { membersAt, rootType, typeTextAt } from '../support/emitted.js';
import { inMemoryProgram, type InMemoryProgram } from '../support/program.js';
import { SAMPLES } from './samples.js';
import { crdModels, expectedCrdDocuments, generateCorpus, sourceKey, type CorpusRun } from './support/run.js';

explainMissingCorpus();

describe.runIf(HAS_CORPUS)('the CRD corpus', () => {
  let run: CorpusRun;
  let program: InMemoryProgram;
  let coverage: Coverage;
  let typeErrors: string[];
  let metrics: OutputMetrics;
  const versions = () => run.report.crds.filter((c) => c.status === 'generated').flatMap((c) => c.versions.filter((v) => v.generated).map((v) => ({ crd: c, v })));

  beforeAll(async () => {
    run = await generateCorpus();
    const started = performance.now();
    program = inMemoryProgram(run.result.files, STRICT_NODENEXT, 'corpus-check');
    typeErrors = program.errors();
    const typeCheckSeconds = (performance.now() - started) / 1000;
    metrics = measureOutput(run.result.files, run.inputs);
    console.log(`${formatMetrics(metrics)}; one strict type-check of the whole output ${typeCheckSeconds.toFixed(1)} s`);
    const models = crdModels(run.inputs);
    const targets: CoverageTarget[] = versions().map(({ crd, v }) => {
      const schema = models.get(sourceKey(crd.source))?.versions.find((x) => x.name === v.name)?.schema;
      return target(program, subjectOf(crd, v), v, schema ?? NO_SCHEMA);
    });
    coverage = checkCoverage(program.checker, targets);
    const t = run.report.totals;
    console.log(
      `corpus: ${t.generated}/${t.crdDocuments} CRD documents generated, ${typeErrors.length} type errors, ` +
        `${coverage.properties} properties checked, ${coverage.missing.length} lost ` +
        `(${coverage.notInObjectMeta.length} legacy metadata fields left to V1ObjectMeta); type-check and walk ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 900_000);

  it('generates every CRD document of the corpus', () => {
    const expected = expectedCrdDocuments(run.inputs);
    const found = new Map<string, number>();
    for (const crd of run.report.crds) found.set(crd.source.file, (found.get(crd.source.file) ?? 0) + 1);
    for (const file of run.inputs) expect(`${file.path}: ${found.get(file.path) ?? 0}`).toBe(`${file.path}: ${expected.get(file.path) ?? 0}`);
    const total = [...expected.values()].reduce((a, b) => a + b, 0);
    const failed = run.report.crds.filter((c) => c.status === 'failed').map((c) => `${c.name} ${c.source.file}:${c.source.line} ${JSON.stringify(c.errors)}`);
    expect(failed).toEqual([]);
    expect(run.result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(`${run.report.totals.generated}/${run.report.totals.crdDocuments}`).toBe(`${total}/${total}`);
  });

  it('meets the targets of issue 10: shapes declared once per group, short names, small output', () => {
    expect(metrics.duplicatedInGroup).toBeLessThanOrEqual(0.05);
    expect(metrics.outputBytes / metrics.inputBytes).toBeLessThanOrEqual(0.35);
    expect(metrics.nameLength.median).toBeLessThanOrEqual(30);
    expect(metrics.nameLength.max).toBeLessThanOrEqual(80);
    // A group's shapes.ts holds what two or more of its kind files share: each is used by two at least.
    const shapes = run.result.files.filter((f) => f.path.endsWith('/shapes.ts')).map((f) => f.path);
    expect(shapes.length).toBeGreaterThan(0);
    for (const path of shapes) {
      const group = path.slice(0, -'/shapes.ts'.length);
      expect(group).not.toContain('/');
      const users = run.result.files.filter((f) => f.path.startsWith(`${group}/`) && /^import type \{[^}]*\} from '(\.\.\/)+shapes\.js';$/m.test(f.contents));
      expect(`${path}: ${users.length >= 2 ? 'shared' : users.map((f) => f.path).join(', ')}`).toBe(`${path}: shared`);
    }
  });

  it('compiles in one strict program (strict, noUncheckedIndexedAccess, nodenext)', () => {
    expect(typeErrors).toEqual([]);
  });

  it('loses no property: every schema path is in the emitted types under its wire name', () => {
    const schemaProperties = versions().reduce((n, { v }) => n + v.properties, 0);
    expect(coverage.missing).toEqual([]);
    // Only legacy metadata fields that Kubernetes removed from ObjectMeta are not in V1ObjectMeta.
    for (const entry of coverage.notInObjectMeta) expect(entry).toMatch(/ metadata\.(clusterName|initializers|managedFields\[\]\.fields) /);
    // No-schema kinds are checked for spec and status (2 each) on top of the schema properties.
    const noSchema = versions().filter(({ v }) => v.open.some((f) => f.why === 'no schema')).length;
    expect(coverage.properties).toBe(schemaProperties + 2 * noSchema);
    expect(coverage.properties).toBeGreaterThan(50_000);
  });

  it('types every node per the mapping table (primitive, int-or-string, enum literals, nullable, arrays, objects) and keeps required', () => {
    expect(coverage.wrongTypes.slice(0, 30)).toEqual([]);
  });

  it('explains every unknown, open map and empty object, and every explanation is what was emitted', () => {
    const reported = new Map<string, string>();
    for (const { crd, v } of versions()) for (const f of v.open) reported.set(`${subjectOf(crd, v)} ${f.pointer}`, f.typed);
    const emitted = new Map([...coverage.shapes].map(([key, shape]) => [key, shape as string]));
    const unexplained = [...emitted].filter(([key, shape]) => reported.get(key) !== shape).map(([key, shape]) => `${key}: emitted ${shape}, reported ${reported.get(key) ?? 'nothing'}`);
    const wrong = [...reported].filter(([key]) => !emitted.has(key)).map(([key, shape]) => `${key}: reported ${shape}, emitted a precise type`);
    expect(unexplained.slice(0, 20)).toEqual([]);
    expect(wrong.slice(0, 20)).toEqual([]);
    expect(reported.size).toBeGreaterThan(0);
  });

  it.each(SAMPLES.map((sample) => [sample.row, sample] as const))('types %s per the mapping table', (_row, sample) => {
    const crd = run.report.crds.find((c) => c.source.file === sample.file && c.kind === sample.kind && c.status === 'generated');
    const v = crd?.versions.find((x) => x.name === sample.version && x.generated);
    if (!crd || !v) throw new Error(`${sample.kind} ${sample.version} of ${sample.file} was not generated`);
    const root = target(program, subjectOf(crd, v), v, NO_SCHEMA).root;
    if (sample.want !== undefined) expect(typeTextAt(program.checker, root, sample.path)).toBe(sample.want);
    if (sample.members !== undefined) expect(membersAt(program.checker, root, sample.path)).toEqual(sample.members);
  });

  // The second run reads, normalizes and plans the inputs anew in reverse order, and takes a
  // group-version's typed and emitted files from the first run only when its whole plan (CRDs,
  // schemas, names, sources: the cache key) came out the same: an input order that changes a plan
  // makes that unit anew, and its files are compared. (That typing and emitting one plan twice in
  // one process gives the same bytes is test/generator/determinism.test.ts's.)
  it('is deterministic: a second run, inputs in reverse order, gives the same files and diagnostics', async () => {
    const hits = run.cache.hits;
    const second = await generate([...run.inputs].reverse(), {}, await loadAssets(), { cache: run.cache });
    console.log(`determinism: ${run.cache.hits - hits} of ${run.cache.entries.size} group-version plans the same in reverse order (their files from the first run)`);
    expect(second.files.length).toBe(run.result.files.length);
    const differs = (a: readonly EmittedFile[], b: readonly EmittedFile[]) => a.filter((f, i) => b[i]?.path !== f.path || b[i]?.contents !== f.contents).map((f) => f.path);
    expect(differs(second.files, run.result.files)).toEqual([]);
    expect(second.diagnostics).toEqual(run.result.diagnostics);
  }, 900_000);
});

/** `plural.group [variant] version`: unique per generated kind version. */
const subjectOf = (crd: CrdReport, v: VersionReport) => `${crd.name}${crd.variant ? ` [${crd.variant}]` : ''} ${v.name}`;

function target(program: InMemoryProgram, subject: string, v: VersionReport, schema: CoverageTarget['schema']): CoverageTarget {
  const file = program.program.getSourceFile(program.pathOf(v.file as string));
  if (!file) throw new Error(`${v.file} is not in the program`);
  const root = rootType(program.checker, file, v.typeName as string);
  if (!root) throw new Error(`${v.file} declares no interface ${v.typeName}`);
  return { subject, file, root, schema };
}

/** What a version without a schema is checked against: the open spec and status crdgen promises. */
const NO_SCHEMA = { type: 'object', properties: { spec: {}, status: {} } };
