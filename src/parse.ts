import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { diagnostic } from './diagnostics.js';
import type { CrdDocument, Diagnostic, InputFile, SourceRef } from './model.js';

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
 */
export function parse(files: readonly InputFile[]): ParseResult {
  const documents: CrdDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const found = parseFile(file, diagnostics);
    documents.push(...found);
    if (found.length === 0 && !diagnostics.some((d) => d.severity === 'error' && d.source?.file === file.path)) {
      diagnostics.push(
        diagnostic('warning', 'no-crds', 'holds no CustomResourceDefinition (nothing generated from it)', {
          source: { file: file.path, doc: 0, line: 1 },
        }),
      );
    }
  }
  return { documents, diagnostics };
}

function parseFile(file: InputFile, diagnostics: Diagnostic[]): CrdDocument[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(file.text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const found: CrdDocument[] = [];
  const list = Array.isArray(docs) ? docs : [docs];
  list.forEach((doc, index) => {
    const line = lineCounter.linePos(doc.contents?.range[0] ?? doc.range[0]).line;
    const source: SourceRef = { file: file.path, doc: index, line };
    const firstError = doc.errors[0];
    if (firstError) {
      const at = firstError.linePos?.[0];
      const where: SourceRef = { file: file.path, doc: index, line: at?.line ?? line };
      const what = firstError.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'invalid YAML';
      const col = at ? ` (column ${at.col})` : '';
      diagnostics.push(
        diagnostic('error', 'yaml-syntax', `invalid YAML: ${what}${col} (fix the syntax; the file is not read)`, {
          source: where,
        }),
      );
      return;
    }
    collect(toJs(doc), source, [], doc, lineCounter, found, diagnostics);
  });
  return found;
}

function toJs(doc: Document.Parsed): unknown {
  return doc.toJS({ maxAliasCount: 10_000 });
}

function collect(
  value: unknown,
  source: SourceRef,
  at: readonly (string | number)[],
  doc: Document.Parsed,
  lineCounter: LineCounter,
  found: CrdDocument[],
  diagnostics: Diagnostic[],
): void {
  if (value === null || value === undefined) return;
  if (typeof value !== 'object' || Array.isArray(value)) {
    diagnostics.push(
      diagnostic('warning', 'not-an-object', 'document is not a Kubernetes object; skipped', { source }),
    );
    return;
  }
  const object = value as Record<string, unknown>;
  const kind = typeof object.kind === 'string' ? object.kind : undefined;
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : undefined;
  if (Array.isArray(object.items) && kind !== undefined && kind.endsWith('List')) {
    object.items.forEach((item, i) => {
      const node = doc.getIn(['items', i], true) as { range?: [number, number, number] } | undefined;
      const line = node?.range ? lineCounter.linePos(node.range[0]).line : source.line;
      collect(item, { ...source, line }, [...at, 'items', i], doc, lineCounter, found, diagnostics);
    });
    return;
  }
  if (kind === CRD_KIND && apiVersion?.startsWith(CRD_GROUP)) {
    if (!SUPPORTED.has(apiVersion)) {
      diagnostics.push(
        diagnostic(
          'error',
          'crd-api-version',
          `unsupported apiVersion ${JSON.stringify(apiVersion)} (use apiextensions.k8s.io/v1 or v1beta1)`,
          { source },
        ),
      );
      return;
    }
    const lineOf = (path: readonly (string | number)[]) => {
      const node = doc.getIn([...at, ...path], true) as { range?: [number, number, number] } | undefined;
      return node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
    };
    found.push({ source, apiVersion, raw: object, lineOf });
    return;
  }
  const name = (object.metadata as { name?: unknown } | undefined)?.name;
  const what = `${kind ?? 'an object without kind'}${typeof name === 'string' ? ` ${name}` : ''}`;
  diagnostics.push(diagnostic('warning', 'not-a-crd', `skipped ${what}: not a CustomResourceDefinition`, { source }));
}
