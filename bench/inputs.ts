// The bench's inputs: the corpus files, and synthetic bundles made from them under bench/out
// (never checked in): N copies of the corpus with renamed groups, so every CRD is distinct, and
// thousands of one-CRD files from one small CRD.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadAll } from 'js-yaml';

/** Every *.yaml, *.yml and *.json file below `path`, sorted. */
export function yamlFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => yamlFiles(join(path, name)))
    .filter((p) => /\.(ya?ml|json)$/.test(p));
}

export const megabytes = (files: readonly string[]): number => files.reduce((n, f) => n + statSync(f).size, 0) / 1e6;

type Doc = { [key: string]: unknown };
const isDoc = (value: unknown): value is Doc => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The CRD with its group prefixed by `prefix.` (metadata.name follows), or the document as it is. */
function renamed(doc: unknown, prefix: string): unknown {
  if (!isDoc(doc) || doc.kind !== 'CustomResourceDefinition' || !isDoc(doc.spec) || typeof doc.spec.group !== 'string') return doc;
  const group = `${prefix}.${doc.spec.group}`;
  const names = isDoc(doc.spec.names) ? doc.spec.names : {};
  const metadata = isDoc(doc.metadata) ? doc.metadata : {};
  return { ...doc, metadata: { ...metadata, name: `${String(names.plural)}.${group}` }, spec: { ...doc.spec, group } };
}

/** The documents of a file as YAML text (JSON documents, which YAML reads), renamed. */
function renamedText(docs: readonly unknown[], prefix: string): string {
  return docs.map((d) => JSON.stringify(renamed(d, prefix))).join('\n---\n');
}

function parsedDocs(file: string): unknown[] | undefined {
  try {
    return loadAll(readFileSync(file, 'utf8')).filter((d) => d !== null && d !== undefined);
  } catch {
    return undefined; // a file js-yaml cannot read (crdgen's own parser may): left out of synthetic bundles
  }
}

/**
 * `copies` copies of every corpus file in `dir`, copy i with groups prefixed `cI.`. The same
 * transformation for any `copies`, so a 1x and a 4x bundle differ only in size.
 */
export function syntheticBundle(corpus: readonly string[], dir: string, copies: number): string[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  corpus.forEach((file, index) => {
    const docs = parsedDocs(file);
    if (!docs) return;
    for (let copy = 0; copy < copies; copy++) {
      const out = join(dir, `${String(index).padStart(4, '0')}-c${copy}-${basename(file).replace(/\.json$/, '.yaml')}`);
      writeFileSync(out, renamedText(docs, `c${copy}`));
      written.push(out);
    }
  });
  return written;
}

/** `count` files holding one CRD each: `crd` (a one-CRD file) with groups prefixed `gN.`. */
export function smallBundle(crd: string, dir: string, count: number): string[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const docs = parsedDocs(crd) ?? [];
  return Array.from({ length: count }, (_, i) => {
    const out = join(dir, `crd-${String(i).padStart(5, '0')}.yaml`);
    writeFileSync(out, renamedText(docs, `g${i}`));
    return out;
  });
}

/** Changes one CRD of a bundle file (a description at its first version's schema root). */
export function touchOneCrd(file: string, note: string): void {
  const docs = parsedDocs(file) ?? [];
  const changed = docs.map((doc) => {
    if (!isDoc(doc) || !isDoc(doc.spec) || !Array.isArray(doc.spec.versions)) return doc;
    const [first, ...rest] = doc.spec.versions as Doc[];
    const schema = isDoc(first?.schema) && isDoc(first.schema.openAPIV3Schema) ? first.schema.openAPIV3Schema : {};
    const version = { ...first, schema: { openAPIV3Schema: { ...schema, description: note } } };
    return { ...doc, spec: { ...doc.spec, versions: [version, ...rest] } };
  });
  writeFileSync(file, changed.map((d) => JSON.stringify(d)).join('\n---\n'));
}

/** The files of an output folder with their sizes, for the floor to write as many bytes. */
export function outputManifest(dir: string): Array<{ path: string; size: number }> {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((p) => ({ path: p, stat: statSync(join(dir, p)) }))
    .filter((entry) => entry.stat.isFile())
    .map((entry) => ({ path: entry.path, size: entry.stat.size }));
}
