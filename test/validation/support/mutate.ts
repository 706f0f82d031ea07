/**
 * One seeded mutation of a (probably) valid object, aimed at a check of its schema: a value of
 * the wrong type, a number or length out of range, a string that breaks a pattern or an enum, a
 * required field removed, the fields under a CEL rule re-drawn (for an update: under a transition
 * rule, one that reads oldSelf), an unknown field added, a null.
 */
import type { ObjectSampler } from './sample.js';

type Schema = { readonly [key: string]: unknown };
type Obj = Record<string, unknown>;

export type Mutation = 'wrong-type' | 'out-of-range' | 'bad-pattern' | 'bad-enum' | 'drop-required' | 'break-cel' | 'break-transition' | 'unknown-field' | 'null';

interface Site {
  readonly parent: Obj | unknown[];
  readonly key: string | number;
  readonly schema: Schema;
}

/** Every value of `value` below the root that the schema describes, with its parent and key. */
function sites(value: unknown, schema: Schema, out: Site[] = []): Site[] {
  if (Array.isArray(value)) {
    const items = schema['items'] as Schema | undefined;
    if (items) value.forEach((v, i) => {
      out.push({ parent: value, key: i, schema: items });
      sites(v, items, out);
    });
  } else if (typeof value === 'object' && value !== null) {
    const props = (schema['properties'] ?? {}) as Record<string, Schema>;
    const extra = schema['additionalProperties'];
    for (const [k, v] of Object.entries(value)) {
      const s = Object.hasOwn(props, k) ? props[k] : typeof extra === 'object' && extra !== null ? (extra as Schema) : undefined;
      if (!s || k === 'metadata' || k === 'apiVersion' || k === 'kind') continue;
      out.push({ parent: value as Obj, key: k, schema: s });
      sites(v, s, out);
    }
  }
  return out;
}

function set(site: Site, v: unknown): void {
  (site.parent as Record<string | number, unknown>)[site.key] = v;
}

function get(site: Site): unknown {
  return (site.parent as Record<string | number, unknown>)[site.key];
}

const WRONG: Readonly<Record<string, unknown>> = { string: 42, integer: 'seven', number: 'many', boolean: 'yes', object: 'an object', array: { not: 'a list' } };

/** Applies one mutation of kind `want` (or another that applies) to `obj` in place; returns what was done. */
export function mutate(obj: Obj, schema: Schema, rng: ObjectSampler, want: Mutation): string {
  const all = sites(obj, schema);
  const pick = (ok: (s: Site) => boolean): Site | undefined => {
    const fit = all.filter(ok);
    return fit.length > 0 ? rng.pick(fit) : undefined;
  };
  const typed = (s: Site) => typeof s.schema['type'] === 'string' && s.schema['x-kubernetes-int-or-string'] !== true;
  const attempts: Record<Mutation, () => string | undefined> = {
    'wrong-type': () => {
      const s = pick(typed);
      if (!s) return undefined;
      set(s, WRONG[s.schema['type'] as string] ?? 42);
      return `wrong type at ${String(s.key)}`;
    },
    'out-of-range': () => {
      const s = pick((x) => ['maximum', 'minimum', 'maxLength', 'minLength', 'maxItems', 'minItems'].some((k) => typeof x.schema[k] === 'number'));
      if (!s) return undefined;
      const n = (k: string) => s.schema[k] as number;
      if (typeof s.schema['maximum'] === 'number') set(s, n('maximum') + 1);
      else if (typeof s.schema['minimum'] === 'number') set(s, n('minimum') - 1);
      else if (typeof s.schema['maxLength'] === 'number') set(s, 'z'.repeat(n('maxLength') + 1));
      else if (typeof s.schema['minLength'] === 'number') set(s, n('minLength') > 0 ? 'z'.repeat(n('minLength') - 1) : 'z');
      else if (typeof s.schema['maxItems'] === 'number') set(s, [...(Array.isArray(get(s)) ? (get(s) as unknown[]) : []), ...Array.from({ length: n('maxItems') + 1 }, () => null)]);
      else set(s, []);
      return `out of range at ${String(s.key)}`;
    },
    'bad-pattern': () => {
      const s = pick((x) => typeof x.schema['pattern'] === 'string' || typeof x.schema['format'] === 'string');
      if (!s) return undefined;
      set(s, '!! not $this ^ pattern ~~');
      return `bad pattern/format at ${String(s.key)}`;
    },
    'bad-enum': () => {
      const s = pick((x) => Array.isArray(x.schema['enum']));
      if (!s) return undefined;
      set(s, 'NotOneOfTheEnumValues');
      return `bad enum at ${String(s.key)}`;
    },
    'drop-required': () => {
      const s = pick((x) => Array.isArray(x.schema['required']) && typeof get(x) === 'object' && get(x) !== null && !Array.isArray(get(x)));
      if (!s) return undefined;
      const target = get(s) as Obj;
      const key = rng.pick(s.schema['required'] as string[]);
      delete target[key];
      return `dropped required ${key}`;
    },
    'break-cel': () => {
      const s = pick((x) => Array.isArray(x.schema['x-kubernetes-validations']));
      if (!s) return undefined;
      const v = rng.value(s.schema, 2);
      if (typeof v !== 'symbol') set(s, v);
      return `re-drew a CEL-ruled node at ${String(s.key)}`;
    },
    'break-transition': () => {
      const rules = (x: Site) => (Array.isArray(x.schema['x-kubernetes-validations']) ? (x.schema['x-kubernetes-validations'] as { rule?: unknown }[]) : []);
      const s = pick((x) => rules(x).some((r) => typeof r.rule === 'string' && r.rule.includes('oldSelf')));
      if (!s) return undefined;
      const v = rng.value(s.schema, 2);
      if (typeof v !== 'symbol') set(s, v);
      return `re-drew a node under a transition rule at ${String(s.key)}`;
    },
    'unknown-field': () => {
      const s = pick((x) => typeof get(x) === 'object' && get(x) !== null && !Array.isArray(get(x)));
      if (!s) return undefined;
      (get(s) as Obj)['zzUnknownField'] = { nested: true };
      return `unknown field under ${String(s.key)}`;
    },
    null: () => {
      const s = pick(() => true);
      if (!s) return undefined;
      set(s, null);
      return `null at ${String(s.key)}`;
    },
  };
  const order: Mutation[] = [want, 'wrong-type', 'null'];
  for (const m of order) {
    const done = attempts[m]();
    if (done) return `${m}: ${done}`;
  }
  return 'none';
}

export const MUTATIONS: readonly Mutation[] = ['wrong-type', 'out-of-range', 'bad-pattern', 'bad-enum', 'drop-required', 'break-cel', 'unknown-field', 'null'];
