import type {
  ClassDeclarationStructure,
  FunctionDeclarationOverloadStructure,
  FunctionDeclarationStructure,
  InterfaceDeclarationStructure,
  JSDocStructure,
  OptionalKind,
  VariableStatementStructure,
} from 'ts-morph';
import { StructureKind, type Project } from './ts-morph.js';
import { commentText, stringLiteral } from '../escape.js';
import type { KindPlan } from '../plan/plan.js';
import { withArticle } from './article.js';

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The declarations of templates/kind-api.ts that every kind file is built from. */
export interface KindTemplate {
  readonly list: InterfaceDeclarationStructure;
  readonly resource: VariableStatementStructure;
  readonly api: ClassDeclarationStructure;
  /** The validator statement and the `isWidget`/`validateWidget` functions (with validators only). */
  readonly validator: VariableStatementStructure;
  readonly is: FunctionDeclarationStructure;
  readonly validate: FunctionDeclarationStructure;
}

const PLACEHOLDER = {
  type: 'Widget', input: 'WidgetInput', list: 'WidgetList', api: 'WidgetApi', resource: 'widgetResource',
  validator: 'widgetValidator', is: 'isWidget', validate: 'validateWidget',
} as const;

/** Reads the template's declarations as ts-morph structures. */
export function readKindTemplate(project: Project, text: string): KindTemplate {
  const file = project.createSourceFile('/__template__/kind-api.ts', text, { overwrite: true });
  const list = file.getInterfaceOrThrow(PLACEHOLDER.list).getStructure();
  const resource = file.getVariableStatementOrThrow(PLACEHOLDER.resource).getStructure();
  const api = file.getClassOrThrow(PLACEHOLDER.api).getStructure();
  const validator = file.getVariableStatementOrThrow(PLACEHOLDER.validator).getStructure();
  const is = functionStructure(file.getFunctionOrThrow(PLACEHOLDER.is).getStructure());
  const validate = functionStructure(file.getFunctionOrThrow(PLACEHOLDER.validate).getStructure());
  project.removeSourceFile(file);
  return { list, resource, api, validator, is, validate };
}

/** What each declaration of a KindTemplate is. */
const TEMPLATE_KINDS: Readonly<Record<keyof KindTemplate, number>> = {
  list: StructureKind.Interface,
  resource: StructureKind.VariableStatement,
  api: StructureKind.Class,
  validator: StructureKind.VariableStatement,
  is: StructureKind.Function,
  validate: StructureKind.Function,
};

/**
 * The template's declarations from their JSON (as readKindTemplate read them before: its
 * structures are plain data), or undefined when the text is not such JSON.
 */
export function parseStoredTemplate(json: string): KindTemplate | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as { [key: string]: unknown };
  const whole = Object.entries(TEMPLATE_KINDS).every(([key, kind]) => {
    const structure = record[key];
    return typeof structure === 'object' && structure !== null && (structure as { kind?: unknown }).kind === kind;
  });
  return whole ? (value as KindTemplate) : undefined;
}

function functionStructure(s: FunctionDeclarationStructure | FunctionDeclarationOverloadStructure): FunctionDeclarationStructure {
  if (s.kind !== StructureKind.Function) throw new Error('templates/kind-api.ts: the validator functions must not be overloaded');
  return s;
}

type Tag = 'status' | 'scale' | 'validators';

/** The names of a kind's validator statement and functions. */
export function validatorNames(kind: KindPlan): { validator: string; is: string; validate: string } {
  return { validator: kind.resourceName.replace(/Resource$/, 'Validator'), is: `is${kind.typeName}`, validate: `validate${kind.typeName}` };
}

/** What of a kind decides which members and tags of the template it keeps (the rest is names and literals). */
export interface TemplateVariant {
  readonly status: boolean;
  readonly scale: boolean;
  readonly validators: boolean;
  readonly deprecated: boolean;
  readonly deprecationWarning: string | undefined;
}

export function templateVariant(kind: KindPlan, validators: boolean): TemplateVariant {
  const { version } = kind;
  return { status: version.subresources.status, scale: version.subresources.scale !== undefined, validators, deprecated: version.deprecated, deprecationWarning: version.deprecationWarning };
}

/** Every placeholder name and literal of the template, and `a Widget` in prose. */
export const PLACEHOLDERS = /\b[Aa]n? Widget\b|'example\.com\/v1'|'WidgetList'|'Widget'|'Namespaced'|\bwidgetResource\b|\bwidgetValidator\b|\bisWidget\b|\bvalidateWidget\b|\bWidgetList\b|\bWidgetApi\b|\bWidgetInput\b|\bWidget\b/g;

