import { diagnostic, hasErrors, sortDiagnostics } from './diagnostics.js';
import { emit, type Assets } from './emit/emit.js';
import type { Diagnostic, GenerateResult, InputFile } from './model.js';
import { normalize } from './normalize/normalize.js';
import { DEFAULT_OPTIONS, type GenerateOptions } from './options.js';
import { parse } from './parse/parse.js';
import { plan, type KindPlan } from './plan/plan.js';
import { typegen, type KindTypes } from './typegen/typegen.js';

/** Callbacks for a caller that shows progress (the library itself prints nothing). */
export interface GenerateHooks {
  /** Called before each kind version is typed: `done` of `total` finished so far. */
  readonly onProgress?: (done: number, total: number, subject: string) => void;
}

/**
 * CRD files in, TypeScript files out: parse -> normalize -> plan -> typegen -> emit.
 * Pure: reads nothing but its arguments, writes nothing, never mutates them. Output does not
 * depend on the order of `inputs`. With errors (and without `keepGoing`) no file is returned.
 */
export async function generate(
  inputs: readonly InputFile[],
  options: Partial<GenerateOptions>,
  assets: Assets,
  hooks: GenerateHooks = {},
): Promise<GenerateResult> {
  const opts: GenerateOptions = { ...DEFAULT_OPTIONS, ...options };
  const sorted = [...inputs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.text < b.text ? -1 : 1));
  const parsed = parse(sorted);
  const normalized = normalize(parsed.documents);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics, ...normalized.diagnostics];
  if (hasErrors(diagnostics) && !opts.keepGoing) return { files: [], diagnostics: sortDiagnostics(diagnostics), kinds: [] };
  const generationPlan = plan(normalized.crds, opts);
  diagnostics.push(...generationPlan.diagnostics);
  const types = new Map<KindPlan, KindTypes>();
  const total = generationPlan.groupVersions.reduce((n, gv) => n + gv.kinds.length, 0);
  let done = 0;
  for (const gv of generationPlan.groupVersions) {
    for (const kind of gv.kinds) {
      hooks.onProgress?.(done++, total, kind.subject);
      try {
        const kindTypes = await typegen(kind);
        diagnostics.push(...kindTypes.diagnostics);
        types.set(kind, kindTypes);
      } catch (error) {
        diagnostics.push(
          diagnostic('error', 'typegen-failed', `cannot type the schema: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} (report this CRD to crdgen)`, {
            source: kind.crd.source,
            subject: kind.subject,
          }),
        );
      }
    }
  }
  if (hasErrors(diagnostics) && !opts.keepGoing) return { files: [], diagnostics: sortDiagnostics(diagnostics), kinds: [] };
  const files = emit(generationPlan, types, { runtime: opts.runtime }, assets);
  const kinds = [...types.keys()]
    .map(({ crd, version, file }) => ({ group: crd.group, version: version.name, kind: crd.names.kind, file, ...(crd.variant ? { variant: crd.variant } : {}) }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files, diagnostics: sortDiagnostics(diagnostics), kinds };
}
