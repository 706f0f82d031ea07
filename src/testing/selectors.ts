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

