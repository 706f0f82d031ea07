/**
 * CustomResourceDefinitions are objects like any other here; these hooks make them register and
 * unregister resource types, keep `status` (Established, NamesAccepted, storedVersions) as the
 * real apiextensions controllers would, and drop a CRD's objects when it is deleted.
 */
import { liftV1beta1, V1BETA1 } from '../kube/lift.js';
import { celRuleWarnings } from './cel-rules.js';
import { isObject, objectAt, stringAt, type JsonObject } from './json.js';
import type { TypeHooks } from './objects.js';
import { Registry, resourceTypeFromCrd, typeKey, type ResourceRef, type ResourceType } from './registry.js';
import { fieldCause, type StatusCause } from './status.js';
import type { ObjectStore } from './store.js';
import { timestamp } from './objects.js';
import type { WatchHub } from './watch.js';

export const CRD_TYPE: ResourceType = {
  group: 'apiextensions.k8s.io',
  plural: 'customresourcedefinitions',
  singular: 'customresourcedefinition',
  kind: 'CustomResourceDefinition',
  listKind: 'CustomResourceDefinitionList',
  shortNames: ['crd', 'crds'],
  categories: ['api-extensions'],
  namespaced: false,
  versions: [
    {
      name: 'v1',
      served: true,
      storage: true,
      status: true,
      printerColumns: [{ name: 'Created At', type: 'string', jsonPath: '.metadata.creationTimestamp' }],
      deprecated: false,
    },
  ],
  storageVersion: 'v1',
};

export function crdRef(): ResourceRef {
  const version = CRD_TYPE.versions[0];
  if (!version) throw new Error('the CRD resource type has no version');
  return { type: CRD_TYPE, version };
}

export function crdHooks(registry: Registry, store: ObjectStore, watches: WatchHub): TypeHooks {
  return {
    validate: validateCrd,
    prepare: withStatus,
    warnings: celRuleWarnings,
    committed(type, object) {
      const defined = resourceTypeFromCrd(object);
      if (type === 'DELETED') {
        const key = typeKey(defined);
        registry.delete(key);
        store.dropType(key);
        watches.endType(key);
      } else {
        registry.set(defined);
      }
    },
  };
}

const QUALIFIED = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

function validateCrd(crd: JsonObject, previous: JsonObject | undefined): StatusCause[] {
  const causes: StatusCause[] = [];
  const spec = objectAt(crd, 'spec');
  const names = objectAt(spec, 'names');
  const group = stringAt(spec, 'group') ?? '';
  const plural = stringAt(names, 'plural') ?? '';
  const name = stringAt(objectAt(crd, 'metadata'), 'name') ?? '';
  if (!group) causes.push(fieldCause('spec.group', 'FieldValueRequired'));
  else if (!QUALIFIED.test(group) || !group.includes('.')) {
    causes.push(fieldCause('spec.group', 'FieldValueInvalid', 'should be a domain with at least one dot', group));
  }
  if (!plural) causes.push(fieldCause('spec.names.plural', 'FieldValueRequired'));
  else if (!LABEL.test(plural)) causes.push(fieldCause('spec.names.plural', 'FieldValueInvalid', 'a lowercase RFC 1123 label is required', plural));
  if (!stringAt(names, 'kind')) causes.push(fieldCause('spec.names.kind', 'FieldValueRequired'));
  if (group && plural && name !== `${plural}.${group}`) {
    causes.push(fieldCause('metadata.name', 'FieldValueInvalid', 'must be spec.names.plural+"."+spec.group', name));
  }
  const scope = stringAt(spec, 'scope');
  if (scope !== 'Namespaced' && scope !== 'Cluster') {
    const detail = 'supported values: "Cluster", "Namespaced"';
    causes.push({ reason: 'FieldValueNotSupported', message: `Unsupported value: ${JSON.stringify(scope ?? '')}: ${detail}`, field: 'spec.scope' });
  }
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isObject) : [];
  if (versions.length === 0) causes.push(fieldCause('spec.versions', 'FieldValueInvalid', 'must have exactly one version marked as storage version', []));
  else if (versions.filter((v) => v.storage === true).length !== 1) {
    causes.push(fieldCause('spec.versions', 'FieldValueInvalid', 'must have exactly one version marked as storage version', versions));
  }
  versions.forEach((v, i) => {
    if (!stringAt(v, 'name')) causes.push(fieldCause(`spec.versions[${i}].name`, 'FieldValueRequired'));
  });
  if (previous) {
    const before = objectAt(previous, 'spec');
    if (stringAt(before, 'scope') !== scope && scope !== undefined) {
      causes.push(fieldCause('spec.scope', 'FieldValueInvalid', 'field is immutable', scope));
    }
  }
  return causes;
}

/** The status the apiextensions controllers would write: names accepted, established, stored versions. */
function withStatus(crd: JsonObject): JsonObject {
  const spec = objectAt(crd, 'spec');
  const names = objectAt(spec, 'names');
  const kind = stringAt(names, 'kind') ?? '';
  const acceptedNames = {
    ...names,
    singular: stringAt(names, 'singular') ?? kind.toLowerCase(),
    listKind: stringAt(names, 'listKind') ?? `${kind}List`,
  };
  const oldStatus = objectAt(crd, 'status');
  const oldConditions = Array.isArray(oldStatus.conditions) ? oldStatus.conditions.filter(isObject) : [];
  const since = (type: string) => stringAt(oldConditions.find((c) => c.type === type), 'lastTransitionTime') ?? timestamp();
  const storage = Array.isArray(spec.versions) ? spec.versions.filter(isObject).find((v) => v.storage === true) : undefined;
  const stored = new Set<string>(Array.isArray(oldStatus.storedVersions) ? oldStatus.storedVersions.map(String) : []);
  const storageName = stringAt(storage, 'name');
  if (storageName) stored.add(storageName);
  return {
    ...crd,
    status: {
      conditions: [
        { type: 'NamesAccepted', status: 'True', lastTransitionTime: since('NamesAccepted'), reason: 'NoConflicts', message: 'no conflicts found' },
        { type: 'Established', status: 'True', lastTransitionTime: since('Established'), reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
      ],
      acceptedNames,
      storedVersions: [...stored],
    },
  };
}

/** Lifts an `apiextensions.k8s.io/v1beta1` CRD to the v1 shape (per-version schema, subresources, columns). */
export function toV1Crd(crd: JsonObject): JsonObject {
  if (crd.apiVersion !== V1BETA1) return crd;
  const lifted = liftV1beta1(crd);
  const spec = objectAt(lifted, 'spec');
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isObject) : [];
  return { ...lifted, spec: { ...spec, versions: versions.map(withoutEmptySchema) } };
}

/** A v1beta1 schema that is empty or not an object means no schema here (served as such). */
function withoutEmptySchema(version: JsonObject): JsonObject {
  const schema = objectAt(version, 'schema').openAPIV3Schema;
  if (isObject(schema) && Object.keys(schema).length > 0) return version;
  const { schema: _dropped, ...rest } = version;
  return rest;
}
