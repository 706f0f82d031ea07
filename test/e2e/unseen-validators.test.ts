// The "done when": `crdgen generate --validators` on a CRD the repository has never seen
// gives validators that compile under strict (with a program using them) and agree with the test
// API server, over HTTP, on hand-written cases (one per kind of check, CEL rules included) and on
// seeded random and mutated objects.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestApiServer } from '../../src/testing/index.js';
import { runCli } from '../support/cli.js';
import { ROOT } from '../support/fixtures.js';
import { STRICT_NODENEXT, typecheck } from '../support/typecheck.js';
import { random } from '../generator/support/fuzz-schema.js';
import { MUTATIONS, mutate } from '../validation/support/mutate.js';
import { ObjectSampler } from '../validation/support/sample.js';
import { loadKind, outcome, type KindUnderTest } from './support/differential.js';

const schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['size', 'colour'],
      'x-kubernetes-validations': [
        { rule: 'self.minReplicas <= self.maxReplicas', message: 'minReplicas must not exceed maxReplicas', fieldPath: '.minReplicas' },
        { rule: "!has(self.owner) || self.owner.startsWith('team-')", messageExpression: "'owner ' + self.owner + ' is not a team'" },
      ],
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
      },
    },
    status: { type: 'object', properties: { phase: { type: 'string' } } },
  },
};

const crd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'sprockets.unseen.test' },
  spec: {
    group: 'unseen.test',
    scope: 'Namespaced',
    names: { kind: 'Sprocket', plural: 'sprockets', singular: 'sprocket', listKind: 'SprocketList' },
    versions: [{ name: 'v1', served: true, storage: true, subresources: { status: {} }, schema: { openAPIV3Schema: schema } }],
  },
};

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
  ['valid', spec({ code: 'ab-12', contact: 'a@example.com', port: 'http', tags: ['x'], ports: [{ name: 'a' }], labels: { k: 'v' } })],
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
  ['unknown field pruned', spec({ extra: true })],
  ['bad status ignored on create', { ...base, status: { phase: 7 } }],
];

describe('validators generated for a CRD never seen before', () => {
  it('compile under strict and agree with the test API server', async () => {
    mkdirSync(join(ROOT, 'tmp'), { recursive: true });
    const dir = mkdtempSync(join(ROOT, 'tmp', 'unseen-validators-'));
    writeFileSync(join(dir, 'sprockets.json'), JSON.stringify(crd));
    const generated = await runCli(['generate', join(dir, 'sprockets.json'), '-o', join(dir, 'out'), '--validators', '--quiet'], { cwd: ROOT });
    expect(generated.code, generated.stderr).toBe(0);
    writeFileSync(join(dir, 'program.ts'), program);
    expect(typecheck([join(dir, 'program.ts')], STRICT_NODENEXT)).toBe('');

    await using server = await startTestApiServer({ crds: [crd], namespaces: ['unseen'] });
    const kind: KindUnderTest = { group: 'unseen.test', version: 'v1', kind: 'Sprocket', namespaced: true, schema, file: 'unseen.test/v1/sprocket.ts' };
    const { Api, validate } = await loadKind(dir, kind);
    const api = new Api({ kubeConfig: server.kubeConfig, namespace: 'unseen' });
    const compare = async (label: string, body: object) => {
      const local = await outcome(api.create(structuredClone(body), { validate: true, dryRun: true }));
      const remote = await outcome(api.create(structuredClone(body), { dryRun: true }));
      const verdict = (o: typeof local) => (o.accepted ? 'accepted' : `${o.code} ${o.message} ${JSON.stringify(o.causes)}`);
      return { label, local: verdict(local), server: verdict(remote), sentLocally: !local.local };
    };
    const results = [];
    for (const [label, body] of CASES) results.push(await compare(label, body));
    for (const r of results) expect(r.local, r.label).toBe(r.server);
    const accepted = results.filter((r) => r.server === 'accepted').map((r) => r.label);
    expect(accepted).toEqual(['valid', 'unknown field pruned', 'bad status ignored on create']);
    expect(validate(spec({ owner: 'bob' }))).toEqual([{ reason: 'FieldValueInvalid', field: 'spec', message: 'Invalid value: "object": owner bob is not a team' }]);

    const next = random(7);
    const sampler = new ObjectSampler(next);
    for (let i = 0; i < 150; i++) {
      const drawn = sampler.value(schema, 0) as Record<string, unknown>;
      const obj = { ...drawn, apiVersion: 'unseen.test/v1', kind: 'Sprocket', metadata: { name: `r${i}` } };
      if (i % 3 !== 0) mutate(obj, schema, sampler, MUTATIONS[i % MUTATIONS.length] ?? 'null');
      const r = await compare(`random ${i}: ${JSON.stringify(obj)}`, obj);
      expect(r.local, r.label).toBe(r.server);
    }
    rmSync(dir, { recursive: true, force: true });
  }, 300_000);
});
