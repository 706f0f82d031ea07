/** Every `x-kubernetes-validations` rule of the corpus CRDs, with the schema node that holds it. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadAll } from 'js-yaml';
import { CORPUS } from '../../support/corpus.js';

export interface CorpusCrd {
  readonly file: string;
  readonly crd: Record<string, any>;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []))
    .sort();
}

/** The v1 CRDs of the corpus (v1beta1 ones carry no CEL rules). */
export function corpusCrds(): CorpusCrd[] {
  return yamlFiles(CORPUS).flatMap((file) => {
    let docs: unknown[];
    try {
      docs = loadAll(readFileSync(file, 'utf8'));
    } catch {
      return []; // the corpus holds a few deliberately broken files; the generator's tests cover them
    }
    return (docs as (Record<string, any> | null)[])
      .filter((d) => d?.kind === 'CustomResourceDefinition' && d.apiVersion === 'apiextensions.k8s.io/v1')
      .map((crd) => ({ file: relative(CORPUS, file), crd: crd as Record<string, any> }));
  });
}

/** The corpus CRD whose metadata.name is `name` (first one found). */
export function corpusCrd(name: string): Record<string, any> {
  const found = corpusCrds().find((c) => c.crd.metadata?.name === name);
  if (!found) throw new Error(`corpus has no CRD ${name}`);
  return found.crd;
}
