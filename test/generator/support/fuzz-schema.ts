/**
 * Seeded random structural schemas for fuzzing the generator: nesting, every type, enums,
 * nullable, int-or-string, preserve-unknown, additionalProperties, odd property names and
 * descriptions (`*\/`, `/*`, `@`, quotes, unicode). The same seed gives the same CRDs.
 */

/** mulberry32: a small, fast, seedable PRNG. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['name', 'size', 'fooBar', 'foo-bar', 'foo_bar', 'FooBar', '*/', '/*', '@x', "it's", 'say "hi"', 'ünï', '🚀', '__proto__', 'hasOwnProperty', 'constructor', 'default', 'class', '123', 'a.b', 'a/b', 'k: string', '[k: string]', ' ', 'x-y-z'];
const TEXTS = ['A plain description.', 'Ends */ here.', 'Path /api/v1/* glob', '@default fake tag', "Quote ' and \" and `", 'Unicode ünï 🚀 \u2028', 'Deprecated: use other.', 'Line one.\nLine two.', '/* nested */', '*'];

export class SchemaFuzzer {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = random(seed);
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }

  private chance(p: number): boolean {
    return this.next() < p;
  }

  private decorate(node: Record<string, unknown>): Record<string, unknown> {
    if (this.chance(0.4)) node.description = this.pick(TEXTS);
    if (this.chance(0.15)) node.nullable = true;
    return node;
  }

  /** A leaf: string (enum, pattern, format), integer, number, boolean or int-or-string. */
  leaf(): Record<string, unknown> {
    const kind = this.pick(['string', 'integer', 'number', 'boolean', 'int-or-string', 'enum', 'pattern', 'int64']);
    if (kind === 'int-or-string') return this.decorate({ 'x-kubernetes-int-or-string': true });
    if (kind === 'enum') return this.decorate({ type: 'string', enum: [this.pick(NAMES), this.pick(NAMES), 'plain'].filter((v, i, a) => a.indexOf(v) === i) });
    if (kind === 'pattern') return this.decorate({ type: 'string', pattern: this.pick(['^a*/b$', '[*/]', '^.*$', '*.example.com*']) });
    if (kind === 'int64') return this.decorate({ type: 'integer', format: 'int64', ...(this.chance(0.5) ? { enum: [1, 2] } : {}) });
    return this.decorate({ type: kind, ...(kind === 'string' && this.chance(0.3) ? { format: 'date-time' } : {}) });
  }

  /** Any node, at most `depth` levels of objects and arrays below it. */
  node(depth: number): Record<string, unknown> {
    if (depth <= 0 || this.chance(0.35)) return this.leaf();
    const shape = this.pick(['object', 'object', 'array', 'map', 'open', 'open-props', 'free']);
    if (shape === 'array') return this.decorate({ type: 'array', items: this.node(depth - 1) });
    if (shape === 'map') return this.decorate({ type: 'object', additionalProperties: this.node(depth - 1) });
    if (shape === 'open') return this.decorate({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
    if (shape === 'free') return this.decorate({ type: 'object', additionalProperties: true });
    return this.decorate(this.object(depth, shape === 'open-props'));
  }

  object(depth: number, open = false): Record<string, unknown> {
    const properties: Record<string, unknown> = {};
    const count = 1 + Math.floor(this.next() * 4);
    for (let i = 0; i < count; i++) {
      Object.defineProperty(properties, this.pick(NAMES), { value: this.node(depth - 1), enumerable: true, writable: true, configurable: true });
    }
    const names = Object.keys(properties);
    const required = names.filter(() => this.chance(0.3));
    return { type: 'object', properties, ...(required.length > 0 ? { required } : {}), ...(open ? { 'x-kubernetes-preserve-unknown-fields': true } : {}) };
  }

  /** One CRD document (JSON) with a random spec and status. */
  crd(index: number): string {
    const group = `g${index % 10}.fuzz.example.com`;
    const kind = `Fuzz${index}`;
    const plural = `fuzz${index}s`;
    const schema = { type: 'object', properties: { spec: this.object(4), ...(this.chance(0.5) ? { status: this.object(3) } : {}) } };
    return JSON.stringify({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `${plural}.${group}` },
      spec: { group, scope: 'Namespaced', names: { kind, plural }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema } }] },
    });
  }
}
