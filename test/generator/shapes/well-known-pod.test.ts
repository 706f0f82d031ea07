// Given/want tables for pods: PodSpec and PodTemplateSpec as controller-gen writes them from
// k8s.io/api of each release (1.20 to 1.36), in both metadata forms, and their near misses.
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../../src/kube/model.js';
import { expandedSchema } from '../../../src/generator/shapes/k8s/catalog.js';
import type { Form, Release } from '../../../src/generator/shapes/k8s/describe.js';
import { matchWellKnown, type WellKnownContext } from '../../../src/generator/shapes/well-known.js';
import { crd, generateInline } from '../../support/inline.js';

/**
 * A described shape as a CRD holds it: what controller-gen adds and no TypeScript type depends on
 * (descriptions of its own, list and map types, int-or-string patterns, defaults on optional fields).
 */
function written(node: JsonSchema, required = false): JsonSchema {
  const out: JsonSchema = { ...node, description: 'As the Go comment says.' };
  if (node.type === 'array') return { ...out, items: written(node.items as JsonSchema), 'x-kubernetes-list-type': 'atomic' };
  if (node['x-kubernetes-int-or-string'] === true) return { ...out, pattern: '^(\\+|-)?[0-9]+$' };
  if (node.type === 'string' && !required) return { ...out, default: '' };
  if (node.type !== 'object') return out;
  if (node.additionalProperties !== undefined) return { ...out, additionalProperties: written(node.additionalProperties as JsonSchema) };
  const requiredNames = new Set((node.required as string[] | undefined) ?? []);
  const properties = Object.fromEntries(Object.entries((node.properties as Record<string, JsonSchema> | undefined) ?? {}).map(([k, v]) => [k, written(v, requiredNames.has(k))]));
  return { ...out, properties, 'x-kubernetes-map-type': 'atomic' };
}

const shape = (name: string, form: Form = {}): JsonSchema => written(expandedSchema(name, form));

/** `node` with the child at `path` (`hostAliases[].ip`: `[]` steps into items) changed; `undefined` drops it. */
function change(node: JsonSchema, path: string, to: (child: JsonSchema) => JsonSchema | undefined): JsonSchema {
  const [step, ...rest] = path.split('.');
  const name = (step as string).replace(/\[\]$/, '');
  const props = node.properties as Record<string, JsonSchema>;
  const child = props[name] as JsonSchema;
  expect(child, `${name} in ${Object.keys(props).join(',')}`).toBeDefined();
  const inner = (at: JsonSchema) => (rest.length === 0 ? to(at) : change(at, rest.join('.'), to));
  const items = step?.endsWith('[]') ? inner(child.items as JsonSchema) : undefined;
  const next = step?.endsWith('[]') ? items && { ...child, items } : inner(child);
  const { [name]: _replaced, ...others } = props;
  const required = ((node.required as string[] | undefined) ?? []).filter((r) => next !== undefined || r !== name);
  return { ...node, properties: next === undefined ? others : { ...others, [name]: next }, required };
}
const drop = (node: JsonSchema, path: string) => change(node, path, () => undefined);
const withField = (node: JsonSchema, name: string, schema: JsonSchema): JsonSchema => ({ ...node, properties: { ...(node.properties as object), [name]: schema } });
/** A PodSpec whose host aliases have `ip` required or not. */
const hostAliasIp = (node: JsonSchema, required: boolean) => change(node, 'hostAliases[]', (alias) => ({ ...alias, required: required ? ['ip'] : [] }));

const releases = Array.from({ length: 17 }, (_, i): Release => `1.${20 + i}`);
const NEWEST: Release = '1.36';
const named = (type: string, release: Release) => (release === NEWEST ? type : `${type}${release.replace('.', '_')}`);

type Case = [string, { given: JsonSchema; context?: WellKnownContext; want: string | undefined }];

const bareMeta: JsonSchema = { type: 'object', description: 'Standard object metadata.' };
const openMeta: JsonSchema = { ...bareMeta, 'x-kubernetes-preserve-unknown-fields': true };
const template = (metadata: JsonSchema, spec: JsonSchema): JsonSchema => ({ type: 'object', properties: { metadata, spec } });

