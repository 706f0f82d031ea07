// The generator's heavy work cut into units, one per group (its kinds, at every version, share
// the declarations of <group>/shapes.ts), each named by a hash of everything its output depends on.
import { createHash } from 'node:crypto';
import type { GenerateOptions } from '../options.js';
import type { GroupVersionPlan } from '../plan/plan.js';
import { isUnitResult, type UnitResult } from './unit-result.js';

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

/** A group and its group-versions (every version, and the folders of CRDs defined again). */
export interface GroupUnit {
  readonly group: string;
  readonly groupVersions: readonly GroupVersionPlan[];
}

export interface Unit {
  readonly unit: GroupUnit;
  /** How many kinds it types (for progress). */
  readonly kinds: number;
  /** Size of its plan as JSON: how long it takes, roughly, to order the work. */
  readonly cost: number;
  cached(): Promise<UnitResult | undefined>;
  store(result: UnitResult): Promise<void>;
}

/** Above this much schema (JSON characters still to generate), `auto` starts worker threads. */
export const WORKER_THRESHOLD = 2_000_000;

/** Bump when the layout of a cache entry changes. */
const ENTRY_FORMAT = 3;

const withMaps = (_key: string, value: unknown) => (value instanceof Map ? [...value] : value);

/** What every key starts with: the entry format, the generator, the options and the kind template. */
const sharedKey = (options: GenerateOptions, kindTemplate: string, cache: GenerateCache) => JSON.stringify([ENTRY_FORMAT, cache.generator, options, kindTemplate]);

export function describeUnits(groupVersions: readonly GroupVersionPlan[], options: GenerateOptions, kindTemplate: string, cache: GenerateCache | undefined): Unit[] {
  const shared = cache ? sharedKey(options, kindTemplate, cache) : '';
  const groups = new Map<string, GroupVersionPlan[]>();
  for (const gv of groupVersions) groups.set(gv.group, [...(groups.get(gv.group) ?? []), gv]);
  return [...groups].map(([group, list]) => {
    const unit: GroupUnit = { group, groupVersions: list };
    const planText = JSON.stringify(unit, withMaps);
    const key = cache ? createHash('sha256').update(shared).update('\n').update(planText).digest('hex') : '';
    return {
      unit,
      kinds: list.reduce((n, gv) => n + gv.kinds.length, 0),
      cost: planText.length,
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

/** Where `<out>/k8s.ts` is stored: a unit result holding that one file. */
const K8S_FILE = 'k8s.ts';

/**
 * The unit of `<out>/k8s.ts` declaring `names` (see shapes/well-known.ts): its text depends on
 * nothing else (the options and the template are in its key all the same).
 */
export function describeWellKnown(names: readonly string[], options: GenerateOptions, kindTemplate: string, cache: GenerateCache | undefined): {
  cached(): Promise<string | undefined>;
  store(text: string): Promise<void>;
} {
  const key = cache ? createHash('sha256').update(sharedKey(options, kindTemplate, cache)).update('\n').update(JSON.stringify([K8S_FILE, names])).digest('hex') : '';
  return {
    cached: async () => {
      if (!cache) return undefined;
      const value = await cache.read(key).catch(() => undefined);
      if (!isUnitResult(value) || value.files.length !== 1 || value.files[0]?.path !== K8S_FILE) return undefined;
      return value.files[0].contents;
    },
    store: async (text) => {
      if (cache) await cache.write(key, { files: [{ path: K8S_FILE, contents: text }], diagnostics: [], typed: [], wellKnown: [...names], exports: [] }).catch(() => undefined);
    },
  };
}
