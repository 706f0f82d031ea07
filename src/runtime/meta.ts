// Makes the metadata types true. Kinds type `metadata` as client-node's V1ObjectMeta (Date
// timestamps) and lists as V1ListMeta (`_continue`), but custom objects arrive as raw JSON: strings
// and `continue`. client-node converts its built-in kinds with ObjectSerializer, which neither 1.4
// nor 2.x exports; its model classes are exported and carry the attribute maps that serializer
// walks (property name, wire name, type), so the conversion here follows them. Unlike the
// serializer it keeps fields the installed client-node does not know (a newer server's) and
// builds plain objects.
import * as clientNode from '@kubernetes/client-node';
import type { V1Status } from '@kubernetes/client-node';
import type { RawEvent } from './stream.js';

interface Attribute {
  readonly name: string;
  readonly baseName: string;
  readonly type: string;
}

interface Model {
  getAttributeTypeMap(): readonly Attribute[];
}

type Direction = 'decode' | 'encode';
/** A JSON object; the fields read by name are declared (noPropertyAccessFromIndexSignature). */
type Fields = { [key: string]: unknown; readonly metadata?: unknown; readonly items?: unknown; readonly kind?: unknown };

const ARRAY = /^Array<(.+)>$/;
const MAP = /^\{ ?\[key: ?string\]: ?(.+?);? ?\}$/;

const isRecord = (v: unknown): v is Fields =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

/** A client-node model class by its serializer type name: every model is exported under that name. */
function modelOf(type: string): Model | undefined {
  const candidate = (clientNode as unknown as { readonly [name: string]: unknown })[type];
  const model = candidate as Partial<Model> | undefined;
  return typeof candidate === 'function' && typeof model?.getAttributeTypeMap === 'function' ? (candidate as unknown as Model) : undefined;
}

/** One value of a client-node type. Anything that does not have the expected shape is left alone. */
function convert(value: unknown, type: string, direction: Direction): unknown {
  if (value === null || value === undefined) return value;
  if (type === 'Date') {
    // As the serializer does: `new Date(wire)` in, `toISOString()` (RFC 3339, UTC) out.
    if (direction === 'decode') return typeof value === 'string' ? new Date(value) : value;
    return value instanceof Date ? value.toISOString() : value;
  }
  const array = ARRAY.exec(type);
  if (array) return Array.isArray(value) ? value.map((v) => convert(v, array[1]!, direction)) : value;
  const map = MAP.exec(type);
  if (map) {
    if (!isRecord(value)) return value;
    const out: Fields = {};
    for (const [key, v] of Object.entries(value)) out[key] = convert(v, map[1]!, direction);
    return out;
  }
  const model = modelOf(type);
  return model !== undefined && isRecord(value) ? convertModel(value, model, direction) : value;
}

function convertModel(value: Fields, model: Model, direction: Direction): Fields {
  const attributes = model.getAttributeTypeMap();
  const out: Fields = {};
  for (const [key, v] of Object.entries(value)) {
    const attribute = attributes.find((a) => (direction === 'decode' ? a.baseName : a.name) === key);
    // Unknown to this client-node: kept as it came (a merge patch's null included).
    if (attribute === undefined) out[key] = v;
    else out[direction === 'decode' ? attribute.name : attribute.baseName] = convert(v, attribute.type, direction);
  }
  return out;
}

function withMetadata<T>(object: T, type: string, direction: Direction): T {
  if (!isRecord(object) || !isRecord(object.metadata)) return object;
  return { ...object, metadata: convert(object.metadata, type, direction) } as T;
}

/** An object as the server sent it -> as its type says: metadata timestamps become Dates. */
export function decodeObject<T>(raw: unknown): T {
  return withMetadata(raw, 'V1ObjectMeta', 'decode') as T;
}

/** A list as the server sent it: `metadata.continue` becomes `_continue`, every item is decoded. */
export function decodeList<L>(raw: unknown): L {
  const list = withMetadata(raw, 'V1ListMeta', 'decode');
  if (!isRecord(list) || !Array.isArray(list.items)) return list as L;
  return { ...list, items: list.items.map((item) => decodeObject(item)) } as L;
}

/**
 * A body on its way out (create, replace, merge and apply patches): metadata Dates become RFC 3339
 * strings and property names become wire names, by the same attribute maps as decoding. (For
 * V1ObjectMeta today that equals what JSON.stringify makes of it; this keeps the two directions in
 * step if client-node renames a field, as V1ListMeta does with `continue`.)
 */
export function encodeObject<B>(body: B): B {
  return withMetadata(body, 'V1ObjectMeta', 'encode');
}

/** delete and deleteCollection answer with a Status once the object is gone: `if (!isStatus(r)) r.metadata`. */
export const isStatus = (raw: unknown): raw is V1Status => isRecord(raw) && raw.kind === 'Status';

/** ADDED, MODIFIED and DELETED carry objects; a BOOKMARK only a resourceVersion, an ERROR a Status. */
export function decodeEvent(event: RawEvent): unknown {
  const { type, object } = event;
  return type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED' ? decodeObject(object) : object;
}
