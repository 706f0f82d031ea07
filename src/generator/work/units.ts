// The generator's heavy work cut into units, one per group (its kinds, at every version, share
// the declarations of <group>/shapes.ts), each named by a hash of everything its output depends on.
import { createHash } from 'node:crypto';
import type { GenerateOptions } from '../options.js';
import type { CrdModel, SourceRef } from '../../kube/model.js';
import type { CrdDocument, InputFile } from '../model.js';
import type { GroupVersionOutline, KindOutline } from '../plan/plan.js';
import { isUnitResult, type UnitResult } from './unit-result.js';
import { digestedVersion, exactly } from '../parse/lazy-schema.js';

/**
 * Storage for unit results between runs, given by the caller (the library reads and writes
 * nothing itself). An entry is found by a key that hashes the generator's identity, the options,
 * the kind template and the unit's whole plan (its CRDs' schemas, names and sources), so a result
 * is served only for the same input to the same generator; what comes back is checked and
 * anything malformed is ignored. `<out>/k8s.ts` is a unit of its own, keyed by the names it declares.
 */
export interface GenerateCache {
  /** Names the generator that made an entry (e.g. its version and a hash of its code): part of every key. */
  readonly generator: string;
  /** The value stored under `key`, or undefined. May throw or return anything: it is checked. */
  read(key: string): Promise<unknown>;
  write(key: string, value: UnitResult): Promise<void>;
}

/**
 * A group and its group-versions (every version, and the folders of CRDs defined again), as the
 * outline plans them: the unit names the nested types itself (plan/plan.ts nameKinds), so a unit
 * the cache holds is never named.
 */
export interface GroupUnit {
  readonly group: string;
  readonly groupVersions: readonly GroupVersionOutline[];
}

export interface Unit {
  readonly unit: GroupUnit;
  /** How many kinds it types (for progress). */
  readonly kinds: number;
  /** Size of its CRDs as JSON: how long it takes, roughly, to order the work. */
  readonly cost: number;
  cached(): Promise<UnitResult | undefined>;
  store(result: UnitResult): Promise<void>;
}

/** Above this much schema (JSON characters still to generate), `auto` starts worker threads. */
export const WORKER_THRESHOLD = 2_000_000;

/** Bump when the layout of a cache entry or of what a key hashes changes. */
const ENTRY_FORMAT = 6;

/** The digests of a run's CRDs (hashes only with a cache). */
interface Digests {
  readonly hashing: boolean;
  /** Source identities by source (see sourceIdentities). */
  readonly sources: ReadonlyMap<string, string>;
  readonly digests: Map<CrdModel, string>;
  readonly sizes: Map<CrdModel, number>;
}

/** A source as one string: file, document and line. */
const sourceKey = (source: SourceRef) => `${source.file}\u0000${source.doc}\u0000${source.line}`;

/**
 * What names each CRD document's source in a key, by source: a hash of its file's text, for the
 * documents of files whose path is given once and whose source no other CRD document of the run
 * shares (two items of a List on one line, say). Such a CRD's model is what normalize makes of
 * that one document, its variant label aside, so a key may hash the text's hash, the source and the
 * label instead of the whole model: the same bytes at the same path make the same model for the same
 * generator, which every key names (GenerateCache.generator). `hashes`, in the order of `inputs`,
 * are hashes of their texts already made (the YAML cache's keys); the others are hashed here.
 */
export function sourceIdentities(inputs: readonly InputFile[], documents: readonly CrdDocument[], hashes?: readonly string[]): Map<string, string> {
  const paths = new Map<string, InputFile | undefined>();
  const texts = new Map<InputFile, string>();
  inputs.forEach((file, i) => {
    paths.set(file.path, paths.has(file.path) ? undefined : file);
    if (hashes?.[i] !== undefined) texts.set(file, hashes[i]);
  });
  const count = new Map<string, number>();
  for (const doc of documents) count.set(sourceKey(doc.source), (count.get(sourceKey(doc.source)) ?? 0) + 1);
  const ids = new Map<string, string>();
  for (const doc of documents) {
    const file = paths.get(doc.source.file);
    const key = sourceKey(doc.source);
    if (!file || count.get(key) !== 1) continue;
    let hash = texts.get(file);
    if (hash === undefined) texts.set(file, (hash = createHash('sha256').update(file.text).digest('hex')));
    ids.set(key, hash);
  }
  return ids;
}

/**
 * A CRD's part of a key, worked out once per run however many versions and folders it is in: from
 * its source identity when it has one, else a hash of its whole model (schemas, names, source).
 */
function crdDigest(crd: CrdModel, memo: Digests): string {
  let digest = memo.digests.get(crd);
  if (digest === undefined) {
    const id = memo.sources.get(sourceKey(crd.source));
    const text = id !== undefined ? JSON.stringify(['crdgen source', id, crd.source, crd.name, crd.variant ?? null]) : modelText(crd);
    digest = memo.hashing ? createHash('sha256').update(text).digest('hex') : '';
    memo.digests.set(crd, digest);
  }
  return digest;
}

/** A CRD's model as JSON for a key, each schema as the digest of its JSON (loaded or not, see lazy-schema.ts). */
function modelText(crd: CrdModel): string {
  return JSON.stringify({ ...crd, versions: crd.versions.map((v) => digestedVersion(v, true)) }, exactly);
}

