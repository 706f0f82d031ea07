import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/generator/normalize/normalize.js';
import { parse } from '../../src/generator/parse/parse.js';

const file = (text: string, path = 'in.yaml') => [{ path, text }];

describe('parse', () => {
  it('reads multi-document YAML, ignores empty documents, unwraps Lists and warns about other objects', () => {
    const text = [
      'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }',
      '',
      'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: apiextensions.k8s.io/v1\n    kind: CustomResourceDefinition\n    metadata: { name: a.example.com }\n  - apiVersion: v1\n    kind: Secret\n    metadata: { name: s }',
      '',
    ].join('\n---\n');
    const result = parse(file(text));
    expect(result.documents.map((d) => [d.source.line, (d.raw.metadata as { name: string }).name])).toEqual([[10, 'a.example.com']]);
    expect(result.diagnostics.map((d) => [d.code, d.source?.line, d.message])).toEqual([
      ['not-a-crd', 1, 'skipped ConfigMap c: not a CustomResourceDefinition'],
      ['not-a-crd', 13, 'skipped Secret s: not a CustomResourceDefinition'],
    ]);
  });

  it('reads JSON and warns about a file without CRDs', () => {
    expect(parse(file('{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition"}', 'a.json')).documents).toHaveLength(1);
    expect(parse(file('# nothing here\n', 'empty.yaml')).diagnostics.map((d) => d.code)).toEqual(['no-crds']);
  });
});

describe('normalize', () => {
  it('lifts a v1beta1 CRD into the v1 shape', () => {
    const text = `apiVersion: apiextensions.k8s.io/v1beta1
kind: CustomResourceDefinition
metadata: { name: backups.example.com }
spec:
  group: example.com
  version: v1alpha1
  names: { kind: Backup, plural: backups }
  subresources: { status: {}, scale: { specReplicasPath: .spec.n, statusReplicasPath: .status.n } }
  additionalPrinterColumns: [{ name: Phase, type: string, JSONPath: .status.phase }]
  validation: { openAPIV3Schema: { properties: { spec: { properties: { a: { type: string } } } } } }
`;
    const { crds, diagnostics } = normalize(parse(file(text)).documents);
    expect(diagnostics).toEqual([]);
    const { source: _s, ...crd } = crds[0] as NonNullable<(typeof crds)[0]>;
    expect(crd).toEqual({
      name: 'backups.example.com',
      group: 'example.com',
      scope: 'Namespaced',
      preserveUnknownFields: true,
      names: { kind: 'Backup', plural: 'backups', singular: 'backup', listKind: 'BackupList', shortNames: [], categories: [] },
      versions: [
        {
          name: 'v1alpha1',
          served: true,
          storage: true,
          deprecated: false,
          schema: { properties: { spec: { properties: { a: { type: 'string' } } } } },
          subresources: { status: true, scale: { specReplicasPath: '.spec.n', statusReplicasPath: '.status.n' } },
          printerColumns: [{ name: 'Phase', type: 'string', jsonPath: '.status.phase' }],
        },
      ],
    });
  });

  it('sorts versions by Kubernetes priority and keeps deprecation warnings', () => {
    const text = JSON.stringify({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      spec: {
        group: 'example.com',
        scope: 'Cluster',
        names: { kind: 'Gizmo', plural: 'gizmos' },
        versions: [
          { name: 'v1alpha1', served: false, storage: false },
          { name: 'v1', served: true, storage: true },
          { name: 'v1beta1', served: true, storage: false, deprecated: true, deprecationWarning: 'use v1' },
        ],
      },
    });
    const crd = normalize(parse(file(text)).documents).crds[0];
    expect(crd?.versions.map((v) => [v.name, v.served, v.deprecated, v.deprecationWarning])).toEqual([
      ['v1', true, false, undefined],
      ['v1beta1', true, true, 'use v1'],
      ['v1alpha1', false, false, undefined],
    ]);
    expect(crd?.scope).toBe('Cluster');
  });

  it('generates a redefined CRD apart and drops an identical copy', () => {
    const crd = (size: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: widgets.example.com }
spec:
  group: example.com
  scope: Namespaced
  names: { kind: Widget, plural: widgets }
  versions: [{ name: v1, served: true, storage: true, schema: { openAPIV3Schema: { type: object, properties: { spec: { type: ${size} } } } } }]
`;
    const docs = parse([
      { path: 'old/widgets.yaml', text: crd('string') },
      { path: 'new/widgets.yaml', text: crd('object') },
      { path: 'new/copy.yaml', text: crd('object') },
    ]).documents;
    const { crds, diagnostics } = normalize(docs);
    expect(crds.map((c) => [c.source.file, c.variant])).toEqual([
      ['new/copy.yaml', undefined],
      ['old/widgets.yaml', 'old-widgets'],
    ]);
    expect(diagnostics.map((d) => [d.severity, d.code, d.source?.file])).toEqual([
      ['info', 'crd-duplicate-identical', 'new/widgets.yaml'],
      ['warning', 'crd-redefined', 'old/widgets.yaml'],
    ]);
  });
});