/** What a match of PLACEHOLDERS becomes for `kind`. */
export function placeholderValue(kind: KindPlan): (match: string) => string {
  const { crd, version } = kind;
  const names = validatorNames(kind);
  const replacements = new Map<string, string>([
    [`'example.com/v1'`, stringLiteral(`${crd.group}/${version.name}`)],
    [`'WidgetList'`, stringLiteral(crd.names.listKind)],
    [`'Widget'`, stringLiteral(crd.names.kind)],
    [`'Namespaced'`, crd.scope === 'Cluster' ? `'Cluster'` : `'Namespaced'`],
    [PLACEHOLDER.resource, kind.resourceName],
    [PLACEHOLDER.validator, names.validator],
    [PLACEHOLDER.is, names.is],
    [PLACEHOLDER.validate, names.validate],
    [PLACEHOLDER.list, kind.listName],
    [PLACEHOLDER.api, kind.apiName],
    [PLACEHOLDER.input, kind.inputName],
    [PLACEHOLDER.type, kind.typeName],
  ]);
  // `a Widget` in prose takes the article of the kind's name: `an Exporter`.
  const articled = (m: string) => (m.startsWith('A') ? capitalized(withArticle(kind.typeName)) : withArticle(kind.typeName));
  return (m) => (/ Widget$/.test(m) ? articled(m) : (replacements.get(m) ?? m));
}

/**
 * The template's declarations for one kind: placeholder names and literals replaced in a single
 * pass (so a kind named like a placeholder is never replaced twice), and subresource members kept
 * only when the CRD declares the subresource.
 */
export function instantiate(template: KindTemplate, kind: KindPlan, validators: boolean): KindTemplate {
  return instantiateWith(template, templateVariant(kind, validators), placeholderValue(kind));
}

/** The template's declarations for a variant, each match of PLACEHOLDERS in their text replaced by `value` of it. */
export function instantiateWith(template: KindTemplate, variant: TemplateVariant, value: (match: string) => string): KindTemplate {
  const rename = <T>(v: T): T => mapStrings(v, (s) => s.replace(PLACEHOLDERS, value));
  const keep = (docs: ReadonlyArray<OptionalKind<JSDocStructure> | string> | undefined): boolean => {
    const tag = memberTag(docs);
    if (tag === 'status') return variant.status;
    if (tag === 'scale') return variant.scale;
    if (tag === 'validators') return variant.validators;
    return true;
  };
  const api = rename(template.api);
  const deprecation = variant.deprecated ? [deprecatedTag(variant.deprecationWarning)] : [];
  return {
    list: rename(template.list),
    resource: rename(template.resource),
    api: {
      ...api,
      docs: (api.docs ?? []).map((d) => (typeof d === 'string' ? d : { ...d, tags: [...(d.tags ?? []), ...deprecation] })),
      methods: (api.methods ?? []).filter((m) => keep(m.docs)).map((m) => ({ ...m, docs: (m.docs ?? []).map(withoutCrdgenTag) })),
      properties: (api.properties ?? []).filter((p) => keep(p.docs)).map((p) => ({ ...p, docs: (p.docs ?? []).map(withoutCrdgenTag).filter(hasText) })),
    },
    validator: rename(template.validator),
    is: rename(template.is),
    validate: rename(template.validate),
  };
}

export function deprecatedTag(warning: string | undefined) {
  return { kind: StructureKind.JSDocTag, tagName: 'deprecated', text: commentText(warning ?? 'This version is deprecated.') } as const;
}

function memberTag(docs: ReadonlyArray<OptionalKind<JSDocStructure> | string> | undefined): Tag | undefined {
  for (const doc of docs ?? []) {
    if (typeof doc === 'string') continue;
    const tag = doc.tags?.find((t) => t.tagName === 'crdgen');
    const text = typeof tag?.text === 'string' ? tag.text.trim() : undefined;
    if (text === 'status' || text === 'scale' || text === 'validators') return text;
  }
  return undefined;
}

/** A doc left empty once its crdgen tag is gone is dropped (no empty comment is printed). */
function hasText(doc: OptionalKind<JSDocStructure> | string): boolean {
  return typeof doc === 'string' ? doc.trim() !== '' : (typeof doc.description === 'string' && doc.description.trim() !== '') || (doc.tags ?? []).length > 0;
}

function withoutCrdgenTag(doc: OptionalKind<JSDocStructure> | string): OptionalKind<JSDocStructure> | string {
  return typeof doc === 'string' ? doc : { ...doc, tags: (doc.tags ?? []).filter((t) => t.tagName !== 'crdgen') };
}

/** Deep copy of a structure with every string rewritten (functions and other values are kept). */
function mapStrings<T>(value: T, f: (s: string) => string): T {
  if (typeof value === 'string') return f(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)])) as T;
  }
  return value;
}
