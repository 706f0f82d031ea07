// Version priority as kube-apiserver orders a CRD's versions; the generator (normalize) and the
// test API server (discovery, storage) both sort with this one function.
import { describe, expect, it } from 'vitest';
import { compareVersionPriority } from '../../src/kube/versions.js';
import { normalize } from '../../src/generator/normalize/normalize.js';
import { parse } from '../../src/generator/parse/parse.js';
import { startTestApiServer } from '../../src/testing/index.js';

describe('compareVersionPriority', () => {
  it.each([
    // [higher, lower]: why
    ['v2', 'v1', 'higher major first'],
    ['v10', 'v2', 'major compared as a number, not as text'],
    ['v1', 'v2beta1', 'GA before beta, whatever the major'],
    ['v1beta2', 'v1beta1', 'higher minor first'],
    ['v1beta10', 'v1beta2', 'minor compared as a number'],
    ['v1beta1', 'v11alpha2', 'beta before alpha, whatever the major'],
    ['v1alpha1', 'foo', 'a Kubernetes version before any other name'],
    ['v1alpha1', 'v1-1-0', 'v1-1-0 is not a Kubernetes version'],
    ['v1alpha1', 'v1gamma1', 'only alpha and beta are stabilities'],
    ['foo', 'v1-1-0', 'other names in byte order'],
    ['Zeta', 'alpha', 'byte order, not the locale: upper case before lower case'],
    ['v1-1-0', 'v1_0', "byte order: '-' before '_'"],
  ])('%s before %s (%s)', (higher, lower) => {
    expect(compareVersionPriority(higher, lower)).toBeLessThan(0);
    expect(compareVersionPriority(lower, higher)).toBeGreaterThan(0);
  });

  it('is 0 for the same name only', () => {
    expect(compareVersionPriority('v1', 'v1')).toBe(0);
    expect(compareVersionPriority('foo', 'foo')).toBe(0);
  });

  it('sorts a mixed list', () => {
    const given = ['v1alpha1', 'foo', 'v2', 'v1beta2', 'v1', 'v1beta1', 'v10', 'v1-1-0', 'v11alpha2'];
    expect([...given].sort(compareVersionPriority)).toEqual(['v10', 'v2', 'v1', 'v1beta2', 'v1beta1', 'v11alpha2', 'v1alpha1', 'foo', 'v1-1-0']);
  });
});

describe('the generator and the test API server order versions alike', () => {
  const names = ['foo', 'v1beta1', 'v1-1-0', 'v2alpha1', 'v1', 'v10beta3'];
  const want = ['v1', 'v10beta3', 'v1beta1', 'v2alpha1', 'foo', 'v1-1-0'];
  const schema = { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } };
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      scope: 'Namespaced',
      names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' },
      versions: names.map((name) => ({ name, served: true, storage: name === 'v1', schema })),
    },
  };

  it('normalize sorts the CRD versions by priority', () => {
    const { crds, diagnostics } = normalize(parse([{ path: 'widgets.json', text: JSON.stringify(crd) }]).documents);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(crds[0]?.versions.map((v) => v.name)).toEqual(want);
  });

  it('discovery lists the group versions in the same order', async () => {
    const server = await startTestApiServer({ crds: [crd] });
    try {
      const response = await fetch(`${server.url}/apis/example.com`);
      const group = (await response.json()) as { versions: { version: string }[]; preferredVersion: { version: string } };
      expect(group.versions.map((v) => v.version)).toEqual(want);
      expect(group.preferredVersion.version).toBe('v1');
    } finally {
      await server.close();
    }
  });
});
