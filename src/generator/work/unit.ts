// One unit of the heavy work: a group's kinds, all its versions, typed (json-schema-to-typescript)
// and emitted (ts-morph), with the shapes they share (see shapes/share.ts). The same code runs
// in-process and in a worker thread, so the output cannot depend on where it ran. Loaded only
// when some unit has to be generated.
import { diagnostic } from '../diagnostics.js';
import { emitContext, emitGroupVersion, shapesFile, type EmitContext, type EmitOptions } from '../emit/emit.js';
import type { Diagnostic, EmittedFile } from '../model.js';
import type { GenerateOptions } from '../options.js';
import { nameKinds, type KindPlan } from '../plan/plan.js';
import { compileKind, prepareKind, type KindTypes, type PreparedKind } from '../typegen/typegen.js';
import { applySharing } from '../shapes/apply.js';
import { wellKnownRefs, type WellKnownMatcher } from '../shapes/match.js';
import { wellKnownMatcher } from '../shapes/well-known-matches.js';
import { moduleTypes, withNamed, type ModuleTypes } from '../shapes/module.js';
import { occurrences } from '../shapes/occurrences.js';
import { share } from '../shapes/share.js';
import { parseStoredTemplate } from '../emit/template.js';
import type { UnitResult } from './unit-result.js';
import type { GroupUnit } from './units.js';

let context: { template: string; stored: string | undefined; value: EmitContext } | undefined;

/**
 * The thread's emit context (a ts-morph project with the template read), made once per template:
 * the template's declarations from `stored` (their JSON from an earlier run, see storedTemplate)
 * when it holds them, else read from the text (~55 ms of CPU in a fresh thread for TypeScript's
 * parse of it and ts-morph's structures). A run given other stored declarations than the
 * thread's context was made from makes it again from them, as a fresh thread would.
 */
function contextFor(kindTemplate: string, stored?: string): EmitContext {
  if (context?.template !== kindTemplate || (stored !== undefined && context.stored !== stored)) {
    const template = stored === undefined ? undefined : parseStoredTemplate(stored);
    context = { template: kindTemplate, stored, value: emitContext(kindTemplate, template) };
  }
  return context.value;
}

/** The template's declarations as this thread read them, as JSON: what a later run passes as `stored`. */
export function storedTemplate(kindTemplate: string): string {
  return JSON.stringify(contextFor(kindTemplate).template);
}

const failed = (kind: KindPlan, error: unknown): Diagnostic =>
  diagnostic('error', 'typegen-failed', `cannot type the schema: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} (report this CRD to crdgen)`, {
    source: kind.crd.source,
    subject: kind.subject,
  });

/** What a unit's result depends on of the options: the emit options, and the renames its names follow. */
export interface UnitOptions extends EmitOptions {
  readonly renames: GenerateOptions['renames'];
}

/**
 * Names the nested types of every kind of `unit`, then types and emits them; a kind that cannot be
 * typed is a diagnostic, not a throw. The result holds the diagnostics of naming too.
 */
export async function runUnit(outlined: GroupUnit, unitOptions: UnitOptions, kindTemplate: string, stored?: string): Promise<UnitResult> {
  const diagnostics: Diagnostic[] = [];
  const options: EmitOptions = { runtime: unitOptions.runtime, validators: unitOptions.validators };
  const unit = {
    group: outlined.group,
    groupVersions: outlined.groupVersions.map((gv) => {
      const named = nameKinds(gv, unitOptions.renames);
      diagnostics.push(...named.diagnostics);
      return named.groupVersion;
    }),
  };
  const prepared: PreparedKind[] = [];
  // One matcher per folder: a Kubernetes type never takes a name a kind file of the folder declares.
  const matchers = new Map(unit.groupVersions.flatMap((gv) => {
    const matcher = wellKnownMatcher(gv);
    return gv.kinds.map((k) => [k, matcher] as const);
  }));
  for (const kind of unit.groupVersions.flatMap((gv) => gv.kinds)) {
    try {
      prepared.push(prepareKind(kind, wellKnownRefs(kind, matchers.get(kind) as WellKnownMatcher)));
    } catch (error) {
      diagnostics.push(failed(kind, error));
    }
  }
  const sharing = share(prepared.map((p) => p.kind), occurrences(prepared));
  const files: EmittedFile[] = [];
  const ctx = contextFor(kindTemplate, stored);
  let refersTo: ModuleTypes['refersTo'] = new Map();
  if (sharing.module.length > 0) {
    const refNodes = new Map(prepared.flatMap((p) => [...p.refNodes]));
    const shapes = await moduleTypes(sharing.module, sharing, refNodes);
    refersTo = shapes.refersTo;
    files.push(shapesFile(ctx, unit.group, shapes, options));
  }
  const types = new Map<KindPlan, KindTypes>();
  for (const p of prepared) {
    try {
      const kindTypes = await compileKind(p, applySharing(p, sharing));
      diagnostics.push(...kindTypes.diagnostics);
      types.set(p.kind, { ...kindTypes, reexports: withNamed(kindTypes.imports, refersTo) });
    } catch (error) {
      diagnostics.push(failed(p.kind, error));
    }
  }
  const exports: Array<[string, UnitResult['exports'][number][1]]> = [];
  for (const gv of unit.groupVersions) {
    const emitted = emitGroupVersion(ctx, gv, types, options);
    files.push(...emitted.files);
    exports.push(...emitted.exports);
  }
  const wellKnown = [...new Set([...types.values()].flatMap((t) => (t.reexports ?? t.imports).get('k8s') ?? []))].sort();
  const typed = unit.groupVersions.flatMap((gv) => gv.kinds).filter((k) => types.has(k)).map((k) => k.file);
  return { files, diagnostics, typed, wellKnown, exports };
}
