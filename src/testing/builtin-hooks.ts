/**
 * Write rules of the built-in kinds besides Namespace (pkg/apis/core/validation and the v1
 * conversions): Secret `stringData` is merged into base64 `data` and never stored, `type`
 * defaults to Opaque and is immutable; ConfigMap and Secret keys are config keys and nothing
 * changes once `immutable` is set; a Lease's durations are positive.
 */
import { CONFIGMAP_TYPE, LEASE_TYPE, SECRET_TYPE } from './builtins.js';
import { deepEqual, objectAt, without, type JsonObject } from './json.js';
import type { TypeHooks } from './objects.js';
import { typeKey } from './registry.js';
import { badRequest, fieldCause, type StatusCause } from './status.js';

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const CONFIG_KEY_MESSAGE =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or " +
  "'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const IMMUTABLE = 'field is immutable when `immutable` is set';

function keyCauses(object: JsonObject, fields: readonly string[]): StatusCause[] {
  const causes: StatusCause[] = [];
  const seen = new Set<string>();
  for (const field of fields) {
    for (const key of Object.keys(objectAt(object, field))) {
      if (key.length > 253) causes.push(fieldCause(`${field}[${key}]`, 'FieldValueInvalid', 'must be no more than 253 characters', key));
      else if (!CONFIG_KEY.test(key)) causes.push(fieldCause(`${field}[${key}]`, 'FieldValueInvalid', CONFIG_KEY_MESSAGE, key));
      if (seen.has(key)) causes.push(fieldCause(`${field}[${key}]`, 'FieldValueInvalid', 'duplicate of key present in data', key));
      seen.add(key);
    }
  }
  return causes;
}

/** With `immutable: true` before, the data fields and the flag itself stay as they were. */
function immutableCauses(object: JsonObject, previous: JsonObject | undefined, fields: readonly string[]): StatusCause[] {
  if (previous?.immutable !== true) return [];
  const causes: StatusCause[] = [];
  for (const field of fields) {
    if (!deepEqual(object[field] ?? {}, previous[field] ?? {})) causes.push(fieldCause(field, 'FieldValueForbidden', IMMUTABLE));
  }
  if (object.immutable !== true) causes.push(fieldCause('immutable', 'FieldValueForbidden', IMMUTABLE));
  return causes;
}

function configMapHooks(): TypeHooks {
  const fields = ['data', 'binaryData'];
  return {
    validate: (object, previous) => [...keyCauses(object, fields), ...immutableCauses(object, previous, fields)],
    prepare(object) {
      for (const value of Object.values(objectAt(object, 'binaryData'))) {
        if (typeof value === 'string' && !BASE64.test(value)) throw undecodable('ConfigMap', value);
      }
      return object;
    },
  };
}

/** The 400 a []byte field that is not base64 gets when the body is decoded. */
function undecodable(kind: string, value: string): Error {
  return badRequest(`${kind} in version "v1" cannot be handled as a ${kind}: illegal base64 data at input byte ${badByte(value)}`);
}

function secretHooks(): TypeHooks {
  return {
    validate(object, previous) {
      const causes = [...keyCauses(object, ['data']), ...immutableCauses(object, previous, ['data'])];
      if (previous && previous.type !== object.type) causes.push(fieldCause('type', 'FieldValueInvalid', 'field is immutable', object.type));
      return causes;
    },
    prepare(object) {
      const data: JsonObject = { ...objectAt(object, 'data') };
      for (const value of Object.values(data)) {
        if (typeof value === 'string' && !BASE64.test(value)) throw undecodable('Secret', value);
      }
      // Convert_v1_Secret_To_core_Secret: stringData wins over data for the same key.
      for (const [key, value] of Object.entries(objectAt(object, 'stringData'))) {
        data[key] = Buffer.from(String(value), 'utf8').toString('base64');
      }
      const kept = without(object, 'stringData', 'data');
      return { ...kept, ...(Object.keys(data).length > 0 ? { data } : {}), type: typeof object.type === 'string' && object.type ? object.type : 'Opaque' };
    },
  };
}

/** Where Go's base64 decoder stops: the first byte outside the alphabet, or the length when padding is wrong. */
function badByte(value: string): number {
  const index = value.search(/[^A-Za-z0-9+/=]/);
  return index >= 0 ? index : Math.floor(value.replace(/=+$/, '').length / 4) * 4;
}

function leaseHooks(): TypeHooks {
  return {
    validate(object) {
      const spec = objectAt(object, 'spec');
      const causes: StatusCause[] = [];
      const duration = spec.leaseDurationSeconds;
      if (typeof duration === 'number' && duration <= 0) {
        causes.push(fieldCause('spec.leaseDurationSeconds', 'FieldValueInvalid', 'must be greater than 0', duration));
      }
      const transitions = spec.leaseTransitions;
      if (typeof transitions === 'number' && transitions < 0) {
        causes.push(fieldCause('spec.leaseTransitions', 'FieldValueInvalid', 'must be greater than or equal to 0', transitions));
      }
      return causes;
    },
  };
}

export function builtinHooks(): [string, TypeHooks][] {
  return [
    [typeKey(CONFIGMAP_TYPE), configMapHooks()],
    [typeKey(SECRET_TYPE), secretHooks()],
    [typeKey(LEASE_TYPE), leaseHooks()],
  ];
}
