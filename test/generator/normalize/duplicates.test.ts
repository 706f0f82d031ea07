// Two CRDs claiming one kind of a group: the second is an error naming the first; the same kind
// in another group is no clash (normalize looks among the group's CRDs alone).
import { describe, expect, it } from 'vitest';
import { normalize, parse } from '../../../src/index.js';
import { crdYaml } from '../../support/fixtures.js';

/** A CRD of `group` with `kind` and `plural`. */
function crd(group: string, kind: string, plural: string): string {
  const doc = JSON.parse(crdYaml({ type: 'object' }, { group, kind })) as { metadata: { name: string }; spec: { names: { plural: string } } };
  doc.metadata.name = `${plural}.${group}`;
  doc.spec.names.plural = plural;
  return JSON.stringify(doc);
}

describe('normalize: a kind claimed twice', () => {
  it('refuses the second claim in a group, naming the first, and allows the same kind in other groups', () => {
    const inputs = [
      { path: 'a.yaml', text: crd('a.example.com', 'Widget', 'widgets') },
      { path: 'b.yaml', text: crd('b.example.com', 'Widget', 'widgets') },
      { path: 'c.yaml', text: crd('a.example.com', 'Widget', 'gadgets') },
      { path: 'd.yaml', text: crd('b.example.com', 'Thing', 'things') },
      { path: 'e.yaml', text: crd('c.example.com', 'Widget', 'widgets') },
      { path: 'f.yaml', text: crd('c.example.com', 'Widget', 'doodads') },
    ];
    const result = normalize(parse(inputs).documents);
    expect(result.crds.map((c) => c.name)).toEqual(['widgets.a.example.com', 'things.b.example.com', 'widgets.b.example.com', 'widgets.c.example.com']);
    expect(result.diagnostics.map((d) => [d.code, d.subject, d.message])).toEqual([
      ['crd-duplicate-kind', 'gadgets.a.example.com', expect.stringMatching(/^kind Widget of group a\.example\.com is already claimed by widgets\.a\.example\.com at a\.yaml:/)],
      ['crd-duplicate-kind', 'doodads.c.example.com', expect.stringMatching(/^kind Widget of group c\.example\.com is already claimed by widgets\.c\.example\.com at e\.yaml:/)],
    ]);
  });
});
