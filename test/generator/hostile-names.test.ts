// Names that reach paths, identifiers and string literals: group, versions, kind, listKind, plural
// and singular are checked as kube-apiserver's CRD validation checks them (apiextensions-apiserver
// ValidateCustomResourceDefinitionSpec / Names), so no name can climb out of the output folder,
// break a literal or crash a later stage. Names the API server accepts still generate.
import { describe, expect, it } from 'vitest';
import { BREAK_QUOTES, hostileCrd, probe, refusal } from './support/hostile.js';

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const KIND = `may have mixed case, but should otherwise match: ${LABEL}`;
const long = (n: number) => 'a'.repeat(n);

type Case = [string, Parameters<typeof hostileCrd>[0], string];

const refused: Case[] = [
  ['group climbing out', { group: '../x.example.com' }, `crd-invalid-group: spec.group "../x.example.com" is invalid: ${SUBDOMAIN} (the API server refuses it too)`],
  ['group ..', { group: '..' }, `crd-invalid-group: spec.group ".." is invalid: ${SUBDOMAIN} (the API server refuses it too)`],
  ['group .', { group: '.' }, `crd-invalid-group: spec.group "." is invalid: ${SUBDOMAIN} (the API server refuses it too)`],
  ['group with backslashes', { group: '..\\..\\x.example.com' }, `crd-invalid-group: spec.group "..\\\\..\\\\x.example.com" is invalid: ${SUBDOMAIN} (the API server refuses it too)`],
  ['absolute group', { group: '/tmp/x.example.com' }, `crd-invalid-group: spec.group "/tmp/x.example.com" is invalid: ${SUBDOMAIN} (the API server refuses it too)`],
  ['group without a dot', { group: 'example' }, 'crd-invalid-group: spec.group "example" is invalid: should be a domain with at least one dot (the API server refuses it too)'],
  ['group with a quote', { group: "ex'ample.com" }, `crd-invalid-group: spec.group "ex'ample.com" is invalid: ${SUBDOMAIN} (the API server refuses it too)`],
  ['group of 300 characters', { group: `${long(296)}.com` }, `crd-invalid-group: spec.group "${long(40)}…" (300 characters) is invalid: must be no more than 253 characters (the API server refuses it too)`],
  ['group with a NUL', { group: 'exa\u0000mple.com' }, `crd-invalid-group: spec.group "exa\\u0000mple.com" is invalid: ${SUBDOMAIN} (the API server refuses it too)`],
  ['version climbing out', { version: 'v1/../../..' }, `crd-invalid-version: spec.versions[0].name "v1/../../.." is invalid: ${LABEL} (the API server refuses it too)`],
  ['version with a quote', { version: "v1'" }, `crd-invalid-version: spec.versions[0].name "v1'" is invalid: ${LABEL} (the API server refuses it too)`],
  ['version of 300 characters', { version: `v${long(299)}` }, `crd-invalid-version: spec.versions[0].name "v${long(39)}…" (300 characters) is invalid: must be no more than 63 characters (the API server refuses it too)`],
  ['kind with a NUL', { kind: 'Wid\u0000get', plural: 'widgets' }, `crd-invalid-kind: spec.names.kind "Wid\\u0000get" is invalid: ${KIND} (the API server refuses it too)`],
  ['kind of 300 characters', { kind: `W${long(299)}`, plural: 'widgets' }, `crd-invalid-kind: spec.names.kind "W${long(39)}…" (300 characters) is invalid: may have mixed case, but should otherwise match: must be no more than 63 characters (the API server refuses it too)`],
  ['listKind breaking a literal', { listKind: BREAK_QUOTES[0] }, `crd-invalid-list-kind: spec.names.listKind "'; PWNED(); '" is invalid: ${KIND} (the API server refuses it too)`],
  ['listKind equal to kind', { listKind: 'Widget' }, 'crd-invalid-list-kind: spec.names.listKind "Widget" is invalid: kind and listKind may not be the same (the API server refuses it too)'],
  ['plural climbing out', { plural: '../widgets' }, `crd-invalid-plural: spec.names.plural "../widgets" is invalid: ${LABEL} (the API server refuses it too)`],
  ['plural in capitals', { plural: 'Widgets' }, `crd-invalid-plural: spec.names.plural "Widgets" is invalid: ${LABEL} (the API server refuses it too)`],
  ['singular with a slash', { singular: 'a/b' }, `crd-invalid-singular: spec.names.singular "a/b" is invalid: ${LABEL} (the API server refuses it too)`],
];

describe('names checked as the API server checks them', () => {
  for (const [name, spec, error] of refused) {
    it(`refuses ${name}: one error, nothing generated`, async () => {
      const { errors, files } = await refusal([{ path: 'names.yaml', text: hostileCrd(spec) }]);
      expect(errors).toEqual([error]);
      expect(files).toBe(0);
    });
  }

  it('a group named index.ts (a valid DNS name) would replace the root index: refused', async () => {
    const { errors } = await refusal([{ path: 'names.yaml', text: hostileCrd({ group: 'index.ts' }) }]);
    expect(errors).toEqual(['crd-reserved-group: spec.group "index.ts" is the name of the output\'s root index file (crdgen cannot generate this group)']);
  });

  it('kinds named Index and Runtime, and the longest names the API server accepts, generate and compile', async () => {
    // metadata.name (plural.group) is a DNS subdomain too: at most 253 characters.
    const group = `${long(61)}.${long(61)}.${long(61)}.com`;
    const run = await probe(
      [
        { path: 'a.yaml', text: hostileCrd({ kind: 'Index', plural: 'indexes' }) },
        { path: 'b.yaml', text: hostileCrd({ kind: 'Runtime', plural: 'runtimes' }) },
        { path: 'c.yaml', text: hostileCrd({ kind: `L${long(62)}`, plural: long(63), group, version: `v${long(62)}` }) },
      ],
      'hostile-names',
    );
    expect(run.errors).toEqual([]);
    expect(run.tsErrors).toEqual([]);
    const paths = run.result.files.map((f) => f.path);
    expect(paths).toContain('example.com/v1/index.ts');
    expect(paths).toContain('example.com/v1/index-kind.ts');
    expect(paths).toContain('example.com/v1/runtime.ts');
    expect(new Set(paths).size).toBe(paths.length);
    expect(run.result.files.find((f) => f.path === 'example.com/v1/index.ts')?.contents).toContain("export * from './index-kind.js';");
  }, 120_000);
});
