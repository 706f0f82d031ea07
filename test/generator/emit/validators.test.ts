// `validators: true`: each kind file gets isKind/validateKind and the Api class validate() and
// { validate: true }; src/validation is copied into <out>/runtime/validation (byte-equal after the
// banner) or imported from <runtime>/validation; the output compiles under strict and the
// strictest settings; type guards narrow (tsc checks expectTypeOf in a program beside the output)
// and reject other kinds at run time; the embedded data is never larger than the schema's JSON.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BANNER, generate, loadAssets } from '../../../src/index.js';
import type { EmittedFile } from '../../../src/generator/model.js';
import { jsonExpression } from '../../../src/generator/escape.js';
import { normalize } from '../../../src/generator/normalize/normalize.js';
import { parse } from '../../../src/generator/parse/parse.js';
import { compactSchema } from '../../../src/validation/compact.js';
import { readCorpus } from '../../corpus/support/run.js';
import { HAS_CORPUS } from '../../support/corpus.js';
import { ROOT, validInputs } from '../../support/fixtures.js';
import { STRICT_NODENEXT, STRICTEST_BUNDLER, typecheck } from '../../support/typecheck.js';

const VALIDATION = join(ROOT, 'src', 'validation');
const inputs = validInputs().filter((f) => ['fixtures/valid/lab/exporters.yaml', 'fixtures/valid/cluster-scale.yaml'].includes(f.path));
const dirs: string[] = [];

