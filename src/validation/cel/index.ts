/**
 * CEL validation of custom resources (`x-kubernetes-validations`), as kube-apiserver evaluates
 * them. Compile a version's schema once with `compileRules` (its `problems` name the rules that
 * cannot run, to report once), then call `celCauses` on every create (no old object) and update.
 *
 * Where this differs from the real server:
 * - Rules are type-checked with `self`/`oldSelf` as dyn, not typed from the schema: a rule naming
 *   a field the schema lacks compiles here (and fails at run time with "no such key"), where the
 *   real server refuses the CRD. Cost estimation and the runtime cost budget are not applied.
 * - Strings with format date-time/duration/byte stay strings (the real server gives timestamp,
 *   duration and bytes values); rules that call timestamp()/duration() on them work the same.
 * - Ratcheting (unchanged invalid values on update pass with a warning) is not done, as for schema errors.
 * - Regular expressions are RE2 translated to ECMAScript (see regex.ts).
 */
export { compileRules, type CompiledRule, type RuleNode, type RuleProblem } from './rules.js';
export { celCauses, type CelCause } from './validate.js';
export type { JsonSchema } from './schema.js';
