// Legacy and messy inputs, written inline: v1beta1 CRDs with and without a root type (pruning or
// not), per-version v1beta1 schemas, no schema at all, Helm-templated values in quotes, files that
// mix CRDs with other objects, and files that hold no CRD.
import { beforeAll, describe, expect, it } from 'vitest';
import type { InputFile } from '../../src/generator/model.js';
import { generateInline, type InlineRun } from '../support/inline.js';

const V1BETA1_TYPED = `# v1beta1, root type, prunes (preserveUnknownFields: false)
apiVersion: apiextensions.k8s.io/v1beta1
kind: CustomResourceDefinition
metadata: { name: shelves.old.example.com }
spec:
  group: old.example.com
  version: v1alpha1
  scope: Namespaced
  preserveUnknownFields: false
  names: { kind: Shelf, plural: shelves }
  subresources: { status: {} }
  validation:
    openAPIV3Schema:
      type: object
      properties:
        spec:
          type: object
          required: [width]
          properties:
            width: { type: integer }
            books: { type: array, items: { type: object, properties: { title: { type: string } } } }
`;

const V1BETA1_UNTYPED = `# v1beta1, no root type, keeps unknown fields (the v1beta1 default)
apiVersion: apiextensions.k8s.io/v1beta1
kind: CustomResourceDefinition
metadata: { name: crates.old.example.com }
spec:
  group: old.example.com
  version: v1
  names: { kind: Crate, plural: crates }
  validation:
    openAPIV3Schema:
      properties:
        spec:
          properties:
            size: { type: integer }
            lid: { properties: { color: { type: string } } }
`;

const V1BETA1_VERSIONS = `# v1beta1 with a schema per version, the newest not the storage one
apiVersion: apiextensions.k8s.io/v1beta1
kind: CustomResourceDefinition
metadata: { name: drawers.old.example.com }
spec:
  group: old.example.com
  preserveUnknownFields: false
  names: { kind: Drawer, plural: drawers }
  versions:
    - name: v1beta1
      served: true
      storage: true
      schema: { openAPIV3Schema: { type: object, properties: { spec: { type: object, properties: { depth: { type: integer } } } } } }
    - name: v1
      served: true
      storage: false
      schema: { openAPIV3Schema: { type: object, properties: { spec: { type: object, properties: { depthCm: { type: number } } } } } }
`;

const NO_SCHEMA = `# no schema at all, v1beta1 and v1
apiVersion: apiextensions.k8s.io/v1beta1
kind: CustomResourceDefinition
metadata: { name: notes.old.example.com }
spec:
  group: old.example.com
  version: v1
  names: { kind: Note, plural: notes }
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: memos.old.example.com }
spec:
  group: old.example.com
  scope: Cluster
  names: { kind: Memo, plural: memos }
  versions: [{ name: v1, served: true, storage: true }]
`;

const HELM_MIXED = `# a chart's rendered-by-hand bundle: templated values in quotes, other objects, an empty document, a List
apiVersion: v1
kind: Namespace
metadata:
  name: "{{ .Release.Namespace }}"
---
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: lamps.chart.example.com
  labels:
    app.kubernetes.io/version: "{{ .Chart.AppVersion }}"
    helm.sh/chart: "lamp-{{ .Chart.Version | replace \\"+\\" \\"_\\" }}"
  annotations:
    "helm.sh/resource-policy": keep
spec:
  group: chart.example.com
  scope: Namespaced
  names: { kind: Lamp, plural: lamps }
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec: { type: object, properties: { watts: { type: integer, default: 40 } } }
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ServiceAccount
    metadata: { name: lamp }
  - apiVersion: apiextensions.k8s.io/v1
    kind: CustomResourceDefinition
    metadata: { name: bulbs.chart.example.com }
    spec:
      group: chart.example.com
      scope: Namespaced
      names: { kind: Bulb, plural: bulbs }
      versions: [{ name: v1, served: true, storage: true, schema: { openAPIV3Schema: { type: object, properties: { spec: { type: object, properties: { lumens: { type: integer } } } } } } }]
`;

const NO_CRD = `apiVersion: apps/v1
kind: Deployment
metadata: { name: lamp-controller }
spec: { replicas: 1 }
`;

const INPUTS: InputFile[] = [
  { path: 'legacy/typed.yaml', text: V1BETA1_TYPED },
  { path: 'legacy/untyped.yaml', text: V1BETA1_UNTYPED },
  { path: 'legacy/versions.yaml', text: V1BETA1_VERSIONS },
  { path: 'legacy/no-schema.yaml', text: NO_SCHEMA },
  { path: 'legacy/helm-mixed.yaml', text: HELM_MIXED },
  { path: 'legacy/deployment.yaml', text: NO_CRD },
  { path: 'legacy/comments-only.yaml', text: '# nothing here yet\n---\n' },
];

