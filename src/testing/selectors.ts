/**
 * Field selectors (`metadata.name`, `metadata.namespace` with `=`, `==`, `!=`) as the query
 * parameters carry them (already form-decoded by URLSearchParams, so `+` is a space); label
 * selectors are in label-selector.ts.
 */
import { objectAt, type JsonObject } from './json.js';
import { badRequest } from './status.js';

export type Selector = (object: JsonObject) => boolean;

const matchAll: Selector = () => true;

export { parseLabelSelector } from './label-selector.js';

/** The fields a custom resource can be selected by (CRD `selectableFields` are not supported). */
const FIELD_GETTERS: Readonly<Record<string, (object: JsonObject) => string>> = {
  'metadata.name': (o) => String(objectAt(o, 'metadata').name ?? ''),
  'metadata.namespace': (o) => String(objectAt(o, 'metadata').namespace ?? ''),
};

/**
 * fields.ParseSelector, then the custom-resource field label check: terms split at unescaped
 * commas, each at its first `!=`, `==` or `=`, values unescaped (`\\`, `\,`, `\=`), no trimming.
 */
export function parseFieldSelector(text: string | null): Selector {
  if (text === null || text === '') return matchAll;
  // Every term is parsed before any field label is checked, as parsing and Transform are two steps.
  const terms = splitTerms(text)
    .sort()
    .filter((part) => part !== '')
    .map((part) => {
      const term = splitTerm(part);
      if (!term) throw badRequest(`invalid selector: '${text}'; can't understand '${part}'`);
      const [field, op, raw] = term;
      return { field, op, expected: unescapeValue(raw) };
    });
  const tests = terms.map(({ field, op, expected }): Selector => {
    const get = FIELD_GETTERS[field];
    if (!get) throw badRequest(`field label not supported: ${field}`);
    return op === '!=' ? (o) => get(o) !== expected : (o) => get(o) === expected;
  });
  return (object) => tests.every((test) => test(object));
}

function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === ',') {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms;
}

function splitTerm(term: string): [string, string, string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '=']) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

function unescapeValue(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] ?? '';
    if (ch === '\\') {
      const next = value[i + 1];
      if (next === undefined) throw badRequest('invalid field selector: invalid escape sequence: \\');
      if (next !== '\\' && next !== ',' && next !== '=') throw badRequest(`invalid field selector: invalid escape sequence: \\${next}`);
      out += next;
      i++;
    } else if (ch === ',' || ch === '=') {
      // Go prints the rune as its number.
      throw badRequest(`invalid field selector: unescaped character in value: ${ch.codePointAt(0) ?? 0}`);
    } else out += ch;
  }
  return out;
}