function writeOut(files: readonly EmittedFile[], label: string): string {
  mkdirSync(join(ROOT, 'tmp'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'tmp', `${label}-`));
  dirs.push(dir);
  for (const f of files) {
    const path = join(dir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.contents);
  }
  return dir;
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const PROGRAM = `import { expectTypeOf } from 'vitest';
import { ExporterApi, isExporter, validateExporter, type Exporter } from './lab.example.com/v1alpha1/exporter.js';
import { isPool, type Pool } from './infra.example.com/v1/pool.js';
import type { ValidationCause } from './runtime/index.js';

declare const x: unknown;
if (isExporter(x)) {
  expectTypeOf(x).toEqualTypeOf<Exporter>();
  expectTypeOf(x.apiVersion).toEqualTypeOf<'lab.example.com/v1alpha1'>();
  expectTypeOf(x.spec?.enabled).toEqualTypeOf<boolean | undefined>();
} else {
  expectTypeOf(x).toEqualTypeOf<unknown>();
}
declare const either: Exporter | Pool;
if (isPool(either)) expectTypeOf(either).toEqualTypeOf<Pool>();
else expectTypeOf(either).toEqualTypeOf<Exporter>();

const causes = validateExporter(x, { old: x });
expectTypeOf(causes[0]?.field).toEqualTypeOf<string | undefined>();
expectTypeOf(causes).toMatchTypeOf<readonly ValidationCause[]>();
// @ts-expect-error the problems are a list, not a verdict
const verdict: boolean = validateExporter(x);

export async function write(api: ExporterApi, body: Exporter): Promise<Exporter> {
  expectTypeOf(api.validate(body)).toEqualTypeOf(causes);
  await api.replace(body, { validate: true });
  await api.apply(body, { validate: true, fieldManager: 'me' });
  return api.create(body, { validate: true, dryRun: true });
}
export { verdict };
`;

describe('validators: true, copy mode', async () => {
  const result = await generate(inputs, { validators: true }, await loadAssets());
  const dir = writeOut(result.files, 'validators-copy');

  it('copies every file of src/validation into runtime/validation, byte-equal after the banner line', () => {
    const sources = (readdirSync(VALIDATION, { recursive: true }) as string[]).filter((n) => n.endsWith('.ts')).map((n) => n.split('\\').join('/')).sort();
    const copied = result.files.filter((f) => f.path.startsWith('runtime/validation/'));
    expect(copied.map((f) => f.path)).toEqual(sources.map((n) => `runtime/validation/${n}`));
    for (const file of copied) {
      expect(file.contents).toBe(`${BANNER}\n${readFileSync(join(VALIDATION, file.path.slice('runtime/validation/'.length)), 'utf8')}`);
    }
  });

  it('gives each kind file isKind, validateKind and an Api class with validate and a validator', () => {
    const exporter = result.files.find((f) => f.path === 'lab.example.com/v1alpha1/exporter.ts')?.contents ?? '';
    expect(exporter).toContain(`import { kindValidator, type Cause, type KindValidateOptions } from '../../runtime/validation/index.js';`);
    expect(exporter).toContain('export function isExporter(value: unknown): value is Exporter {');
    expect(exporter).toContain('export function validateExporter(obj: unknown, options?: KindValidateOptions): Cause[] {');
    expect(exporter).toContain('  protected override readonly validator = exporterValidator;');
    expect(exporter).toMatch(/const exporterValidator = kindValidator<Exporter>\(exporterResource, \(\) => \(\{"/);
    const data = exporter.split('\n').find((l) => l.startsWith('const exporterValidator')) ?? '';
    expect(data).toContain('"username":{"type":"string"}');
    expect(data).not.toContain('Identity the exporter authenticates as');
  });

  it('compiles under strict and the strictest settings, and the type guards narrow', () => {
    writeFileSync(join(dir, 'program.ts'), PROGRAM);
    const paths = [...result.files.map((f) => join(dir, f.path)), join(dir, 'program.ts')];
    // The files of runtime/ itself are src/runtime as copied without validators (byte-equal after
    // the banner), checked under both settings by runtime.test.ts: here the validators, the kind
    // files and the program are (the checker still reads runtime/ for the types they use).
    for (const file of result.files.filter((f) => /^runtime\/[^/]+$/.test(f.path))) {
      expect(file.contents).toBe(`${BANNER}\n${readFileSync(join(ROOT, 'src', file.path), 'utf8')}`);
    }
    const checked = (path: string) => path.startsWith(`${dir}/`) && !/^runtime\/[^/]+$/.test(path.slice(dir.length + 1));
    expect(typecheck(paths, STRICT_NODENEXT, checked)).toBe('');
    expect(typecheck(paths, STRICTEST_BUNDLER, checked)).toBe('');
  });

  it('type guards accept their kind and reject others; validateKind reports like the server', async () => {
    const { isExporter, validateExporter } = (await import(pathToFileURL(join(dir, 'lab.example.com/v1alpha1/exporter.ts')).href)) as Record<string, (x: unknown, o?: object) => unknown>;
    const { isPool } = (await import(pathToFileURL(join(dir, 'infra.example.com/v1/pool.ts')).href)) as Record<string, (x: unknown) => unknown>;
    const exporter = { apiVersion: 'lab.example.com/v1alpha1', kind: 'Exporter', metadata: { name: 'e1', namespace: 'lab' }, spec: { username: 'u' } };
    const pool = { apiVersion: 'infra.example.com/v1', kind: 'Pool', metadata: { name: 'p1' }, spec: { replicas: 2 } };
    expect([isExporter?.(exporter), isPool?.(pool)]).toEqual([true, true]);
    expect([isExporter?.(pool), isPool?.(exporter), isExporter?.({ ...exporter, apiVersion: 'lab.example.com/v1' }), isExporter?.(null)]).toEqual([false, false, false, false]);
    expect(isExporter?.({ ...exporter, spec: { enabled: 'yes' } })).toBe(false);
    expect(isExporter?.({ ...exporter, metadata: { name: 7 } })).toBe(false);
    expect(validateExporter?.(exporter)).toEqual([]);
    expect(validateExporter?.({ ...exporter, spec: { enabled: 'yes' } })).toEqual([
      { reason: 'FieldValueTypeInvalid', field: 'spec.enabled', message: 'Invalid value: "string": spec.enabled in body must be of type boolean: "string"' },
    ]);
    expect(validateExporter?.({ ...exporter, metadata: {} })).toEqual([{ reason: 'FieldValueRequired', field: 'metadata.name', message: 'Required value: name or generateName is required' }]);
    expect(validateExporter?.(pool)).toEqual([
      { reason: 'FieldValueInvalid', field: 'kind', message: 'Invalid value: "Pool": must be Exporter' },
      { reason: 'FieldValueInvalid', field: 'apiVersion', message: 'Invalid value: "infra.example.com/v1": must be lab.example.com/v1alpha1' },
    ]);
  });
});

describe('validators: true with a runtime module, and validators off', () => {
  it('imports the validator from <module>/validation and copies nothing', async () => {
    const result = await generate(inputs, { validators: true, runtime: 'crdgen/runtime' }, await loadAssets());
    expect(result.files.filter((f) => f.path.startsWith('runtime/'))).toEqual([]);
    const pool = result.files.find((f) => f.path === 'infra.example.com/v1/pool.ts')?.contents ?? '';
    expect(pool).toContain(`from 'crdgen/runtime/validation';`);
  });

  it('emits no validator, guard or validate member without the option', async () => {
    const result = await generate(inputs, {}, await loadAssets());
    expect(result.files.filter((f) => f.path.startsWith('runtime/validation/'))).toEqual([]);
    const all = result.files.filter((f) => !f.path.startsWith('runtime/')).map((f) => f.contents).join('\n');
    for (const text of ['kindValidator', 'isExporter', 'validateExporter', 'validate(obj', 'readonly validator']) expect(all).not.toContain(text);
  });
});

describe('validator data size', () => {
  /** The schema data a kind file embeds vs the schema's JSON, over every version of `files`. */
  function sizes(files: ReturnType<typeof validInputs>) {
    let schema = 0;
    let data = 0;
    const larger: string[] = [];
    for (const crd of normalize(parse(files).documents).crds) {
      for (const v of crd.versions) {
        if (!v.schema) continue;
        const full = JSON.stringify(v.schema).length;
        const embedded = jsonExpression(compactSchema(v.schema)).length;
        schema += full;
        data += embedded;
        if (embedded > full) larger.push(`${crd.name}/${v.name}: ${embedded} > ${full}`);
      }
    }
    return { schema, data, larger };
  }

  it('is at most the schema JSON for every fixture version', () => {
    const { larger, schema, data } = sizes(validInputs());
    expect(larger).toEqual([]);
    expect(data).toBeLessThan(schema);
  });

  it.runIf(HAS_CORPUS)('is at most the schema JSON for every corpus version', () => {
    const { larger, schema, data } = sizes(readCorpus());
    console.log(`validator data: ${data} bytes for ${schema} bytes of schema JSON over the corpus (${((100 * data) / schema).toFixed(1)}%)`);
    expect(larger).toEqual([]);
  }, 120_000);
});
