// The "done when": `crdgen generate --validators` on a CRD the repository has never seen
// gives validators that compile under strict (with a program using them) and agree with the test
// API server, over HTTP, on hand-written cases (one per kind of check: patterns, enums, nested
// maps, CEL rules, metadata), on updates decided by transition rules (`self == oldSelf`,
// optionalOldSelf), and on seeded random and mutated objects.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serveGeneratedKind, outcome, type ServedKind } from '../support/generated-kind.js';
import { STRICT_NODENEXT, typecheck } from '../support/typecheck.js';
import { random } from '../generator/support/fuzz-schema.js';
import { MUTATIONS, mutate } from '../validation/support/mutate.js';
import { mutateMetadata } from '../validation/support/mutate-metadata.js';
import { ObjectSampler } from '../validation/support/sample.js';

const schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['size', 'colour'],
      properties: {
        size: { type: 'integer', minimum: 1, maximum: 10 },
        colour: { type: 'string', enum: ['red', 'green', 'blue'] },
        code: { type: 'string', pattern: '^[a-z]{2,3}-[0-9]+$', maxLength: 12 },
        contact: { type: 'string', format: 'email' },
        owner: { type: 'string' },
        minReplicas: { type: 'integer', default: 1 },
        maxReplicas: { type: 'integer', default: 3 },
        port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
        ratio: { type: 'number', exclusiveMaximum: true, maximum: 1 },
        tags: { type: 'array', maxItems: 3, items: { type: 'string', minLength: 1 }, 'x-kubernetes-list-type': 'set' },
        ports: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name'],
          items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, number: { type: 'integer', format: 'int32' } } },
        },
        labels: { type: 'object', additionalProperties: { type: 'string', maxLength: 8 } },
        frozen: { type: 'string', 'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'frozen is immutable' }] },
        generation: {
          type: 'integer',
          'x-kubernetes-validations': [{ rule: '!oldSelf.hasValue() || self >= oldSelf.value()', optionalOldSelf: true, message: 'generation may only grow' }],
        },
        routes: {
          type: 'object',
          maxProperties: 3,
          additionalProperties: {
            type: 'object',
            required: ['target'],
            properties: {
              target: { type: 'string', pattern: '^[a-z]+:[0-9]{2,5}$' },
              headers: { type: 'object', additionalProperties: { type: 'string', enum: ['keep', 'drop'] } },
            },
            'x-kubernetes-validations': [{ rule: "!has(self.headers) || !('host' in self.headers)", message: 'host may not be rewritten' }],
          },
        },
      },
      'x-kubernetes-validations': [
        { rule: 'self.minReplicas <= self.maxReplicas', message: 'minReplicas must not exceed maxReplicas', fieldPath: '.minReplicas' },
        { rule: "!has(self.owner) || self.owner.startsWith('team-')", messageExpression: "'owner ' + self.owner + ' is not a team'" },
        { rule: 'self.colour == oldSelf.colour || self.size > oldSelf.size', message: 'the colour changes only when size grows' },
      ],
    },
    status: { type: 'object', properties: { phase: { type: 'string' } } },
  },
};

const SPROCKET = { group: 'unseen.test', kind: 'Sprocket', plural: 'sprockets', schema };

const program = `import { SprocketApi, isSprocket, validateSprocket, type Sprocket } from './out/unseen.test/v1/index.js';

export function check(value: unknown): string[] {
  if (isSprocket(value)) {
    const colour: 'red' | 'green' | 'blue' = value.spec?.colour ?? 'red';
    return [colour];
  }
  return validateSprocket(value).map((c) => \`\${c.field}: \${c.message}\`);
}

export async function write(api: SprocketApi, body: Sprocket): Promise<Sprocket> {
  const problems: { field: string }[] = api.validate(body);
  if (problems.length > 0) throw new Error(problems[0]?.field);
  return api.create(body, { validate: true });
}
`;

const base = { apiVersion: 'unseen.test/v1', kind: 'Sprocket', metadata: { name: 's1' }, spec: { size: 3, colour: 'red' } };
const spec = (extra: object) => ({ ...base, spec: { ...base.spec, ...extra } });
const CASES: Array<[string, object]> = [
  ['valid', spec({ code: 'ab-12', contact: 'a@example.com', port: 'http', tags: ['x'], ports: [{ name: 'a' }], labels: { k: 'v' }, routes: { a: { target: 'web:80', headers: { accept: 'keep' } } }, generation: 1 })],
  ['out of range', spec({ size: 11 })],
  ['wrong type', spec({ size: 'three' })],
  ['bad enum', spec({ colour: 'pink' })],
  ['bad pattern', spec({ code: 'ABC' })],
  ['too long', spec({ code: 'abc-1234567890' })],
  ['bad format', spec({ contact: 'not an email' })],
  ['exclusive maximum', spec({ ratio: 1 })],
  ['duplicate set item', spec({ tags: ['a', 'a'] })],
  ['duplicate map key', spec({ ports: [{ name: 'a' }, { name: 'a', number: 2 }] })],
  ['map value too long', spec({ labels: { k: 'way too long' } })],
  ['required missing', { ...base, spec: { size: 1 } }],
  ['CEL rule with fieldPath', spec({ minReplicas: 5 })],
  ['CEL messageExpression', spec({ owner: 'bob' })],
  ['bad name', { ...base, metadata: { name: 'Not_Valid' } }],
  ['nested map: bad pattern', spec({ routes: { a: { target: 'web:1' } } })],
  ['nested map: bad enum deep down', spec({ routes: { a: { target: 'web:80', headers: { accept: 'rewrite' } } } })],
  ['nested map: required missing', spec({ routes: { a: { headers: {} } } })],
  ['nested map: CEL rule', spec({ routes: { a: { target: 'web:80', headers: { host: 'keep' } } } })],
  ['nested map: too many properties', spec({ routes: { a: { target: 'a:10' }, b: { target: 'b:10' }, c: { target: 'c:10' }, d: { target: 'd:10' } } })],
  ['bad label key', { ...base, metadata: { name: 's1', labels: { 'not a key': 'v' } } }],
  ['bad label value', { ...base, metadata: { name: 's1', labels: { app: '-x-' } } }],
  ['annotations over 256 KiB', { ...base, metadata: { name: 's1', annotations: { 'example.com/big': 'x'.repeat(256 * 1024) } } }],
  ['owner reference without uid', { ...base, metadata: { name: 's1', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'c' }] } }],
  ['unknown field pruned', spec({ extra: true })],
  ['bad status ignored on create', { ...base, status: { phase: 7 } }],
];

