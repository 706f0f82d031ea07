// The acceptance check on the real jumpstarter CRDs: a file per kind that compiles under
// strict with the copied runtime; every verb on ExporterApi; no status verbs without the subresource.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { CORPUS, explainMissingCorpus, HAS_CORPUS } from '../support/corpus.js';
import { listFiles, ROOT } from '../support/fixtures.js';
import { runtimeCopies } from '../support/program.js';
import { STRICT_NODENEXT, typecheck } from '../support/typecheck.js';

explainMissingCorpus();

describe.runIf(HAS_CORPUS)('jumpstarter CRDs', () => {
  it('generate, compile under strict, and expose exactly the declared verbs', async () => {
    // Inside the project so that @kubernetes/client-node resolves from its node_modules.
    const out = mkdtempSync(join(ROOT, 'tmp-jumpstarter-'));
    const run = await runCli(['generate', join(CORPUS, 'jumpstarter'), '-o', out, '--quiet'], { cwd: ROOT });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const kinds = readdirSync(join(out, 'jumpstarter.dev', 'v1alpha1')).filter((f) => f.endsWith('.ts')).sort();
    expect(kinds).toEqual(['client.ts', 'exporter.ts', 'exporteraccesspolicy.ts', 'identity.ts', 'index.ts', 'lease.ts']);
    // Type-level assertions: they fail to compile when a verb is missing or present by mistake.
    writeFileSync(
      join(out, 'verbs.check.ts'),
      `import type { ExporterApi } from './jumpstarter.dev/v1alpha1/index.js';
import type { VirtualTargetClassApi } from './virtualtarget.jumpstarter.dev/v1alpha1/index.js';
type Has<T, K extends keyof T> = K;
export type ExporterVerbs = Has<ExporterApi, 'get' | 'list' | 'listAll' | 'create' | 'replace' | 'patch' | 'apply' | 'delete' | 'deleteCollection' | 'watch' | 'waitFor' | 'update' | 'getStatus' | 'replaceStatus' | 'patchStatus'>;
// @ts-expect-error Exporter declares no scale subresource
export type ExporterScale = Has<ExporterApi, 'getScale'>;
export type ClassVerbs = Has<VirtualTargetClassApi, 'get' | 'list' | 'apply'>;
// @ts-expect-error VirtualTargetClass declares no status subresource
export type ClassStatus = Has<VirtualTargetClassApi, 'getStatus'>;
`,
    );
    try {
      // All of it in one program; the verbatim copies of the runtime are checked alone by
      // test/generator/emit/runtime.test.ts, so their own diagnostics are not asked for here.
      const files = listFiles(out, /\.ts$/);
      const copies = runtimeCopies();
      const copy = new Set(files.filter((f) => copies.get(relative(out, f)) === readFileSync(f, 'utf8')));
      expect(copy.size).toBeGreaterThan(20);
      expect(typecheck(files, STRICT_NODENEXT, (path) => path.startsWith(`${out}/`) && !copy.has(path))).toBe('');
    } finally {
      await import('node:fs/promises').then((fs) => fs.rm(out, { recursive: true, force: true }));
    }
  });
});