const table: Case[] = [
  // Every release from 1.20 changed something a pod holds: each has a shape of its own.
  ...releases.map((r): Case => [`a PodSpec of ${r}`, { given: shape('PodSpec', { release: r }), want: named('PodSpec', r) }]),
  ...releases.map((r): Case => [`a PodTemplateSpec of ${r}`, { given: shape('PodTemplateSpec', { release: r }), want: named('PodTemplateSpec', r) }]),
  ...releases.map((r): Case => [`a PodTemplateSpec of ${r}, metadata a bare object`, { given: shape('PodTemplateSpec', { release: r, emptyMeta: true }), want: named('PodTemplateSpecEmptyMeta', r) }]),
  ['a PodSpec whose claim templates have bare metadata', { given: shape('PodSpec', { emptyMeta: true }), want: 'PodSpecEmptyMeta' }],
  ['a template whose metadata keeps unknown fields is no PodTemplateSpec', { given: template(openMeta, shape('PodSpec', { release: '1.33' })), want: undefined }],
  ['... its spec is still a PodSpec', { given: shape('PodSpec', { release: '1.33' }), want: 'PodSpec1_33' }],
  ['bare template metadata over claim templates with fields (no controller-gen run writes both)', { given: template(bareMeta, shape('PodSpec', { release: '1.33' })), want: undefined }],
  ['template metadata with fields over bare claim templates', { given: template(shape('EmbeddedMetadata'), shape('PodSpec', { release: '1.33', emptyMeta: true })), want: undefined }],
  ['bare metadata on both', { given: template(bareMeta, shape('PodSpec', { release: '1.33', emptyMeta: true })), want: 'PodTemplateSpecEmptyMeta1_33' }],
  // Near misses: a field of another release, a required set of another release, a type of another release.
  ['a 1.35 PodSpec with schedulingGroup (1.36) too', { given: withField(shape('PodSpec', { release: '1.35' }), 'schedulingGroup', shape('PodSchedulingGroup')), want: undefined }],
  ['a 1.36 PodSpec that kept workloadRef (1.35 only)', { given: withField(shape('PodSpec'), 'workloadRef', shape('WorkloadReference')), want: undefined }],
  ['a 1.30 PodSpec with HostAlias.ip required (from 1.31)', { given: hostAliasIp(shape('PodSpec', { release: '1.30' }), true), want: undefined }],
  ['a 1.31 PodSpec with HostAlias.ip optional', { given: hostAliasIp(shape('PodSpec', { release: '1.31' }), false), want: undefined }],
  ['a 1.31 PodSpec whose resource claims kept source (gone in 1.31)', { given: change(shape('PodSpec', { release: '1.31' }), 'resourceClaims[]', (c) => ({ ...c, properties: { ...(c.properties as object), source: shape('ClaimSource') } })), want: undefined }],
  ['a PodSpec without one field', { given: drop(shape('PodSpec'), 'hostIPC'), want: undefined }],
  ['a PodSpec whose containers lost a field deep inside', { given: drop(shape('PodSpec'), 'containers[].securityContext.seccompProfile'), want: undefined }],
  ['... or gained one', { given: change(shape('PodSpec'), 'containers[].lifecycle', (c) => ({ ...c, properties: { ...(c.properties as object), onCrash: { type: 'string' } } })), want: undefined }],
  [
    'image pull secrets whose name is required with a default (a create body may leave it out)',
    { given: change(shape('PodSpec'), 'imagePullSecrets[]', (c) => ({ ...c, required: ['name'] })), want: undefined },
  ],
  ['a PodSpec that keeps unknown fields', { given: { ...shape('PodSpec'), 'x-kubernetes-preserve-unknown-fields': true }, want: undefined }],
  ['a PodSpec of a legacy CRD that does not prune', { given: shape('PodSpec'), context: { keepsUnknownFields: true }, want: undefined }],
  // What a pod holds, each of its releases.
  ['a claim of 1.26 to 1.30 has a source', { given: shape('PodResourceClaim', { release: '1.30' }), want: 'PodResourceClaim1_30' }],
  ['a claim template of 1.20 (readOnly, gone in 1.21)', { given: shape('EphemeralVolumeSource', { release: '1.20' }), want: 'EphemeralVolumeSource1_20' }],
  ['a claim spec of 1.26 to 1.28: resources with claims', { given: shape('PersistentVolumeClaimSpec', { release: '1.28' }), want: 'PersistentVolumeClaimSpec1_28' }],
  ['a claim spec of 1.29 with the claims of 1.28', { given: change(shape('PersistentVolumeClaimSpec', { release: '1.29' }), 'resources', () => shape('ResourceRequirements', { release: '1.28' })), want: undefined }],
  ['a topology spread constraint of 1.24', { given: shape('TopologySpreadConstraint', { release: '1.24' }), want: 'TopologySpreadConstraint1_24' }],
  ['a pod security context of 1.29 (no AppArmor profile)', { given: shape('PodSecurityContext', { release: '1.29' }), want: 'PodSecurityContext1_29' }],
  ['a name-value pair under sysctls is a Sysctl', { given: shape('Sysctl'), context: { property: 'sysctls' }, want: 'Sysctl' }],
  ['... elsewhere nothing', { given: shape('Sysctl'), context: { property: 'labels' }, want: undefined }],
  ['{ name } under os is a PodOS', { given: shape('PodOS'), context: { property: 'os' }, want: 'PodOS' }],
  ['... under schedulingGates a PodSchedulingGate', { given: shape('PodOS'), context: { property: 'schedulingGates' }, want: 'PodSchedulingGate' }],
  ['an ephemeral container', { given: shape('EphemeralContainer', { release: '1.29' }), want: 'EphemeralContainer1_29' }],
];

