/**
 * Validation, pruning and defaulting of custom resources against a CRD version's structural schema
 * (its `openAPIV3Schema`), behaving like kube-apiserver (apiextensions-apiserver with kube-openapi's
 * validator). Pure: no I/O, deterministic, inputs never mutated.
 *
 * The real server, on create/update: prunes (`pruneObject`), defaults (`applyDefaults`), then
 * validates (`validateObject`). Differences from it are listed in `src/testing/schema/README.md`.
 */
export { applyDefaults } from './schema/defaults.js';
export { findUnknownFields, pruneObject } from './schema/prune.js';
export { SUPPORTED_FORMATS } from './schema/formats.js';
export type { ObjectMetaOptions } from './schema/objectmeta.js';
export type { Cause, JsonSchema } from './schema/shared.js';
export {
  hasCelRules,
  invalidStatusMessage,
  validateObject,
  validateObjectDetailed,
  type SkippedRule,
  type ValidateOptions,
  type ValidationResult,
} from './schema/validate.js';

import { applyDefaults } from './schema/defaults.js';
import { pruneObject } from './schema/prune.js';
import type { JsonSchema } from './schema/shared.js';

/** What the real server stores for a create/update body: pruned, then defaulted. */
export function pruneAndDefault(schema: JsonSchema, value: unknown): unknown {
  return applyDefaults(schema, pruneObject(schema, value));
}
