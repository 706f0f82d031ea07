/**
 * apiextensions.k8s.io/v1beta1 -> v1, as the API server converts a CRD: the top-level `version`
 * becomes the only entry of `versions`; top-level `validation`, `subresources` and
 * `additionalPrinterColumns` move into every version that has none of its own; a column's
 * `JSONPath` becomes `jsonPath`; `served` defaults to true, `scope` to Namespaced; and `preserveUnknownFields` keeps
 * v1beta1's default (true). The one home of this conversion: normalize (generator) and the test
 * API server both lift with it. Values are moved, not checked: each caller reports bad ones.
 */
type Obj = { readonly [key: string]: unknown };

const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

export const V1BETA1 = 'apiextensions.k8s.io/v1beta1';

/** The CRD in the v1 shape; a CRD that is not v1beta1 is returned as it is. */
export function liftV1beta1<T extends Obj>(crd: T): T {
  if (crd.apiVersion !== V1BETA1) return crd;
  const spec = isObject(crd.spec) ? crd.spec : {};
  const { validation, subresources, additionalPrinterColumns, version, versions: listed, ...rest } = spec;
  const given = Array.isArray(listed) ? listed : [];
  const versions = given.length > 0 ? given : typeof version === 'string' && version !== '' ? [{ name: version, served: true, storage: true }] : [];
  const topSchema = isObject(validation) ? validation.openAPIV3Schema : undefined;
  return {
    ...crd,
    apiVersion: 'apiextensions.k8s.io/v1',
    spec: {
      ...rest,
      scope: rest.scope ?? 'Namespaced',
      preserveUnknownFields: spec.preserveUnknownFields !== false,
      versions: versions.map((v: unknown) => (isObject(v) ? liftVersion(v, topSchema, subresources, additionalPrinterColumns) : v)),
    },
  };
}

function liftVersion(v: Obj, topSchema: unknown, topSubresources: unknown, topColumns: unknown): Obj {
  const own = isObject(v.schema) ? v.schema.openAPIV3Schema : undefined;
  const schema = own ?? topSchema;
  const subresources = isObject(v.subresources) ? v.subresources : topSubresources;
  const columns = v.additionalPrinterColumns ?? topColumns;
  return {
    ...v,
    served: v.served !== false,
    storage: v.storage === true,
    ...(schema !== undefined ? { schema: { openAPIV3Schema: schema } } : {}),
    ...(isObject(subresources) ? { subresources } : {}),
    ...(Array.isArray(columns) ? { additionalPrinterColumns: columns.map((c: unknown) => (isObject(c) ? renameJsonPath(c) : c)) } : {}),
  };
}

function renameJsonPath(column: Obj): Obj {
  const { JSONPath, ...rest } = column;
  return JSONPath === undefined ? column : { ...rest, jsonPath: rest.jsonPath ?? JSONPath };
}