describe('legacy and mixed inputs', () => {
  let run: InlineRun;
  const findings = () => run.result.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.source?.file}:${d.source?.line} ${d.severity} ${d.code}${d.subject ? ` ${d.subject}` : ''}`);

  beforeAll(async () => {
    run = await generateInline(INPUTS, 'legacy-check');
  });

  it('generates every CRD document and compiles', () => {
    expect(run.report.crds.map((c) => `${c.name} ${c.status} ${c.versions.filter((v) => v.generated).map((v) => v.name).join(',')}`)).toEqual([
      'lamps.chart.example.com generated v1',
      'bulbs.chart.example.com generated v1',
      'notes.old.example.com generated v1',
      'memos.old.example.com generated v1',
      'shelves.old.example.com generated v1alpha1',
      'crates.old.example.com generated v1',
      'drawers.old.example.com generated v1,v1beta1',
    ]);
    expect(run.program.errors()).toEqual([]);
  });

  it('v1beta1 with a root type that prunes: closed types, required kept', () => {
    expect(run.membersAt('Shelf.old.example.com/v1alpha1')).toEqual(["apiVersion: 'old.example.com/v1alpha1'", "kind: 'Shelf'", 'metadata?: V1ObjectMeta', 'spec?: ShelfSpec']);
    expect(run.membersAt('Shelf.old.example.com/v1alpha1', 'spec')).toEqual(['width: number', 'books?: ShelfBook[]']);
    expect(run.contents('old.example.com/v1alpha1/shelf.ts')).toContain('getStatus');
  });

  it('v1beta1 without a root type that keeps unknown fields: every object open, the root too', () => {
    expect(run.membersAt('Crate.old.example.com/v1')).toEqual(["apiVersion: 'old.example.com/v1'", "kind: 'Crate'", 'metadata?: V1ObjectMeta', 'spec?: CrateSpec', '[key: string]: unknown']);
    expect(run.membersAt('Crate.old.example.com/v1', 'spec')).toEqual(['size?: number', 'lid?: CrateLid', '[key: string]: unknown']);
    expect(run.membersAt('Crate.old.example.com/v1', 'spec.lid')).toEqual(['color?: string', '[key: string]: unknown']);
    const crate = run.report.crds.find((c) => c.kind === 'Crate');
    expect(crate?.versions[0]?.open.map((f) => `${f.path}: ${f.typed} (${f.why})`)).toEqual([
      '(root): properties + open map (legacy non-pruning CRD)',
      'spec: properties + open map (legacy non-pruning CRD)',
      'spec.lid: properties + open map (legacy non-pruning CRD)',
    ]);
  });

  it('v1beta1 with a schema per version: each version its own types', () => {
    expect(run.membersAt('Drawer.old.example.com/v1', 'spec')).toEqual(['depthCm?: number']);
    expect(run.membersAt('Drawer.old.example.com/v1beta1', 'spec')).toEqual(['depth?: number']);
  });

  it('no schema: open spec and status, and a warning per CRD', () => {
    expect(run.membersAt('Memo.old.example.com/v1')).toEqual(["apiVersion: 'old.example.com/v1'", "kind: 'Memo'", 'metadata?: V1ObjectMeta', 'spec?: { [key: string]: unknown }', 'status?: { [key: string]: unknown }']);
    expect(run.membersAt('Note.old.example.com/v1')).toContain('[key: string]: unknown');
    expect(run.contents('old.example.com/v1/memo.ts')).toContain("namespaced: false,");
  });

  it('Helm-templated values in quotes are plain strings; other objects are skipped with a warning each', () => {
    expect(run.membersAt('Lamp.chart.example.com/v1', 'spec')).toEqual(['watts?: number']);
    expect(run.typeName('Bulb.chart.example.com/v1')).toBe('Bulb');
    expect(findings()).toEqual([
      'legacy/comments-only.yaml:1 warning no-crds',
      'legacy/deployment.yaml:1 warning no-crds',
      'legacy/deployment.yaml:1 warning not-a-crd',
      'legacy/helm-mixed.yaml:2 warning not-a-crd',
      'legacy/helm-mixed.yaml:34 warning not-a-crd',
      'legacy/no-schema.yaml:2 warning no-schema Note.old.example.com/v1',
      'legacy/no-schema.yaml:10 warning no-schema Memo.old.example.com/v1',
    ]);
    expect(run.report.other.map((d) => `${d.source?.file} ${d.code}: ${d.message}`)).toEqual([
      'legacy/comments-only.yaml no-crds: holds no CustomResourceDefinition (nothing generated from it)',
      'legacy/deployment.yaml no-crds: holds no CustomResourceDefinition (nothing generated from it)',
      'legacy/deployment.yaml not-a-crd: skipped Deployment lamp-controller: not a CustomResourceDefinition',
      'legacy/helm-mixed.yaml not-a-crd: skipped Namespace {{ .Release.Namespace }}: not a CustomResourceDefinition',
      'legacy/helm-mixed.yaml not-a-crd: skipped ServiceAccount lamp: not a CustomResourceDefinition',
    ]);
  });
});
