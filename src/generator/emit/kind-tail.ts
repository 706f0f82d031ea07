// The end of every kind file, from the template: its List interface, resource descriptor and API
// class (with --validators also the validator and its two functions). ts-morph prints them the
// same for every kind but for the names and literals in them, so without validators they are
// printed once per thread and variant (which members and tags are kept, see TemplateVariant) with
// a numbered slot for each name and literal, which each kind then fills in.
//
// A slot is a NUL, its number and a NUL; a literal keeps its quotes around the slot. Filling one in
// gives what ts-morph prints for the kind's own structures as long as neither the slot nor the
// value holds a character ts-morph's writer acts on (quotes, slashes, asterisks, backslashes,
// braces, `$`, line breaks; see code-block-writer's _updateInternalState) at its ends or, but for
// a `/` between words of a literal (inside its quotes), anywhere: the writer then reads both the
// same way. A kind with any other value (PlainValue) is printed by ts-morph, as is a template whose
// text holds a NUL.
import type { VariableStatementStructure } from 'ts-morph';
import { stringLiteral } from '../escape.js';
import type { KindPlan } from '../plan/plan.js';
import { printStatements, type PrintedTail, type Statement } from './print-declarations.js';
import { instantiate, instantiateWith, placeholderValue, templateVariant, type KindTemplate, type TemplateVariant } from './template.js';
import { validatorStatement } from './validators.js';

/** The resource descriptor's values, each as TypeScript text (literals quoted). */
interface ResourceFields {
  readonly name: string;
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly kind: string;
  readonly listKind: string;
  readonly namespaced: string;
  readonly status: string;
  readonly scale: string;
}

type FieldKey = Exclude<keyof ResourceFields, 'name'>;
const QUOTED_FIELDS: ReadonlySet<FieldKey> = new Set(['group', 'version', 'plural', 'kind', 'listKind']);
const FIELDS: readonly FieldKey[] = ['group', 'version', 'plural', 'kind', 'listKind', 'namespaced', 'status', 'scale'];

function resourceFields(kind: KindPlan): ResourceFields {
  const { crd, version } = kind;
  return {
    name: kind.resourceName,
    group: stringLiteral(crd.group),
    version: stringLiteral(version.name),
    plural: stringLiteral(crd.names.plural),
    kind: stringLiteral(crd.names.kind),
    listKind: stringLiteral(crd.names.listKind),
    namespaced: String(crd.scope === 'Namespaced'),
    status: String(version.subresources.status),
    scale: String(version.subresources.scale !== undefined),
  };
}

/**
 * The resource descriptor as text: ts-morph gives multi-line initializers a hanging indent, so the
 * statement is written whole (its doc comment still comes from the template).
 */
function resourceStatement(statement: VariableStatementStructure, fields: ResourceFields): string {
  const docs = (statement.docs ?? []).map((d) => (typeof d === 'string' ? d : typeof d.description === 'string' ? d.description : ''));
  const name = statement.declarations[0]?.name ?? fields.name;
  return [
    ...docs.filter((d) => d !== '').map((d) => `/** ${d} */`),
    `export const ${name} = {`,
    `  group: ${fields.group},`,
    `  version: ${fields.version},`,
    `  plural: ${fields.plural},`,
    `  kind: ${fields.kind},`,
    `  listKind: ${fields.listKind},`,
    `  namespaced: ${fields.namespaced},`,
    `  subresources: { status: ${fields.status}, scale: ${fields.scale} },`,
    '} as const satisfies ResourceDescriptor;',
  ].join('\n');
}

/** The tail's statements for one kind, as ts-morph prints them with the rest of its file. */
function tailStatements(template: KindTemplate, kind: KindPlan, validators: boolean): Statement[] {
  const own = instantiate(template, kind, validators);
  return [
    own.list,
    resourceStatement(own.resource, resourceFields(kind)),
    ...(validators ? [validatorStatement(own.validator, kind), own.is, own.validate] : []),
    own.api,
  ];
}

