// typeAst copies each schema before json-schema-to-typescript's stages change it in place, as its
// compile() does with lodash's cloneDeep: cloneSchema must make the same copy.
import { createRequire } from 'node:module';
import type { JSONSchema } from 'json-schema-to-typescript';
import { describe, expect, it } from 'vitest';
import { cloneSchema, typeAst } from '../../../src/generator/typegen/jstt.js';
import { COMPILE_OPTIONS } from '../../../src/generator/typegen/typegen.js';

const fromJstt = createRequire(createRequire(import.meta.url).resolve('json-schema-to-typescript/dist/src/index.js'));
const lodash = fromJstt('lodash') as { cloneDeep<T>(value: T): T };

/** Every object and array of `value`, depth first, each once. */
function objects(value: unknown, out = new Set<object>()): Set<object> {
  if (typeof value === 'object' && value !== null && !out.has(value)) {
    out.add(value);
    for (const child of Object.values(value)) objects(child, out);
  }
  return out;
}

describe('cloneSchema', () => {
  const shared = { type: 'string', enum: ['a', 'b'] };
  const schema = {
    type: 'object',
    description: 'Root.',
    required: ['spec'],
    properties: { spec: { type: 'object', properties: { a: shared, b: shared, n: { type: 'integer', enum: [1, -0, 2.5, null] } } }, list: { type: 'array', items: [shared, { tsType: 'X' }] } },
  };

  it('copies as lodash cloneDeep does: equal, keys in order, nothing shared with the input, an object met twice copied once', () => {
    const copy = cloneSchema(schema);
    const lodashCopy = lodash.cloneDeep(schema);
    expect(copy).toStrictEqual(lodashCopy);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(schema));
    const before = objects(schema);
    for (const o of objects(copy)) expect(before.has(o)).toBe(false);
    expect(copy.properties.spec.properties.a).toBe(copy.properties.spec.properties.b);
    expect(copy.properties.list.items[0]).toBe(copy.properties.spec.properties.a);
    expect(Object.is(copy.properties.spec.properties.n.enum[1], -0)).toBe(true);
  });

  it('keeps an own __proto__ key as a key, holes as undefined', () => {
    const node = JSON.parse('{"properties":{"__proto__":{"type":"string"}}}') as { properties: object };
    const copy = cloneSchema(node);
    expect(Object.keys(copy.properties)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(copy.properties)).toBe(Object.prototype);
    expect(copy).toStrictEqual(lodash.cloneDeep(node));
    // eslint-disable-next-line no-sparse-arrays
    const holes = cloneSchema({ enum: [1, , 3] });
    expect(Object.hasOwn(holes.enum, 1)).toBe(true);
    expect(holes.enum).toStrictEqual(lodash.cloneDeep({ enum: [1, undefined, 3] }).enum);
  });

  it('leaves values that are not plain JSON data (a Date, a symbol key, another prototype) to lodash', () => {
    for (const odd of [new Date(0), Object.assign(Object.create(null) as object, { a: 1 }), { [Symbol('s')]: 1, a: 1 }]) {
      const node = { type: 'object', properties: { a: { enum: [odd] } } };
      const copy = cloneSchema(node);
      expect(copy).toStrictEqual(lodash.cloneDeep(node));
      expect(copy.properties.a.enum[0]).not.toBe(odd);
    }
  });

  it('gives json-schema-to-typescript a copy: the schema typed is unchanged, and typing it twice gives the same AST', async () => {
    const before = JSON.stringify(schema);
    const first = await typeAst(schema as JSONSchema, 'Root', COMPILE_OPTIONS);
    const second = await typeAst(schema as JSONSchema, 'Root', COMPILE_OPTIONS);
    expect(JSON.stringify(schema)).toBe(before);
    expect(second.ast).toStrictEqual(first.ast);
    expect(second.options).toStrictEqual(first.options);
  });
});
