import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { generate, loadAssets, type GenerateCache } from '../../../src/index.js';
import type { UnitResult } from '../../../src/generator/work/unit-result.js';
import type { GenerateResult, InputFile } from '../../../src/generator/model.js';
import type { CrdModel, SourceRef } from '../../../src/kube/model.js';
import { normalize } from '../../../src/generator/normalize/normalize.js';
import { parse } from '../../../src/generator/parse/parse.js';
import { formatReport } from '../../../src/generator/report/format.js';
import { buildReport, type GenerationReport } from '../../../src/generator/report/report.js';
import { CORPUS } from '../../support/corpus.js';
import { listFiles, ROOT } from '../../support/fixtures.js';

/** Every corpus file, with its path relative to the corpus (so output never depends on where it lives). */
export function readCorpus(): InputFile[] {
  return listFiles(CORPUS).map((path) => ({ path: relative(CORPUS, path), text: readFileSync(path, 'utf8') }));
}

/**
 * How many CRD documents each file holds, counted apart from the generator: from SOURCES.tsv when
 * the corpus has it, else by reading each file with the `yaml` package (crdgen reads with js-yaml).
 */
export function expectedCrdDocuments(inputs: readonly InputFile[]): Map<string, number> {
  const sources = join(CORPUS, 'SOURCES.tsv');
  if (existsSync(sources)) {
    const [header, ...rows] = readFileSync(sources, 'utf8').trim().split('\n').map((line) => line.split('\t'));
    const col = (name: string) => (header ?? []).indexOf(name);
    return new Map(rows.map((r) => [join(r[col('project')] ?? '', r[col('file')] ?? ''), Number(r[col('number_of_CRD_documents')])]));
  }
  const isCrd = (v: unknown) => (v as { kind?: unknown } | null)?.kind === 'CustomResourceDefinition';
  return new Map(
    inputs.map((file) => {
      const values = parseAllDocuments(file.text).flatMap((d) => ('toJS' in d ? [d.toJS({ maxAliasCount: -1 }) as unknown] : []));
      const items = values.flatMap((v) => (Array.isArray((v as { items?: unknown } | null)?.items) ? ((v as { items: unknown[] }).items) : [v]));
      return [file.path, items.filter(isCrd).length];
    }),
  );
}

export interface CorpusRun {
  readonly inputs: readonly InputFile[];
  readonly result: GenerateResult;
  /** The run's unit results by key, in memory: a later run of the same plans is served from them. */
  readonly cache: GenerateCache & { readonly entries: ReadonlyMap<string, UnitResult>; hits: number };
  readonly report: GenerationReport;
  /** Where the report's JSON was written. */
  readonly reportFile: string;
}

/** The whole corpus in one generate call, measured; the report printed and written as JSON. */
export async function generateCorpus(): Promise<CorpusRun> {
  const inputs = readCorpus();
  const assets = await loadAssets();
  const entries = new Map<string, UnitResult>();
  const cache = {
    generator: 'corpus-test',
    entries,
    hits: 0,
    read: async (key: string) => {
      const entry = entries.get(key);
      if (entry !== undefined) cache.hits++;
      return entry;
    },
    write: async (key: string, value: UnitResult) => void entries.set(key, value),
  };
  const started = performance.now();
  const result = await generate(inputs, {}, assets, { cache });
  const wallMs = performance.now() - started;
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  const report = buildReport(inputs, {}, result, { wallMs, peakRssBytes });
  const reportFile = resolve(ROOT, process.env.CRDGEN_CORPUS_REPORT ?? join('tmp', 'corpus-report.json'));
  mkdirSync(dirname(reportFile), { recursive: true });
  writeFileSync(reportFile, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`${formatReport(report)}report written to ${relative(ROOT, reportFile)}`);
  return { inputs, result, cache, report, reportFile };
}

export const sourceKey = (source: SourceRef): string => `${source.file}:${source.doc}:${source.line}`;

/** The normalized CRDs of the inputs by source, to find each generated version's schema. */
export function crdModels(inputs: readonly InputFile[]): Map<string, CrdModel> {
  return new Map(normalize(parse(inputs).documents).crds.map((crd) => [sourceKey(crd.source), crd]));
}
