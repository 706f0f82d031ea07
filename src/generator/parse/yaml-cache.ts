// The YAML of input files read once and kept between runs (by a hash of the text), so that a re-run
// after one file changed reads the others' values back with JSON.parse (several times faster than
// YAML) instead of parsing them again. Only files that read without errors and whose values JSON
// carries exactly (finite numbers, no -0, plain objects and arrays) are stored; line lookups of a
// stored file parse its text again, on first use (only messages need them). The schemas of a
// document's versions (spec.versions[].schema.openAPIV3Schema, v1beta1's spec.validation) are an
// entry of their own, read only when a unit needs them (see lazy-schema.ts): in the document's entry
// each is null, named by its path and the digest of its JSON.
import { createHash } from 'node:crypto';
import type { InputFile } from '../model.js';
import type { JsonSchema } from '../../kube/model.js';
import { fillSchema, jsonDigest, lazySchema } from './lazy-schema.js';
import { readYaml, type YamlDocument, type YamlError } from './yaml-docs.js';

/** Storage for read YAML between runs, given by the caller; what comes back is checked. */
export interface YamlCache {
  /** Names the generator that made an entry (its version and code): part of every key. */
  readonly generator: string;
  /** The value stored under `key`, or undefined. May throw or return anything: it is checked. */
  read(key: string): Promise<unknown>;
  write(key: string, value: StoredYaml | StoredSchemas): Promise<void>;
}

/** A schema left out of a document's value: where it was (null there now) and the SHA-256 of its JSON. */
export interface SchemaSlot {
  readonly path: ReadonlyArray<string | number>;
  readonly digest: string;
}

/** What an entry holds: the documents of one file, without their line lookups and schemas. */
export interface StoredYaml {
  readonly documents: ReadonlyArray<{ readonly index: number; readonly line: number; readonly value: unknown; readonly schemas?: readonly SchemaSlot[] }>;
}

/** The schemas of a file's documents, in the order of their slots (document by document). */
export interface StoredSchemas {
  readonly schemas: readonly unknown[];
}

export interface ReadYaml {
  readonly documents: readonly YamlDocument[];
  readonly errors: readonly YamlError[];
}

/** Bump when what readYaml() returns for a text changes in a way the generator's code hash would not show. */
const ENTRY_FORMAT = 2;

/**
 * The YAML of every file, in the order of `files`: from the cache where it holds the file's text,
 * else read; `store` writes what was read and can be stored; `keys` (with a cache) are the
 * entries' keys, a hash of each file's text.
 */
export async function readAllYaml(
  files: readonly InputFile[],
  cache: YamlCache | undefined,
): Promise<{ reads: ReadYaml[]; store: () => Promise<void>; keys?: readonly string[] }> {
  if (!cache) return { reads: files.map((f) => readYaml(f.text)), store: async () => undefined };
  const keys = files.map((f) => createHash('sha256').update(`crdgen yaml ${ENTRY_FORMAT}\n${cache.generator}\n`).update(f.text).digest('hex'));
  const stored = await Promise.all(keys.map((key) => cache.read(key).catch(() => undefined)));
  const writes: Array<{ key: string; value: StoredYaml | StoredSchemas }> = [];
  const reads = files.map((file, i): ReadYaml => {
    const entry = stored[i];
    const key = keys[i] as string;
    if (isStoredYaml(entry)) return { documents: withLines(file.text, entry, () => readSchemas(cache, key, file.text, entry)), errors: [] };
    const read = readYaml(file.text);
    if (read.errors.length === 0 && read.documents.every((d) => jsonExact(d.value))) writes.push(...entriesOf(key, read.documents));
    return read;
  });
  return { reads, store: async () => void (await Promise.all(writes.map((w) => cache.write(w.key, w.value).catch(() => undefined)))), keys };
}

/** Where the schemas of the file whose entry is `key` are stored. */
const schemasKey = (key: string) => createHash('sha256').update(`crdgen yaml schemas\n${key}`).digest('hex');

/** Stands for any version's index in a schema shape. */
const INDEX = Symbol('version index');

/** Where a CRD document holds its schemas: v1's one per version, v1beta1's one for all versions. */
const SCHEMA_SHAPES: ReadonlyArray<ReadonlyArray<string | typeof INDEX>> = [
  ['spec', 'versions', INDEX, 'schema', 'openAPIV3Schema'],
  ['spec', 'validation', 'openAPIV3Schema'],
];

/** The paths of the schemas of a document's value that are objects, in SCHEMA_SHAPES' order. */
function schemaPaths(value: unknown): Array<Array<string | number>> {
  return SCHEMA_SHAPES.flatMap((shape) => {
    let paths: Array<Array<string | number>> = [[]];
    for (const step of shape) {
      paths = paths.flatMap((path) => {
        if (step !== INDEX) return [[...path, step]];
        const list = at(value, path);
        return Array.isArray(list) ? list.map((_, i) => [...path, i]) : [];
      });
    }
    return paths.filter((path) => isObject(at(value, path)) && isObject(at(value, path.slice(0, -1))));
  });
}

/** True when `path` is one of SCHEMA_SHAPES (with a version index where it has INDEX). */
const isSchemaPath = (path: readonly unknown[]): boolean =>
  SCHEMA_SHAPES.some((shape) => shape.length === path.length && shape.every((step, i) => (step === INDEX ? Number.isInteger(path[i]) && (path[i] as number) >= 0 : path[i] === step)));

