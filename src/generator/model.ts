/**
 * The data each pipeline stage hands to the next. Every stage returns new values and never
 * mutates its input.
 */
import type { SourceRef } from '../kube/model.js';

/** A file's text as read by the CLI (or given by a library user). */
export interface InputFile {
  /** Path as the user named it (used in messages and for sorting). */
  readonly path: string;
  readonly text: string;
}

/** One parsed YAML/JSON document that is a CustomResourceDefinition. */
export interface CrdDocument {
  readonly source: SourceRef;
  /** `apiextensions.k8s.io/v1` or `apiextensions.k8s.io/v1beta1`. */
  readonly apiVersion: string;
  readonly raw: { readonly [key: string]: unknown };
  /** 1-based line of the value at `path` inside this document, when the text has it. */
  readonly lineOf?: (path: readonly (string | number)[]) => number | undefined;
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
