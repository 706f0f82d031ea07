// Fuzzing: random structural schemas (seeded, so a failure is reproducible) in one generate call,
// compiled in one strict program, walked against the emitted types: nothing lost, nothing mistyped,
// no text escaping its comment or literal. CRDGEN_FUZZ_COUNT and CRDGEN_FUZZ_SEED change the run.
import { beforeAll, describe, expect, it } from 'vitest';
import ts from 'typescript';
import { generate, loadAssets } from '../../src/index.js';
import type { GenerateResult, InputFile } from '../../src/generator/model.js';
import type { JsonSchema } from '../../src/kube/model.js';
import { checkCoverage, type Coverage } from '../corpus/support/coverage.js';
import { rootType } from '../support/emitted.js';
import { inMemoryProgram } from '../support/program.js';
import { STRICT_NODENEXT } from '../support/typecheck.js';
import { injected } from './support/hostile.js';
import { SchemaFuzzer } from './support/fuzz-schema.js';

const COUNT = Number(process.env.CRDGEN_FUZZ_COUNT ?? 500);
const SEED = Number(process.env.CRDGEN_FUZZ_SEED ?? 20261201);

describe(`fuzz: ${COUNT} random CRDs (seed ${SEED})`, () => {
  let result: GenerateResult;
  let typeErrors: string[];
  let coverage: Coverage;

  beforeAll(async () => {
    const fuzzer = new SchemaFuzzer(SEED);
    const texts = Array.from({ length: COUNT }, (_, i) => fuzzer.crd(i));
    const inputs: InputFile[] = texts.map((text, i) => ({ path: `fuzz/${String(i).padStart(5, '0')}.json`, text }));
    result = await generate(inputs, {}, await loadAssets());
    const program = inMemoryProgram(result.files, STRICT_NODENEXT, 'fuzz');
    typeErrors = program.errors();
    const targets = texts.map((text, i) => {
      const crd = JSON.parse(text) as { spec: { group: string; versions: Array<{ schema: { openAPIV3Schema: JsonSchema } }> } };
      const file = program.program.getSourceFile(program.pathOf(`${crd.spec.group}/v1/fuzz${i}.ts`)) as ts.SourceFile;
      const root = file && rootType(program.checker, file, `Fuzz${i}`);
      if (!root) throw new Error(`Fuzz${i}: no root type`);
      return { subject: `Fuzz${i}`, file, root, schema: crd.spec.versions[0]?.schema.openAPIV3Schema as JsonSchema };
    });
    coverage = checkCoverage(program.checker, targets);
    console.log(`fuzz: ${COUNT} CRDs (seed ${SEED}), ${typeErrors.length} type errors, ${coverage.properties} properties checked, ${coverage.missing.length} lost, ${coverage.wrongTypes.length} mistyped`);
  }, 600_000);

  it('generates every CRD without an error', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.kinds).toHaveLength(COUNT);
  });

  it('compiles in one strict program', () => {
    expect(typeErrors.slice(0, 20)).toEqual([]);
  });

  it('loses no property and types every node as the mapping table says', () => {
    expect(coverage.missing.slice(0, 20)).toEqual([]);
    expect(coverage.wrongTypes.slice(0, 20)).toEqual([]);
    expect(coverage.properties).toBeGreaterThan(COUNT);
  });

  it('no description, name or value escapes its comment or literal', () => {
    expect(injected(result.files)).toEqual([]);
  });
});
