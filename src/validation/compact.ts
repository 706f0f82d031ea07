/**
 * The part of a structural schema that pruning, defaulting and validation read: the same tree
 * without the keywords that only document (description, title, example, externalDocs). Generated
 * validators embed this as JSON, so their data is smaller than the schema they came from.
 */
import { isObject, type JsonObject, type JsonSchema } from './shared.js';

const DOCUMENTATION = new Set(['description', 'title', 'example', 'externalDocs']);
/** Keywords whose value is one schema node. */
const NODE = new Set(['items', 'additionalProperties', 'not']);
/** Keywords whose value is a list of schema nodes. */
const NODE_LIST = new Set(['allOf', 'anyOf', 'oneOf']);

/** A copy of `schema` without its documentation keywords, at every node (property names are kept). */
export function compactSchema(schema: JsonSchema): JsonSchema {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DOCUMENTATION.has(key)) continue;
    if (key === 'properties' && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, node]) => [name, isObject(node) ? compactSchema(node) : node]));
    } else if (NODE.has(key) && isObject(value)) out[key] = compactSchema(value);
    else if (NODE_LIST.has(key) && Array.isArray(value)) out[key] = value.map((node: unknown) => (isObject(node) ? compactSchema(node) : node));
    else out[key] = value;
  }
  return out;
}