const UPDATES: Array<[string, object]> = [
  ['unchanged', {}],
  ['frozen changed', { frozen: 'b' }],
  ['generation shrinks (optionalOldSelf)', { generation: 1 }],
  ['generation grows', { generation: 9 }],
  ['colour changes, size does not', { colour: 'blue' }],
  ['colour changes as size grows', { colour: 'blue', size: 4 }],
  ['a schema error blocks the transition rules', { frozen: 'b', size: 'big' }],
];

type Verdict = { label: string; local: string; server: string; sentLocally?: boolean };
const verdict = (o: Awaited<ReturnType<typeof outcome>>) => (o.accepted ? 'accepted' : `${o.code} ${o.message} ${JSON.stringify(o.causes)}`);

async function compareCreate(served: ServedKind, label: string, body: object): Promise<Verdict> {
  const local = await outcome(served.api.create(structuredClone(body), { validate: true, dryRun: true }));
  const remote = await outcome(served.api.create(structuredClone(body), { dryRun: true }));
  return { label, local: verdict(local), server: verdict(remote), sentLocally: !local.local };
}

/** An update of `old` (stored) to `next`: `validateSprocket(next, { old })` here, a dry-run PUT there. */
async function compareUpdate(served: ServedKind, label: string, old: object, next: object): Promise<Verdict> {
  const causes = served.module.validate(structuredClone(next), { old });
  const remote = await outcome(served.api.replace(structuredClone(next), { dryRun: true }));
  const viaApi = await outcome(served.api.replace(structuredClone(next), { validate: { old }, dryRun: true }));
  const local = causes.length === 0 ? 'accepted' : JSON.stringify(causes);
  return { label, local: `${local} ${verdict(viaApi)}`, server: `${remote.accepted ? 'accepted' : JSON.stringify(remote.causes)} ${verdict(remote)}` };
}

describe('validators generated for a CRD never seen before', () => {
  it('compile under strict and agree with the test API server on creates and updates', async () => {
    await using served = await serveGeneratedKind(SPROCKET, { namespace: 'unseen', label: 'unseen-validators' });
    writeFileSync(join(served.dir, 'program.ts'), program);
    expect(typecheck([join(served.dir, 'program.ts')], STRICT_NODENEXT)).toBe('');

    const results = [];
    for (const [label, body] of CASES) results.push(await compareCreate(served, label, body));
    for (const r of results) expect(r.local, r.label).toBe(r.server);
    const accepted = results.filter((r) => r.server === 'accepted').map((r) => r.label);
    expect(accepted).toEqual(['valid', 'unknown field pruned', 'bad status ignored on create']);
    expect(served.module.validate(spec({ owner: 'bob' }))).toEqual([{ reason: 'FieldValueInvalid', field: 'spec', message: 'Invalid value: "object": owner bob is not a team' }]);

    const old = (await served.api.create(spec({ frozen: 'a', generation: 5 }))) as { spec: object };
    const updates = [];
    for (const [label, change] of UPDATES) updates.push(await compareUpdate(served, label, old, { ...old, spec: { ...old.spec, ...change } }));
    for (const u of updates) expect(u.local, u.label).toBe(u.server);
    const byLabel = new Map(updates.map((u) => [u.label, u.server]));
    expect(byLabel.get('frozen changed')).toContain('is invalid: spec.frozen: Invalid value: "string": frozen is immutable');
    expect(byLabel.get('generation shrinks (optionalOldSelf)')).toContain('generation may only grow');
    expect(byLabel.get('colour changes, size does not')).toContain('the colour changes only when size grows');
    expect(updates.filter((u) => u.server.endsWith(' accepted')).map((u) => u.label)).toEqual(['unchanged', 'generation grows', 'colour changes as size grows']);

    const next = random(7);
    const sampler = new ObjectSampler(next);
    for (let i = 0; i < 150; i++) {
      const drawn = sampler.value(schema, 0) as Record<string, unknown>;
      const obj = { ...drawn, apiVersion: 'unseen.test/v1', kind: 'Sprocket', metadata: { name: `r${i}` } };
      if (i % 5 === 4) mutateMetadata(obj, sampler);
      else if (i % 3 !== 0) mutate(obj, schema, sampler, MUTATIONS[i % MUTATIONS.length] ?? 'null');
      const r = await compareCreate(served, `random ${i}: ${JSON.stringify(obj).slice(0, 400)}`, obj);
      expect(r.local, r.label).toBe(r.server);
    }
  }, 300_000);
});