const at = (value: unknown, path: ReadonlyArray<string | number>): unknown => path.reduce<unknown>((v, step) => (v as { [k: string]: unknown } | undefined)?.[step], value);

/** `value` with `replacement` at `path`: copies along it, the rest shared (stored values are never changed). */
function replaced(value: unknown, path: ReadonlyArray<string | number>, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [step, ...rest] = path as [string | number, ...Array<string | number>];
  const out: { [k: string]: unknown } | unknown[] = Array.isArray(value) ? [...value] : { ...(value as object) };
  (out as { [k: string]: unknown })[step] = replaced((value as { [k: string]: unknown })[step], rest, replacement);
  return out;
}

/** The entry of a file's documents, and the entry of their schemas when they have any. */
function entriesOf(key: string, documents: readonly YamlDocument[]): Array<{ key: string; value: StoredYaml | StoredSchemas }> {
  const schemas: unknown[] = [];
  const stored = documents.map(({ index, line, value }) => {
    const paths = schemaPaths(value);
    if (paths.length === 0) return { index, line, value };
    const slots = paths.map((path) => {
      const schema = at(value, path);
      schemas.push(schema);
      return { path, digest: jsonDigest(JSON.stringify(schema)) };
    });
    return { index, line, value: paths.reduce((v, path) => replaced(v, path, null), value), schemas: slots };
  });
  const out: Array<{ key: string; value: StoredYaml | StoredSchemas }> = [{ key, value: { documents: stored } }];
  if (schemas.length > 0) out.push({ key: schemasKey(key), value: { schemas } });
  return out;
}

/**
 * The schemas of a stored file, slot by slot: from their entry when each is an object whose JSON
 * has its slot's digest, else read from the file's text again (and stored).
 */
async function readSchemas(cache: YamlCache, key: string, text: string, entry: StoredYaml): Promise<unknown[]> {
  const slots = entry.documents.flatMap((d) => (d.schemas ?? []).map((slot) => ({ index: d.index, slot })));
  const value = await cache.read(schemasKey(key)).catch(() => undefined);
  const schemas = isObject(value) && Array.isArray(value.schemas) ? value.schemas : [];
  if (schemas.length === slots.length && schemas.every((s, i) => isObject(s) && jsonDigest(JSON.stringify(s)) === slots[i]?.slot.digest)) return schemas;
  const documents = readYaml(text).documents;
  const again = slots.map(({ index, slot }) => at(documents.find((d) => d.index === index)?.value, slot.path));
  // Stored again, as a damaged entry of the file's documents would be.
  if (again.every(isObject)) await cache.write(schemasKey(key), { schemas: again }).catch(() => undefined);
  return again;
}

/**
 * Stored documents with line lookups that read the text again, once, when first asked, and each
 * schema lazy (all of the file's filled at once, from `schemas`, when a unit needs one).
 */
function withLines(text: string, entry: StoredYaml, schemas: () => Promise<unknown[]>): YamlDocument[] {
  let again: readonly YamlDocument[] | undefined;
  const placeholders: JsonSchema[] = [];
  let loading: Promise<void> | undefined;
  const load = () =>
    (loading ??= schemas().then((values) => {
      placeholders.forEach((placeholder, i) => {
        const value = values[i];
        if (isObject(value)) fillSchema(placeholder, value);
      });
    }));
  return entry.documents.map(({ index, line, value: stored, schemas: slots }) => {
    const value = (slots ?? []).reduce((v, slot) => {
      const placeholder = lazySchema(slot.digest, load);
      placeholders.push(placeholder);
      return replaced(v, slot.path, placeholder);
    }, stored);
    return { index, line, value, lineOf: (path) => (again ??= readYaml(text).documents).find((d) => d.index === index)?.lineOf(path) };
  });
}

const isObject = (v: unknown): v is { [key: string]: unknown } => typeof v === 'object' && v !== null && !Array.isArray(v);

function isStoredYaml(value: unknown): value is StoredYaml {
  return isObject(value) && Array.isArray(value.documents) && value.documents.every((d) => isObject(d) && Number.isInteger(d.index) && Number.isInteger(d.line) && 'value' in d && validSlots(d.value, d.schemas));
}

/** Slots of a stored document: absent, or each a schema path (isSchemaPath) holding null. */
function validSlots(value: unknown, slots: unknown): boolean {
  if (slots === undefined) return true;
  if (!Array.isArray(slots)) return false;
  return slots.every((slot) => {
    if (!isObject(slot) || typeof slot.digest !== 'string' || !/^[0-9a-f]{64}$/.test(slot.digest) || !Array.isArray(slot.path)) return false;
    const path = slot.path as unknown[];
    if (!isSchemaPath(path)) return false;
    const parent = at(value, path.slice(0, -1) as Array<string | number>);
    return isObject(parent) && parent[path[path.length - 1] as string] === null;
  });
}

/** True when JSON gives `value` back as it is. */
function jsonExact(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'number') {
      if (!Number.isFinite(v) || Object.is(v, -0)) return false;
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else if (typeof v === 'object' && v !== null) {
      if (Object.getPrototypeOf(v) !== Object.prototype) return false;
      for (const child of Object.values(v)) stack.push(child);
    } else if (typeof v !== 'string' && typeof v !== 'boolean' && v !== null) {
      return false;
    }
  }
  return true;
}