describe('pods', () => {
  it.each(table)('%s', (_name, { given, context, want }) => {
    expect(matchWellKnown(given, context)).toBe(want);
  });
});

describe('pods in a generated CRD', () => {
  it('a pod template and a pod spec are typed by k8s.ts, which declares what they hold and compiles', async () => {
    const schema = {
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          properties: {
            template: shape('PodTemplateSpec', { release: '1.30', emptyMeta: true }),
            pod: shape('PodSpec'),
            runners: { type: 'array', items: template(openMeta, shape('PodSpec', { release: '1.25' })) },
          },
        },
      },
    };
    const run = await generateInline([{ path: 'runner.yaml', text: crd({ kind: 'Runner', versions: [{ name: 'v1', schema }] }) }], 'well-known-pods');
    expect(run.program.errors()).toEqual([]);
    expect(run.typeAt('Runner.example.com/v1', 'spec.template')).toBe('PodTemplateSpecEmptyMeta1_30');
    expect(run.typeAt('Runner.example.com/v1', 'spec.pod')).toBe('PodSpec');
    // Metadata that keeps unknown fields: the template is the kind's own, its spec a PodSpec.
    expect(run.typeAt('Runner.example.com/v1', 'spec.runners[].metadata')).toBe('{ [key: string]: unknown }');
    expect(run.typeAt('Runner.example.com/v1', 'spec.runners[].spec')).toBe('PodSpec1_25');
    expect(run.report.totals.wellKnownByType).toEqual({ PodSpec: 1, PodSpec1_25: 1, PodTemplateSpecEmptyMeta1_30: 1 });
    const k8s = run.contents('k8s.ts');
    expect(k8s).toMatch(/export interface PodTemplateSpecEmptyMeta1_30 \{\n(.*\n)*? {2}metadata\?: \{ \[key: string\]: never \};\n {2}\/\*\*\n(.*\n)*? {2}spec\?: PodSpecEmptyMeta1_30;\n\}/);
    // HostAlias.ip is required from 1.31 on.
    expect(k8s).toContain(' * PodSpec as Kubernetes 1.25 had it (newer releases changed fields: see PodSpec).\n');
    expect(k8s).toContain(' * ResourceRequirements as Kubernetes 1.25 had it (newer releases added fields: see ResourceRequirements).\n');
  });
});
