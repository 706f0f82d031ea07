import { availableParallelism } from 'node:os';
import { hasErrors, sortDiagnostics } from './diagnostics.js';
import type { Assets } from './emit/emit.js';
import { emitRoot } from './emit/root.js';
import type { Diagnostic, EmittedFile, GenerateResult, InputFile } from './model.js';
import { normalize } from './normalize/normalize.js';
import { DEFAULT_OPTIONS, type GenerateOptions } from './options.js';
import { parse } from './parse/parse.js';
import { readAllYaml, type YamlCache } from './parse/yaml-cache.js';
import { loadSchemas } from './parse/lazy-schema.js';
import { outline, type GenerationOutline } from './plan/plan.js';
import type { ExportedName } from './emit/group-index.js';
import { describeKindTemplate, describeUnits, describeWellKnown, sourceIdentities, WORKER_THRESHOLD, type GenerateCache, type GroupUnit, type Unit } from './work/units.js';
import type { UnitResult } from './work/unit-result.js';
import { runOnThreads, startWorkers, type WorkerStart } from './work/pool.js';
import type { Worker } from 'node:worker_threads';
import type { DeclarationTexts } from './shapes/well-known.js';

export type { GenerateCache } from './work/units.js';
export type { YamlCache } from './parse/yaml-cache.js';

/** How a run is carried out; none of it changes the output. */
export interface GenerateHooks {
  /** Called as kinds are done: `done` of `total` finished so far, and what was last finished. */
  readonly onProgress?: (done: number, total: number, subject: string) => void;
  /**
   * Threads for typing and emitting: `auto` (default) uses one per core when the input is big
   * and only this one for small inputs (starting a worker costs more than it saves there); a
   * number forces that many, this one included (1: everything in this thread, 2: it and one
   * worker thread).
   */
  readonly workers?: number | 'auto';
  /** Stored results of earlier runs, by content hash (see GenerateCache); none by default. */
  readonly cache?: GenerateCache;
  /** Stored YAML of input files read by earlier runs, by a hash of their text (see YamlCache); none by default. */
  readonly yaml?: YamlCache;
  /**
   * A module (its URL) each worker thread imports before the generator's modules, e.g. to set
   * up how the thread loads them (the CLI gives its threads its code cache, cli/compile-cache.ts).
   */
  readonly workerSetup?: string;
}

/**
 * CRD files in, TypeScript files out: parse -> normalize -> plan -> typegen -> emit.
 * Pure: reads nothing but its arguments, writes nothing, never mutates them. Output does not
 * depend on the order of `inputs`, on the number of workers, or on the cache. With errors (and
 * without `keepGoing`) no file is returned.
 */
export async function generate(
  inputs: readonly InputFile[],
  options: Partial<GenerateOptions>,
  assets: Assets,
  hooks: GenerateHooks = {},
): Promise<GenerateResult> {
  const opts: GenerateOptions = { ...DEFAULT_OPTIONS, ...options };
  // Workers load the generator's modules while this thread parses, when they will surely be wanted.
  const early = earlyWorkers(inputs, assets, hooks);
  try {
    return await run(inputs, opts, assets, hooks, early);
  } finally {
    await Promise.all(early.map((w) => w.terminate()));
  }
}

async function run(inputs: readonly InputFile[], opts: GenerateOptions, assets: Assets, hooks: GenerateHooks, early: readonly Worker[]): Promise<GenerateResult> {
  const prepared = await prepare(inputs, opts, hooks);
  const diagnostics: Diagnostic[] = [...prepared.diagnostics];
  const generationPlan = prepared.plan;
  if (!generationPlan) return { files: [], diagnostics: sortDiagnostics(diagnostics), kinds: [] };
  const units = describeUnits(generationPlan.groupVersions, opts, assets.kindTemplate, hooks.cache, prepared.sources);
  // Without a cache to serve k8s.ts, its declarations are made as units name them (see runUnits).
  const declarations: DeclarationTexts | undefined = hooks.cache === undefined ? { made: new Map() } : undefined;
  const results = await runUnits(units, opts, assets, hooks, early, declarations);
  const files: EmittedFile[] = [];
  const typed = new Set<string>();
  const wellKnown = new Set<string>();
  const exports = new Map<string, readonly ExportedName[]>();
  for (const result of results) {
    for (const [file, names] of result.exports) exports.set(file, names);
    diagnostics.push(...result.diagnostics);
    files.push(...result.files);
    for (const file of result.typed) typed.add(file);
    for (const name of result.wellKnown) wellKnown.add(name);
  }
  if (hasErrors(diagnostics) && !opts.keepGoing) return { files: [], diagnostics: sortDiagnostics(diagnostics), kinds: [] };
  const k8s = wellKnown.size > 0 ? await wellKnownTypes([...wellKnown].sort(), opts, assets.kindTemplate, hooks.cache, declarations) : undefined;
  files.push(...emitRoot(generationPlan, files, exports, { runtime: opts.runtime, validators: opts.validators }, assets, k8s));
  const kinds = generationPlan.groupVersions
    .flatMap((gv) => gv.kinds)
    .filter((k) => typed.has(k.file))
    .map(({ crd, version, file }) => ({ group: crd.group, version: version.name, kind: crd.names.kind, file, ...(crd.variant ? { variant: crd.variant } : {}) }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), diagnostics: sortDiagnostics(diagnostics), kinds };
}

