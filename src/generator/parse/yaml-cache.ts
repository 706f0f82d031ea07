// The YAML of input files read once and kept between runs (by a hash of the text), so that a re-run
// after one file changed reads the others' values back with JSON.parse (several times faster than
// YAML) instead of parsing them again. Only files that read without errors and whose values JSON
// carries exactly (finite numbers, no -0, plain objects and arrays) are stored; line lookups of a
// stored file parse its text again, on first use (only messages need them).
import { createHash } from 'node:crypto';
import type { InputFile } from '../model.js';
import { readYaml, type YamlDocument, type YamlError } from './yaml-docs.js';

/** Storage for read YAML between runs, given by the caller; what comes back is checked. */
export interface YamlCache {
  /** Names the generator that made an entry (its version and code): part of every key. */
  readonly generator: string;
  /** The value stored under `key`, or undefined. May throw or return anything: it is checked. */
  read(key: string): Promise<unknown>;
  write(key: string, value: StoredYaml): Promise<void>;
}

/** What an entry holds: the documents of one file, without their line lookups. */
export interface StoredYaml {
  readonly documents: ReadonlyArray<{ readonly index: number; readonly line: number; readonly value: unknown }>;
}

export interface ReadYaml {
  readonly documents: readonly YamlDocument[];
  readonly errors: readonly YamlError[];
}

/** Bump when what readYaml() returns for a text changes in a way the generator's code hash would not show. */
const ENTRY_FORMAT = 1;

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
  const writes: Array<{ key: string; value: StoredYaml }> = [];
  const reads = files.map((file, i): ReadYaml => {
    const entry = stored[i];
    if (isStoredYaml(entry)) return { documents: withLines(file.text, entry), errors: [] };
    const read = readYaml(file.text);
    if (read.errors.length === 0 && read.documents.every((d) => jsonExact(d.value))) {
      writes.push({ key: keys[i] as string, value: { documents: read.documents.map(({ index, line, value }) => ({ index, line, value })) } });
    }
    return read;
  });
  return { reads, store: async () => void (await Promise.all(writes.map((w) => cache.write(w.key, w.value).catch(() => undefined)))), keys };
}

/** Stored documents with line lookups that read the text again, once, when first asked. */
function withLines(text: string, entry: StoredYaml): YamlDocument[] {
  let again: readonly YamlDocument[] | undefined;
  return entry.documents.map(({ index, line, value }) => ({
    index,
    line,
    value,
    lineOf: (path) => (again ??= readYaml(text).documents).find((d) => d.index === index)?.lineOf(path),
  }));
}

const isObject = (v: unknown): v is { [key: string]: unknown } => typeof v === 'object' && v !== null && !Array.isArray(v);

function isStoredYaml(value: unknown): value is StoredYaml {
  return isObject(value) && Array.isArray(value.documents) && value.documents.every((d) => isObject(d) && Number.isInteger(d.index) && Number.isInteger(d.line) && 'value' in d);
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
