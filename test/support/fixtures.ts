import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { generate, loadAssets } from '../../src/index.js';
import type { InputFile } from '../../src/generator/model.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const VALID = join(ROOT, 'fixtures', 'valid');
export const INVALID = join(ROOT, 'fixtures', 'invalid');
export const GENERATED = join(ROOT, 'generated');
/**
 * generated/ imports the runtime from its source (`npm run generate` passes this as --runtime), so
 * it holds generated files only; copy mode is tested on its own (test/generator/emit/runtime.test.ts).
 */
export const GOLDEN_RUNTIME = '../src/runtime/index.js';

/** Every file below `dir` (recursively), sorted, with paths relative to the project root. */
export function listFiles(dir: string, pattern = /\.(ya?ml|json)$/): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? listFiles(path, pattern) : pattern.test(name) ? [path] : [];
    });
}

/** The valid fixtures as the CLI reads them for `npm run generate` (paths as `fixtures/valid/...`). */
export function validInputs(): InputFile[] {
  return listFiles(VALID).map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));
}

/** A one-CRD YAML document for table tests. */
export function crdYaml(schema: object, extra: { kind?: string; group?: string; scope?: string; version?: string } = {}): string {
  const kind = extra.kind ?? 'Widget';
  const group = extra.group ?? 'example.com';
  const plural = `${kind.toLowerCase()}s`;
  return JSON.stringify({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      scope: extra.scope ?? 'Namespaced',
      names: { kind, plural },
      versions: [{ name: extra.version ?? 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema } }],
    },
  });
}

/**
 * The valid fixtures generated as users get them by default (the runtime copied into `out/runtime`),
 * written to `out`: what a program outside this repository compiles against.
 */
export async function writeCopyModeOutput(out: string): Promise<void> {
  const result = await generate(validInputs(), { runtime: 'copy' }, await loadAssets());
  for (const file of result.files) {
    mkdirSync(dirname(join(out, file.path)), { recursive: true });
    writeFileSync(join(out, file.path), file.contents);
  }
}
