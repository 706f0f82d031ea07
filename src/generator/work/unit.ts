// One unit of the heavy work: a group-version's kinds typed (json-schema-to-typescript) and
// emitted (ts-morph). The same code runs in-process and in a worker thread, so the output cannot
// depend on where it ran. Loaded only when some unit has to be generated.
import { diagnostic } from '../diagnostics.js';
import { emitContext, emitGroupVersion, type EmitContext, type EmitOptions } from '../emit/emit.js';
import type { Diagnostic } from '../model.js';
import type { GroupVersionPlan, KindPlan } from '../plan/plan.js';
import { typegen, type KindTypes } from '../typegen/typegen.js';
import { wellKnownRefs } from '../shapes/match.js';
import { matchWellKnown } from '../shapes/well-known.js';
import type { UnitResult } from './unit-result.js';

let context: { template: string; value: EmitContext } | undefined;

/** The thread's emit context (a ts-morph project with the template read), made once. */
function contextFor(kindTemplate: string): EmitContext {
  if (context?.template !== kindTemplate) context = { template: kindTemplate, value: emitContext(kindTemplate) };
  return context.value;
}

/** Types and emits every kind of `gv`; a kind that cannot be typed is a diagnostic, not a throw. */
export async function runUnit(gv: GroupVersionPlan, options: EmitOptions, kindTemplate: string): Promise<UnitResult> {
  const diagnostics: Diagnostic[] = [];
  const types = new Map<KindPlan, KindTypes>();
  for (const kind of gv.kinds) {
    try {
      const kindTypes = await typegen(kind, wellKnownRefs(kind, matchWellKnown));
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
  const files = emitGroupVersion(contextFor(kindTemplate), gv, types, options);
  const wellKnown = [...new Set([...types.values()].flatMap((t) => t.imports.get('k8s') ?? []))].sort();
  return { files, diagnostics, typed: gv.kinds.filter((k) => types.has(k)).map((k) => k.file), wellKnown };
}