/** The tail of `kind`'s file: its statements, and their text (filled in from the variant's print when it can be). */
export function kindTail(template: KindTemplate, kind: KindPlan, validators: boolean): PrintedTail {
  const statements = () => tailStatements(template, kind, validators);
  return { statements, text: () => slotTail(template, kind, validators) ?? printStatements(statements()) };
}

/**
 * The tail's text filled in from its variant's print with slots; undefined when ts-morph must print
 * it (--validators, a template holding a NUL, a value no slot can stand for).
 */
export function slotTail(template: KindTemplate, kind: KindPlan, validators: boolean): string | undefined {
  if (validators) return undefined;
  const printed = printedVariant(template, templateVariant(kind, validators));
  return printed === null ? undefined : filledIn(printed, kind);
}

/** A variant's tail printed with slots: the text, and what each slot stands for (a placeholder match or a resource field). */
export interface Printed {
  readonly text: string;
  readonly keys: ReadonlyArray<{ readonly placeholder?: string; readonly field?: FieldKey; readonly quoted: boolean }>;
}

const SLOT = /\u0000(\d+)\u0000/g;
/** Variants kept per template and thread (a deprecation warning makes a variant of its own). */
const MAX_VARIANTS = 64;
const printedByTemplate = new WeakMap<KindTemplate, Map<string, Printed | null>>();

/** The variant's tail printed with slots, made once per template and thread; null when slots cannot stand in (a NUL in the text). */
export function printedVariant(template: KindTemplate, variant: TemplateVariant): Printed | null {
  let byVariant = printedByTemplate.get(template);
  if (byVariant === undefined) printedByTemplate.set(template, (byVariant = new Map()));
  const key = JSON.stringify(variant);
  let printed = byVariant.get(key);
  if (printed === undefined) {
    printed = printWithSlots(template, variant);
    if (byVariant.size < MAX_VARIANTS) byVariant.set(key, printed);
  }
  return printed;
}

function printWithSlots(template: KindTemplate, variant: TemplateVariant): Printed | null {
  if (JSON.stringify(template).includes('\\u0000') || variant.deprecationWarning?.includes('\u0000')) return null;
  const keys: Array<Printed['keys'][number]> = [];
  const slot = (key: Printed['keys'][number]): string => {
    let index = keys.findIndex((k) => k.placeholder === key.placeholder && k.field === key.field);
    if (index < 0) index = keys.push(key) - 1;
    const text = `\u0000${index}\u0000`;
    return key.quoted ? `'${text}'` : text;
  };
  const own = instantiateWith(template, variant, (match) => slot({ placeholder: match, quoted: match.startsWith("'") }));
  const fields = Object.fromEntries(FIELDS.map((field) => [field, slot({ field, quoted: QUOTED_FIELDS.has(field) })])) as Omit<ResourceFields, 'name'>;
  const text = printStatements([own.list, resourceStatement(own.resource, { ...fields, name: slot({ placeholder: 'widgetResource', quoted: false }) }), own.api]);
  return text.replace(SLOT, '').includes('\u0000') ? null : { text, keys };
}

/** A literal's text between its quotes when the writer reads it as it reads a slot: words, `/` between them. */
const QUOTED_VALUE = /^'([\w.-]+(?:\/[\w.-]+)*)'$/;
/** A name, `a Name`, `true`: word characters only, but for one space between two words. */
const PLAIN_VALUE = /^\w+(?: \w+)?$/;

/** The variant's text with the kind's values in its slots; undefined when one of them could not stand in a slot. */
function filledIn(printed: Printed, kind: KindPlan): string | undefined {
  const placeholder = placeholderValue(kind);
  const fields = resourceFields(kind);
  const values: string[] = [];
  for (const key of printed.keys) {
    const value = key.field !== undefined ? fields[key.field] : placeholder(key.placeholder ?? '');
    const plain = key.quoted ? QUOTED_VALUE.exec(value)?.[1] : PLAIN_VALUE.test(value) ? value : undefined;
    if (plain === undefined) return undefined;
    values.push(plain);
  }
  return printed.text.replace(SLOT, (_, index: string) => values[Number(index)] as string);
}
