/**
 * Request bodies in `application/vnd.kubernetes.protobuf`, which kubectl's typed commands
 * (`kubectl create namespace|configmap|secret`) send for built-in kinds. The envelope is
 * `k8s\0` + runtime.Unknown {typeMeta, raw}; `raw` is decoded with field tables transcribed from
 * k8s.io/api's generated.proto for the kinds served here. Answers stay JSON, which those clients
 * accept too (they send `Accept: application/vnd.kubernetes.protobuf,application/json`).
 */
import type { JsonObject } from './json.js';
import { badRequest } from './status.js';

type Kind = 'string' | 'bytes' | 'int' | 'bool' | 'stringMap' | 'bytesMap' | 'strings' | Table | { readonly list: Table };
type Table = Readonly<Record<number, readonly [string, Kind]>>;

const TIME: Table = { 1: ['seconds', 'int'], 2: ['nanos', 'int'] };
const OWNER_REFERENCE: Table = {
  1: ['kind', 'string'],
  3: ['name', 'string'],
  4: ['uid', 'string'],
  5: ['apiVersion', 'string'],
  6: ['controller', 'bool'],
  7: ['blockOwnerDeletion', 'bool'],
};
const OBJECT_META: Table = {
  1: ['name', 'string'],
  2: ['generateName', 'string'],
  3: ['namespace', 'string'],
  5: ['uid', 'string'],
  6: ['resourceVersion', 'string'],
  7: ['generation', 'int'],
  8: ['creationTimestamp', TIME],
  11: ['labels', 'stringMap'],
  12: ['annotations', 'stringMap'],
  13: ['ownerReferences', { list: OWNER_REFERENCE }],
  14: ['finalizers', 'strings'],
};
const PRECONDITIONS: Table = { 1: ['uid', 'string'], 2: ['resourceVersion', 'string'] };

const DELETE_OPTIONS: Table = {
  1: ['gracePeriodSeconds', 'int'],
  2: ['preconditions', PRECONDITIONS],
  3: ['orphanDependents', 'bool'],
  4: ['propagationPolicy', 'string'],
  5: ['dryRun', 'strings'],
};

/** Message tables by `apiVersion/kind`. */
const KINDS: Readonly<Record<string, Table>> = {
  'v1/Namespace': { 1: ['metadata', OBJECT_META], 2: ['spec', { 1: ['finalizers', 'strings'] }] },
  'v1/ConfigMap': { 1: ['metadata', OBJECT_META], 2: ['data', 'stringMap'], 3: ['binaryData', 'bytesMap'], 4: ['immutable', 'bool'] },
  'v1/Secret': {
    1: ['metadata', OBJECT_META],
    2: ['data', 'bytesMap'],
    3: ['type', 'string'],
    4: ['stringData', 'stringMap'],
    5: ['immutable', 'bool'],
  },
  'v1/DeleteOptions': DELETE_OPTIONS,
  'meta.k8s.io/v1/DeleteOptions': DELETE_OPTIONS,
};

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

export function isProtobuf(contentType: string): boolean {
  return contentType.toLowerCase().split(';')[0]?.trim() === 'application/vnd.kubernetes.protobuf';
}

/** The JSON form of a protobuf request body; 415 as the real server words it for kinds not known here. */
export function decodeProtobuf(body: Buffer): JsonObject {
  if (!body.subarray(0, 4).equals(MAGIC)) throw badRequest('the body of the request could not be decoded: missing protobuf magic prefix');
  const unknown = message(body.subarray(4), { 1: ['typeMeta', { 1: ['apiVersion', 'string'], 2: ['kind', 'string'] }], 2: ['raw', 'bytes'] }, true);
  const typeMeta = (unknown.typeMeta ?? {}) as JsonObject;
  const apiVersion = String(typeMeta.apiVersion ?? '');
  const kind = String(typeMeta.kind ?? '');
  const table = KINDS[`${apiVersion}/${kind}`];
  if (!table) throw badRequest(`no kind "${kind}" is registered for version "${apiVersion}" in scheme "crdgen test server (protobuf)"`);
  const raw = unknown.raw instanceof Buffer ? unknown.raw : Buffer.alloc(0);
  return { apiVersion, kind, ...message(raw, table, true) };
}

interface Cursor {
  readonly bytes: Buffer;
  offset: number;
}

function varint(c: Cursor): bigint {
  let result = 0n;
  for (let shift = 0n; ; shift += 7n) {
    const byte = c.bytes[c.offset++];
    if (byte === undefined) throw badRequest('the body of the request could not be decoded: truncated protobuf');
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return result;
  }
}

function chunk(c: Cursor): Buffer {
  const length = Number(varint(c));
  const out = c.bytes.subarray(c.offset, c.offset + length);
  c.offset += length;
  return out;
}

/** Decodes one message; `keepBytes` leaves `bytes` fields as Buffers (the envelope's raw). */
function message(bytes: Buffer, table: Table, keepBytes = false): JsonObject {
  const out: JsonObject = {};
  const c: Cursor = { bytes, offset: 0 };
  while (c.offset < bytes.length) {
    const key = Number(varint(c));
    const wire = key & 7;
    const spec = table[key >>> 3];
    if (wire === 0) {
      const value = varint(c);
      if (spec) out[spec[0]] = spec[1] === 'bool' ? value !== 0n : Number(BigInt.asIntN(64, value));
    } else if (wire === 2) {
      const payload = chunk(c);
      if (spec) assign(out, spec[0], spec[1], payload, keepBytes);
    } else if (wire === 5) c.offset += 4;
    else if (wire === 1) c.offset += 8;
    else throw badRequest(`the body of the request could not be decoded: protobuf wire type ${wire}`);
  }
  return out;
}

function assign(out: JsonObject, name: string, kind: Kind, payload: Buffer, keepBytes: boolean): void {
  if (kind === 'string') out[name] = payload.toString('utf8');
  else if (kind === 'bytes') out[name] = keepBytes ? Buffer.from(payload) : payload.toString('base64');
  else if (kind === 'strings') out[name] = [...((out[name] as string[] | undefined) ?? []), payload.toString('utf8')];
  else if (kind === 'stringMap' || kind === 'bytesMap') {
    const entry = message(payload, { 1: ['key', 'string'], 2: ['value', kind === 'stringMap' ? 'string' : 'bytes'] });
    out[name] = { ...((out[name] as JsonObject | undefined) ?? {}), [String(entry.key ?? '')]: entry.value ?? '' };
  } else if (typeof kind === 'object' && 'list' in kind) {
    out[name] = [...((out[name] as JsonObject[] | undefined) ?? []), message(payload, kind.list as Table)];
  } else if (typeof kind === 'object') {
    const decoded = message(payload, kind as Table);
    out[name] = kind === TIME ? timeString(decoded) : decoded;
  }
}

function timeString(time: JsonObject): string {
  return new Date(Number(time.seconds ?? 0) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
