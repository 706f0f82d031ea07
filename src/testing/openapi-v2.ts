/**
 * OpenAPI v2 (`/openapi/v2`), which kubectl before 1.29 uses for `apply` validation and `explain`.
 * They ask for protobuf only (gnostic's `openapi.v2.Document`), so the document is encoded here by
 * hand: definitions only (no paths), each custom resource's schema converted as the real server
 * publishes CRD schemas to v2 (no nullable/anyOf/oneOf/allOf/not; preserve-unknown-fields and
 * int-or-string nodes become untyped so old kubectl does not reject what the server accepts).
 * JSON is served too when asked for.
 */
import { header, reply, type ApiRequest, type Reply } from './http.js';
import { isObject, type JsonObject } from './json.js';
import type { Registry, ResourceRef } from './registry.js';

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
/** Go's mime parser rejects the `@` of the name clients ask for; the server answers with this one. */
const PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

export function openApiV2(registry: Registry, request: ApiRequest): Reply {
  const doc = swaggerDocument(registry);
  if (header(request, 'accept').includes('protobuf')) return { code: 200, body: encodeDocument(doc), contentType: PROTOBUF };
  return reply(200, doc);
}

function swaggerDocument(registry: Registry): JsonObject {
  const definitions: JsonObject = { [OBJECT_META]: objectMeta() };
  for (const type of registry.all()) {
    if (type.group === 'apiextensions.k8s.io') continue;
    for (const version of type.versions.filter((v) => v.served)) {
      const ref: ResourceRef = { type, version };
      definitions[[...type.group.split('.').reverse(), version.name, type.kind].join('.')] = kindSchema(ref);
    }
  }
  return { swagger: '2.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths: {}, definitions };
}

function kindSchema({ type, version }: ResourceRef): JsonObject {
  const converted = version.schema ? toV2(version.schema) : {};
  const properties = isObject(converted.properties) ? converted.properties : undefined;
  return {
    ...converted,
    type: 'object',
    ...(properties
      ? {
          properties: {
            ...properties,
            apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object.' },
            kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents.' },
            metadata: { $ref: `#/definitions/${OBJECT_META}` },
          },
        }
      : {}),
    'x-kubernetes-group-version-kind': [{ group: type.group, kind: type.kind, version: version.name }],
  };
}

/** A CRD schema node as kube-apiserver publishes it in OpenAPI v2. */
function toV2(schema: JsonObject): JsonObject {
  if (schema['x-kubernetes-int-or-string'] === true || schema['x-kubernetes-preserve-unknown-fields'] === true) {
    return typeof schema.description === 'string' ? { description: schema.description } : {};
  }
  const out: JsonObject = {};
  for (const key of ['description', 'type', 'format', 'required', 'enum']) if (schema[key] !== undefined) out[key] = schema[key];
  if (isObject(schema.items)) out.items = toV2(schema.items);
  if (isObject(schema.properties)) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([name, value]) => [name, isObject(value) ? toV2(value) : {}]),
    );
  }
  if (isObject(schema.additionalProperties)) out.additionalProperties = toV2(schema.additionalProperties);
  else if (typeof schema.additionalProperties === 'boolean') out.additionalProperties = schema.additionalProperties;
  return out;
}

function objectMeta(): JsonObject {
  const str = { type: 'string' };
  const map = { type: 'object', additionalProperties: { type: 'string' } };
  const list = { type: 'array', items: { type: 'object' } };
  return {
    description: 'ObjectMeta is metadata that all persisted resources must have.',
    type: 'object',
    properties: {
      name: { ...str, description: 'Name must be unique within a namespace.' },
      generateName: str,
      namespace: str,
      selfLink: str,
      uid: str,
      resourceVersion: str,
      generation: { type: 'integer', format: 'int64' },
      creationTimestamp: { ...str, format: 'date-time' },
      deletionTimestamp: { ...str, format: 'date-time' },
      deletionGracePeriodSeconds: { type: 'integer', format: 'int64' },
      labels: map,
      annotations: map,
      finalizers: { type: 'array', items: str },
      ownerReferences: list,
      managedFields: list,
    },
  };
}

// --- protobuf encoding of gnostic's openapi.v2 messages (field numbers from OpenAPIv2.proto) ---

type Part = Buffer;

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let n = BigInt(value) & 0xffffffffffffffffn;
  do {
    let byte = Number(n & 0x7fn);
    n >>= 7n;
    if (n > 0n) byte |= 0x80;
    bytes.push(byte);
  } while (n > 0n);
  return Buffer.from(bytes);
}

function lengthDelimited(field: number, payload: Buffer): Part {
  return Buffer.concat([varint((field << 3) | 2), varint(payload.length), payload]);
}

const str = (field: number, value: string): Part => lengthDelimited(field, Buffer.from(value, 'utf8'));
const msg = (field: number, parts: Part[]): Part => lengthDelimited(field, Buffer.concat(parts));
const bool = (field: number, value: boolean): Part => Buffer.concat([varint(field << 3), varint(value ? 1 : 0)]);
/** `Any { string yaml = 2 }`: JSON is YAML. */
const anyValue = (field: number, value: unknown): Part => msg(field, [str(2, JSON.stringify(value))]);
/** `NamedX { string name = 1; X value = 2 }` */
const named = (field: number, name: string, value: Part[]): Part => msg(field, [str(1, name), msg(2, value)]);

export function encodeDocument(doc: JsonObject): Buffer {
  const info = isObject(doc.info) ? doc.info : {};
  const definitions = isObject(doc.definitions) ? doc.definitions : {};
  return Buffer.concat([
    str(1, String(doc.swagger ?? '2.0')),
    msg(2, [str(1, String(info.title ?? '')), str(2, String(info.version ?? ''))]),
    msg(8, []),
    msg(9, Object.entries(definitions).map(([name, schema]) => named(1, name, encodeSchema(isObject(schema) ? schema : {})))),
  ]);
}

function encodeSchema(schema: JsonObject): Part[] {
  const parts: Part[] = [];
  if (typeof schema.$ref === 'string') parts.push(str(1, schema.$ref));
  if (typeof schema.format === 'string') parts.push(str(2, schema.format));
  if (typeof schema.description === 'string') parts.push(str(4, schema.description));
  if (Array.isArray(schema.required)) for (const r of schema.required) parts.push(str(19, String(r)));
  if (Array.isArray(schema.enum)) for (const e of schema.enum) parts.push(anyValue(20, e));
  if (isObject(schema.additionalProperties)) parts.push(msg(21, [msg(1, encodeSchema(schema.additionalProperties))]));
  else if (typeof schema.additionalProperties === 'boolean') parts.push(msg(21, [bool(2, schema.additionalProperties)]));
  if (typeof schema.type === 'string') parts.push(msg(22, [str(1, schema.type)]));
  if (isObject(schema.items)) parts.push(msg(23, [msg(1, encodeSchema(schema.items))]));
  if (isObject(schema.properties)) {
    const props = Object.entries(schema.properties).map(([name, value]) => named(1, name, encodeSchema(isObject(value) ? value : {})));
    parts.push(msg(25, props));
  }
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-')) parts.push(msg(31, [str(1, key), msg(2, [str(2, JSON.stringify(value))])]));
  }
  return parts;
}
