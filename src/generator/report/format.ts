import type { Counts, CrdReport, GenerationReport } from './report.js';

/** The report as text, one line per CRD, then the totals (for a terminal or a test log). */
export function formatReport(report: GenerationReport, options: { base?: string } = {}): string {
  const t = report.totals;
  const lines = [
    `crdgen report: ${t.inputFiles} input files, ${t.crdDocuments} CRD documents: ${t.generated} generated` +
      `${t.identical > 0 ? ` (${t.identical} as an identical copy)` : ''}, ${t.failed} failed`,
    ...report.crds.map((crd) => crdLine(crd, options.base)),
    `totals: ${t.kinds} kinds, ${t.versions} versions, ${t.files} files, ${t.types} types, ${t.properties} properties, ${size(t.bytes)}`,
    `open fields: ${counts(t.openByShape) || 'none'}; why: ${counts(t.openByReason) || '-'}`,
    `Kubernetes types (k8s.ts): ${counts(t.wellKnownByType) || 'none'}`,
    `diagnostics: ${[diagnosticCounts('error', t.errors), diagnosticCounts('warning', t.warnings), diagnosticCounts('info', t.infos)].filter((s) => s !== '').join('; ') || 'none'}`,
  ];
  if (report.run) lines.push(`run: wall time ${(report.run.wallMs / 1000).toFixed(1)} s, peak memory (max RSS) ${size(report.run.peakRssBytes)}`);
  return `${lines.join('\n')}\n`;
}

function crdLine(crd: CrdReport, base = ''): string {
  const where = `${crd.source.file.startsWith(base) ? crd.source.file.slice(base.length) : crd.source.file}:${crd.source.line}`;
  const status = crd.status === 'generated' ? 'ok  ' : crd.status === 'identical' ? 'same' : 'FAIL';
  const versions = crd.versions.map((v) => `${v.name}${v.storage ? '*' : ''}${v.served ? '' : '(unserved)'}${v.chosen && !v.generated ? '(failed)' : ''}`).join(',');
  const open = crd.versions.flatMap((v) => v.open);
  const openText = open.length === 0 ? 'open 0' : `open ${open.length} (${counts(tallyBy(open.map((f) => f.why)))})`;
  const wellKnown = crd.versions.flatMap((v) => v.wellKnown);
  const wellKnownText = wellKnown.length === 0 ? '' : `, k8s ${wellKnown.length} (${counts(tallyBy(wellKnown.map((m) => m.name)))})`;
  const parts = [
    `${status} ${crd.name}${crd.variant ? ` [${crd.variant}]` : ''} ${crd.kind ?? '?'} ${versions || '-'}`,
    crd.status === 'identical' ? `same as ${crd.sameAs?.file ?? '?'}:${crd.sameAs?.line ?? '?'}` : `${crd.types} types, ${openText}${wellKnownText}, ${size(crd.bytes)}`,
    [diagnosticCounts('error', crd.errors), diagnosticCounts('warning', crd.warnings), diagnosticCounts('info', crd.infos)].filter((s) => s !== '').join('; '),
    where,
  ];
  return `  ${parts.filter((p) => p !== '').join(' | ')}`;
}

function tallyBy(values: readonly string[]): Counts {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

const counts = (c: Counts): string =>
  Object.entries(c)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');

const diagnosticCounts = (severity: string, c: Counts): string => (Object.keys(c).length > 0 ? `${severity}s: ${counts(c)}` : '');

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}
