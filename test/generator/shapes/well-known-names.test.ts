// A Kubernetes type never takes a name that a kind file of the same folder declares: the kind
// named Condition keeps its name, and every file and index still compiles.
import { describe, expect, it } from 'vitest';
import { crd, generateInline, object } from '../../support/inline.js';

const condition = {
  type: 'object',
  required: ['lastTransitionTime', 'message', 'reason', 'status', 'type'],
  properties: {
    lastTransitionTime: { type: 'string', format: 'date-time' },
    message: { type: 'string' },
    observedGeneration: { type: 'integer', format: 'int64' },
    reason: { type: 'string' },
    status: { type: 'string', enum: ['True', 'False', 'Unknown'] },
    type: { type: 'string' },
  },
};
const withConditions = object({ status: object({ conditions: { type: 'array', items: condition } }) });

describe('well-known names', () => {
  it('a folder that declares Condition keeps it: conditions there get declarations of their own', async () => {
    const run = await generateInline(
      [
        { path: 'condition.yaml', text: crd({ kind: 'Condition', versions: [{ name: 'v1', schema: withConditions }] }) },
        { path: 'job.yaml', text: crd({ kind: 'Job', versions: [{ name: 'v1', schema: withConditions }] }) },
      ],
      'well-known-names-folder',
    );
    expect(run.program.errors()).toEqual([]);
    // Declared in the group (shared by the two kinds, see shapes/share.ts), not taken from k8s.ts.
    const types = [run.typeAt('Condition.example.com/v1', 'status.conditions'), run.typeAt('Job.example.com/v1', 'status.conditions')];
    expect(types[0]).toMatch(/^\w+Condition\[\]$/);
    expect(types[0]).not.toBe('Condition[]');
    expect(types[1]).toBe(types[0]);
    expect(run.result.files.some((f) => f.path === 'k8s.ts')).toBe(false);
    expect(run.report.totals.wellKnownByType).toEqual({});
  });

  it('in another folder of the group the Kubernetes Condition is used, and the group index compiles', async () => {
    const run = await generateInline(
      [
        { path: 'condition.yaml', text: crd({ kind: 'Condition', versions: [{ name: 'v1', schema: withConditions }] }) },
        { path: 'job.yaml', text: crd({ kind: 'Job', versions: [{ name: 'v2', schema: withConditions }] }) },
      ],
      'well-known-names-group',
    );
    expect(run.program.errors()).toEqual([]);
    expect(run.typeAt('Job.example.com/v2', 'status.conditions')).toBe('Condition[]');
    expect(run.contents('example.com/v2/job.ts')).toContain("import type { Condition } from '../../k8s.js';");
    expect(run.report.totals.wellKnownByType).toEqual({ Condition: 1 });
  });
});
