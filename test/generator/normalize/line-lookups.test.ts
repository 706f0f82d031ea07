// A line lookup parses the document again with positions (the yaml package): on a corpus that was
// most of normalize's time and memory. normalize asks for lines only when it reports a finding.
import { describe, expect, it } from 'vitest';
import { normalize, parse } from '../../../src/index.js';
import { crdYaml } from '../../support/fixtures.js';

function countedLookups(text: string) {
  const [document] = parse([{ path: 'crd.yaml', text }]).documents;
  if (!document?.lineOf) throw new Error('the parser gives line lookups');
  const lineOf = document.lineOf;
  const counter = { lookups: 0 };
  const doc = { ...document, lineOf: (path: readonly (string | number)[]) => (counter.lookups++, lineOf(path)) };
  return { counter, result: normalize([doc]) };
}

describe('normalize line lookups', () => {
  it('looks up no line for a CRD without findings', () => {
    const { counter, result } = countedLookups(crdYaml({ type: 'object', properties: { spec: { type: 'object' } } }));
    expect(result.crds).toHaveLength(1);
    expect(result.diagnostics).toEqual([]);
    expect(counter.lookups).toBe(0);
  });

  it('still points a finding at its line', () => {
    const text = crdYaml({ type: 'object' }).replace('"served":true', '"served":false');
    const { counter, result } = countedLookups(text);
    expect(result.diagnostics.map((d) => d.code)).toContain('crd-no-served-version');
    expect(counter.lookups).toBeGreaterThan(0);
  });
});
