/**
 * The CustomResourceDefinition as the generator reads it: the apiextensions.k8s.io/v1 shape after
 * normalization, whatever version it was written in.
 */

/** Where a document came from: file, 0-based document index, 1-based line of its first line. */
export interface SourceRef {
  readonly file: string;
  readonly doc: number;
  readonly line: number;
}

/** A JSON Schema node as found in a CRD (OpenAPI v3 structural schema with Kubernetes extensions). */
export type JsonSchema = { readonly [key: string]: unknown };

export interface CrdNames {
  readonly kind: string;
  readonly plural: string;
  readonly singular: string;
  readonly listKind: string;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
}

export interface PrinterColumn {
  readonly name: string;
  readonly type: string;
  readonly jsonPath: string;
  readonly description?: string;
  readonly format?: string;
  readonly priority?: number;
}

export interface ScaleSubresource {
  readonly specReplicasPath: string;
  readonly statusReplicasPath: string;
  readonly labelSelectorPath?: string;
}

export interface CrdVersion {
  readonly name: string;
  readonly served: boolean;
  readonly storage: boolean;
  readonly deprecated: boolean;
  readonly deprecationWarning?: string;
  /** The version's openAPIV3Schema, or undefined when the CRD declares none. */
  readonly schema?: JsonSchema;
  readonly subresources: { readonly status: boolean; readonly scale?: ScaleSubresource };
  readonly printerColumns: readonly PrinterColumn[];
}

/** A CRD in the apiextensions.k8s.io/v1 shape, whatever version it was written in. */
export interface CrdModel {
  readonly source: SourceRef;
  /** `<plural>.<group>` */
  readonly name: string;
  readonly group: string;
  readonly names: CrdNames;
  readonly scope: 'Namespaced' | 'Cluster';
  /** The API server keeps unknown fields (v1beta1's default): objects are open, not pruned. */
  readonly preserveUnknownFields: boolean;
  /**
   * Set when another input defines the same CRD (same name) differently: a label from the source
   * path that keeps this definition's output apart from the first one's.
   */
  readonly variant?: string;
  /** Sorted by Kubernetes version priority (v2 > v1 > v1beta2 > v1beta1 > v1alpha1 > others). */
  readonly versions: readonly CrdVersion[];
}
