/**
 * The data each pipeline stage hands to the next. Every stage returns new values and never
 * mutates its input.
 */

/** A file's text as read by the CLI (or given by a library user). */
export interface InputFile {
  /** Path as the user named it (used in messages and for sorting). */
  readonly path: string;
  readonly text: string;
}

/** Where a document came from: file, 0-based document index, 1-based line of its first line. */
export interface SourceRef {
  readonly file: string;
  readonly doc: number;
  readonly line: number;
}

/** A JSON Schema node as found in a CRD (OpenAPI v3 structural schema with Kubernetes extensions). */
export type JsonSchema = { readonly [key: string]: unknown };

/** One parsed YAML/JSON document that is a CustomResourceDefinition. */
export interface CrdDocument {
  readonly source: SourceRef;
  /** `apiextensions.k8s.io/v1` or `apiextensions.k8s.io/v1beta1`. */
  readonly apiVersion: string;
  readonly raw: { readonly [key: string]: unknown };
  /** 1-based line of the value at `path` inside this document, when the text has it. */
  readonly lineOf?: (path: readonly (string | number)[]) => number | undefined;
}

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

export type Severity = 'error' | 'warning' | 'info';

/** One finding of any stage. `code` is stable and documented; `message` says what to do. */
export interface Diagnostic {
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly source?: SourceRef;
  /** `kind.group/version` when the finding concerns one version of one CRD. */
  readonly subject?: string;
  /** JSON pointer into the CRD version's schema, e.g. `#/properties/spec/properties/size`. */
  readonly schemaPath?: string;
}

/** A file the generator produces; paths are relative to the output folder, with `/`. */
export interface EmittedFile {
  readonly path: string;
  readonly contents: string;
}

/** One kind at one version that the result holds a file for. */
export interface GeneratedKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** Path of its file in `files`. */
  readonly file: string;
  /** Set for a CRD defined again differently (see CrdModel.variant). */
  readonly variant?: string;
}

export interface GenerateResult {
  readonly files: readonly EmittedFile[];
  readonly diagnostics: readonly Diagnostic[];
  /** What the files hold, kind by kind, sorted by file. */
  readonly kinds: readonly GeneratedKind[];
}
