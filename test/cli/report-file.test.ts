// `crdgen generate --report <file.json>` writes the generation report next to the output.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GenerationReport } from '../../src/generator/report/report.js';
import { runCli } from '../support/cli.js';
import { ROOT, VALID } from '../support/fixtures.js';

describe('crdgen generate --report', () => {
  // Inside the project, like every generated output here; holds only what this test writes.
  mkdirSync(join(ROOT, 'tmp'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'tmp', 'cli-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the report as JSON and says so', async () => {
    const reportFile = relative(ROOT, join(dir, 'out', 'report.json'));
    const run = await runCli(['generate', join(VALID, 'mapping'), '-o', join(dir, 'gen'), '--report', reportFile], { cwd: ROOT });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`report: 11/11 CRD documents generated, 0 failed; written to ${reportFile}\n`);
    const report = JSON.parse(readFileSync(join(ROOT, reportFile), 'utf8')) as GenerationReport;
    expect(report.totals).toMatchObject({ inputFiles: 11, crdDocuments: 11, generated: 11, failed: 0 });
    expect(report.crds.map((c) => c.kind)).toEqual(['Note', 'Wrapper', 'Route', 'Stamp', 'Port', 'Catalog', 'Oddity', 'Optional', 'Blob', 'Record', 'Preset']);
    const blob = report.crds.find((c) => c.kind === 'Blob');
    expect(blob?.versions[0]?.open.map((f) => `${f.path}: ${f.typed} (${f.why})`)).toContain('spec: open map (preserve-unknown-fields)');
    expect(report.run?.wallMs).toBeGreaterThan(0);
    expect(report.run?.peakRssBytes).toBeGreaterThan(10 * 1024 * 1024);
  });
});
