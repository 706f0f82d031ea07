// Kind and listKind are accepted exactly as kube-apiserver accepts them (apiextensions-apiserver's
// ValidateCustomResourceDefinitionNames: lower-cased, each must be a DNS-1035 label, and the two must
// differ). A kind with `-` generates under a TypeScript name made from it, with its wire name kept in
// the output; a kind the API server refuses is one error line.
import { beforeAll, describe, expect, it } from 'vitest';
import { hostileCrd, probe, refusal, type Probe } from './support/hostile.js';

const LABEL =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const MIXED = `may have mixed case, but should otherwise match: ${LABEL}`;

/** given kind -> want: its TypeScript type name and its file in example.com/v1. */
const accepted: [string, { type: string; file: string }][] = [
  ['my-widget', { type: 'MyWidget', file: 'my-widget.ts' }],
  ['Cert-Manager', { type: 'CertManager', file: 'cert-manager.ts' }],
  ['web-app-v2', { type: 'WebAppV2', file: 'web-app-v2.ts' }],
  ['x-1-2', { type: 'X1_2', file: 'x-1-2.ts' }],
  ['a--b', { type: 'AB', file: 'a--b.ts' }],
  ['Q', { type: 'Q', file: 'q.ts' }],
  ['HTTPRoute', { type: 'HTTPRoute', file: 'httproute.ts' }],
];

/** given kind -> want: the one error. */
const refusedKinds: [string, string][] = [
  ['my_widget', `spec.names.kind "my_widget" is invalid: ${MIXED}`],
  ['-widget', `spec.names.kind "-widget" is invalid: ${MIXED}`],
  ['widget-', `spec.names.kind "widget-" is invalid: ${MIXED}`],
  ['1widget', `spec.names.kind "1widget" is invalid: ${MIXED}`],
  ['wid.get', `spec.names.kind "wid.get" is invalid: ${MIXED}`],
  ['Wid get', `spec.names.kind "Wid get" is invalid: ${MIXED}`],
  ['Widgét', `spec.names.kind "Widgét" is invalid: ${MIXED}`],
  [`W${'a'.repeat(63)}`, `spec.names.kind "W${'a'.repeat(63)}" is invalid: may have mixed case, but should otherwise match: must be no more than 63 characters`],
];

describe('kinds the API server accepts generate', () => {
  // One generate and one strict compile for every row (plurals p0, p1, ...), plus a listKind with -.
  const inputs = [
    ...accepted.map(([kind], i) => ({ path: `k${i}.yaml`, text: hostileCrd({ kind, plural: `p${i}` }) })),
    { path: 'list.yaml', text: hostileCrd({ kind: 'list-kind', listKind: 'list-kind-list', plural: 'lists' }) },
  ];
  let run: Probe;
  beforeAll(async () => {
    run = await probe(inputs, 'kind-names');
  }, 300_000);

  it('all of them in one run: no error, and the output compiles under strict', () => {
    expect(run.errors).toEqual([]);
    expect(run.tsErrors).toEqual([]);
    expect(run.result.kinds.map((k) => k.kind).sort()).toEqual([...accepted.map(([kind]) => kind), 'list-kind'].sort());
  });

  it.each(accepted)('kind %j -> %j', (kind, want) => {
    const text = run.kinds.get(`example.com/v1/${want.file}`);
    expect(text).toContain(`export interface ${want.type} {`);
    expect(text).toContain(`export class ${want.type}Api `);
    expect(text).toContain(`kind: '${kind}'`);
  });

  it('a listKind with - is kept on the wire', () => {
    expect(run.kinds.get('example.com/v1/list-kind.ts')).toContain(`listKind: 'list-kind-list'`);
  });
});

describe('kinds the API server refuses are one error', () => {
  it.each(refusedKinds)('kind %j', async (kind, want) => {
    const { errors, files } = await refusal([{ path: 'k.yaml', text: hostileCrd({ kind, plural: 'things' }) }]);
    expect(errors).toEqual([`crd-invalid-kind: ${want} (the API server refuses it too)`]);
    expect(files).toBe(0);
  });

  it.each([
    ['my_widget_list', `spec.names.listKind "my_widget_list" is invalid: ${MIXED}`],
    ['my-widget', 'spec.names.listKind "my-widget" is invalid: kind and listKind may not be the same'],
  ])('listKind %j', async (listKind, want) => {
    const { errors, files } = await refusal([{ path: 'k.yaml', text: hostileCrd({ kind: 'my-widget', listKind, plural: 'things' }) }]);
    expect(errors).toEqual([`crd-invalid-list-kind: ${want} (the API server refuses it too)`]);
    expect(files).toBe(0);
  });
});