/**
 * Parse, normalize and plan; no plan when there are errors (and no `keepGoing`). The parsed
 * documents die with this call, so they are not held while the units run; with a cache, what
 * names their sources in keys stays (see sourceIdentities).
 */
async function prepare(
  inputs: readonly InputFile[],
  opts: GenerateOptions,
  hooks: GenerateHooks,
): Promise<{ plan?: GenerationOutline; diagnostics: Diagnostic[]; sources?: ReadonlyMap<string, string> }> {
  const sorted = [...inputs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.text < b.text ? -1 : 1));
  const read = await readAllYaml(sorted, hooks.yaml);
  const parsed = parse(sorted, read.reads);
  await read.store();
  const sources = hooks.cache ? sourceIdentities(sorted, parsed.documents, read.keys) : undefined;
  const normalized = normalize(parsed.documents);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics, ...normalized.diagnostics];
  if (hasErrors(diagnostics) && !opts.keepGoing) return { diagnostics };
  const generationPlan = outline(normalized.crds, opts);
  diagnostics.push(...generationPlan.diagnostics);
  return { plan: generationPlan, diagnostics, ...(sources ? { sources } : {}) };
}

/**
 * Every unit's result, in the order of the units: from the cache when it holds one, else made
 * here or on worker threads. The typing and emitting modules load only when a unit is made. On
 * threads, this one makes into `declarations` (when given) those of k8s.ts for the Kubernetes
 * types the units done so far use, after each unit of its own: work the end of the run would do
 * alone, done while the workers make units.
 */
async function runUnits(units: readonly Unit[], opts: GenerateOptions, assets: Assets, hooks: GenerateHooks, early: readonly Worker[], declarations?: DeclarationTexts): Promise<UnitResult[]> {
  const results: Array<UnitResult | undefined> = await Promise.all(units.map((u) => u.cached()));
  const missing = units.filter((_, i) => results[i] === undefined);
  // Schemas the YAML cache has not loaded yet (see parse/lazy-schema.ts): only the units to make need them.
  await loadSchemas(missing.flatMap((u) => u.unit.groupVersions.flatMap((gv) => gv.kinds.map((k) => k.crd))));
  const total = units.reduce((n, u) => n + u.kinds, 0);
  let done = units.reduce((n, u, i) => n + (results[i] ? u.kinds : 0), 0);
  // Kubernetes types the units done so far use, and those of them not yet given to `between`.
  const wellKnown = new Set<string>();
  let fresh: string[] = [];
  const finished = (unit: GroupUnit, result: UnitResult) => {
    done += unit.groupVersions.reduce((n, gv) => n + gv.kinds.length, 0);
    for (const name of result.wellKnown) {
      if (wellKnown.has(name)) continue;
      wellKnown.add(name);
      fresh.push(name);
    }
    hooks.onProgress?.(done, total, unit.group);
  };
  const unitOptions = { runtime: opts.runtime, validators: opts.validators, renames: opts.renames };
  const count = workerCount(hooks.workers ?? 'auto', missing);
  if (count < 2) await Promise.all(early.map((w) => w.terminate()));
  // The template's declarations as an earlier run read them (none to read when no unit is made).
  const template = describeKindTemplate(opts, assets.kindTemplate, missing.length > 0 ? hooks.cache : undefined);
  const stored = await template.cached();
  let made: UnitResult[];
  if (count > 1) {
    const cost = new Map(missing.map((u) => [u.unit, u.cost]));
    // Workers started early had no cache, so no stored declarations: the same start.
    const start = { ...workerStart(assets, hooks), ...(stored === undefined ? {} : { stored }) };
    const between =
      declarations &&
      (async () => {
        if (fresh.length === 0) return;
        const names = fresh.sort();
        fresh = [];
        await (await import('./shapes/well-known.js')).makeWellKnown(names, declarations);
      });
    made = await runOnThreads(missing.map((u) => u.unit), (unit) => cost.get(unit) ?? 0, unitOptions, start, count, finished, early, between);
  } else {
    made = [];
    // Imported once, and only when a unit is made (an import() per unit: ~10 µs of resolving and promises each).
    if (missing.length > 0) {
      const { runUnit } = await import('./work/unit.js');
      for (const unit of missing) {
        const result = await runUnit(unit.unit, unitOptions, assets.kindTemplate, stored);
        made.push(result);
        finished(unit.unit, result);
      }
    }
  }
  // This thread made units in either case: it has read the template's declarations.
  if (hooks.cache && missing.length > 0 && stored === undefined) await template.store((await import('./work/unit.js')).storedTemplate(assets.kindTemplate));
  await Promise.all(missing.map((unit, i) => unit.store(made[i] as UnitResult)));
  let next = 0;
  return results.map((r) => r ?? (made[next++] as UnitResult));
}

