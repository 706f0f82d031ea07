import { diagnostic } from '../diagnostics.js';
import type { CrdDocument, Diagnostic, InputFile } from '../model.js';
import type { SourceRef } from '../../kube/model.js';
import type { ReadYaml } from './yaml-cache.js';
import { readYaml, type YamlDocument } from './yaml-docs.js';

export interface ParseResult {
  readonly documents: readonly CrdDocument[];
  readonly diagnostics: readonly Diagnostic[];
}

const CRD_KIND = 'CustomResourceDefinition';
const CRD_GROUP = 'apiextensions.k8s.io/';
const SUPPORTED = new Set(['apiextensions.k8s.io/v1', 'apiextensions.k8s.io/v1beta1']);

/**
 * Reads every YAML or JSON document of every file and keeps the CustomResourceDefinitions.
 * `List` objects are unwrapped; empty documents are ignored; other objects are skipped with a warning.
 * `reads` (see readAllYaml) gives the YAML of each file already read, in the order of `files`.
 */
export function parse(files: readonly InputFile[], reads?: readonly ReadYaml[]): ParseResult {
  const documents: CrdDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [i, file] of files.entries()) {
    const { documents: docs, errors } = reads?.[i] ?? readYaml(file.text);
    if (errors.length > 0 && isGoTemplate(file.text)) {
      diagnostics.push(
        diagnostic('warning', 'go-template', 'a Go template (Helm), not YAML: skipped (crdgen reads rendered YAML: helm template ... > crds.yaml; or list templates/ in .crdgenignore)', {
          source: { file: file.path, doc: 0, line: goTemplateLine(file.text) },
        }),
      );
      continue;
    }
    for (const error of errors) {
      const col = error.column !== undefined ? ` (column ${error.column})` : '';
      diagnostics.push(
        diagnostic('error', 'yaml-syntax', `invalid YAML: ${error.message}${col} (fix the syntax; the file is not read)`, {
          source: { file: file.path, doc: error.index, line: error.line },
        }),
      );
    }
    if (errors.length > 0) continue;
    const found: CrdDocument[] = [];
    const before = diagnostics.length;
    for (const doc of docs) collect(doc.value, { file: file.path, doc: doc.index, line: doc.line }, [], doc, found, diagnostics);
    documents.push(...found);
    if (found.length === 0 && !diagnostics.slice(before).some((d) => d.severity === 'error')) {
      diagnostics.push(
        diagnostic('warning', 'no-crds', 'holds no CustomResourceDefinition (nothing generated from it)', {
          source: { file: file.path, doc: 0, line: 1 },
        }),
      );
    }
  }
  return { documents, diagnostics };
}

/**
 * Go template actions as Helm charts use them (`{{ .Values.x }}`, `{{- if ... }}`, `{{ include ... }}`).
 * Only asked about a file that is not valid YAML: CRD descriptions quote such text too.
 */
const GO_ACTION = /\{\{-?\s*(?:[.$]|(?:if|else|end|range|with|define|include|template|toYaml|tpl|required|default|printf|quote)\b|\/\*)/;

export function isGoTemplate(text: string): boolean {
  return GO_ACTION.test(text);
}

function goTemplateLine(text: string): number {
  const index = text.split('\n').findIndex((line) => GO_ACTION.test(line));
  return index < 0 ? 1 : index + 1;
}

function collect(
  value: unknown,
  source: SourceRef,
  at: readonly (string | number)[],
  doc: YamlDocument,
  found: CrdDocument[],
  diagnostics: Diagnostic[],
): void {
  if (value === null || value === undefined) return;
  if (typeof value !== 'object' || Array.isArray(value)) {
    diagnostics.push(diagnostic('warning', 'not-an-object', 'document is not a Kubernetes object; skipped', { source }));
    return;
  }
  const object = value as Record<string, unknown>;
  const kind = typeof object.kind === 'string' ? object.kind : undefined;
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : undefined;
  if (Array.isArray(object.items) && kind !== undefined && kind.endsWith('List')) {
    object.items.forEach((item, i) => {
      const path = [...at, 'items', i];
      collect(item, { ...source, line: doc.lineOf(path) ?? source.line }, path, doc, found, diagnostics);
    });
    return;
  }
  if (kind === CRD_KIND && apiVersion?.startsWith(CRD_GROUP)) {
    if (!SUPPORTED.has(apiVersion)) {
      diagnostics.push(
        diagnostic('error', 'crd-api-version', `unsupported apiVersion ${JSON.stringify(apiVersion)} (use apiextensions.k8s.io/v1 or v1beta1)`, {
          source: { ...source, line: doc.lineOf([...at, 'apiVersion']) ?? source.line },
        }),
      );
      return;
    }
    found.push({ source, apiVersion, raw: object, lineOf: (path) => doc.lineOf([...at, ...path]) });
    return;
  }
  const name = (object.metadata as { name?: unknown } | undefined)?.name;
  const what = `${kind ?? 'an object without kind'}${typeof name === 'string' ? ` ${name}` : ''}`;
  diagnostics.push(diagnostic('warning', 'not-a-crd', `skipped ${what}: not a CustomResourceDefinition`, { source }));
}
