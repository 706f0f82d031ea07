/**
 * Validation, pruning and defaulting of custom resources against a CRD version's structural schema
 * (its `openAPIV3Schema`), behaving like kube-apiserver: apiextensions-apiserver's pruning,
 * null-dropping, ObjectMeta coercion and defaulting, and kube-openapi's validator with
 * apiextensions-apiserver's conversion of its results into field errors (the `causes` of a 422
 * Invalid Status). Pure: no I/O, deterministic, inputs never mutated.
 *
 * On create/update the real server decodes the body (prune, drop non-nullable nulls, normalise
 * metadata: `pruneObject`), defaults it (`applyDefaults`), then validates it (`validateObject`).
 *
 * Where this differs from the real server:
 * - `pattern` is compiled as an ECMAScript RegExp approximating Go's RE2 (leading `(?i)`/`(?s)`/
 *   `(?m)` flags, `\z`, `\A`, `\Q…\E`, `(?P<name>` and POSIX classes are translated; Unicode mode
 *   is used when the pattern allows it). Exotic RE2-only syntax may behave differently.
 * - Formats use re-implemented checks; email, uri, mac and duration approximate what Go's parsers
 *   accept. Only the formats the server validates are checked (`SUPPORTED_FORMATS`); others,
 *   including int32/int64/float/double, are ignored, as there.
 * - `x-kubernetes-validations` (CEL) rules are evaluated when `validateObject` gets them compiled
 *   (option `cel`, from `compileRules` in ./cel); cel/index.ts lists how that evaluation differs.
 *   Without it, `validateObjectDetailed` lists the rules that would have run (`skippedRules`).
 * - Errors come in schema property order; the real server walks Go maps, so its order varies.
 * - Numbers: integral JSON numbers are treated as Go int64, others as float64 (Go decides by the
 *   literal, so `1.0` is a float there). Enum comparison is JSON equality (Go's reflection-based
 *   conversions, e.g. number-to-string, are not reproduced).
 * - Metadata (option `objectMeta`): name/generateName/namespace, label keys and values, annotation
 *   keys and total size, owner references and finalizer names are checked; generation and
 *   managedFields are not (the server sets them). Mistyped metadata fields are dropped by
 *   `pruneObject` (what the server does when reading from storage); on a request the server
 *   instead fails with 400 BadRequest. A zero `creationTimestamp` is dropped rather than set to null.
 * - patternProperties, dependencies and tuple `items` (not allowed in structural schemas) are ignored.
 * - Scale subresource checks, ratcheting of unchanged invalid fields on update, and the
 *   "validation rules were not checked" placeholder error are not done.
 *
 * Field paths are the server's: `spec.a.b`, `spec.list[2].name`; values of additionalProperties
 * maps are `spec.map.key` in schema errors (kube-openapi joins keys with a dot) but `spec.map[key]`
 * in list-type errors and CEL rule paths (field.Path keys). anyOf/oneOf/allOf/not failures carry
 * the field `<nil>`, as in the server's Status.
 */
export { applyDefaults } from './defaults.js';
export { findUnknownFields, pruneObject, type PruneOptions } from './prune.js';
export { SUPPORTED_FORMATS } from './formats.js';
export type { ObjectMetaOptions } from './objectmeta.js';
export { metadataRuleCauses, ownerReferencesOf, type OwnerReference } from './metadata-rules.js';
export { isDns1035Label, isDns1123Label, isDns1123Subdomain, isQualifiedName, isValidLabelValue } from './names.js';
export type { Cause, JsonSchema } from './shared.js';
export { compileRules, type RuleNode, type RuleProblem } from './cel/index.js';
export {
  hasCelRules,
  invalidStatusMessage,
  validateObject,
  validateObjectDetailed,
  type SkippedRule,
  type ValidateOptions,
  type ValidationResult,
} from './validate.js';
export { compactSchema } from './compact.js';
export {
  admitObject,
  kindValidator,
  pruneAndDefault,
  type AdmitOptions,
  type KindDescriptor,
  type KindValidateOptions,
  type KindValidator,
} from './kind.js';
