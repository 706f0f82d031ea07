import { isDns1035Label, isDns1123Subdomain } from '../../validation/names.js';

/**
 * The names of a CRD checked as kube-apiserver checks them (apiextensions-apiserver's
 * ValidateCustomResourceDefinitionSpec and ValidateCustomResourceDefinitionNames): they become
 * folders, file names, identifiers and string literals of the output, so a name the API server
 * refuses (`../x`, a quote, 300 characters) never gets that far.
 */

export interface NameProblem {
  readonly code: string;
  /** Path of the field in the CRD, for the message and the line lookup. */
  readonly field: readonly (string | number)[];
  readonly message: string;
}

/** Names of the output's root entries that a group folder would replace. */
const ROOT_ENTRIES = new Set(['index.ts', 'runtime']);

/** A value as messages show it: quoted and escaped, long ones cut with their length said. */
export function shown(value: string): string {
  return value.length > 80 ? `${JSON.stringify(value.slice(0, 40)).slice(0, -1)}…" (${value.length} characters)` : JSON.stringify(value);
}

const invalid = (code: string, field: readonly (string | number)[], label: string, value: string, errors: readonly string[]): NameProblem => ({
  code,
  field,
  message: `${label} ${shown(value)} is invalid: ${errors.join(', ')} (the API server refuses it too)`,
});

export function groupProblems(group: string): NameProblem[] {
  const errors = isDns1123Subdomain(group);
  if (errors.length === 0 && !group.includes('.')) errors.push('should be a domain with at least one dot');
  if (errors.length > 0) return [invalid('crd-invalid-group', ['spec', 'group'], 'spec.group', group, errors)];
  if (ROOT_ENTRIES.has(group)) {
    const what = group === 'index.ts' ? "the output's root index file" : "the output's runtime folder";
    return [{ code: 'crd-reserved-group', field: ['spec', 'group'], message: `spec.group ${shown(group)} is the name of ${what} (crdgen cannot generate this group)` }];
  }
  return [];
}

export function versionProblems(name: string, index: number): NameProblem[] {
  const errors = isDns1035Label(name);
  return errors.length > 0 ? [invalid('crd-invalid-version', ['spec', 'versions', index, 'name'], `spec.versions[${index}].name`, name, errors)] : [];
}

/**
 * kind and listKind as the API server takes them: lower-cased, a DNS-1035 label (a letter, then
 * letters, digits and inner `-`, at most 63). A kind such as `my-widget` is accepted; the planner
 * makes its TypeScript names (`MyWidget`, plan/naming.ts pascalCase) and says so.
 */
function kindErrors(value: string): string[] {
  const errors = isDns1035Label(value.toLowerCase());
  return errors.length === 0 ? [] : [`may have mixed case, but should otherwise match: ${errors.join(', ')}`];
}

/** kind, listKind, plural and singular (listKind and singular only when given). */
export function namesProblems(names: { kind: string; plural: string; listKind?: string; singular?: string }): NameProblem[] {
  const problems: NameProblem[] = [];
  const check = (code: string, key: string, value: string | undefined, errors: (v: string) => string[]) => {
    if (value === undefined) return;
    const found = errors(value);
    if (found.length > 0) problems.push(invalid(code, ['spec', 'names', key], `spec.names.${key}`, value, found));
  };
  check('crd-invalid-kind', 'kind', names.kind, kindErrors);
  check('crd-invalid-list-kind', 'listKind', names.listKind, (v) => {
    const errors = kindErrors(v);
    return errors.length === 0 && v === names.kind ? ['kind and listKind may not be the same'] : errors;
  });
  check('crd-invalid-plural', 'plural', names.plural, isDns1035Label);
  check('crd-invalid-singular', 'singular', names.singular, isDns1035Label);
  return problems;
}
