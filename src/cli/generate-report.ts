import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { GenerateResult, InputFile } from '../generator/model.js';
import type { GenerateOptions } from '../generator/options.js';
import { buildReport } from '../generator/report/report.js';
import type { CliContext } from './context.js';

/** `crdgen generate --report <file.json>`: the generation report, measured around the generate call. */
export async function writeReport(
  path: string,
  inputs: readonly InputFile[],
  options: GenerateOptions,
  result: GenerateResult,
  wallMs: number,
  ctx: CliContext,
): Promise<string> {
  const report = buildReport(inputs, options, result, { wallMs, peakRssBytes: process.resourceUsage().maxRSS * 1024 });
  const file = resolve(ctx.cwd, path);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  const t = report.totals;
  return `report: ${t.generated}/${t.crdDocuments} CRD documents generated, ${t.failed} failed; written to ${path}`;
}
