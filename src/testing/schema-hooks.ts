/**
 * SEAM: the CRD schema functions (validation, pruning, defaulting) come from `./schema.ts`, written
 * separately. Until it lands these pass everything through unchanged, so objects are stored as
 * sent. Replace the body of `schemaFunctions` with the real module's functions when it exists.
 */
import type { JsonObject } from './json.js';

/** One schema violation, as `validateObject` reports it. */
export interface SchemaCause {
  readonly reason: string;
  readonly message: string;
  readonly field: string;
}

export interface SchemaFunctions {
  /** Violations of `schema` by `value` (empty when valid). */
  validateObject(schema: JsonObject, value: unknown): readonly SchemaCause[];
  /** A copy of `value` without the fields `schema` does not declare. */
  pruneObject(schema: JsonObject, value: unknown): unknown;
  /** A copy of `value` with the schema's defaults filled in. */
  applyDefaults(schema: JsonObject, value: unknown): unknown;
}

export const schemaFunctions: SchemaFunctions = {
  validateObject: () => [],
  pruneObject: (_schema, value) => value,
  applyDefaults: (_schema, value) => value,
};