/**
 * Size of a CRD as JSON (see Unit.cost): asked for the units still to make only. Rough by design, so
 * a plain JSON.stringify (several times faster than one with a replacer).
 */
function crdSize(crd: CrdModel, memo: Digests): number {
  let size = memo.sizes.get(crd);
  if (size === undefined) memo.sizes.set(crd, (size = JSON.stringify(crd).length));
  return size;
}

/** A kind outline for a key: the CRD by its digest and the version by its place in the CRD. */
const kindKey = (kind: KindOutline, memo: Digests) => {
  const { crd, version, ...names } = kind;
  const at = crd.versions.indexOf(version);
  return { ...names, crd: crdDigest(crd, memo), version: at >= 0 ? at : JSON.stringify(digestedVersion(version, true), exactly) };
};

/** What every key starts with: the entry format, the generator, the options and the kind template. */
const sharedKey = (options: GenerateOptions, kindTemplate: string, cache: GenerateCache) => JSON.stringify([ENTRY_FORMAT, cache.generator, options, kindTemplate]);

/**
 * The units of an outline. A unit's key hashes its outline (folders, export names, kinds' files and
 * own names, and the digest of every CRD): the names of nested types, which its result holds, are
 * a function of those and of the options.
 */
export function describeUnits(
  groupVersions: readonly GroupVersionOutline[],
  options: GenerateOptions,
  kindTemplate: string,
  cache: GenerateCache | undefined,
  sources: ReadonlyMap<string, string> = new Map(),
): Unit[] {
  const shared = cache ? sharedKey(options, kindTemplate, cache) : '';
  const groups = new Map<string, GroupVersionOutline[]>();
  for (const gv of groupVersions) groups.set(gv.group, [...(groups.get(gv.group) ?? []), gv]);
  const memo: Digests = { hashing: cache !== undefined, sources, digests: new Map(), sizes: new Map() };
  return [...groups].map(([group, list]) => {
    const unit: GroupUnit = { group, groupVersions: list };
    const outlineText = cache ? JSON.stringify({ group, groupVersions: list.map((gv) => ({ ...gv, kinds: gv.kinds.map((k) => kindKey(k, memo)) })) }) : '';
    const key = cache ? createHash('sha256').update(shared).update('\n').update(outlineText).digest('hex') : '';
    const kinds = list.flatMap((gv) => gv.kinds);
    let cost: number | undefined;
    return {
      unit,
      kinds: kinds.length,
      get cost() {
        return (cost ??= kinds.reduce((n, k) => n + crdSize(k.crd, memo), 0));
      },
      cached: async () => {
        if (!cache) return undefined;
        const value = await cache.read(key).catch(() => undefined);
        return isUnitResult(value) ? value : undefined;
      },
      store: async (result) => {
        if (cache) await cache.write(key, result).catch(() => undefined);
      },
    };
  });
}

/** A cache entry holding one file's text: a unit result with that file alone. */
interface OneFileEntry {
  cached(): Promise<string | undefined>;
  store(text: string): Promise<void>;
}

/** The entry of the file `path`, keyed by what every key starts with and `parts`; `wellKnown` goes into the stored result. */
function oneFileEntry(path: string, parts: readonly unknown[], wellKnown: readonly string[], options: GenerateOptions, kindTemplate: string, cache: GenerateCache | undefined): OneFileEntry {
  const key = cache ? createHash('sha256').update(sharedKey(options, kindTemplate, cache)).update('\n').update(JSON.stringify([path, ...parts])).digest('hex') : '';
  return {
    cached: async () => {
      if (!cache) return undefined;
      const value = await cache.read(key).catch(() => undefined);
      if (!isUnitResult(value) || value.files.length !== 1 || value.files[0]?.path !== path) return undefined;
      return value.files[0].contents;
    },
    store: async (text) => {
      if (cache) await cache.write(key, { files: [{ path, contents: text }], diagnostics: [], typed: [], wellKnown: [...wellKnown], exports: [] }).catch(() => undefined);
    },
  };
}

/** Where the kind template's declarations are stored (see unit.ts storedTemplate): a unit result holding their JSON as its one file. */
const KIND_TEMPLATE_FILE = '<kind template declarations>.json';

/**
 * The kind template's declarations as ts-morph structures (JSON), read by an earlier run: a
 * function of the template's text and the generator (the options are in its key all the same).
 */
export function describeKindTemplate(options: GenerateOptions, kindTemplate: string, cache: GenerateCache | undefined): OneFileEntry {
  return oneFileEntry(KIND_TEMPLATE_FILE, [], [], options, kindTemplate, cache);
}

/** Where `<out>/k8s.ts` is stored: a unit result holding that one file. */
const K8S_FILE = 'k8s.ts';

/**
 * The unit of `<out>/k8s.ts` declaring `names` (see shapes/well-known.ts): its text depends on
 * nothing else (the options and the template are in its key all the same).
 */
export function describeWellKnown(names: readonly string[], options: GenerateOptions, kindTemplate: string, cache: GenerateCache | undefined): OneFileEntry {
  return oneFileEntry(K8S_FILE, [names], names, options, kindTemplate, cache);
}
