/**
 * Label selectors (`=`, `==`, `!=`, `in`, `notin`, `key`, `!key`, `>`, `<`) and field selectors
 * (`metadata.name`, `metadata.namespace` with `=`, `==`, `!=`), as the query parameters carry them
 * (already form-decoded by URLSearchParams, so `+` is a space).
 */
import { objectAt, type JsonObject } from './json.js';
import { badRequest } from './status.js';

export type Selector = (object: JsonObject) => boolean;

const matchAll: Selector = () => true;

const KEY = String.raw`[A-Za-z0-9][-A-Za-z0-9_./]*`;
const VALUE = String.raw`[-A-Za-z0-9_.]*`;
const EXISTS = new RegExp(`^(!?)\\s*(${KEY})$`);
const EQUALITY = new RegExp(`^(${KEY})\\s*(==|=|!=)\\s*(${VALUE})$`);
const SET = new RegExp(`^(${KEY})\\s+(in|notin)\\s*\\(([^()]*)\\)$`);
const COMPARE = new RegExp(`^(${KEY})\\s*(<|>)\\s*(-?\\d+)$`);

/** Splits at commas outside parentheses. */
function splitRequirements(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

export function parseLabelSelector(text: string | null): Selector {
  if (text === null || text.trim() === '') return matchAll;
  const tests = splitRequirements(text).map(labelRequirement);
  return (object) => {
    const labels = objectAt(objectAt(object, 'metadata'), 'labels');
    return tests.every((test) => test(labels));
  };
}

type LabelTest = (labels: JsonObject) => boolean;

function labelRequirement(text: string): LabelTest {
  const value = (labels: JsonObject, key: string): string | undefined => {
    const found = labels[key];
    return typeof found === 'string' ? found : undefined;
  };
  let m = EQUALITY.exec(text);
  if (m) {
    const [, key = '', op, expected = ''] = m;
    return op === '!=' ? (l) => value(l, key) !== expected : (l) => value(l, key) === expected;
  }
  m = SET.exec(text);
  if (m) {
    const [, key = '', op, list = ''] = m;
    const values = new Set(list.split(',').map((v) => v.trim()));
    if (op === 'in') return (l) => values.has(value(l, key) ?? '\u0000');
    return (l) => !values.has(value(l, key) ?? '\u0000');
  }
  m = COMPARE.exec(text);
  if (m) {
    const [, key = '', op, bound = '0'] = m;
    return (l) => {
      const found = Number(value(l, key));
      return Number.isFinite(found) && (op === '<' ? found < Number(bound) : found > Number(bound));
    };
  }
  m = EXISTS.exec(text);
  if (m) {
    const [, not, key = ''] = m;
    return not ? (l) => value(l, key) === undefined : (l) => value(l, key) !== undefined;
  }
  throw badRequest(`unable to parse requirement: ${JSON.stringify(text)}: expected a label selector requirement`);
}

const FIELD = /^([A-Za-z0-9_.]+)\s*(==|=|!=)\s*(.*)$/;

/** The fields a custom resource can be selected by (CRD `selectableFields` are not supported). */
const FIELD_GETTERS: Readonly<Record<string, (object: JsonObject) => string>> = {
  'metadata.name': (o) => String(objectAt(o, 'metadata').name ?? ''),
  'metadata.namespace': (o) => String(objectAt(o, 'metadata').namespace ?? ''),
};

export function parseFieldSelector(text: string | null): Selector {
  if (text === null || text.trim() === '') return matchAll;
  const tests = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((part): Selector => {
      const m = FIELD.exec(part);
      if (!m) throw badRequest(`invalid selector: '${text}'; can't understand '${part}'`);
      const [, field = '', op, expected = ''] = m;
      const get = FIELD_GETTERS[field];
      if (!get) throw badRequest(`field label not supported: ${field}`);
      return op === '!=' ? (o) => get(o) !== expected : (o) => get(o) === expected;
    });
  return (object) => tests.every((test) => test(object));
}

