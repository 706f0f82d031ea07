/**
 * The resources the server serves: one `ResourceType` per CRD (plus the CRD resource itself),
 * looked up by group, version and plural.
 */
import type { PrinterColumn, ScaleSubresource } from '../kube/model.js';
import { compareVersionPriority } from '../kube/versions.js';
import { isObject, objectAt, stringAt, type JsonObject } from './json.js';

/** A column of the server's Table answer: a CRD's printer column, or a built-in kind's. */
export interface TableColumn extends PrinterColumn {
  /** Built-in columns whose value no JSONPath yields (a ConfigMap's key count). */
  readonly compute?: (object: JsonObject) => unknown;
}

interface ServedVersion {
  readonly name: string;
  readonly served: boolean;
  readonly storage: boolean;
  /** The version's openAPIV3Schema; undefined when the CRD declares none. */
  readonly schema?: JsonObject;
  readonly status: boolean;
  readonly scale?: ScaleSubresource;
  readonly printerColumns: readonly TableColumn[];
  readonly deprecated: boolean;
  readonly deprecationWarning?: string;
}

export interface ResourceType {
  readonly group: string;
  readonly plural: string;
  readonly singular: string;
  readonly kind: string;
  readonly listKind: string;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly namespaced: boolean;
  /** Every version, highest Kubernetes priority first. */
  readonly versions: readonly ServedVersion[];
  readonly storageVersion: string;
  /** A kind compiled into kube-apiserver (not from a CRD): typed decoding, Go package names in OpenAPI. */
  readonly builtin?: boolean;
  /** Built-in kinds: the verbs when not all of them (namespaces have no deletecollection). */
  readonly verbs?: readonly string[];
  /** PUT may omit metadata.resourceVersion (most built-ins; never custom resources). */
  readonly allowUnconditionalUpdate?: boolean;
  /** False for kinds whose objects carry no metadata.generation (ConfigMap, Secret, Lease, ...). */
  readonly generation?: boolean;
}

/** A served version of a resource type: what one URL addresses. */
export interface ResourceRef {
  readonly type: ResourceType;
  readonly version: ServedVersion;
}

export function typeKey(type: Pick<ResourceType, 'group' | 'plural'>): string {
  return `${type.plural}.${type.group}`;
}

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

export class Registry {
  readonly #types = new Map<string, ResourceType>();

  set(type: ResourceType): void {
    this.#types.set(typeKey(type), type);
  }

  delete(key: string): ResourceType | undefined {
    const found = this.#types.get(key);
    this.#types.delete(key);
    return found;
  }

  byKey(key: string): ResourceType | undefined {
    return this.#types.get(key);
  }

  /** The served version of `plural` in `group/version`, if any. */
  find(group: string, version: string, plural: string): ResourceRef | undefined {
    const type = this.#types.get(`${plural}.${group}`);
    const served = type?.versions.find((v) => v.name === version && v.served);
    return type && served ? { type, version: served } : undefined;
  }

  /** Every type, sorted by group then plural. */
  all(): ResourceType[] {
    return [...this.#types.values()].sort((a, b) => typeKey(a).localeCompare(typeKey(b)));
  }

  /** Groups with their served versions, highest priority first; groups sorted by name. */
  groups(): { group: string; versions: string[] }[] {
    const byGroup = new Map<string, Set<string>>();
    for (const type of this.all()) {
      const set = byGroup.get(type.group) ?? new Set<string>();
      for (const v of type.versions) if (v.served) set.add(v.name);
      byGroup.set(type.group, set);
    }
    return [...byGroup.entries()]
      .filter(([, versions]) => versions.size > 0)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([group, versions]) => ({ group, versions: [...versions].sort(compareVersionPriority) }));
  }

  /** Served types of one group/version. */
  inGroupVersion(group: string, version: string): ResourceRef[] {
    return this.all().flatMap((type) => {
      const v = type.versions.find((x) => x.name === version && x.served);
      return type.group === group && v ? [{ type, version: v }] : [];
    });
  }
}

/** The resource type a CRD (apiextensions.k8s.io/v1 shape) defines. */
export function resourceTypeFromCrd(crd: JsonObject): ResourceType {
  const spec = objectAt(crd, 'spec');
  const names = objectAt(spec, 'names');
  const group = stringAt(spec, 'group') ?? '';
  const kind = stringAt(names, 'kind') ?? '';
  const plural = stringAt(names, 'plural') ?? '';
  const rawVersions = Array.isArray(spec.versions) ? spec.versions.filter(isObject) : [];
  const versions = rawVersions.map(servedVersion).sort((a, b) => compareVersionPriority(a.name, b.name));
  const storage = versions.find((v) => v.storage) ?? versions[0];
  return {
    group,
    plural,
    kind,
    singular: stringAt(names, 'singular') ?? kind.toLowerCase(),
    listKind: stringAt(names, 'listKind') ?? `${kind}List`,
    shortNames: stringList(names.shortNames),
    categories: stringList(names.categories),
    namespaced: stringAt(spec, 'scope') !== 'Cluster',
    versions,
    storageVersion: storage?.name ?? '',
  };
}

function servedVersion(v: JsonObject): ServedVersion {
  const subresources = objectAt(v, 'subresources');
  const scale = isObject(subresources.scale) ? subresources.scale : undefined;
  const schema = objectAt(v, 'schema').openAPIV3Schema;
  const columns = Array.isArray(v.additionalPrinterColumns) ? v.additionalPrinterColumns.filter(isObject) : [];
  const warning = stringAt(v, 'deprecationWarning');
  return {
    name: stringAt(v, 'name') ?? '',
    served: v.served !== false,
    storage: v.storage === true,
    ...(isObject(schema) ? { schema } : {}),
    status: isObject(subresources.status),
    ...(scale ? { scale: scaleInfo(scale) } : {}),
    printerColumns: columns.length > 0 ? columns.map(printerColumn) : [AGE_COLUMN],
    deprecated: v.deprecated === true,
    ...(warning ? { deprecationWarning: warning } : {}),
  };
}

/** The column a CRD without additionalPrinterColumns gets (as the real server does). */
export const AGE_COLUMN: TableColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };

function scaleInfo(scale: JsonObject): ScaleSubresource {
  const selector = stringAt(scale, 'labelSelectorPath');
  return {
    specReplicasPath: stringAt(scale, 'specReplicasPath') ?? '.spec.replicas',
    statusReplicasPath: stringAt(scale, 'statusReplicasPath') ?? '.status.replicas',
    ...(selector ? { labelSelectorPath: selector } : {}),
  };
}

function printerColumn(c: JsonObject): TableColumn {
  const format = stringAt(c, 'format');
  const description = stringAt(c, 'description');
  return {
    name: stringAt(c, 'name') ?? '',
    type: stringAt(c, 'type') ?? 'string',
    jsonPath: stringAt(c, 'jsonPath') ?? '',
    ...(format ? { format } : {}),
    ...(description ? { description } : {}),
    ...(typeof c.priority === 'number' ? { priority: c.priority } : {}),
  };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
}
