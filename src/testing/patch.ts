/**
 * The patch formats a custom resource accepts: JSON merge patch (RFC 7386), JSON patch (RFC 6902)
 * (server-side apply lives in ./apply.ts and ./ssa). Each returns a new document.
 */
import { StatusError, badRequest } from './status.js';
import { clone, deepEqual, isObject, type JsonObject } from './json.js';

export type PatchType = 'merge' | 'json' | 'apply';

/** Maps a PATCH Content-Type to its format; strategic merge and anything else is 415. */
export function patchTypeOf(contentType: string): PatchType | undefined {
  const media = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (media === 'application/merge-patch+json') return 'merge';
  if (media === 'application/json-patch+json') return 'json';
  if (media === 'application/apply-patch+yaml' || media === 'application/apply-patch+json') return 'apply';
  return undefined;
}

/** RFC 7386: objects merge key by key, `null` deletes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return clone(patch);
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

interface Operation {
  readonly op: string;
  readonly path: string;
  readonly from?: string;
  readonly value?: unknown;
}

/** RFC 6902: add, remove, replace, move, copy, test; `-` appends to an array. */
export function jsonPatch(target: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = clone(target);
  for (const raw of operations) {
    const op = parseOperation(raw);
    switch (op.op) {
      case 'add':
        doc = put(doc, pointer(op.path), clone(op.value), 'add');
        break;
      case 'remove':
        doc = remove(doc, pointer(op.path), op.path).doc;
        break;
      case 'replace':
        doc = put(doc, pointer(op.path), clone(op.value), 'replace');
        break;
      case 'move': {
        const from = requireFrom(op);
        const taken = remove(doc, pointer(from), from);
        doc = put(taken.doc, pointer(op.path), taken.value, 'add');
        break;
      }
      case 'copy': {
        const from = requireFrom(op);
        doc = put(doc, pointer(op.path), clone(lookup(doc, pointer(from), from)), 'add');
        break;
      }
      case 'test':
        if (!deepEqual(lookup(doc, pointer(op.path), op.path), op.value)) {
          throw patchFailed(`testing value ${op.path} failed: test failed`);
        }
        break;
      default:
        throw badRequest(`Unexpected kind: ${op.op}`);
    }
  }
  return doc;
}

function parseOperation(raw: unknown): Operation {
  if (!isObject(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') {
    throw badRequest('json patch operation must be an object with string "op" and "path"');
  }
  if ((raw.op === 'add' || raw.op === 'replace' || raw.op === 'test') && !('value' in raw)) {
    throw patchFailed(`${raw.op} operation does not apply: missing value`);
  }
  return raw as unknown as Operation;
}

function requireFrom(op: Operation): string {
  if (typeof op.from !== 'string') throw patchFailed(`${op.op} operation does not apply: missing from`);
  return op.from;
}

/** A failed patch as kube reports it: 422 with the detail in the single cause. */
function patchFailed(detail: string): StatusError {
  return new StatusError(422, 'Invalid', 'the server rejected our request due to an error in our request', {
    causes: [{ reason: 'UnexpectedServerResponse', message: detail }],
  });
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw badRequest(`invalid JSON pointer: ${JSON.stringify(path)}`);
  return path
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function lookup(doc: unknown, keys: readonly string[], path: string): unknown {
  let current = doc;
  for (const key of keys) {
    if (Array.isArray(current)) current = current[arrayIndex(key, current.length, false, path)];
    else if (isObject(current) && key in current) current = current[key];
    else throw patchFailed(`doc is missing path: ${JSON.stringify(path)}: missing value`);
  }
  return current;
}

function arrayIndex(key: string, length: number, allowEnd: boolean, path: string): number {
  if (allowEnd && key === '-') return length;
  const index = /^(0|[1-9][0-9]*)$/.test(key) ? Number(key) : NaN;
  if (Number.isNaN(index) || index > length || (!allowEnd && index >= length)) {
    throw patchFailed(`doc is missing path: ${JSON.stringify(path)}: missing value`);
  }
  return index;
}

/** Sets (add: inserts into arrays; replace: the target must exist) the value at `keys` in a copy. */
function put(doc: unknown, keys: readonly string[], value: unknown, mode: 'add' | 'replace'): unknown {
  const [head, ...rest] = keys;
  if (head === undefined) return value;
  const path = `/${keys.join('/')}`;
  if (Array.isArray(doc)) {
    const out = [...doc];
    if (rest.length > 0) {
      const i = arrayIndex(head, doc.length, false, path);
      out[i] = put(doc[i], rest, value, mode);
    } else if (mode === 'add') {
      out.splice(arrayIndex(head, doc.length, true, path), 0, value);
    } else {
      out[arrayIndex(head, doc.length, false, path)] = value;
    }
    return out;
  }
  if (!isObject(doc)) throw patchFailed(`${mode} operation does not apply: doc is missing path: ${JSON.stringify(path)}`);
  if (rest.length > 0) {
    if (!(head in doc)) throw patchFailed(`${mode} operation does not apply: doc is missing path: ${JSON.stringify(path)}`);
    return { ...doc, [head]: put(doc[head], rest, value, mode) };
  }
  if (mode === 'replace' && !(head in doc)) {
    throw patchFailed(`replace operation does not apply: doc is missing key: ${path}: missing value`);
  }
  return { ...doc, [head]: value };
}

function remove(doc: unknown, keys: readonly string[], path: string): { doc: unknown; value: unknown } {
  const [head, ...rest] = keys;
  if (head === undefined) throw patchFailed('remove operation does not apply: cannot remove the whole document');
  if (Array.isArray(doc)) {
    const i = arrayIndex(head, doc.length, false, path);
    const out = [...doc];
    if (rest.length === 0) {
      out.splice(i, 1);
      return { doc: out, value: doc[i] };
    }
    const inner = remove(doc[i], rest, path);
    out[i] = inner.doc;
    return { doc: out, value: inner.value };
  }
  if (!isObject(doc) || !(head in doc)) {
    throw patchFailed(`remove operation does not apply: doc is missing path: ${JSON.stringify(path)}: missing value`);
  }
  if (rest.length === 0) {
    const { [head]: value, ...out } = doc;
    return { doc: out, value };
  }
  const inner = remove(doc[head], rest, path);
  return { doc: { ...doc, [head]: inner.doc }, value: inner.value };
}
