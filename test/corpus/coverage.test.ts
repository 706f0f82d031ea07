// The checks the corpus test relies on can fail: the walk is run against a schema that differs from
// the one the types were generated from, and must name every difference.
import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../src/kube/model.js';
import { checkCoverage } from './support/coverage.js';
import { rootType } from '../support/emitted.js';
import { crd, generateInline, object, type InlineRun } from '../support/inline.js';

const generatedFrom = object({
  spec: object(
    {
      size: { type: 'integer' },
      mode: { type: 'string', enum: ['A', 'B'] },
      port: { 'x-kubernetes-int-or-string': true },
      note: { type: 'string', nullable: true },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
      items: { type: 'array', items: object({ name: { type: 'string' } }) },
      open: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      // Typed `Name & ({ a: unknown } | { b: unknown })`: a and b are still optional properties.
      choice: object({ a: { type: 'string' }, b: { type: 'string' } }, { oneOf: [{ required: ['a'] }, { required: ['b'] }] }),
      picks: { type: 'array', items: object({ x: { type: 'integer' }, y: { type: 'string' } }, { anyOf: [{ required: ['x'] }, { required: ['y'] }] }) },
      openChoice: object({ a: { type: 'string' }, b: { type: 'string' } }, { 'x-kubernetes-preserve-unknown-fields': true, anyOf: [{ required: ['a'] }, { required: ['b'] }] }),
    },
    { required: ['size'] },
  ),
});

describe('the coverage walk', () => {
  let run: InlineRun;
  const check = (schema: object) => {
    const v = run.report.crds[0]?.versions[0];
    const file = run.program.program.getSourceFile(run.program.pathOf(v?.file as string));
    const root = file && rootType(run.program.checker, file, v?.typeName as string);
    if (!root || !file) throw new Error('no root type');
    return checkCoverage(run.program.checker, [{ subject: 'Probe', file, root, schema: schema as JsonSchema }]);
  };

  beforeAll(async () => {
    run = await generateInline([{ path: 'probe.yaml', text: crd({ kind: 'Probe', versions: [{ name: 'v1', schema: generatedFrom }] }) }], 'coverage-probe');
  });

  it('finds nothing wrong against the schema the types came from', () => {
    const coverage = check(generatedFrom);
    expect({ missing: coverage.missing, wrong: coverage.wrongTypes, properties: coverage.properties }).toEqual({ missing: [], wrong: [], properties: 18 });
    expect([...coverage.shapes]).toEqual([
      ['Probe #/properties/spec/properties/open', 'open map'],
      ['Probe #/properties/spec/properties/openChoice', 'properties + open map'],
    ]);
  });

  it('names every lost property, wrong type, nullability and optionality', () => {
    const other = object({
      spec: object(
        {
          size: { type: 'string' },
          mode: { type: 'string', enum: ['A', 'C'] },
          port: { type: 'integer' },
          note: { type: 'string' },
          labels: { type: 'object', additionalProperties: { type: 'integer' } },
          items: { type: 'array', items: object({ name: { type: 'string' }, gone: { type: 'string' } }) },
          extra: object({ deep: { type: 'string' } }),
        },
        { required: ['mode'] },
      ),
    });
    const coverage = check(other);
    expect(coverage.missing).toEqual([
      'Probe spec.items[].gone (#/properties/spec/properties/items/items/properties/gone): no property "gone" in LocalObjectReference',
      'Probe spec.extra (#/properties/spec/properties/extra): no property "extra" in ProbeSpec',
    ]);
    expect(coverage.properties).toBe(11);
    expect(coverage.wrongTypes).toEqual([
      'Probe spec.size (#/properties/spec/properties/size): schema says string, emitted number',
      'Probe spec.size (#/properties/spec/properties/size): optional in the schema, not in the type',
      'Probe spec.mode (#/properties/spec/properties/mode): schema says "A"|"C", emitted "A"|"B"',
      'Probe spec.mode (#/properties/spec/properties/mode): required in the schema, not in the type',
      'Probe spec.port (#/properties/spec/properties/port): schema says number, emitted number|string',
      'Probe spec.note (#/properties/spec/properties/note): schema says string, emitted null|string',
      'Probe spec.labels{} (#/properties/spec/properties/labels/additionalProperties): schema says number, emitted string',
    ]);
  });
});
