// The generator's heavy work cut into units, one per group-version (its kinds share a folder and
// an index, and may share declarations), each named by a hash of everything its output depends on.
import { createHash } from 'node:crypto';
import type { GenerateOptions } from '../options.js';
import type { GroupVersionPlan } from '../plan/plan.js';
import { isUnitResult, type UnitResult } from './unit-result.js';

/**
 * Storage for unit results between runs, given by the caller (the library reads and writes
 * nothing itself). An entry is found by a key that hashes the generator's identity, the options,
 * the kind template and the unit's whole plan (its CRDs' schemas, names and sources), so a result
 * is served only for the same input to the same generator; what comes back is checked and
 * anything malformed is ignored.
 */
export interface GenerateCache {
  /** Names the generator that made an entry (e.g. its version and a hash of its code): part of every key. */
  readonly generator: string;
  /** The value stored under `key`, or undefined. May throw or return anything: it is checked. */
  read(key: string): Promise<unknown>;
  write(key: string, value: UnitResult): Promise<void>;
}

export interface Unit {
  readonly gv: GroupVersionPlan;
  /** Size of its plan as JSON: how long it takes, roughly, to order the work. */
  readonly cost: number;
  cached(): Promise<UnitResult | undefined>;
  store(result: UnitResult): Promise<void>;
}

/** Above this much schema (JSON characters still to generate), `auto` starts worker threads. */
export const WORKER_THRESHOLD = 2_000_000;

/** Bump when the layout of a cache entry changes. */
const ENTRY_FORMAT = 2;

const withMaps = (_key: string, value: unknown) => (value instanceof Map ? [...value] : value);

export function describeUnits(groupVersions: readonly GroupVersionPlan[], options: GenerateOptions, kindTemplate: string, cache: GenerateCache | undefined): Unit[] {
  const shared = cache ? JSON.stringify([ENTRY_FORMAT, cache.generator, options, kindTemplate]) : '';
  return groupVersions.map((gv) => {
    const planText = JSON.stringify(gv, withMaps);
    const key = cache ? createHash('sha256').update(shared).update('\n').update(planText).digest('hex') : '';
    return {
      gv,
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
