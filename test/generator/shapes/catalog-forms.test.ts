// The catalog expands a type once per distinct schema (releases with the same changes share one
// object, so their signatures are computed once): every shared expansion is exactly what expanding
// that type at that form afresh gives.
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../../src/kube/model.js';
import { expandedSchema, WELL_KNOWN_TYPES, wellKnownType } from '../../../src/generator/shapes/k8s/catalog.js';
import { OLDEST_RELEASE, minor, typeSchema, type Form, type Release } from '../../../src/generator/shapes/k8s/describe.js';

function fresh(name: string, form: Form): JsonSchema {
  return typeSchema(wellKnownType(name), form, (inner) => fresh(inner, form));
}

const releases: Array<Release | undefined> = [undefined, ...Array.from({ length: 40 - minor(OLDEST_RELEASE) }, (_, i): Release => `1.${minor(OLDEST_RELEASE) + i}`)];

describe('expanded Kubernetes types', () => {
  it('are what a fresh expansion gives, at every release and metadata form', () => {
    let shared = 0;
    for (const type of WELL_KNOWN_TYPES) {
      const seen = new Map<JsonSchema, string>();
      for (const emptyMeta of [false, true]) {
        for (const release of releases) {
          const form: Form = { ...(release ? { release } : {}), ...(emptyMeta ? { emptyMeta } : {}) };
          const schema = expandedSchema(type.name, form);
          const text = JSON.stringify(fresh(type.name, form));
          if (seen.has(schema)) shared++;
          expect(JSON.stringify(schema), `${type.name} at ${release ?? 'the newest'}${emptyMeta ? ', empty metadata' : ''}`).toBe(text);
          seen.set(schema, text);
        }
      }
    }
    // Not vacuous: most forms share an expansion.
    expect(shared).toBeGreaterThan(WELL_KNOWN_TYPES.length * releases.length);
  }, 120_000);
});
