/**
 * Seeded random objects from a structural schema, for differential tests: values honour type,
 * enum, format, pattern (by picking from candidates that match; an optional field whose pattern
 * no candidate matches is left out), length, bounds, multipleOf, item counts, required fields,
 * list-type set/map uniqueness and embedded resources. CEL rules are not solved: objects that
 * break one are simply invalid ones. The same seed gives the same objects.
 */
import { compilePattern } from '../../../src/validation/formats.js';

type Schema = { readonly [key: string]: unknown };
type Json = unknown;

/** Leave this (optional) field out: no value satisfying its schema was found. */
export const SKIP = Symbol('skip');

const FORMAT_VALUES: Readonly<Record<string, readonly string[]>> = {
  'date-time': ['2024-01-02T03:04:05Z', '2023-12-31T23:59:59.5+01:00'],
  date: ['2024-01-02'],
  uuid: ['0f8fad5b-d9cb-469f-a165-70867728950e'],
  ipv4: ['10.0.0.1', '192.168.1.20'],
  ipv6: ['::1', 'fd00::5'],
  cidr: ['10.0.0.0/8'],
  hostname: ['host.example.com', 'a'],
  email: ['someone@example.com'],
  uri: ['https://example.com/x'],
  byte: ['aGVsbG8='],
  duration: ['1h', '30s'],
  mac: ['00:1a:2b:3c:4d:5e'],
  password: ['secret'],
};

const CANDIDATES = [
  'a', 'abc', 'example', 'example.com', 'a-b', 'A', 'Abc', '1', '10', '123', '1.2.3', 'v1', 'v1.2.3', '10Gi', '100m', '1m', '5s', '1h',
  'http://example.com', 'https://example.com/path', 'a_b', 'a.b.c', 'foo/bar', 'ab12', 'x1', '0', 'true', 'TCP', 'RSA', 'sha256',
  'us-east-1', '*.example.com', 'A1', '#fff', 'key=value', 'ABC_DEF', '/path', '1.0', '2006-01-02', '192.168.0.1', '0.0.0.0/0',
  'arn:aws:iam::123456789012:role/x', 'my-name', 'aa:bb', '@every 1m', '* * * * *', 'ghcr.io/a/b:1', 'abc123', '',
];

export class ObjectSampler {
  constructor(private readonly next: () => number) {}

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A value for `s`, or SKIP when none was found. */
  value(s: Schema, depth: number): Json | typeof SKIP {
    if (Array.isArray(s['enum']) && s['enum'].length > 0) return this.pick(s['enum'] as unknown[]);
    if (s['default'] !== undefined && this.chance(0.2)) return s['default'];
    if (s['x-kubernetes-embedded-resource'] === true) return this.embedded(s, depth);
    if (s['x-kubernetes-int-or-string'] === true) return this.chance(0.5) ? this.int(0, 100) : this.str({ ...s, type: 'string' });
    switch (s['type']) {
      case 'object': return this.object(s, depth);
      case 'array': return this.array(s, depth);
      case 'string': return this.str(s);
      case 'integer': return this.number(s, true);
      case 'number': return this.number(s, this.chance(0.5));
      case 'boolean': return this.chance(0.5);
      default: return this.chance(0.5) ? 'x' : { a: 1 };
    }
  }