/**
 * The text of k8s.ts declaring `names`: a unit of its own, served by the cache when it holds one
 * (typing it loads json-schema-to-typescript and ts-morph, which a run served by the cache needs
 * for nothing else).
 */
async function wellKnownTypes(names: readonly string[], opts: GenerateOptions, kindTemplate: string, cache: GenerateCache | undefined, declarations?: DeclarationTexts): Promise<string> {
  const unit = describeWellKnown(names, opts, kindTemplate, cache);
  const cached = await unit.cached();
  if (cached !== undefined) return cached;
  const { wellKnownFile } = await import('./shapes/well-known.js');
  const text = await wellKnownFile(names, declarations);
  await unit.store(text);
  return text;
}

/**
 * Running from the .ts sources (under tsx or vitest) rather than the built package: a worker then
 * loads tsx and transpiles every module again, seconds of CPU each, more than it saves.
 */
const FROM_SOURCES = import.meta.url.endsWith('.ts');

/** What a worker starts with, but the template's stored declarations (see WorkerStart). */
const workerStart = (assets: Assets, hooks: GenerateHooks): WorkerStart => ({
  kindTemplate: assets.kindTemplate,
  ...(hooks.workerSetup === undefined ? {} : { setup: hooks.workerSetup }),
});

/**
 * Text of the inputs from which, with no cache to serve units, workers are started before the
 * inputs are parsed: a CRD's YAML is about twice its JSON (the corpus: 29.7 MB of text, 14.6 MB
 * of CRDs as JSON), so such inputs have more schema to generate than WORKER_THRESHOLD.
 */
const EARLY_THRESHOLD = 2 * WORKER_THRESHOLD;

/**
 * How many workers to start before the inputs are parsed, so that they have loaded the generator
 * when the units are ready (~0.3 s of CPU each, 0.5-0.7 s of wall beside a parsing thread): those
 * the run will surely want. That is without a cache (which may serve every unit), for inputs of
 * EARLY_THRESHOLD and more, as many as `auto` or the number given uses beside this thread. None
 * otherwise: they start when the units are ready (workerCount). Those the run turns out not to
 * want are stopped unused.
 */
export function earlyWorkerCount(inputs: readonly InputFile[], hooks: Pick<GenerateHooks, 'cache' | 'workers'>): number {
  if (hooks.cache !== undefined) return 0;
  const threads = mostThreads(hooks.workers ?? 'auto');
  if (threads < 2 || inputs.reduce((n, f) => n + f.text.length, 0) < EARLY_THRESHOLD) return 0;
  return threads - 1;
}

const earlyWorkers = (inputs: readonly InputFile[], assets: Assets, hooks: GenerateHooks): Worker[] => startWorkers(earlyWorkerCount(inputs, hooks), workerStart(assets, hooks));

/** The most threads a setting uses: the number given, or under `auto` one per core (one from the sources). */
function mostThreads(setting: number | 'auto'): number {
  if (setting !== 'auto') return Math.max(1, Math.floor(setting));
  return FROM_SOURCES ? 1 : availableParallelism();
}

/** Threads to use for the units still to make: under `auto`, none for a few or small ones, nor from the sources. */
function workerCount(setting: number | 'auto', missing: readonly Unit[]): number {
  if (missing.length < 2) return 1;
  if (setting === 'auto' && missing.reduce((n, u) => n + u.cost, 0) < WORKER_THRESHOLD) return 1;
  return Math.min(mostThreads(setting), missing.length);
}
