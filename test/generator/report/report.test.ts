// The generation report on inline inputs: status per CRD document (generated, identical copy,
// failed, unreadable), what each version produced, open fields and why, diagnostics by code.
import { describe, expect, it } from 'vitest';
import { generate, loadAssets } from '../../../src/index.js';
import type { InputFile } from '../../../src/generator/model.js';
import { formatReport } from '../../../src/generator/report/format.js';
import { buildReport } from '../../../src/generator/report/report.js';
import { crd, object } from '../../support/inline.js';

const widget = crd({
  kind: 'Widget',
  versions: [
    { name: 'v1', schema: object({ spec: object({ size: { type: 'integer' }, config: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, tags: { type: 'object', additionalProperties: true } }) }) },
    { name: 'v1beta1', served: false, schema: object({ spec: object({ size: { type: 'integer' } }) }) },
  ],
});
const INPUTS: InputFile[] = [
  { path: 'a/widget.yaml', text: widget },
  { path: 'b/widget-copy.yaml', text: widget },
  { path: 'c/unserved.yaml', text: crd({ kind: 'Gizmo', versions: [{ name: 'v1', served: false }] }) },
  { path: 'd/future.yaml', text: crd({ kind: 'Dial' }).replace('apiextensions.k8s.io/v1"', 'apiextensions.k8s.io/v2"') },
  { path: 'e/other.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\n' },
];

describe('generation report', () => {
  it('says what became of every CRD document, with counts that add up', async () => {
    const result = await generate(INPUTS, { keepGoing: true }, await loadAssets());
    const report = buildReport(INPUTS, { keepGoing: true }, result, { wallMs: 1234, peakRssBytes: 512 * 1024 * 1024 });
    expect(report.crds.map((c) => `${c.source.file} ${c.name} ${c.status}`)).toEqual([
      'a/widget.yaml widgets.example.com generated',
      'b/widget-copy.yaml widgets.example.com identical',
      'c/unserved.yaml gizmos.example.com failed',
      'd/future.yaml d/future.yaml#1 failed',
    ]);
    const [first, copy, gizmo, dial] = report.crds;
    expect(first?.versions.map((v) => ({ name: v.name, chosen: v.chosen, generated: v.generated, file: v.file, types: v.types, properties: v.properties }))).toEqual([
      { name: 'v1', chosen: true, generated: true, file: 'example.com/v1/widget.ts', types: 4, properties: 4 }, // Widget, WidgetSpec, WidgetInput, WidgetList
      { name: 'v1beta1', chosen: false, generated: false, types: 0, properties: 2 },
    ]);
    const file = result.files.find((f) => f.path === 'example.com/v1/widget.ts');
    expect(first?.bytes).toBe(Buffer.byteLength(file?.contents ?? 'missing'));
    expect(first?.versions[0]?.open).toEqual([
      { pointer: '#/properties/spec/properties/config', path: 'spec.config', typed: 'open map', why: 'preserve-unknown-fields' },
      { pointer: '#/properties/spec/properties/tags', path: 'spec.tags', typed: 'open map', why: 'additionalProperties: true' },
    ]);
    expect(copy).toMatchObject({ sameAs: { file: 'a/widget.yaml' }, types: 0, bytes: 0, infos: { 'crd-duplicate-identical': 1 } });
    expect(gizmo?.errors).toEqual({ 'crd-no-served-version': 1 });
    expect(dial?.errors).toEqual({ 'crd-api-version': 1 });
    expect(report.other.map((d) => d.code)).toEqual(['crd-api-version', 'no-crds', 'not-a-crd']);
    expect(report.totals).toMatchObject({
      inputFiles: 5,
      crdDocuments: 4,
      generated: 2,
      identical: 1,
      failed: 2,
      kinds: 1,
      versions: 1,
      types: 4,
      properties: 4,
      openByReason: { 'additionalProperties: true': 1, 'preserve-unknown-fields': 1 },
      errors: { 'crd-api-version': 1, 'crd-no-served-version': 1 },
      warnings: { 'no-crds': 1, 'not-a-crd': 1 },
    });
    expect(report.totals.bytes).toBe(result.files.reduce((n, f) => n + Buffer.byteLength(f.contents), 0));
    const text = formatReport(report);
    expect(text.split('\n')[0]).toBe('crdgen report: 5 input files, 4 CRD documents: 2 generated (1 as an identical copy), 2 failed');
    expect(text).toContain('  ok   widgets.example.com Widget v1*,v1beta1(unserved) | 4 types, open 2 (additionalProperties: true 1, preserve-unknown-fields 1), ');
    expect(text).toContain('  FAIL gizmos.example.com Gizmo - | 0 types, open 0, 0 B | errors: crd-no-served-version 1 | c/unserved.yaml:1');
    expect(text).toContain('run: wall time 1.2 s, peak memory (max RSS) 512.0 MB');
  });

  it('lists the nodes typed by a Kubernetes type of k8s.ts, per version, with the file that uses them', async () => {
    const requirement = { type: 'object', required: ['key', 'operator'], properties: { key: { type: 'string' }, operator: { type: 'string' }, values: { type: 'array', items: { type: 'string' } } } };
    const selector = object({ matchLabels: { type: 'object', additionalProperties: { type: 'string' } }, matchExpressions: { type: 'array', items: requirement } });
    const toleration = object({ key: { type: 'string' }, operator: { type: 'string' }, value: { type: 'string' }, effect: { type: 'string' }, tolerationSeconds: { type: 'integer', format: 'int64' } });
    const inputs: InputFile[] = [
      {
        path: 'pod-ish.yaml',
        text: crd({ kind: 'Runner', versions: [{ name: 'v1', schema: object({ spec: object({ selector, tolerations: { type: 'array', items: toleration }, other: object({ key: { type: 'string' } }) }) }) }] }),
      },
    ];
    const result = await generate(inputs, {}, await loadAssets());
    const report = buildReport(inputs, {}, result);
    expect(report.crds[0]?.versions[0]?.wellKnown).toEqual([
      { pointer: '#/properties/spec/properties/selector', path: 'spec.selector', name: 'LabelSelector' },
      { pointer: '#/properties/spec/properties/tolerations/items', path: 'spec.tolerations[]', name: 'Toleration' },
    ]);
    expect(report.totals.wellKnownByType).toEqual({ LabelSelector: 1, Toleration: 1 });
    // What the report says is what the output holds.
    expect(result.files.find((f) => f.path === 'example.com/v1/runner.ts')?.contents).toContain("import type { LabelSelector, Toleration } from '../../k8s.js';");
    expect(result.files.find((f) => f.path === 'k8s.ts')?.contents).toContain('export interface Toleration {');
    const text = formatReport(report);
    expect(text).toContain(', k8s 2 (LabelSelector 1, Toleration 1), ');
    expect(text).toContain('Kubernetes types (k8s.ts): LabelSelector 1, Toleration 1\n');
  });
});