  private embedded(s: Schema, depth: number): Json | typeof SKIP {
    const base = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'embedded' } };
    const rest = this.object(s, depth);
    return rest === SKIP ? SKIP : { ...(rest as object), ...base };
  }

  private object(s: Schema, depth: number): Json | typeof SKIP {
    const out: Record<string, Json> = {};
    const props = (s['properties'] ?? {}) as Record<string, Schema>;
    const required = new Set(Array.isArray(s['required']) ? (s['required'] as string[]) : []);
    const optional = depth > 5 ? 0.1 : depth > 3 ? 0.35 : 0.6;
    for (const [k, prop] of Object.entries(props)) {
      if (typeof prop !== 'object' || prop === null) continue;
      if (!required.has(k) && !this.chance(optional)) continue;
      const v = this.value(prop, depth + 1);
      if (v === SKIP) {
        if (required.has(k)) return SKIP;
        continue;
      }
      out[k] = v;
    }
    const extra = s['additionalProperties'];
    if (typeof extra === 'object' && extra !== null && Object.keys(props).length === 0) {
      const n = this.int(0, depth > 3 ? 1 : 2);
      for (let i = 0; i < n; i++) {
        const v = this.value(extra as Schema, depth + 1);
        if (v !== SKIP) out[`key${i}`] = v;
      }
    }
    return out;
  }

  private array(s: Schema, depth: number): Json | typeof SKIP {
    const items = (s['items'] ?? {}) as Schema;
    const min = typeof s['minItems'] === 'number' ? s['minItems'] : 0;
    const max = typeof s['maxItems'] === 'number' ? s['maxItems'] : min + (depth > 3 ? 1 : 3);
    const n = this.int(min, Math.max(min, Math.min(max, min + 3)));
    const out: Json[] = [];
    const keys = Array.isArray(s['x-kubernetes-list-map-keys']) ? (s['x-kubernetes-list-map-keys'] as string[]) : [];
    const unique = s['x-kubernetes-list-type'] === 'set' || s['uniqueItems'] === true;
    for (let i = 0, tries = 0; out.length < n && tries < n * 4; tries++) {
      const v = this.value(items, depth + 1);
      if (v === SKIP) continue;
      if (unique && out.some((x) => JSON.stringify(x) === JSON.stringify(v))) continue;
      if (keys.length > 0 && out.some((x) => keys.every((k) => JSON.stringify((x as Record<string, Json>)[k]) === JSON.stringify((v as Record<string, Json>)[k])))) continue;
      out.push(v);
      i++;
    }
    return out.length < min ? SKIP : out;
  }

  private str(s: Schema): Json | typeof SKIP {
    const min = typeof s['minLength'] === 'number' ? s['minLength'] : 0;
    const max = typeof s['maxLength'] === 'number' ? s['maxLength'] : Infinity;
    const format = typeof s['format'] === 'string' ? s['format'] : '';
    const pattern = typeof s['pattern'] === 'string' ? compilePattern(s['pattern']) : undefined;
    if (pattern instanceof Error) return SKIP;
    const fits = (x: string) => [...x].length >= min && [...x].length <= max && (!pattern || pattern.test(x));
    const pool = [...(FORMAT_VALUES[format] ?? []), ...(pattern ? CANDIDATES : [this.word()])];
    const found = pool.filter(fits);
    if (found.length > 0) return this.pick(found);
    if (!pattern && !FORMAT_VALUES[format]) return 'a'.repeat(Math.max(min, Math.min(max, 3)));
    return SKIP;
  }

  private word(): string {
    return this.pick(['alpha', 'beta', 'gamma', 'delta', 'x', 'value-1', 'Some Text', 'ünï']);
  }

  private number(s: Schema, integer: boolean): Json | typeof SKIP {
    const lo0 = typeof s['minimum'] === 'number' ? s['minimum'] : -5;
    const hi0 = typeof s['maximum'] === 'number' ? s['maximum'] : Math.max(lo0, 0) + 100;
    const lo = s['exclusiveMinimum'] === true ? lo0 + 1 : lo0;
    const hi = s['exclusiveMaximum'] === true ? hi0 - 1 : hi0;
    if (hi < lo) return SKIP;
    const span = Math.min(hi - lo, 1000);
    const step = typeof s['multipleOf'] === 'number' && s['multipleOf'] > 0 ? s['multipleOf'] : 1;
    const base = Math.ceil(lo / step) * step;
    const v = base + Math.floor(this.next() * (Math.floor(span / step) + 1)) * step;
    if (v > hi) return SKIP;
    if (integer || step !== 1 || !this.chance(0.5)) return v;
    return v + 0.5 <= hi ? v + 0.5 : v;
  }
}
