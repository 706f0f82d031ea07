/**
 * The checks structured-merge-diff makes when it turns an applied configuration into a typed value:
 * every item of a map list has its keys, set items are scalars, and no key or value repeats.
 * Errors read as the apiserver prints them: `.spec.ports: element 0: ...`.
 */
import { isObject } from '../json.js';
import { elementKey, pathString, type Path } from './fieldset.js';
import { fieldSchema, itemElement, resolve, SsaError, type SchemaNode } from './types.js';

export function validateConfig(value: unknown, schema: SchemaNode, path: Path = []): void {
  const atom = resolve(schema, value);
  if (atom.kind === 'list' && atom.relation !== 'atomic' && Array.isArray(value)) {
    const seen = new Set<string>();
    value.forEach((item, i) => {
      let pe;
      try {
        pe = itemElement(atom, item, i);
      } catch (error) {
        throw new SsaError(`${pathString(path)}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const key = elementKey(pe);
      if (seen.has(key)) throw new SsaError(`${pathString(path)}: duplicate entries for key ${pathString([pe])}`);
      seen.add(key);
      validateConfig(item, atom.item, [...path, pe]);
    });
    return;
  }
  if (atom.kind === 'map' && !atom.atomic && isObject(value)) {
    for (const [key, inner] of Object.entries(value)) validateConfig(inner, fieldSchema(schema, key), [...path, { field: key }]);
  }
}
