import type { Diagnostic, Severity } from './model.js';
import type { SourceRef } from '../kube/model.js';

/** Builds a diagnostic; fields left undefined are omitted so results compare cleanly. */
export function diagnostic(
  severity: Severity,
  code: string,
  message: string,
  where: { source?: SourceRef; subject?: string; schemaPath?: string } = {},
): Diagnostic {
  return {
    severity,
    code,
    message,
    ...(where.source ? { source: where.source } : {}),
    ...(where.subject ? { subject: where.subject } : {}),
    ...(where.schemaPath ? { schemaPath: where.schemaPath } : {}),
  };
}

/** `file:line subject #/schema/path: message [code]`: the one line users read. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.source ? `${d.source.file}:${d.source.line}` : undefined, d.subject, d.schemaPath]
    .filter((part): part is string => part !== undefined)
    .join(' ');
  const line = `${where ? `${where}: ` : ''}${d.severity}: ${d.message} [${d.code}]`;
  // One line on the terminal, whatever the input held: control characters and line breaks escaped.
  return line.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Sorts diagnostics by file, line, subject, path and code so output never depends on traversal order. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) =>
    [d.source?.file ?? '', String(d.source?.line ?? 0).padStart(9, '0'), d.subject ?? '', d.schemaPath ?? '', d.code, d.message];
  return [...diagnostics].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      const x = ka[i] ?? '';
      const y = kb[i] ?? '';
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
}
