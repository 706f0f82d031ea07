/**
 * Structural schemas for the built-in kinds the server serves, written from the Kubernetes API
 * reference (core/v1 Namespace, ConfigMap, Secret, Event; events.k8s.io/v1 Event;
 * coordination.k8s.io/v1 Lease). They let the shared admission code prune unknown fields, answer
 * fieldValidation=Strict and Warn as for custom resources, and give `kubectl explain` something to
 * show. Type checks here answer 422 where the real server, decoding into Go structs, answers 400.
 */
import type { JsonObject } from './json.js';

const str = (description?: string): JsonObject => ({ type: 'string', ...(description ? { description } : {}) });
const int = (description?: string): JsonObject => ({ type: 'integer', ...(description ? { description } : {}) });
const bool = (): JsonObject => ({ type: 'boolean' });
const time = (): JsonObject => ({ type: 'string', format: 'date-time' });
const stringMap = (description: string): JsonObject => ({ type: 'object', additionalProperties: { type: 'string' }, description });
const object = (properties: JsonObject, description?: string): JsonObject => ({
  type: 'object',
  properties,
  ...(description ? { description } : {}),
});

/** `kind`, `apiVersion` and the common top-level description every root carries. */
function root(description: string, properties: JsonObject): JsonObject {
  return object({ apiVersion: str(), kind: str(), ...properties }, description);
}

const objectReference = (): JsonObject =>
  object({
    apiVersion: str(),
    kind: str(),
    name: str(),
    namespace: str(),
    uid: str(),
    resourceVersion: str(),
    fieldPath: str(),
  });

export const NAMESPACE_SCHEMA = root('Namespace provides a scope for Names.', {
  spec: object({ finalizers: { type: 'array', items: str(), description: 'Must be empty before the namespace is removed from storage.' } }),
  status: object({
    phase: str('The current lifecycle phase of the namespace: Active or Terminating.'),
    conditions: {
      type: 'array',
      items: object({ type: str(), status: str(), lastTransitionTime: time(), reason: str(), message: str() }),
    },
  }),
});

export const CONFIGMAP_SCHEMA = root('ConfigMap holds configuration data for pods to consume.', {
  data: stringMap('Configuration data (UTF-8 values).'),
  binaryData: stringMap('Binary configuration data (base64-encoded values).'),
  immutable: bool(),
});

export const SECRET_SCHEMA = root('Secret holds secret data of a certain type.', {
  data: stringMap('Secret data, each value base64-encoded.'),
  stringData: stringMap('Write-only plain-text values, merged into data on write.'),
  type: str('Used to facilitate programmatic handling of secret data (default Opaque).'),
  immutable: bool(),
});

export const LEASE_SCHEMA = root('Lease defines a lease concept.', {
  spec: object({
    holderIdentity: str('The identity of the holder of a current lease.'),
    leaseDurationSeconds: int('How long candidates must wait to force-acquire the lease.'),
    acquireTime: str('When the current lease was acquired (MicroTime).'),
    renewTime: str('When the current holder last updated the lease (MicroTime).'),
    leaseTransitions: int('The number of transitions of a lease between holders.'),
    strategy: str(),
    preferredHolder: str(),
  }),
});

const eventSeries = (): JsonObject => object({ count: int(), lastObservedTime: str() });
const eventSource = (): JsonObject => object({ component: str(), host: str() });

export const CORE_EVENT_SCHEMA = root('Event is a report of an event somewhere in the cluster.', {
  involvedObject: objectReference(),
  reason: str(),
  message: str(),
  source: eventSource(),
  firstTimestamp: time(),
  lastTimestamp: time(),
  count: int(),
  type: str(),
  eventTime: str(),
  series: eventSeries(),
  action: str(),
  related: objectReference(),
  reportingComponent: str(),
  reportingInstance: str(),
});

export const EVENTS_V1_EVENT_SCHEMA = root('Event is a report of an event somewhere in the cluster.', {
  eventTime: str('When this Event was first observed (MicroTime).'),
  series: eventSeries(),
  reportingController: str(),
  reportingInstance: str(),
  action: str(),
  reason: str(),
  regarding: objectReference(),
  related: objectReference(),
  note: str(),
  type: str(),
  deprecatedSource: eventSource(),
  deprecatedFirstTimestamp: time(),
  deprecatedLastTimestamp: time(),
  deprecatedCount: int(),
});
