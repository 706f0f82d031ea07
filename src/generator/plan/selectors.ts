/**
 * `include` and `exclude` entries that name nothing in the inputs: a typo there would otherwise
 * generate nothing (or everything) without a word.
 */
import { diagnostic } from '../diagnostics.js';
import type { Diagnostic } from '../model.js';
import type { CrdModel } from '../../kube/model.js';
import { matchesSelector } from '../options.js';
import { nearest } from '../suggest.js';

/** An `include` that matches no CRD is an error; an `exclude` that matches none, a warning. */
export function checkSelectors(crds: readonly CrdModel[], include: readonly string[], exclude: readonly string[]): Diagnostic[] {
  const names = new Set<string>();
  for (const crd of crds) for (const name of [crd.names.kind, crd.group, `${crd.names.kind}.${crd.group}`, `${crd.names.plural}.${crd.group}`]) names.add(name);
  const matchesAny = (selector: string) => crds.some((crd) => matchesSelector(selector, crd.group, crd.names.kind, crd.names.plural));
  const problems: Diagnostic[] = [];
  for (const [key, list, severity] of [['include', include, 'error'], ['exclude', exclude, 'warning']] as const) {
    for (const selector of list) {
      if (matchesAny(selector)) continue;
      const near = nearest(selector, [...names].sort());
      const hint = near !== undefined ? `did you mean ${near}?` : crds.length === 0 ? 'the inputs hold no CRDs' : `the inputs hold ${kindList(crds)}`;
      problems.push(diagnostic(severity, `${key}-unmatched`, `${key}: ${selector} matches no kind or group of the inputs (${hint})`));
    }
  }
  return problems;
}

function kindList(crds: readonly CrdModel[]): string {
  const all = [...new Set(crds.map((crd) => `${crd.names.kind}.${crd.group}`))].sort();
  return all.length > 5 ? `${all.slice(0, 5).join(', ')} and ${all.length - 5} more` : all.join(', ');
}
