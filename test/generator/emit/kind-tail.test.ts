// The end of a kind file (List interface, resource descriptor, API class) is printed once per
// variant with numbered slots, and each kind fills them in (emit/kind-tail.ts): the text must be
// what ts-morph prints for the kind's own structures (kindTail's statements), and a kind whose
// values no slot can stand for, --validators, or a template holding a NUL is printed by ts-morph.
import type { StatementStructures } from 'ts-morph';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAssets } from '../../../src/index.js';
import { emitContext } from '../../../src/generator/emit/emit.js';
import { kindTail, printedVariant, slotTail } from '../../../src/generator/emit/kind-tail.js';
import { printFile, printStatements, type Declaration } from '../../../src/generator/emit/print-declarations.js';
import { templateVariant, type KindTemplate } from '../../../src/generator/emit/template.js';
import { StructureKind } from '../../../src/generator/emit/ts-morph.js';
import { normalize } from '../../../src/generator/normalize/normalize.js';
import { DEFAULT_OPTIONS } from '../../../src/generator/options.js';
import { parse } from '../../../src/generator/parse/parse.js';
import { plan, type KindPlan } from '../../../src/generator/plan/plan.js';

const SCHEMA = { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { replicas: { type: 'integer' } } } } } };
const SCALE = { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' };
const version = (name: string, extra: object = {}) => ({ name, served: true, storage: true, schema: SCHEMA, ...extra });

function crd(group: string, kind: string, plural: string, scope: string, versions: object[]): string {
  return JSON.stringify({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: { group, scope, names: { kind, plural }, versions },
  });
}

/** Kinds whose names and literals fill every slot: article `an`/`a`, dashes, dots and digits in literals, both scopes, every subresource and deprecation variant. */
const CRDS = [
  crd('lab-ops.example.com', 'Exporter', 'exporters', 'Namespaced', [version('v1alpha1', { subresources: { status: {}, scale: SCALE } })]),
  crd('infra.example.com', 'Pool', 'pools', 'Cluster', [
    version('v1', { storage: false, deprecated: true, deprecationWarning: 'infra.example.com/v1 Pool is deprecated; use v2' }),
    version('v2', { subresources: { status: {} } }),
  ]),
  crd('backup.example.com', 'Db-Backup', 'db-backups', 'Namespaced', [version('v1beta1', { deprecated: true })]),
  crd('storage.k8s-x.io', 'S3Bucket', 's3buckets', 'Namespaced', [version('v2beta1', { subresources: { status: {}, scale: SCALE } })]),
];

let template: KindTemplate;
let kinds: KindPlan[];

beforeAll(async () => {
  template = emitContext((await loadAssets()).kindTemplate).template;
  const { documents } = parse(CRDS.map((text, i) => ({ path: `crd-${i}.json`, text })));
  kinds = plan(normalize(documents).crds, DEFAULT_OPTIONS).groupVersions.flatMap((gv) => gv.kinds);
});

const named = (typeName: string, versionName?: string): KindPlan => {
  const kind = kinds.find((k) => k.typeName === typeName && (versionName === undefined || k.version.name === versionName));
  if (!kind) throw new Error(`no kind ${typeName}`);
  return kind;
};

/** What ts-morph prints for the kind's tail structures (the path every kind took before slots). */
const tsMorph = (t: KindTemplate, kind: KindPlan, validators = false) => printStatements(kindTail(t, kind, validators).statements());

describe('kindTail: the slot path', () => {
  it('gives the text ts-morph prints, for every kind and variant', () => {
    expect(kinds.map((k) => `${k.typeName} ${k.version.name}`)).toEqual(['DbBackup v1beta1', 'Pool v1', 'Pool v2', 'Exporter v1alpha1', 'S3Bucket v2beta1']);
    for (const kind of kinds) {
      const text = slotTail(template, kind, false);
      expect(text, kind.subject).toBeDefined();
      expect(text, kind.subject).toBe(tsMorph(template, kind));
      expect(kindTail(template, kind, false).text(), kind.subject).toBe(text);
      expect(text).not.toMatch(/widget|\u0000/i);
    }
  });

  it('fills in the kind values: literals with dashes and slashes, scope, subresources, articles, deprecation', () => {
    const exporter = slotTail(template, named('Exporter'), false) ?? '';
    expect(exporter).toContain(`  group: 'lab-ops.example.com',\n  version: 'v1alpha1',\n  plural: 'exporters',\n  kind: 'Exporter',\n  listKind: 'ExporterList',\n  namespaced: true,\n  subresources: { status: true, scale: true },`);
    expect(exporter).toContain(`apiVersion: 'lab-ops.example.com/v1alpha1';`);
    expect(exporter).toContain('AbstractAsyncCustomObjectApi<Exporter, ExporterList, \'Namespaced\', ExporterInput>');
    expect(exporter).toContain('of an Exporter');
    expect(exporter).toContain('replaceScale(');
    const pool = slotTail(template, named('Pool', 'v1'), false) ?? '';
    expect(pool).toContain(`'Cluster'`);
    expect(pool).toContain('namespaced: false,');
    expect(pool).toContain('@deprecated infra.example.com/v1 Pool is deprecated; use v2');
    expect(pool).not.toContain('getStatus(');
    expect(slotTail(template, named('Pool', 'v2'), false)).toContain('Replaces the status of a Pool;');
    expect(slotTail(template, named('DbBackup'), false)).toContain(`kind: 'Db-Backup',\n  listKind: 'Db-BackupList',`);
  });

  it('prints each variant once, with a slot for every kind of value', () => {
    const exporter = named('Exporter');
    const bucket = named('S3Bucket');
    expect(templateVariant(bucket, false)).toEqual(templateVariant(exporter, false));
    const printed = printedVariant(template, templateVariant(exporter, false));
    expect(printedVariant(template, templateVariant(bucket, false))).toBe(printed);
    const keys = printed?.keys ?? [];
    expect(keys.filter((k) => k.field !== undefined).map((k) => k.field).sort()).toEqual(['group', 'kind', 'listKind', 'namespaced', 'plural', 'scale', 'status', 'version']);
    const placeholders = keys.flatMap((k) => (k.placeholder === undefined ? [] : [k.placeholder]));
    expect(placeholders).toEqual(expect.arrayContaining([`'example.com/v1'`, `'WidgetList'`, `'Namespaced'`, 'WidgetList', 'WidgetApi', 'WidgetInput', 'widgetResource', 'Widget', 'a Widget']));
    expect(printed?.text).toMatch(/\u0000\d+\u0000/);
    // The same print filled in with another kind's values.
    expect(slotTail(template, bucket, false)).toBe(tsMorph(template, bucket));
  });

  it('gives the text ts-morph prints for a template whose placeholders sit beside quotes, slashes, backticks, braces and $', () => {
    const odd = emitContext(TEMPLATE_WITH_ODD_CONTEXT).template;
    for (const kind of kinds) {
      expect(slotTail(odd, kind, false), kind.subject).toBe(tsMorph(odd, kind));
    }
    expect(slotTail(odd, named('Exporter'), false)).toContain("const quoted = \"it's a 'Exporter' in 'lab-ops.example.com/v1alpha1'\";");
  });

  it('ends a kind file as ts-morph does after the printed declarations', () => {
    const head: StatementStructures[] = [{ kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: '../k8s.js', namedImports: ['A'] }];
    const types: Declaration[] = [{ kind: StructureKind.Interface, isExported: true, name: 'Exporter', properties: [{ kind: StructureKind.PropertySignature, name: 'spec', type: 'A', hasQuestionToken: true }] }];
    const kind = named('Exporter');
    const tail = kindTail(template, kind, false);
    expect(printFile(head, types, tail)).toBe(printStatements([...head, ...types, ...tail.statements()]));
  });
});

describe('kindTail: the ts-morph path', () => {
  it('takes values no slot can stand for, and prints what ts-morph prints', () => {
    const exporter = named('Exporter');
    const { crd: model } = exporter;
    const hostile: Array<[string, KindPlan]> = [
      ['a $ in a name', { ...exporter, typeName: 'Export$er', apiName: 'Export$erApi' }],
      ['a quote in a literal', { ...exporter, crd: { ...model, names: { ...model.names, kind: "Exp'orter" } } }],
      ['a space in a literal', { ...exporter, crd: { ...model, names: { ...model.names, listKind: 'Exporter List' } } }],
      ['a slash ending a literal part', { ...exporter, crd: { ...model, group: 'lab.example.com/' } }],
      ['a comment in a name', { ...exporter, resourceName: 'exporter/**/Resource' }],
      ['two spaces in prose', { ...exporter, typeName: 'Ex  porter' }],
    ];
    for (const [name, kind] of hostile) {
      expect(slotTail(template, kind, false), name).toBeUndefined();
      expect(kindTail(template, kind, false).text(), name).toBe(tsMorph(template, kind));
    }
    expect(kindTail(template, hostile[0]?.[1] as KindPlan, false).text()).toContain('export class Export$erApi');
  });

  it('takes --validators', () => {
    const kind = named('Exporter');
    expect(slotTail(template, kind, true)).toBeUndefined();
    const text = kindTail(template, kind, true).text();
    expect(text).toBe(tsMorph(template, kind, true));
    expect(text).toContain('export function isExporter(value: unknown): value is Exporter {');
  });

  it('takes a template or a deprecation warning holding a NUL', async () => {
    const kindTemplate = (await loadAssets()).kindTemplate;
    const kind = named('Exporter');
    // A NUL alone, and NULs around a number as a slot is written.
    for (const nul of ['\u0000', '\u00000\u0000']) {
      const withNul = emitContext(kindTemplate.replace(' * Typed client for Widget objects.', ` * Typed client for Widget${nul} objects.`)).template;
      expect(printedVariant(withNul, templateVariant(kind, false)), JSON.stringify(nul)).toBeNull();
      expect(kindTail(withNul, kind, false).text()).toBe(tsMorph(withNul, kind));
      expect(kindTail(withNul, kind, false).text()).toContain(`Typed client for Exporter${nul} objects.`);
    }
    const warned = { ...kind, version: { ...kind.version, deprecated: true, deprecationWarning: 'gone\u0000soon' } };
    expect(slotTail(template, warned, false)).toBeUndefined();
    expect(kindTail(template, warned, false).text()).toBe(tsMorph(template, warned));
  });
});

/** The template's API class with a method whose docs and code hold placeholders beside the characters ts-morph's writer acts on. */
const TEMPLATE_WITH_ODD_CONTEXT = `
import type { V1ListMeta, V1ObjectMeta } from '@kubernetes/client-node';
import { AbstractAsyncCustomObjectApi, type ApiOptions, type ResourceDescriptor } from '../src/runtime/index.js';
import { kindValidator } from '../src/validation/index.js';
export interface Widget { apiVersion: 'example.com/v1'; kind: 'Widget'; metadata?: V1ObjectMeta }
export type WidgetInput = Widget;
/** A page of Widget objects ('WidgetList', \`Widget\`, "a Widget"). */
export interface WidgetList {
  apiVersion: 'example.com/v1';
  kind: 'WidgetList';
  metadata?: V1ListMeta;
  items: Widget[];
}
/** Where the API server serves Widget: /Widget/ {Widget} $Widget *Widget* \\\\Widget. */
export const widgetResource = {
  group: 'example.com', version: 'v1', plural: 'widgets', kind: 'Widget', listKind: 'WidgetList', namespaced: true,
  subresources: { status: true, scale: true },
} as const satisfies ResourceDescriptor;
const widgetValidator = kindValidator<Widget>(widgetResource, () => ({}));
export function isWidget(value: unknown): value is Widget {
  return widgetValidator.is(value);
}
export function validateWidget(obj: unknown): unknown[] {
  return widgetValidator.validate(obj);
}
/** Typed client for Widget objects. */
export class WidgetApi extends AbstractAsyncCustomObjectApi<Widget, WidgetList, 'Namespaced', WidgetInput> {
  constructor(options?: ApiOptions) {
    super(widgetResource, options);
  }

  /**
   * Describes a Widget: \`Widget\`'s name, "Widget", /Widget/, {Widget}, $Widget, *Widget*, \\\\Widget,
   * 'example.com/v1' and 'Widget' ('Namespaced'), isWidget/validateWidget.
   */
  describe(): string {
    const quoted = "it's a 'Widget' in 'example.com/v1'";
    const tpl = \`\${'Widget'}/\${quoted} {WidgetList} \${widgetResource.kind}\`;
    return \`\${tpl} WidgetInput\` + '\\\\' + 'Widget' + /Widget\\//.source;
  }
}
`;
